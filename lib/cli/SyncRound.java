package cli;

import config.Config;
import files.RunLock;
import http.AuthException;
import http.ServiceException;
import model.Plural;
import plex.PlexClient;
import sync.Journal;
import sync.State;
import sync.StateFile;
import sync.SyncRun;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One synchronization under the run lock, as --sync runs it and each --watch round: plan, then
 * (unless a dry run) apply and save state.json. Throws what stopped it; the caller reports.
 */
final class SyncRound {
    /** What the command line asks of a sync. */
    record Options(boolean dryRun, Integer maxDelete, boolean retryUnresolved) {
        static Options of(Invocation inv) {
            return new Options(inv.dryRun(), inv.get(Flags.MAX_DELETE), inv.has(Flags.RETRY_UNRESOLVED));
        }
    }

    /** A keep-alive ping at most this often (state.json remembers the last one, across runs and rounds). */
    static final Duration PING_EVERY = Duration.ofDays(1);

    private SyncRound() {}

    /**
     * {@code banner}: print the heading first (a --watch round has its own line instead);
     * {@code interruption}: told of the run, to say where it stopped on Ctrl-C (null: nothing to tell).
     */
    static SyncRun.Result run(Session s, Config config, Options o, boolean banner, Interruption interruption)
            throws Exception {
        s.requireSyncCredentials(config);
        Console console = s.console;
        try (RunLock lock = s.lock(); Services services = s.services(config)) {
            State state = forThisWatchlist(s, config, services, StateFile.load(s.folder().stateFile()));
            if (banner) {
                console.banner("==============================================");
                console.banner(" Plex ⇄ SIMKL Watchlist Sync  (mode: " + config.sync().describe()
                        + (state.seeded() ? "" : ", first run: adds only") + (o.dryRun() ? ", dry run" : "") + ")");
                console.banner("==============================================");
            }
            String polling = pollingWarning(config);
            if (polling != null) console.warn(polling);
            SyncRun run = engine(s, config, services);
            if (interruption != null) interruption.watch(run);
            SyncRun.Options opt = new SyncRun.Options(o.dryRun(), o.maxDelete(), o.retryUnresolved(),
                    PlexClient.CONCURRENCY,
                    s.ctx.beforeWrite());
            // plex.tv (the keep-alive ping, whose watchlist this is) is asked while both lists are read; a refused
            // token still stops the run
            State before = state;
            CompletableFuture<State> pinged = CompletableFuture.supplyAsync(() -> {
                try {
                    State kept = keepPlexTokenAlive(before, services, s.ctx.clock().instant(), console);
                    return recordWatchlist(kept, config, services, console);
                } catch (AuthException e) {
                    throw new CompletionException(e);
                }
            }, SyncRound::daemon);
            SyncRun.Planned planned;
            try {
                planned = run.plan(state, opt);
            } finally {
                try {
                    pinged.join();
                } catch (CompletionException ignored) {
                    // said below, or the read's failure is what is reported
                }
            }
            state = pingResult(pinged);
            planned = planned.withState(state);
            if (o.dryRun()) return run.project(planned);
            Journal journal = new Journal(s.folder().journalFile());
            try {
                int gone = Journal.trim(journal.file(), s.ctx.clock().instant());
                if (gone > 0) console.debug("journal: " + Plural.of(gone, "old entry") + " trimmed");
            } catch (IOException e) {
                console.warn("Could not trim the journal " + journal.file() + ": " + e.getMessage());
            }
            SyncRun.Result result = run.apply(planned, opt, s.folder().backupsDir(), journal);
            State saved = result.newState().withSimklRequests(day(s), services.simkl.requestsSent());
            budgetWarning(saved.simklRequests(), console);
            try {
                StateFile.save(s.folder().stateFile(), saved);
            } catch (IOException e) {
                console.error("Could not save " + s.folder().stateFile() + ": " + e.getMessage()
                        + ". The next run re-reads both sides and converges.");
            }
            return result;
        }
    }

    /** The sync engine over these clients, reporting to the console (progress on a terminal only). */
    static SyncRun engine(Session s, Config config, Services services) {
        Console console = s.console;
        services.plex.onPage((read, total) -> console.progress("Plex watchlist: " + read + " of "
                + Plural.of(total, "title") + " read"));
        SyncRun run = new SyncRun(config, services.plex, services.simkl, s.ctx.clock(), s.ctx.sleeper(), console::info,
                console::debug, console::progress);
        return s.json() ? run.forPrograms() : run;
    }

    /**
     * The warning for a config that reads the whole SIMKL library on every run, against the real
     * SIMKL (whose rules let it suspend apps that poll), or null.
     */
    static String pollingWarning(Config config) {
        if (config.sync().useActivity() || config.endpoints().simklIsLocal()) return null;
        return "sync.activity.use_activity is false: every run reads your whole SIMKL library, which SIMKL asks apps "
                + "not to do on a timer (it may suspend the app's client id). Set it to true in config.json.";
    }

    /** The state with the ping's stamp, or the refusal of the token the ping met. */
    private static State pingResult(CompletableFuture<State> pinged) throws AuthException {
        try {
            return pinged.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof AuthException a) throw a;
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "plex-ping");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Pings plex.tv when the last ping is a day old or unknown. A refused token stops the run (exit 3,
     * the --init-plex hint); any other failure only delays the ping to the next run.
     */
    static State keepPlexTokenAlive(State state, Services services, Instant now, Console console) throws AuthException {
        Instant last = state.plexPingedAt() == null ? null : Instant.parse(state.plexPingedAt());
        if (last != null && last.plus(PING_EVERY).isAfter(now)) return state;
        try {
            services.owner.ping();
            console.debug("Plex token kept alive (ping)");
            return state.withPlexPingedAt(now.toString());
        } catch (ServiceException e) {
            console.warn("Could not keep the Plex token alive (" + e.getMessage() + "); the next run tries again.");
            return state;
        }
    }

    /**
     * The state to plan with for the Plex watchlist this run syncs ({@link State#forWatchlist}): a
     * snapshot taken of another watchlist makes the run a first run, said in one warning. Asked only
     * of a snapshot that names its watchlist; a Plex Home user is known from config.json, the account
     * from state.json while its token is the one recorded there, else from plex.tv (one request).
     * When plex.tv cannot say, the run stops before anything is read or written.
     */
    static State forThisWatchlist(Session s, Config config, Services services, State state)
            throws ServiceException, AuthException {
        if (!state.seeded() || state.plexWatchlist() == null) return state; // recorded beside the reads
        State.PlexWatchlist now = knownWatchlist(config, state);
        if (now == null) now = accountWatchlist(config, services);
        if (state.snapshotOfAnother(now)) {
            s.console.warn("state.json's snapshot is of " + state.plexWatchlist().describe() + "; this run syncs "
                    + now.describe() + ". It is a first run for this watchlist: it adds only, removes nothing on "
                    + "either side, and takes a new snapshot.");
        }
        return state.forWatchlist(now);
    }

    /**
     * The state with the watchlist this run syncs recorded, for the snapshot it saves (beside the
     * reads: nothing is decided on it in this run). When plex.tv cannot say, it stays unrecorded.
     */
    static State recordWatchlist(State state, Config config, Services services, Console console)
            throws AuthException {
        State.PlexWatchlist now = knownWatchlist(config, state);
        try {
            if (now == null) now = accountWatchlist(config, services);
        } catch (ServiceException e) {
            console.debug("whose Plex watchlist this is stays unrecorded this run: " + e.getMessage());
            return state;
        }
        return state.withPlexWatchlist(now);
    }

    /** The watchlist known without asking: a Plex Home user's, or the account's recorded with this token; else null. */
    private static State.PlexWatchlist knownWatchlist(Config config, State state) {
        Config.Home home = config.plex().home();
        if (home != null) return State.PlexWatchlist.ofHomeUser(home.userId(), home.user());
        State.PlexWatchlist known = state.plexWatchlist();
        boolean sameToken = known != null && known.of().startsWith("account:")
                && State.PlexWatchlist.tag(config.plex().accountToken()).equals(known.tokenTag());
        return sameToken ? known : null;
    }

    private static State.PlexWatchlist accountWatchlist(Config config, Services services)
            throws ServiceException, AuthException {
        PlexClient.Account a = services.owner.account();
        return State.PlexWatchlist.ofAccount(a.id(), a.name(), config.plex().accountToken());
    }

    /**
     * The smallest daily quota SIMKL users report (500 requests a day on a free account; SIMKL
     * publishes none): the syncs of a day are warned about well before it.
     */
    static final int REPORTED_DAILY_QUOTA = 500;
    static final int BUDGET_WARNING = 400;

    static String day(Session s) {
        return s.ctx.clock().instant().toString().substring(0, 10);
    }

    private static void budgetWarning(State.Budget today, Console console) {
        if (today.count() < BUDGET_WARNING) return;
        console.warn("SIMKL: " + Plural.of(today.count(), "request")
                + " today (UTC) from the syncs of this folder; some SIMKL"
                + " accounts are held to " + REPORTED_DAILY_QUOTA
                        + " a day. Sync less often: every 30 minutes or more.");
    }

    /**
     * --quiet: a run is worth a report when it planned or did something, withheld something, or ends
     * with a non-zero code. What only repeats from earlier runs (known unresolved titles, skips) is not.
     */
    static boolean worthTelling(SyncRun.Result r, int code) {
        return code != ExitCode.OK || !r.plan().actions().isEmpty() || !r.plan().withheld().isEmpty();
    }
}
