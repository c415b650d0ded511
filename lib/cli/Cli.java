package cli;

import config.Config;
import config.ConfigDir;
import config.ConfigException;
import config.ConfigFile;
import files.Json;
import http.Redactor;
import sync.StateFile;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole command line as one function: arguments and a {@link Context} in, exit code out.
 * {@code main} only calls it; tests call it in-process.
 */
public final class Cli {
    private Cli() {}

    public static int main(String[] args) {
        return run(args, Context.real());
    }

    public static int run(String[] args, Context ctx) {
        Redactor redactor = new Redactor();
        Console console = new Console(ctx, redactor);
        Flags.Request req;
        try {
            req = Flags.parse(args);
        } catch (Flags.UsageException e) {
            console.plain("plex_simkl_sync: " + e.getMessage());
            console.plain("Usage: " + Flags.USAGE);
            console.plain("Run with --help to see every flag.");
            return ExitCode.USAGE;
        }
        console.setDebug(req.debug());
        int code = runChecked(req, ctx, console);
        if (req.json() && !console.resultWritten()) {
            // --json promises one document on stdout, failures included
            Map<String, Object> doc = new java.util.LinkedHashMap<>();
            doc.put("command", req.command().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            doc.put("ok", code == ExitCode.OK);
            doc.put("error", console.lastError());
            doc.put("exit_code", code);
            console.resultRaw(Json.pretty(doc));
        }
        return code;
    }

    private static int runChecked(Flags.Request req, Context ctx, Console console) {
        try {
            return dispatch(req, ctx, console);
        } catch (ConfigException e) {
            console.error(e.getMessage());
            return ExitCode.USAGE;
        } catch (RuntimeException e) {
            console.error("Unexpected error: " + e + ". Nothing more was changed. Run with --debug for details and report it.");
            if (console.debugEnabled()) {
                StringWriter sw = new StringWriter();
                e.printStackTrace(new PrintWriter(sw));
                console.debug(sw.toString());
            }
            return ExitCode.PARTIAL;
        }
    }

    private static int dispatch(Flags.Request req, Context ctx, Console console) throws ConfigException {
        switch (req.command()) {
            case HELP:
                console.resultRaw(Flags.help());
                return ExitCode.OK;
            case DEMO:
                return DemoCommand.run(req, ctx, console);
            case VERSION:
                if (req.json()) console.resultRaw(Json.pretty(VersionInfo.all()));
                else console.resultRaw(VersionInfo.text());
                return ExitCode.OK;
            default:
                break;
        }
        ConfigDir dir = ConfigDir.resolve(req.dir(), ctx.env(), ctx.cwd());
        console.info("Using folder " + dir.describe());
        switch (req.command()) {
            case NONE:
                if (ConfigFile.createIfMissing(dir.configFile())) {
                    console.ok("Created " + dir.configFile() + " (mode 0600). Fill in your tokens, then run --sync.");
                } else {
                    console.info(dir.configFile() + " exists; nothing created.");
                }
                console.resultRaw(Flags.help());
                return ExitCode.OK;
            case RESET_STATE:
                return resetState(dir, console);
            case DOCTOR:
                return DoctorCommand.run(req, ctx, console, dir);
            default:
                break;
        }
        Config config = loadConfig(dir, req, ctx, console);
        switch (req.command()) {
            case SYNC:
                return SyncCommand.run(req, ctx, console, dir, config);
            case INIT_SIMKL:
                return InitSimklCommand.run(req, ctx, console, dir, config);
            case INIT_PLEX:
                return InitPlexCommand.run(req, ctx, console, dir, config);
            case LIST:
                return ListCommand.run(req, ctx, console, config);
            case RESTORE:
                return RestoreCommand.run(req, ctx, console, dir, config);
            case WATCH:
                return WatchCommand.run(req, ctx, console, dir, config);
            default:
                return notYet(req, console);
        }
    }

    /** Reads and validates config.json (creating the starter file first if missing). */
    static Config loadConfig(ConfigDir dir, Flags.Request req, Context ctx, Console console) throws ConfigException {
        if (ConfigFile.createIfMissing(dir.configFile())) {
            console.ok("Created " + dir.configFile() + " (mode 0600) with default settings.");
        }
        Map<String, String> env = new HashMap<>(ctx.env());
        if (req.plexToken() != null && !req.plexToken().isBlank()) env.put("PLEX_ACCOUNT_TOKEN", req.plexToken());
        Config config = ConfigFile.read(dir.configFile()).resolve(env);
        if (config.plex().clientIdentifier().isBlank()) {
            // a config.json from the original tool: give this installation its Plex identity once
            try {
                ConfigFile.update(dir.configFile(), tree -> ConfigFile.set(tree, "plex.client_identifier", ConfigFile.newClientIdentifier()));
                config = ConfigFile.read(dir.configFile()).resolve(env);
            } catch (ConfigException e) {
                console.warn("Could not save plex.client_identifier (" + e.getMessage() + "); using a temporary one for this run.");
                config = new Config(new Config.Plex(config.plex().accountToken(), ConfigFile.newClientIdentifier()), config.simkl(),
                        config.sync(), config.debug(), config.endpoints());
            }
        }
        registerSecrets(config, console);
        if (config.debug()) console.setDebug(true);
        return config;
    }

    static void registerSecrets(Config config, Console console) {
        Redactor r = console.redactor();
        r.add(config.plex().accountToken());
        r.add(config.simkl().clientSecret());
        r.add(config.simkl().accessToken());
        r.add(config.simkl().refreshToken());
    }

    private static int resetState(ConfigDir dir, Console console) {
        try (files.RunLock lock = files.RunLock.acquire(dir.lockFile())) {
            if (StateFile.reset(dir.stateFile())) {
                console.ok("Deleted " + dir.stateFile() + ". The next --sync re-seeds safely (adds only).");
            } else {
                console.info("No state file at " + dir.stateFile() + "; nothing to delete.");
            }
            return ExitCode.OK;
        } catch (files.RunLock.LockedException e) {
            console.error(e.getMessage());
            return ExitCode.PARTIAL;
        } catch (IOException e) {
            console.error("Could not delete " + dir.stateFile() + ": " + e.getMessage());
            return ExitCode.USAGE;
        }
    }

    private static int notYet(Flags.Request req, Console console) {
        String flag = "--" + req.command().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        console.error(flag + " is not available yet in this version of plex_simkl_sync.");
        return ExitCode.USAGE;
    }
}
