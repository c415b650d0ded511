package cli;

import config.Config;
import config.ConfigDir;
import files.Json;
import files.RunLock;
import http.AuthException;
import http.ServiceException;
import model.Plural;
import sync.Report;
import sync.State;
import sync.StateFile;
import sync.SyncRun;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/** --sync (and --dry-run): one synchronization under the lock, its report, and the state it leaves. */
final class SyncCommand {
    private SyncCommand() {}

    static int run(Flags.Request req, Context ctx, Console console, ConfigDir dir, Config config) throws Exception {
        SyncRun.Result result = runOnce(req, ctx, console, dir, config, true);
        int code = ExitCode.of(result.status());
        if (console.quiet() && !worthTelling(result, code)) return code;
        if (req.json()) console.resultRaw(Json.pretty(Report.json(result, code)));
        else for (String line : Report.text(result)) console.result(line);
        if (code == ExitCode.GUARD) console.warn(result.plan().guard());
        return code;
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

    /**
     * One sync under the lock: plan, then (unless a dry run) apply and save the state. Throws what
     * stopped it; the caller reports the result. {@code banner}: print the heading first.
     */
    static SyncRun.Result runOnce(Flags.Request req, Context ctx, Console console, ConfigDir dir, Config config, boolean banner)
            throws Exception {
        Credentials.requireForSync(config);
        try (RunLock lock = lock(dir); Services services = new Services(config, ctx, console)) {
            State state = StateFile.load(dir.stateFile());
            if (banner) {
                console.banner("==============================================");
                console.banner(" Plex ⇄ SIMKL Watchlist Sync  (mode: " + config.sync().describe()
                        + (state.seeded() ? "" : ", first run: adds only") + (req.dryRun() ? ", dry run" : "") + ")");
                console.banner("==============================================");
            }
            String polling = pollingWarning(config);
            if (polling != null) console.warn(polling);
            services.plex.onPage((read, total) -> console.progress("Plex watchlist: " + read + " of " + Plural.of(total, "title") + " read"));
            SyncRun run = new SyncRun(config, services.plex, services.simkl, ctx.clock(), ctx.sleeper(), console::info, console::debug, console::progress);
            SyncRun.Options opt = new SyncRun.Options(req.dryRun(), req.maxDelete(), req.retryUnresolved(), 4, ctx.beforeWrite());
            state = keepPlexTokenAlive(state, services, ctx.clock().instant(), console);
            SyncRun.Planned planned = run.plan(state, opt);
            if (req.dryRun()) return run.project(planned);
            SyncRun.Result result = run.apply(planned, opt, dir.backupsDir());
            try {
                StateFile.save(dir.stateFile(), result.newState());
            } catch (IOException e) {
                console.error("Could not save " + dir.stateFile() + ": " + e.getMessage()
                        + ". The next run re-reads both sides and converges.");
            }
            return result;
        }
    }

    /** A keep-alive ping at most this often (state.json remembers the last one, across runs and rounds). */
    static final Duration PING_EVERY = Duration.ofDays(1);

    /**
     * Pings plex.tv when the last ping is a day old or unknown. A refused token stops the run (exit 3,
     * the --init-plex hint); any other failure only delays the ping to the next run.
     */
    static State keepPlexTokenAlive(State state, Services services, Instant now, Console console) throws ServiceException {
        Instant last = state.plexPingedAt() == null ? null : Instant.parse(state.plexPingedAt());
        if (last != null && last.plus(PING_EVERY).isAfter(now)) return state;
        try {
            services.plex.ping();
            console.debug("Plex token kept alive (ping)");
            return state.withPlexPingedAt(now.toString());
        } catch (AuthException e) {
            throw e;
        } catch (ServiceException e) {
            console.warn("Could not keep the Plex token alive (" + e.getMessage() + "); the next run tries again.");
            return state;
        }
    }

    static RunLock lock(ConfigDir dir) throws RunLock.LockedException, Failure {
        try {
            return RunLock.acquire(dir.lockFile());
        } catch (IOException e) {
            throw Failure.usage("Could not take the lock " + dir.lockFile() + ": " + e.getMessage());
        }
    }

    /**
     * --quiet: a run is worth a report when it planned or did something, withheld something, or ends
     * with a non-zero code. What only repeats from earlier runs (known unresolved titles, skips) is not.
     */
    static boolean worthTelling(SyncRun.Result r, int code) {
        return code != ExitCode.OK || !r.plan().actions().isEmpty() || !r.plan().withheld().isEmpty();
    }

    /** The --watch line for one round. */
    static String oneLine(SyncRun.Result r, Instant at) {
        return at + " sync: exit " + ExitCode.of(r.status()) + ", " + Plural.of(r.outcomes().size(), "action") + ", Plex=" + r.after().plexCount()
                + " SIMKL=" + r.after().simklCount() + " " + (r.equal() ? "EQUAL" : "NOT EQUAL");
    }
}
