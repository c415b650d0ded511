package sync;

import config.Config;
import config.Config.Side;
import http.AuthException;
import http.ServiceException;
import model.MediaItem;
import model.MediaType;
import model.Plural;
import model.Times;
import plex.PlexClient;
import simkl.SimklEntry;

import java.io.IOException;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One synchronization in two steps, for {@link SyncJob}. {@link #plan} reads both sides, matches and
 * plans, writing nothing (a dry run stops there); it takes only a {@link BoundState}. {@link #apply}
 * backs up both lists, executes the plan, verifies it and computes the state to save. {@code
 * --restore} uses the same two steps with a backup standing in for one side.
 */
final class SyncRun {
    /** Everything decided before any write: the state it started from, both reads, the planner's input and the plan. */
    record Planned(State state, PlexClient.WatchlistRead plex, SimklRead.Result simkl, Planner.Input input,
            Plan plan) {
        Backups.Lists lists() {
            return new Backups.Lists(plex.items(), simkl.entries());
        }

        /** The same plan, started from {@code s} (the state with what else the run did meanwhile, a ping). */
        Planned withState(State s) {
            return new Planned(s, plex, simkl, input, plan);
        }

        /** Why a read was not whole or not trusted (null: both were): an incomplete Plex read, a doubted SIMKL list. */
        String readProblem() {
            if (!plex.complete()) return plex.problem();
            return plan.untrusted().contains(Side.SIMKL) ? simkl.doubt() : null;
        }
    }

    /** A run's report, and the state it leaves to save (a restore's and a dry run's: the state it started from). */
    record Finished(Report report, State state) {}

    private final Config config;
    private final SyncJob.Clients clients;
    private final SyncJob.Setting setting;
    private final WriteTally tally = new WriteTally();
    /** This run's id in the journal, once it wrote (null: it wrote nothing). */
    private String runId;
    /** Why the journal could not be written in this run (counted as a failure); null: it could. */
    private volatile String journalProblem;
    private final Object firstWriteLock = new Object();
    /** What runs right before this run's first write goes out (null: nothing, or it ran). */
    private Runnable firstWrite;
    /** What that step threw: every write after it is stopped by it too. */
    private RuntimeException firstWriteFailed;

    SyncRun(Config config, SyncJob.Clients clients, SyncJob.Setting setting) {
        this.config = config;
        this.clients = clients;
        this.setting = setting;
        // a stop reaches the clients too: no write starts, no retry, and what is under way ends in time
        tally.onStop(within -> {
            clients.simkl.stop(within);
            clients.plex.stop(within);
        });
    }

    /**
     * Runs {@code step} once, right before this run's first write goes out (after the backup, inside
     * the gate: a stop that came first sends nothing and skips it; one that comes during it waits for
     * it). What it throws stops the run before any write, and is thrown from {@link #apply}.
     */
    void beforeFirstWrite(Runnable step) {
        synchronized (firstWriteLock) {
            firstWrite = step;
        }
    }

    /** The step before the first write, run by the first write only; the others wait for it, or throw what it did. */
    private void firstWrite() {
        synchronized (firstWriteLock) {
            if (firstWriteFailed != null) throw firstWriteFailed;
            Runnable step = firstWrite;
            firstWrite = null;
            if (step == null) return;
            try {
                step.run();
            } catch (RuntimeException e) {
                firstWriteFailed = e;
                throw e;
            }
        }
    }

    /** How far this run's writes have come; its gate stops them (Ctrl-C, SIGTERM). */
    WriteTally tally() {
        return tally;
    }

    /** Times in the report and the reasons: ISO-8601 UTC stamps for a --json run, else local clock times. */
    private Times times() {
        return setting.forPrograms() ? Times.iso(setting.clock().instant())
                : new Times(setting.clock().getZone(), setting.clock().instant());
    }

    /** Reads both sides and plans the sync the settings ask for. Writes nothing. */
    Planned plan(BoundState bound, SyncJob.Options opt, boolean sayReads) throws ServiceException, AuthException,
            SyncFailure {
        State state = bound.state();
        SyncJob.Log log = setting.log();
        // the two services are read at the same time: neither read depends on the other
        Consumer<String> say = sayReads ? log::info : log::debug;
        say.accept("Reading the Plex watchlist...");
        say.accept("Reading SIMKL lists...");
        SideBySide<SimklRead.Result> simklSide = SideBySide.start("simkl-read", () -> new SimklRead(clients.simkl,
                config.sync().useActivity(), log::debug, setting.clock()).read(state.simkl()));
        PlexRead plexRead;
        try {
            plexRead = PlexRead.of(clients.plex, log::info, log::debug);
        } catch (AuthException | SyncFailure | RuntimeException e) {
            simklSide.await(); // its requests are not left half-sent; this side's failure is the one reported
            throw e;
        }
        SimklRead.Result simklRead = simklSide.join(ServiceException.class, AuthException.class);
        List<State.Entry> snapshot = state.seeded() ? state.snapshot().items() : List.of();
        List<Match> matches = Matcher.match(plexRead.list().items(), simklRead.entries(), snapshot, log::info);
        Planner.Input in = new Planner.Input(matches, config.sync(), reads(plexRead, simklRead),
                Planner.LastSync.of(state), choices(opt), null);
        Plan plan = Planner.plan(in);
        // titles that left the Plex watchlist: Plex is asked whether they were played, then planned again
        List<Match> asked = Planner.playsWanted(in, plan);
        if (!asked.isEmpty()) {
            log.info("Asking Plex whether " + Plural.of(asked.size(), "title") + " that left the watchlist "
                    + (asked.size() == 1 ? "was" : "were") + " played...");
            in = in.withPlays(WatchedOnPlex.ask(clients.plex, asked, log::debug));
            plan = Planner.plan(in);
        }
        return new Planned(state, plexRead.list(), simklRead, in, plan);
    }

    /** Reads both sides as a sync does, and plans instead the undo of {@code run} from {@code journal}. */
    Planned planUndo(BoundState bound, SyncJob.Options opt, String run, List<Journal.Entry> journal)
            throws ServiceException, AuthException, SyncFailure {
        Planned read = plan(bound, opt, true);
        Map<Journal.Entry, Match> removing = Undo.removals(read.input(), run, journal);
        if (!removing.isEmpty()) {
            setting.log().info("Asking when " + Plural.of(removing.size(), "title") + " the undo would remove "
                    + (removing.size() == 1 ? "was" : "were") + " put on " + (removing.size() == 1 ? "its" : "their")
                    + " list...");
        }
        Map<Journal.Entry, AddedAt> added = AddedAt.read(clients.plex, clients.simkl, removing, setting.log()::warn);
        return new Planned(read.state(), read.plex(), read.simkl(), read.input(), Undo.plan(read.input(),
                read.plan(), run, journal, (e, m) -> added.getOrDefault(e, AddedAt.unknown("not asked"))));
    }

    /**
     * Carries out an undo of {@code run}. state.json records first the titles it will leave on one side
     * only, as it will leave them: a kill midway leaves those it took back kept apart and the rest as the
     * last sync agreed, so a plain sync writes nothing and the same --undo finishes the rest. The state
     * it leaves records them as they ended, with those an undo a kill cut short took back.
     */
    Finished applyUndo(Planned p, SyncJob.Options opt, Path backupsDir, Supplier<Journal> journal, String run,
            List<Journal.Entry> entries, Path stateFile) throws AuthException, SyncFailure {
        List<State.Entry> before = new ArrayList<>(p.state().undone());
        for (State.Entry e : Undo.alreadyUndone(p.input().matches(), run, entries)) {
            if (before.stream().noneMatch(b -> b.item().sameTitle(e.item()))) before.add(e);
        }
        List<Executor.Outcome> planned = p.plan().actions().stream()
                .map(a -> new Executor.Outcome(a, Executor.Status.DONE, "planned", null)).toList();
        try {
            if (p.plan().writes()) StateFile.save(stateFile, p.state().withUndone(Undo.leftApart(before, planned)));
        } catch (IOException e) {
            throw new SyncFailure(SyncFailure.Kind.BACKUP, "Could not record the undo in " + stateFile + " ("
                    + e.getMessage() + "), so nothing was changed. Check that the folder is writable.");
        }
        Finished done = apply(p, opt, backupsDir, journal);
        return new Finished(done.report(), done.state().withUndone(Undo.leftApart(before,
                done.report().outcomes())));
    }

    /**
     * Reads both sides and plans to make {@code target} equal to {@code backup}'s list for it: a
     * mirror whose source is the backup, with the settings' switches and the deletion guard.
     */
    Planned planRestore(BoundState bound, SyncJob.Options opt, Side target, String backupName, List<MediaItem> backup)
            throws ServiceException, AuthException, SyncFailure {
        SyncJob.Log log = setting.log();
        log.info("Reading the Plex watchlist...");
        PlexRead plexRead = PlexRead.of(clients.plex, log::info, log::debug);
        SimklRead.Result simklRead = new SimklRead(clients.simkl, false, log::debug, setting.clock()).read(null);
        List<Match> matches = target == Side.PLEX
                ? Matcher.match(plexRead.list().items(), asPlanToWatch(backup), List.of(), log::debug)
                : Matcher.match(backup, simklRead.entries(), List.of(), log::debug);
        Planner.Reads reads = target == Side.PLEX
                ? new Planner.Reads(plexRead.list().items().size(), backup.size(), plexRead.list().complete(), null,
                        plexRead.faults())
                : new Planner.Reads(backup.size(), simklRead.planToWatch().size(), true, null);
        Planner.Input in = new Planner.Input(matches, config.sync(), reads, Planner.LastSync.NONE, choices(opt),
                new Planner.Restore(target, backupName));
        return new Planned(bound.state(), plexRead.list(), simklRead, in, Planner.plan(in));
    }

    /**
     * Carries a plan out: saves both lists to {@code backupsDir} first (when anything is written),
     * executes into the {@code journal} (taken only then), verifies, and computes the state to save.
     * A restore leaves the state as it was: to the next sync it is an edit of one side.
     */
    Finished apply(Planned p, SyncJob.Options opt, Path backupsDir, Supplier<Journal> journal) throws AuthException,
            SyncFailure {
        List<Executor.Outcome> outcomes = List.of();
        State.SimklCache simklCopy = simklCopy(p);
        if (p.plan().writes()) {
            Path backup;
            try {
                backup = Backups.save(backupsDir, setting.clock().instant(), p.lists());
                setting.log().info("Backup of both lists: " + backup);
            } catch (IOException e) {
                throw SyncFailure.backup(backupsDir, e);
            }
            runId = runId();
            RunJournal record = new RunJournal(journal.get(), runId, backup.getFileName().toString(), setting.clock(),
                    setting.log()::info);
            outcomes = execute(p, record);
            journalProblem = record.problem();
            if (config.sync().verifyAfterWrite()) {
                Verifier.Checked checked = Verifier.verify(outcomes, clients.plex, new SimklRead(clients.simkl, true,
                        setting.log()::debug, setting.clock()).afterWrites(), simklCopy, setting.sleeper(),
                        setting.log()::debug);
                // a write the re-read does not show is journalled again, as failed; one of unknown fate that it
                // settles, as it settles it
                for (int i = 0; i < outcomes.size(); i++) {
                    if (outcomes.get(i).status() != checked.outcomes().get(i).status()) {
                        record.accept(checked.outcomes().get(i));
                    }
                }
                journalProblem = record.problem();
                outcomes = checked.outcomes();
                // the copy read after our own writes carries their stamps: the next run need not read SIMKL again
                if (checked.simklCopy() != null) simklCopy = checked.simklCopy();
            }
        }
        return result(p, outcomes, simklCopy, false);
    }

    /** The writes, each journaled and counted as its outcome comes, behind the tally's gate. */
    private List<Executor.Outcome> execute(Planned p, RunJournal record) throws AuthException {
        tally.begin(p.plan().actions().size());
        Set<String> keys = new HashSet<>();
        for (MediaItem i : p.plex().items()) if (i.ids().has("plex")) keys.add(i.ids().get("plex"));
        return new Executor(clients.plex, clients.simkl, PlexClient.CONCURRENCY, setting.log()::debug,
                gate(setting.beforeWrite()), setting.log()::progress).recording(o -> {
                    try {
                        record.accept(o);
                    } finally {
                        tally.finished(o); // whatever the journal did, this write is no longer under way
                    }
                }).execute(p.plan(), keys);
    }

    /**
     * The executor's hook: the tally's gate first (a stopping run starts no write, and each write
     * under way is counted until its outcome is journaled), then the step before the first write,
     * then the caller's hook, a test's stand-in for a kill.
     */
    private Executor.Hook gate(SyncJob.Hook caller) {
        return new Executor.Hook() {
            @Override
            public void before(Plan.Action a) {
                beforeBatch(List.of(a));
            }

            @Override
            public void beforeBatch(List<Plan.Action> batch) {
                tally.starting(batch.size());
                try {
                    firstWrite();
                    if (caller != null) for (Plan.Action a : batch) caller.beforeWrite(a);
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
        String at = setting.clock().instant().truncatedTo(ChronoUnit.SECONDS).toString()
                .replace("-", "").replace(":", "");
        return at + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }

    /** A dry run: the same plan, and the end it expects if every action succeeds. */
    Finished project(Planned p) {
        List<Executor.Outcome> planned = p.plan().actions().stream()
                .map(a -> new Executor.Outcome(a, Executor.Status.DONE, "planned", null)).toList();
        return result(p, planned, simklCopy(p), true);
    }

    /**
     * What the next sync would do after a restore: the restored side as the outcomes left it, the
     * other side as read, judged against the state the restore kept. Pure.
     */
    Plan nextSync(Planned p, List<Executor.Outcome> outcomes) {
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
                setting.log()::debug);
        int ptw = (int) simklNow.stream().filter(SimklEntry::planToWatch).count();
        return Planner.plan(new Planner.Input(matches, config.sync(), Planner.Reads.whole(plexNow.size(), ptw),
                Planner.LastSync.of(state), new Planner.Choices(setting.clock().instant(), false, null), null));
    }

    private Finished result(Planned p, List<Executor.Outcome> outcomes, State.SimklCache simklCopy, boolean dryRun) {
        State state = p.state();
        boolean restore = p.input().restore() != null;
        List<Match> matches = p.plan().withActedOn(p.input().matches());
        StateUpdate.Result upd = StateUpdate.apply(matches, p.plan(), outcomes,
                !config.sync().bidirectional() && !restore, state.unresolved(), setting.clock().instant());
        String now = setting.clock().instant().toString();
        State newState = restore ? state : state
                .withSnapshot(new State.Snapshot(now, upd.snapshot()))
                // activity stamps guard the saved copy: if our writes (or anyone's) moved them, the next run re-reads
                .withSimkl(simklCopy)
                .withUnresolved(upd.ledger())
                // what an --undo left on one side stays so while both sides hold it as the undo left it
                .withUndone(state.undone().stream().filter(e -> p.input().matches().stream()
                        .anyMatch(m -> p.input().last().undone(m) == e)).toList())
                .withSavedAt(now);
        // counted as titles, as the closing line counts them: an anime's seasons on SIMKL are one title
        // and a kind sync.types leaves out is not counted at all
        List<Match> counted = matches.stream().filter(m -> config.sync().types().contains(Planner.kind(m))).toList();
        int plexBefore = (int) counted.stream().filter(Match::onPlex).count();
        int simklBefore = (int) counted.stream().filter(Match::inPlanToWatch).count();
        Report report = new Report(config.sync().describe(), p.input().restore(), !state.seeded() && !restore, dryRun,
                p.plan(), outcomes, plexBefore, simklBefore, upd, p.readProblem(), times(),
                journalProblem == null ? List.of() : List.of(journalProblem), null, new Report.Handles(runId, null));
        return new Finished(report, newState);
    }

    /** The SIMKL copy this run may keep: as read, unless the plan does not trust the SIMKL read. */
    private static State.SimklCache simklCopy(Planned p) {
        return p.simkl().cache(!p.plan().untrusted().contains(Side.SIMKL));
    }

    private static Planner.Reads reads(PlexRead plexRead, SimklRead.Result simklRead) {
        PlexClient.WatchlistRead list = plexRead.list();
        return new Planner.Reads(list.items().size(), simklRead.planToWatch().size(), list.complete(),
                simklRead.doubt(), plexRead.faults());
    }

    private Planner.Choices choices(SyncJob.Options opt) {
        return new Planner.Choices(setting.clock().instant(), opt.retryUnresolved(), opt.maxDelete(), times());
    }

    private static List<SimklEntry> asPlanToWatch(List<MediaItem> items) {
        List<SimklEntry> out = new ArrayList<>();
        for (MediaItem i : items) out.add(new SimklEntry(i, i.type() == MediaType.MOVIE ? "movies" : "shows",
                "plantowatch", false, false, null));
        return out;
    }
}
