package cli;

import config.Config;
import config.ConfigDir;
import config.ConfigException;
import files.Json;
import files.RunLock;
import http.AuthException;
import http.ServiceException;
import sync.Backups;
import sync.Executor;
import sync.Report;
import sync.State;
import sync.StateFile;
import sync.SyncRun;

import java.io.IOException;
import java.util.List;

/** --sync (and --dry-run): one synchronization under the lock, its report, and the state it leaves. */
final class SyncCommand {
    /** Tests set this to stop a run between actions, as a kill would. */
    static volatile Executor.Hook testHook;

    private SyncCommand() {}

    static int run(Flags.Request req, Context ctx, Console console, ConfigDir dir, Config config) throws ConfigException {
        return run(req, ctx, console, dir, config, false);
    }

    /** {@code oneLine}: report the run as a single log line (for --watch). */
    static int run(Flags.Request req, Context ctx, Console console, ConfigDir dir, Config config, boolean oneLine) throws ConfigException {
        List<String> missing = Credentials.missingForSync(config);
        if (!missing.isEmpty()) {
            for (String m : missing) console.error(m);
            return ExitCode.USAGE;
        }
        try (RunLock lock = RunLock.acquire(dir.lockFile())) {
            return locked(req, ctx, console, dir, config, oneLine);
        } catch (RunLock.LockedException e) {
            console.error(e.getMessage());
            return ExitCode.PARTIAL;
        } catch (IOException e) {
            console.error("Could not take the lock " + dir.lockFile() + ": " + e.getMessage());
            return ExitCode.USAGE;
        }
    }

    static int locked(Flags.Request req, Context ctx, Console console, ConfigDir dir, Config config, boolean oneLine) throws ConfigException {
        State state = StateFile.load(dir.stateFile());
        if (!oneLine) {
            console.plain("==============================================");
            console.plain(" Plex ⇄ SIMKL Watchlist Sync  (mode: " + config.sync().describe()
                    + (state.seeded() ? "" : ", first run: adds only") + (req.dryRun() ? ", dry run" : "") + ")");
            console.plain("==============================================");
        }
        SyncRun.Options opt = new SyncRun.Options(req.dryRun(), req.maxDelete(), req.retryUnresolved(), 4, testHook);
        try (Services services = new Services(config, ctx, console)) {
            services.plex.onPage((read, total) -> console.progress("Plex watchlist: " + read + " of " + total + " titles read"));
            SyncRun run = new SyncRun(config, services.plex, services.simkl, ctx.clock(), console::info, console::debug)
                    .withProgress(console::progress);
            SyncRun.Result result = run.run(state, opt, lists -> {
                try {
                    console.info("Backup of both lists: " + Backups.save(dir.backupsDir(), ctx.clock().instant(), lists));
                } catch (IOException e) {
                    throw new BackupFailed(e);
                }
            });
            if (!req.dryRun()) {
                try {
                    StateFile.save(dir.stateFile(), result.newState());
                } catch (IOException e) {
                    console.error("Could not save " + dir.stateFile() + ": " + e.getMessage()
                            + ". The next run re-reads both sides and converges.");
                }
            }
            int code = Report.exitCode(result);
            if (oneLine) {
                console.result(ctx.clock().instant() + " sync: exit " + code + ", " + result.outcomes().size() + " actions, Plex="
                        + result.plexAfter() + " SIMKL=" + result.simklAfter() + " " + (result.equal() ? "EQUAL" : "NOT EQUAL"));
            } else if (req.json()) {
                console.resultRaw(Json.pretty(Report.json(result, code)));
            } else {
                for (String line : Report.text(result)) console.result(line);
            }
            if (code == ExitCode.GUARD) console.warn(result.plan().guard());
            return code;
        } catch (AuthException e) {
            console.error(e.getMessage() + " " + authHint(e.getMessage()));
            return ExitCode.AUTH;
        } catch (BackupFailed e) {
            console.error("Could not write the backup in " + dir.backupsDir() + " (" + e.getCause().getMessage()
                    + "), so nothing was changed. Check that the folder is writable.");
            return ExitCode.PARTIAL;
        } catch (SyncRun.ReadFailed e) {
            console.error(e.getMessage());
            return ExitCode.PARTIAL;
        } catch (ServiceException e) {
            console.error(e.getMessage() + " State was not changed.");
            return ExitCode.PARTIAL;
        }
    }

    /** The backup before the first write failed: the run stops before writing anything. */
    private static final class BackupFailed extends RuntimeException {
        BackupFailed(IOException cause) {
            super(cause);
        }
    }

    static String authHint(String message) {
        return message.startsWith("SIMKL")
                ? "Your SIMKL token may be revoked or the client id wrong: run --init-simkl pin (or redirect) again."
                : "Your Plex token may have expired: run --init-plex, or pass a fresh one with --plex-account-token.";
    }
}
