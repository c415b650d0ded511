package cli;

import config.Config;
import files.RunLock;
import http.AuthException;
import http.LimitException;
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
        try (RunLock lock = o.dryRun() ? s.lockIfWritable() : s.lock(); Services services = s.services(config)) {
            State loaded = StateFile.load(s.folder().stateFile());
            SimklBudget budget = SimklBudget.of(loaded, s.ctx.clock().instant());
            // a day SIMKL said is used up, or this folder's count of it, is not asked again before it ends
            if (budget.spent()) throw new Failure(ExitCode.PARTIAL, budget.spentMessage(s.ctx.clock().getZone()));
            State state;
            try {
                state = WhoseLists.check(s, config, services, loaded);
            } catch (LimitException e) {
                throw quotaAnswered(s, services, loaded, e, o.dryRun());
            }
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
                    return WhoseLists.recordWatchlist(kept, config, services, console);
                } catch (AuthException e) {
                    throw new CompletionException(e);
                }
            }, SyncRound::daemon);
            SyncRun.Planned planned;
            try {
                planned = run.plan(state, opt);
            } catch (LimitException e) {
                throw quotaAnswered(s, services, loaded, e, o.dryRun());
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
            Journal journal = new Journal(s.folder().journalFile(), s.console.redactor()::apply);
            try {
                int gone = Journal.trim(journal.file(), s.ctx.clock().instant());
                if (gone > 0) console.debug("journal: " + Plural.of(gone, "old entry") + " trimmed");
            } catch (IOException e) {
                console.warn("Could not trim the journal " + journal.file() + ": " + e.getMessage());
            }
            SyncRun.Result result = run.apply(planned, opt, s.folder().backupsDir(), journal);
            State saved = count(s, WhoseLists.recordSimklAccount(s, result.newState(), config, services), services);
            SimklBudget after = SimklBudget.of(saved, s.ctx.clock().instant());
            LimitException limit = services.simkl.limit();
            String budgetNews = limit != null && limit.dailyQuota()
                    ? after.refusalMessage(s.ctx.clock().getZone(), limit.status(), true)
                    : after.warning(s.ctx.clock().getZone());
            if (budgetNews != null) console.warn(budgetNews);
            try {
                StateFile.save(s.folder().stateFile(), saved);
            } catch (IOException e) {
                console.error("Could not save " + s.folder().stateFile() + ": " + e.getMessage()
                        + ". The next run re-reads both sides and converges.");
                result = result.withNotSaved(s.folder().stateFile() + " (" + e.getMessage() + "): the next run "
                        + "re-reads both sides and converges");
            }
            for (String what : s.notSaved()) result = result.withNotSaved(what);
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
     * {@code state} with this run's SIMKL requests counted for the day (the plan recorded in it sets
     * the allowance), and SIMKL's answer that the day is used up, when it gave one.
     */
    private static State count(Session s, State state, Services services) {
        SimklBudget budget = SimklBudget.of(state, s.ctx.clock().instant());
        LimitException limit = services.simkl.limit();
        int sent = services.simkl.requestsSent();
        return (limit != null && limit.dailyQuota() ? budget.refusedBy(limit) : budget).counted(state, sent);
    }

    /**
     * What stops a run that met a limit before anything was written: the limit itself, unless SIMKL
     * answered that the day's requests are used up. Then state.json records that with the day's
     * count (and nothing else of the run, which changed nothing), so that no run asks SIMKL again
     * before the day ends, and the run ends with exit 1 saying when. A dry run, which saves no
     * state, only says it.
     */
    private static Exception quotaAnswered(Session s, Services services, State loaded, LimitException e,
            boolean dryRun) {
        if (!e.dailyQuota()) return e;
        SimklBudget refused = SimklBudget.of(loaded, s.ctx.clock().instant()).refusedBy(e);
        int sent = services.simkl.requestsSent();
        boolean recorded = !dryRun;
        if (recorded) {
            try {
                StateFile.save(s.folder().stateFile(), refused.counted(loaded, sent));
            } catch (IOException io) {
                s.console.warn("Could not record in " + s.folder().stateFile() + " that SIMKL's day is used up ("
                        + io.getMessage() + ").");
                recorded = false;
            }
        }
        return new Failure(ExitCode.PARTIAL, refused.plus(sent).refusalMessage(s.ctx.clock().getZone(), e.status(),
                recorded));
    }

    /**
     * --quiet: a run is worth a report when it planned or did something, withheld something, or ends
     * with a non-zero code. What only repeats from earlier runs (known unresolved titles, skips) is not.
     */
    static boolean worthTelling(SyncRun.Result r, int code) {
        return code != ExitCode.OK || !r.plan().actions().isEmpty() || !r.plan().withheld().isEmpty();
    }
}
