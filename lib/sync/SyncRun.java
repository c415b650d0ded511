package sync;

import config.Config;
import config.Config.Side;
import http.AuthException;
import http.ServiceException;
import http.Sleeper;
import model.MediaItem;
import model.Plural;
import model.MediaType;
import plex.PlexClient;
import simkl.SimklClient;
import simkl.SimklEntry;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * One synchronization in two steps. {@link #plan} reads both sides, matches and plans, writing
 * nothing (a dry run stops there). {@link #apply} backs up both lists, executes the plan, verifies
 * it and computes the state to save. The caller holds the lock and saves the state.
 * {@code --restore} uses the same two steps with a backup standing in for one side.
 */
public final class SyncRun {
    /** Per-run choices from the command line. */
    public record Options(boolean dryRun, Integer maxDelete, boolean retryUnresolved, int concurrency,
            Executor.Hook hook) {}

    /** Both lists as read, for backups. */
    public record Lists(List<MediaItem> plex, List<SimklEntry> simkl) {}

    /** How a finished run stands: in sync (as far as the mode asks), partly done, or guarded (removals withheld). */
    public enum Status { IN_SYNC, PARTIAL, GUARDED }

    /** Everything decided before any write: the state it started from, both reads, the planner's input and the plan. */
    public record Planned(State state, PlexClient.WatchlistRead plex, SimklRead.Result simkl, Planner.Input input,
            Plan plan) {
        public Lists lists() {
            return new Lists(plex.items(), simkl.entries());
        }

        /** The same plan, started from {@code s} (the state with what else the run did meanwhile, a ping). */
        public Planned withState(State s) {
            return new Planned(s, plex, simkl, input, plan);
        }

        /** Why a read was not whole or not trusted (null: both were): an incomplete Plex read, a doubted SIMKL list. */
        public String readProblem() {
            if (!plex.complete()) return plex.problem();
            return plan.untrusted().contains(Side.SIMKL) ? simkl.doubt() : null;
        }
    }

    /** Everything the report needs; {@code restore} is set for a --restore (its target and backup), else null. */
    public record Result(String mode, Planner.Restore restore, boolean firstRun, boolean dryRun, Plan plan,
                         List<Executor.Outcome> outcomes, int plexBefore, int simklBefore, StateUpdate.Result after,
                                 State newState,
                         String readProblem, model.Times times, List<String> notSaved) {
        public Result {
            notSaved = List.copyOf(notSaved);
        }

        /** This result, with one more file the run could not save (what, where and why, in words). */
        public Result withNotSaved(String what) {
            List<String> all = new ArrayList<>(notSaved);
            all.add(what);
            return new Result(mode, restore, firstRun, dryRun, plan, outcomes, plexBefore, simklBefore, after, newState,
                    readProblem, times, all);
        }

        /** Both lists hold the same titles (nothing on one side only), and both were read whole. */
        public boolean equal() {
            return after.differences().isEmpty() && readProblem == null;
        }

        /**
         * The lists agree as the mode and the rules ask: every title on one side only is kept apart
         * by a rule (completed on SIMKL, excluded, waiting for its retry, …), and both were read whole.
         */
        public boolean inSync() {
            return after.unexplained().isEmpty() && readProblem == null;
        }

        public Status status() {
            if (!plan.withheld().isEmpty()) return Status.GUARDED;
            boolean failed = outcomes.stream().anyMatch(o -> o.status() == Executor.Status.FAILED)
                    || plan.skipped().stream().anyMatch(n -> n.rule() == Rule.LOOKUP_FAILED);
            // a write the services received but the files do not record is a run that went wrong, however it ended
            if (failed || !inSync() || !after.newlyUnresolved().isEmpty() || !notSaved.isEmpty()) return Status.PARTIAL;
            return Status.IN_SYNC;
        }
    }

    /** A read failed before anything could be planned; nothing was changed. */
    public static final class ReadFailed extends Exception {
        public ReadFailed(String message) {
            super(message);
        }
    }

    /** The backup before the first write could not be saved, so nothing was written. */
    public static final class BackupFailed extends Exception {
        public BackupFailed(Path dir, IOException cause) {
            super("Could not write the backup in " + dir + " (" + cause.getMessage()
                    + "), so nothing was changed. Check that the folder is writable.", cause);
        }
    }

    private final Config config;
    private final PlexClient plex;
    private final SimklClient simkl;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Consumer<String> info;
    private final Consumer<String> debug;
    private final Consumer<String> progress;
    private final WriteTally tally = new WriteTally();
    /** Why the journal could not be written in this run (said once, and counted as a failure); null: it could. */
    private volatile String journalProblem;

    private boolean forPrograms;

    /** Times in the report and the reasons as ISO-8601 UTC stamps (a --json run), not local clock times. */
    public SyncRun forPrograms() {
        forPrograms = true;
        return this;
    }

    private model.Times times() {
        return forPrograms ? model.Times.iso(clock.instant()) : new model.Times(clock.getZone(), clock.instant());
    }

    /** How far this run's writes have come; its gate stops them (Ctrl-C, SIGTERM). */
    public WriteTally tally() {
        return tally;
    }

    public SyncRun(Config config, PlexClient plex, SimklClient simkl, Clock clock, Sleeper sleeper,
            Consumer<String> info, Consumer<String> debug,
                   Consumer<String> progress) {
        this.config = config;
        this.plex = plex;
        this.simkl = simkl;
        this.clock = clock;
        this.sleeper = sleeper;
        this.info = info;
        this.debug = debug;
        this.progress = progress;
    }

    /** Reads both sides and plans the sync the settings ask for. Writes nothing. */
    public Planned plan(State state, Options opt) throws ServiceException, AuthException, ReadFailed {
        // the two services are read at the same time: neither read depends on the other
        info.accept("Reading the Plex watchlist...");
        info.accept("Reading SIMKL lists...");
        CompletableFuture<SimklRead.Result> simklSide = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                simklSide.complete(new SimklRead(simkl, config.sync().useActivity(), debug, clock)
                        .read(state.simkl()));
            } catch (Throwable t) {
                simklSide.completeExceptionally(t);
            }
        }, "simkl-read");
        reader.setDaemon(true);
        reader.start();
        PlexRead plexRead;
        try {
            plexRead = readPlex(false);
        } catch (AuthException | ReadFailed | RuntimeException e) {
            awaitQuietly(simklSide);
            throw e;
        }
        SimklRead.Result simklRead = joinRead(simklSide);
        List<State.Entry> snapshot = state.seeded() ? state.snapshot().items() : List.of();
        List<Match> matches = Matcher.match(plexRead.list().items(), simklRead.entries(), snapshot, info);
        Planner.Input in = new Planner.Input(matches, config.sync(), reads(plexRead, simklRead),
                Planner.LastSync.of(state),
                choices(opt), null);
        Plan plan = Planner.plan(in);
        // titles that left the Plex watchlist: Plex is asked whether they were played, then planned again
        List<Match> asked = Planner.playsWanted(in, plan);
        if (!asked.isEmpty()) {
            info.accept("Asking Plex whether " + Plural.of(asked.size(), "title") + " that left the watchlist "
                    + (asked.size() == 1 ? "was" : "were") + " played...");
            in = in.withPlays(WatchedOnPlex.ask(plex, asked, debug));
            plan = Planner.plan(in);
        }
        return new Planned(state, plexRead.list(), simklRead, in, plan);
    }

    /**
     * Reads both sides and plans to make {@code target} equal to {@code backup}'s list for it: a
     * mirror whose source is the backup, with the settings' switches and the deletion guard.
     */
    public Planned planRestore(State state, Options opt, Side target, String backupName, List<MediaItem> backup)
            throws ServiceException, AuthException, ReadFailed {
        PlexRead plexRead = readPlex();
        SimklRead.Result simklRead = new SimklRead(simkl, false, debug, clock).read(null);
        List<Match> matches = target == Side.PLEX
                ? Matcher.match(plexRead.list().items(), asPlanToWatch(backup), List.of(), debug)
                : Matcher.match(backup, simklRead.entries(), List.of(), debug);
        Planner.Reads reads = target == Side.PLEX
                ? new Planner.Reads(plexRead.list().items().size(), backup.size(), plexRead.list().complete(), null,
                        plexRead.faults())
                : new Planner.Reads(backup.size(), simklRead.planToWatch().size(), true, null);
        Planner.Input in = new Planner.Input(matches, config.sync(), reads, Planner.LastSync.NONE, choices(opt),
                new Planner.Restore(target, backupName));
        return new Planned(state, plexRead.list(), simklRead, in, Planner.plan(in));
    }

    /**
     * Carries a plan out: saves both lists to {@code backupsDir} first (when anything is written),
     * executes, verifies, and computes the state to save. A restore leaves the state as it was: to
     * the next sync it is an edit of one side.
     */
    public Result apply(Planned p, Options opt, Path backupsDir, Journal journal) throws AuthException,
            BackupFailed {
        List<Executor.Outcome> outcomes = List.of();
        State.SimklCache simklCopy = simklCopy(p);
        if (p.plan().writes()) {
            Path backup;
            try {
                backup = Backups.save(backupsDir, clock.instant(), p.lists());
                info.accept("Backup of both lists: " + backup);
            } catch (IOException e) {
                throw new BackupFailed(backupsDir, e);
            }
            JournalWriter record = new JournalWriter(journal, runId(), backup.getFileName().toString());
            tally.begin(p.plan().actions().size());
            Set<String> keys = new HashSet<>();
            for (MediaItem i : p.plex().items()) if (i.ids().has("plex")) keys.add(i.ids().get("plex"));
            Executor.Hook gated = gate(opt.hook());
            outcomes = new Executor(plex, simkl, opt.concurrency(), debug, gated, progress).recording(o -> {
                        record.accept(o);
                        tally.finished(o);
                    }).execute(p.plan(), keys);
            if (config.sync().verifyAfterWrite()) {
                Verifier.Checked checked = Verifier.verify(outcomes, plex,
                        new SimklRead(simkl, true, debug, clock).afterWrites(), simklCopy, sleeper, debug);
                // a write the re-read does not show is journalled again, as failed
                for (int i = 0; i < outcomes.size(); i++) {
                    if (outcomes.get(i).succeeded() && !checked.outcomes().get(i).succeeded()) {
                        record.accept(checked.outcomes().get(i));
                    }
                }
                outcomes = checked.outcomes();
                // the copy read after our own writes carries their stamps: the next run need not read SIMKL again
                if (checked.simklCopy() != null) simklCopy = checked.simklCopy();
            }
        }
        return result(p, outcomes, simklCopy, false);
    }

    /**
     * The executor's hook: the tally's gate first (a stopping run starts no write, and each write
     * under way is counted until its outcome is journaled), then the caller's hook, a test's stand-in
     * for a kill.
     */
    private Executor.Hook gate(Executor.Hook caller) {
        return new Executor.Hook() {
            @Override
            public void before(Plan.Action a) {
                beforeBatch(List.of(a));
            }

            @Override
            public void beforeBatch(List<Plan.Action> batch) {
                tally.starting(batch.size());
                if (caller == null) return;
                try {
                    caller.beforeBatch(batch);
                } catch (RuntimeException stop) {
                    tally.abandoned(batch.size());
                    throw stop;
                }
            }

            @Override
            public void abandoned(Plan.Action a) {
                tally.abandoned(1);
            }
        };
    }

    /** "20261127T101500Z-3fa9": when a run began, and enough to tell two runs of one second apart. */
    private String runId() {
        String at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()
                .replace("-", "").replace(":", "");
        return at + "-" + String.format("%04x", java.util.concurrent.ThreadLocalRandom.current().nextInt(0x10000));
    }

    /** Appends each outcome to the journal as it comes; a journal that cannot be written is said once, then
     * skipped. */
    private final class JournalWriter implements Consumer<Executor.Outcome> {
        private final Journal journal;
        private final String run;
        private final String backup;

        JournalWriter(Journal journal, String run, String backup) {
            this.journal = journal;
            this.run = run;
            this.backup = backup;
        }

        @Override
        public synchronized void accept(Executor.Outcome o) {
            if (journal == null) return;
            Plan.Action a = o.action();
            MediaItem item = o.resolved() != null ? a.match().item().withIds(o.resolved().ids()) : a.match().item();
            try {
                journal.append(new Journal.Entry(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        .toString(), run, a.side().word,
                        a.kind().word, item.type().word(), item.title(), item.year(),
                        item.ids().matching(), a.rule().word, a.reason(),
                        o.status().name().toLowerCase(java.util.Locale.ROOT), o.detail(), backup));
            } catch (IOException e) {
                if (journalProblem == null) {
                    journalProblem = "the journal " + journal.file() + " (" + e.getMessage() + "): the actions of "
                            + "this run are in the report above only";
                    info.accept("Could not append to the journal " + journal.file() + " (" + e.getMessage()
                            + "); the run goes on without it.");
                }
            }
        }
    }

    /** A dry run: the same plan, and the end it expects if every action succeeds. */
    public Result project(Planned p) {
        List<Executor.Outcome> planned = p.plan().actions().stream()
                .map(a -> new Executor.Outcome(a, Executor.Status.DONE, "planned", null)).toList();
        return result(p, planned, simklCopy(p), true);
    }

    /**
     * What the next sync would do after a restore: the restored side as the outcomes left it, the
     * other side as read, judged against the state the restore kept. Pure.
     */
    public Plan nextSync(Planned p, List<Executor.Outcome> outcomes) {
        Side target = p.input().restore().target();
        List<MediaItem> plexNow = new ArrayList<>(p.plex().items());
        List<SimklEntry> simklNow = new ArrayList<>(p.simkl().entries());
        for (Executor.Outcome o : outcomes) {
            if (!o.succeeded()) continue;
            MediaItem item = o.resolved() != null ? o.resolved() : o.action().match().item();
            boolean add = o.action().kind() == Plan.Kind.ADD;
            if (target == Side.PLEX && add) plexNow.add(item);
            else if (target == Side.PLEX) plexNow.removeIf(i -> i.sameTitle(item));
            else if (add) simklNow.addAll(asPlanToWatch(List.of(item)));
            else simklNow.removeIf(e -> e.planToWatch() && e.item().sameTitle(item));
        }
        State state = p.state();
        List<Match> matches = Matcher.match(plexNow, simklNow, state.seeded() ? state.snapshot().items() : List.of(),
                debug);
        int ptw = (int) simklNow.stream().filter(SimklEntry::planToWatch).count();
        return Planner.plan(new Planner.Input(matches, config.sync(), Planner.Reads.whole(plexNow.size(), ptw),
                Planner.LastSync.of(state), new Planner.Choices(clock.instant(), false, null), null));
    }

    private Result result(Planned p, List<Executor.Outcome> outcomes, State.SimklCache simklCopy, boolean dryRun) {
        State state = p.state();
        boolean restore = p.input().restore() != null;
        StateUpdate.Result upd = StateUpdate.apply(p.input().matches(), p.plan(), outcomes,
                !config.sync().bidirectional() && !restore,
                state.unresolved(), clock.instant());
        State newState = restore ? state : state
                .withSnapshot(new State.Snapshot(clock.instant().toString(), upd.snapshot()))
                // activity stamps guard the saved copy: if our writes (or anyone's) moved them, the next run re-reads
                .withSimkl(simklCopy)
                .withUnresolved(upd.ledger())
                .withSavedAt(clock.instant().toString());
        // counted as titles, as the closing line counts them: an anime's seasons on SIMKL are one title
        List<Match> matches = p.input().matches();
        // and a kind sync.types leaves out is not counted at all
        List<Match> counted = matches.stream().filter(m -> config.sync().types().contains(Planner.kind(m))).toList();
        int plexBefore = (int) counted.stream().filter(Match::onPlex).count();
        int simklBefore = (int) counted.stream().filter(Match::inPlanToWatch).count();
        return new Result(config.sync().describe(), p.input().restore(), !state.seeded() && !restore, dryRun,
                p.plan(), outcomes, plexBefore, simklBefore, upd, newState, p.readProblem(),
                        times(), journalProblem == null ? List.of() : List.of(journalProblem));
    }

    /** The SIMKL copy this run may keep: as read, unless the plan does not trust the SIMKL read. */
    private static State.SimklCache simklCopy(Planned p) {
        return p.simkl().cache(!p.plan().untrusted().contains(Side.SIMKL));
    }

    /** The SIMKL read, or what stopped it, thrown as it was. */
    private static SimklRead.Result joinRead(CompletableFuture<SimklRead.Result> side) throws ServiceException,
            AuthException {
        try {
            return side.join();
        } catch (CompletionException e) {
            Throwable t = e.getCause();
            if (t instanceof ServiceException se) throw se;
            if (t instanceof AuthException ae) throw ae;
            if (t instanceof RuntimeException re) throw re;
            if (t instanceof Error err) throw err;
            throw new IllegalStateException(t);
        }
    }

    /** Lets a read that is no longer wanted finish (its requests are not left half-sent), whatever it answers. */
    private static void awaitQuietly(CompletableFuture<?> side) {
        try {
            side.join();
        } catch (RuntimeException ignored) {
            // the other side's failure is the one reported
        }
    }

    /** The Plex watchlist as read, its items' missing ids filled in, and the titles whose lookup failed. */
    private record PlexRead(PlexClient.WatchlistRead list, List<LookupFault> faults) {}

    private PlexRead readPlex() throws AuthException, ReadFailed {
        return readPlex(true);
    }

    private PlexRead readPlex(boolean say) throws AuthException, ReadFailed {
        if (say) info.accept("Reading the Plex watchlist...");
        PlexClient.WatchlistRead read = plex.readWatchlist();
        if (!read.complete() && read.items().isEmpty()) {
            throw new ReadFailed("Could not read the Plex watchlist: " + read.problem() + " Nothing was changed.");
        }
        List<LookupFault> faults = new ArrayList<>();
        List<MediaItem> items = fillMissingIds(read.items(), faults);
        return new PlexRead(new PlexClient.WatchlistRead(items, read.complete(), read.problem()), faults);
    }

    private static Planner.Reads reads(PlexRead plexRead, SimklRead.Result simklRead) {
        PlexClient.WatchlistRead list = plexRead.list();
        return new Planner.Reads(list.items().size(), simklRead.planToWatch().size(), list.complete(),
                simklRead.doubt(), plexRead.faults());
    }

    private Planner.Choices choices(Options opt) {
        return new Planner.Choices(clock.instant(), opt.retryUnresolved(), opt.maxDelete(), times());
    }

    private static List<SimklEntry> asPlanToWatch(List<MediaItem> items) {
        List<SimklEntry> out = new ArrayList<>();
        for (MediaItem i : items) out.add(new SimklEntry(i, i.type() == MediaType.MOVIE ? "movies" : "shows",
                "plantowatch", false, false, null));
        return out;
    }

    /**
     * List items without any external id get them from Plex's metadata, one request each. A 404 is
     * Plex's answer that it has none; a lookup that fails is no answer, and its title goes to
     * {@code faults}, to wait for the next run.
     */
    private List<MediaItem> fillMissingIds(List<MediaItem> items, List<LookupFault> faults) throws AuthException {
        List<MediaItem> out = new ArrayList<>(items.size());
        for (MediaItem i : items) {
            if (i.ids().hasExternal()) {
                out.add(i);
                continue;
            }
            try {
                MediaItem filled = plex.fetchIds(i).orElse(null);
                if (filled == null) info.accept("Plex has no metadata for \"" + i.label()
                        + "\" (removed from its catalogue?); matched by its Plex id only.");
                out.add(filled == null ? i : filled);
            } catch (ServiceException e) {
                debug.accept("Plex metadata for " + i.label() + " failed: " + e.getMessage());
                faults.add(LookupFault.of(i, e));
                out.add(i);
            }
        }
        return out;
    }
}
