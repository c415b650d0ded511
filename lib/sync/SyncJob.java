package sync;

import config.Config;
import config.Config.Side;
import config.ConfigDir;
import config.ConfigException;
import http.AuthException;
import http.LimitException;
import http.ServiceException;
import http.Sleeper;
import model.MediaItem;
import model.Plural;
import plex.PlexClient;
import simkl.SimklClient;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One sync, dry run, restore, undo or apply, from "here are the clients and the folder" to "here is the
 * report": state.json loaded, bound to whose lists this run syncs ({@link WhoseLists}), SIMKL's day
 * counted ({@link SimklDay}), both sides read and planned ({@link SyncRun}), then, unless a dry
 * run, the backup, the writes with their journal, the check of what was written, and state.json
 * saved with what the run could not save told in its report. The caller holds the run lock and
 * opens the clients; what the job tells as it goes goes to its {@link Log}, and what the run is
 * (its heading, its writes) to its {@link Listener}.
 */
public final class SyncJob {
    /** What the command line asks of a sync, a dry run or a restore; where a dry run keeps its plan (or null). */
    public record Options(boolean dryRun, Integer maxDelete, boolean retryUnresolved, Path planOut) {}

    /** Where the job says what it does: the console, or a test's own. */
    public interface Log {
        void info(String line);

        void warn(String line);

        void error(String line);

        void debug(String line);

        /** A line for a terminal, rewritten in place: how far a long phase has come. */
        void progress(String line);
    }

    /** What the caller hears of a run besides its lines. */
    public interface Listener {
        /** The run is bound to its lists and about to read them: its mode, whether it is a first run. */
        default void starting(String mode, boolean firstRun, boolean dryRun) { }

        /**
         * Whether the run says, as it starts reading, that it reads both lists: a --sync does; a --watch
         * round, whose one line is all a quiet round is worth, does not.
         */
        default boolean saysReads() {
            return true;
        }

        /** Writes may start from now on; {@code writes} counts them, and closing its gate stops them (Ctrl-C). */
        default void writing(Writes writes) { }
    }

    /**
     * How far a run's writes have come, for whoever stops it (Ctrl-C, SIGTERM): {@link #stop} closes
     * the gate, so that no write starts after it; the writes under way are waited for, so that each
     * one a service received is journaled; then one line says how far the run came.
     */
    public interface Writes {
        /** Closes the gate: nothing starts or is retried; what is under way is abandoned {@code endWithin} from now. */
        void stop(Duration endWithin);
        /** As {@link #stop}, the gate left open: each write left ends as not sent, and the run with its report. */
        void stopSending(Duration endWithin);
        /** Whether writes are under way now. */
        boolean writing();

        /** Waits, at most {@code limit}, until no write is under way; answers whether none is. */
        boolean awaitQuiet(Duration limit) throws InterruptedException;

        /** The one line for a run stopped now: how far it came, and what was done. */
        String stoppedLine();
    }

    /** Called before each write goes out: a test's stand-in for a kill (it throws to stop the run there). */
    public interface Hook {
        void beforeWrite(Plan.Action a);
    }

    /**
     * What the job works with besides the settings, the folder and the clients: the clock, the
     * pauses (a test's never sleep), where it says what it does, how a journal line is redacted,
     * whether times are for programs (ISO-8601 UTC stamps, a --json run), and a hook called before
     * each write (null: none).
     */
    public record Setting(Clock clock, Sleeper sleeper, Log log, UnaryOperator<String> redact, boolean forPrograms,
            Hook beforeWrite) {}

    /**
     * The service clients of one run, as the command line opens them: {@code plex} reads and writes
     * the watchlist being synced (a Plex Home user's, switched to for this run, or the owner's),
     * {@code owner} speaks for the account on plex.tv (its keep-alive ping, who it is): the same client
     * when no Home user is chosen. {@code simklSignIn} is the token that tells the SIMKL sign-in apart
     * (kept as its digest only, {@link State#tag}): a new sign-in is one state.json was not taken with;
     * {@code notSaved} answers what the clients could not save since it was last asked (a renewed
     * token), in words.
     */
    public static final class Clients implements AutoCloseable {
        final PlexClient plex;
        final SimklClient simkl;
        final PlexClient owner;
        final String simklSignIn;
        private final Supplier<List<String>> notSaved;

        public Clients(PlexClient plex, SimklClient simkl, PlexClient owner, String simklSignIn,
                Supplier<List<String>> notSaved) {
            this.plex = plex;
            this.simkl = simkl;
            this.owner = owner;
            this.simklSignIn = State.tag(simklSignIn);
            this.notSaved = notSaved;
        }

        /** What could not be saved since the last call (each is told once). */
        List<String> notSaved() {
            return notSaved.get();
        }

        @Override
        public void close() {
            plex.close();
            simkl.close();
            if (owner != plex) owner.close();
        }
    }

    /** A keep-alive ping at most this often (state.json remembers the last one, across runs and rounds). */
    static final Duration PING_EVERY = Duration.ofDays(1);

    private final Config config;
    private final ConfigDir folder;
    private final Clients clients;
    private final Setting setting;
    private final Clock clock;
    private final Log log;
    private final WhoseLists whose;
    private final SimklDay day;
    private Listener listener = new Listener() { };

    public SyncJob(Config config, ConfigDir folder, Clients clients, Setting setting) {
        this.config = config;
        this.folder = folder;
        this.clients = clients;
        this.setting = setting;
        this.clock = setting.clock();
        this.log = setting.log();
        this.whose = new WhoseLists(config, clients, log);
        this.day = new SimklDay(folder.stateFile(), clock, clients.simkl, log);
        clients.plex.onPage((read, total) -> log.progress("Plex watchlist: " + read + " of "
                + Plural.of(total, "title") + " read"));
    }

    /** The job, telling {@code l} where each run stands. */
    public SyncJob listening(Listener l) {
        this.listener = l;
        return this;
    }

    /**
     * One synchronization: plan, then (unless a dry run) apply and save state.json. Throws what
     * stopped it before it had a report.
     */
    public Report sync(Options o) throws ConfigException, SyncFailure, ServiceException, AuthException {
        StateFile.Loaded read = day.read();
        BoundState bound;
        try {
            bound = whose.bind(read.state());
        } catch (LimitException e) {
            throw day.quotaAnswered(read, e, o.dryRun());
        }
        listener.starting(config.sync().describe(), !bound.state().seeded(), o.dryRun());
        String polling = pollingWarning(config);
        if (polling != null) log.warn(polling);
        SyncRun run = new SyncRun(config, clients, setting);
        listener.writing(run.tally());
        // plex.tv (the keep-alive ping, whose watchlist this is) is asked while both lists are read; a refused
        // token still stops the run
        State before = bound.state();
        SideBySide<State> pinged = SideBySide.start("plex-ping",
                () -> whose.recordWatchlist(keepPlexTokenAlive(before)));
        SyncRun.Planned planned;
        try {
            planned = run.plan(bound, o, listener.saysReads());
        } catch (LimitException e) {
            throw day.quotaAnswered(read, e, o.dryRun());
        } finally {
            pinged.await(); // its failure is said below, or the read's failure is what is reported
        }
        planned = planned.withState(pinged.join(AuthException.class));
        if (o.dryRun()) return PlanFile.kept(o.planOut(), planned, run.project(planned).report(), clock.instant(),
                log::warn);
        Report report = saved(read, run.apply(planned, o, folder.backupsDir(), this::journal));
        // the run the guard held back is kept as a plan, to review and carry out exactly as it is
        return report.plan().withheld().isEmpty() ? report
                : PlanFile.keptWithheld(folder.plansDir(), planned, report, clock.instant(), log::warn);
    }

    /** Carries out the plan in {@code file} if both lists read as it saw them, marked applied as it writes. */
    public Report apply(Options o, Path file) throws ConfigException, SyncFailure, ServiceException, AuthException,
            PlanFile.Refused {
        PlanFile kept = PlanFile.read(file);
        PlanFile.markable(file, folder.plansDir());
        StateFile.Loaded loaded = day.read();
        SyncRun run = new SyncRun(config, clients, setting);
        SyncRun.Planned read;
        try {
            BoundState bound = whose.bind(loaded.state());
            listener.starting("apply " + file.getFileName(), false, o.dryRun());
            run.tally().finishedBy("this plan is used up: the next --sync plans what is left again (removals the "
                    + "deletion guard holds back are kept in a new plan to --apply)");
            listener.writing(run.tally());
            read = run.plan(bound, o, true);
        } catch (LimitException e) {
            throw day.quotaAnswered(loaded, e, o.dryRun());
        }
        SyncRun.Planned planned = new SyncRun.Planned(read.state(), read.plex(), read.simkl(), read.input(),
                kept.replay(read, file));
        String consent = PlanFile.consent(planned.plan(), o.dryRun());
        if (consent != null) log.info(consent);
        if (o.dryRun()) return run.project(planned).report();
        if (!planned.plan().writes()) kept.markApplied(file, folder.plansDir(), clock.instant());
        run.beforeFirstWrite(kept.marking(file, folder.plansDir(), clock));
        try {
            return saved(loaded, run.apply(planned, o, folder.backupsDir(), this::journal));
        } catch (PlanFile.Unmarked e) {
            throw e.refused();
        }
    }

    /**
     * Makes {@code side} equal to its list in the backup {@code file} ({@code wanted}), with the same
     * plan, guard, dry run and report as a sync. state.json is kept, so to the next sync the restore
     * is an edit of that side; the report says what that next sync will do. Its SIMKL requests are
     * counted beside it ({@link StateFile#saveCount}).
     */
    public Report restore(Options o, Side side, Path file, List<MediaItem> wanted)
            throws ConfigException, SyncFailure, ServiceException, AuthException {
        StateFile.Loaded read = day.read();
        SyncRun run = new SyncRun(config, clients, setting);
        // a restore retries every title: a backup's titles are what the person asks for now
        Options restoring = new Options(o.dryRun(), o.maxDelete(), true, null);
        listener.writing(run.tally());
        SyncRun.Planned planned;
        try {
            BoundState bound = whose.bind(read.state());
            planned = run.planRestore(bound, restoring, side, file.getFileName().toString(), wanted);
        } catch (LimitException e) {
            throw day.quotaAnswered(read, e, o.dryRun());
        }
        Report report = o.dryRun() ? run.project(planned).report()
                : counted(read, run.apply(planned, restoring, folder.backupsDir(), () -> new Journal(
                        folder.journalFile(), setting.redact())).report());
        // the backup this restore took first holds both lists as they were: restoring it undoes this one
        List<Path> now = Backups.list(folder.backupsDir());
        String undo = !o.dryRun() && report.plan().writes() && !now.isEmpty() ? Backups.stem(now.get(0)) : null;
        return report.restored(file, run.nextSync(planned, report.outcomes()), undo);
    }

    /**
     * Takes back the actions of run {@code wanted} ("last": the newest journaled) as a sync would write;
     * state.json then records the titles it left on one side only, which the next sync leaves so. Null: no such run.
     */
    public Report undo(Options o, String wanted) throws ConfigException, SyncFailure, ServiceException,
            AuthException, IOException {
        List<Journal.Entry> entries = Journal.read(folder.journalFile()).entries();
        String target = Undo.pick(entries, wanted);
        if (target == null) return null;
        StateFile.Loaded read = day.read();
        SyncRun run = new SyncRun(config, clients, setting);
        SyncRun.Planned planned;
        try {
            BoundState bound = whose.bind(read.state());
            listener.starting("undo of run " + target, false, o.dryRun());
            run.tally().finishedBy("the same --undo " + target + " finishes the rest");
            listener.writing(run.tally());
            planned = run.planUndo(bound, o, target, entries);
        } catch (LimitException e) {
            throw day.quotaAnswered(read, e, o.dryRun());
        }
        if (o.dryRun()) return run.project(planned).report();
        return saved(read, run.applyUndo(planned, o, folder.backupsDir(), this::journal, target, entries,
                folder.stateFile()));
    }

    /**
     * The titles {@code query} names, each explained from both lists read and planned exactly as a
     * dry run reads and plans them, with {@code files} (state.json, bound, never saved; the journal).
     */
    public List<Explanation> explain(String query, Explanation.Files files) throws ServiceException, AuthException,
            SyncFailure {
        BoundState bound = whose.bind(files.state());
        Options dry = new Options(true, null, false, null);
        SyncRun.Planned planned = new SyncRun(config, clients, setting).plan(bound, dry, true);
        Preview preview = new Preview(bound.state(), planned.input(), planned.plan());
        return Explanation.find(query, preview.matches(), preview, preview.state(), config, files.journal());
    }

    /** The journal of this run, trimmed of old entries first: taken only when the run is about to write. */
    private Journal journal() {
        return Journal.trimmed(folder.journalFile(), setting.redact(), clock.instant(), log::debug, log::warn);
    }

    /**
     * The report of a run that wrote, once state.json holds what it did: with the SIMKL account
     * recorded, the day's SIMKL requests counted, and what could not be saved told. A run that
     * changed nothing but its stamps leaves state.json as {@code read} found it ({@link
     * StateFile#saveChanges}).
     */
    private Report saved(StateFile.Loaded read, SyncRun.Finished done) {
        Report report = done.report();
        State saved = day.counted(whose.recordSimklAccount(done.state()));
        try {
            if (!StateFile.saveChanges(folder.stateFile(), read, saved)) log.debug("state.json unchanged: "
                    + "this run's times and SIMKL requests are in " + RunStamps.fileFor(folder.stateFile()));
        } catch (IOException e) {
            report = notSaved(report, folder.stateFile(), e);
        }
        for (String what : clients.notSaved()) report = report.withNotSaved(what);
        return report;
    }

    /** The report of a restore, once its SIMKL requests are counted beside state.json, which it leaves as it was. */
    private Report counted(StateFile.Loaded read, Report report) {
        State saved = day.counted(read.state());
        try {
            StateFile.saveCount(folder.stateFile(), read, saved);
        } catch (IOException e) {
            report = notSaved(report, RunStamps.fileFor(folder.stateFile()), e);
        }
        for (String what : clients.notSaved()) report = report.withNotSaved(what);
        return report;
    }

    private Report notSaved(Report report, Path file, IOException e) {
        log.error("Could not save " + file + ": " + e.getMessage()
                + ". The next run re-reads both sides and converges.");
        return report.withNotSaved(file + " (" + e.getMessage() + "): the next run re-reads both sides and converges");
    }

    /**
     * The warning for a config that reads the whole SIMKL library on every run, against the real
     * SIMKL (whose rules let it suspend apps that poll), or null.
     */
    public static String pollingWarning(Config config) {
        if (config.sync().useActivity() || config.endpoints().simklIsLocal()) return null;
        return "sync.activity.use_activity is false: every run reads your whole SIMKL library, which SIMKL asks apps "
                + "not to do on a timer (it may suspend the app's client id). Set it to true in config.json.";
    }

    /**
     * Pings plex.tv when the last ping is a day old or unknown. A refused token stops the run (exit 3,
     * the --init-plex hint); any other failure only delays the ping to the next run.
     */
    private State keepPlexTokenAlive(State state) throws AuthException {
        Instant now = clock.instant();
        Instant last = state.plexPingedAt() == null ? null : Instant.parse(state.plexPingedAt());
        if (last != null && last.plus(PING_EVERY).isAfter(now)) return state;
        try {
            clients.owner.ping();
            log.debug("Plex token kept alive (ping)");
            return state.withPlexPingedAt(now.toString());
        } catch (ServiceException e) {
            log.warn("Could not keep the Plex token alive (" + e.getMessage() + "); the next run tries again.");
            return state;
        }
    }
}
