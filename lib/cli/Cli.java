package cli;

import config.Config;
import config.ConfigDir;
import config.ConfigException;
import config.ConfigFile;
import files.Json;
import files.RunLock;
import http.Redactor;
import sync.StateFile;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The whole command line as one function: arguments and a {@link Context} in, exit code out.
 * {@code main} only calls it; tests call it in-process. Commands throw what went wrong;
 * {@link Failure#report} turns it into a message and an exit code, here, once.
 */
public final class Cli {
    private Cli() {}

    public static int main(String[] args) {
        return run(args, Context.real());
    }

    public static int run(String[] args, Context ctx) {
        Console console = new Console(ctx, new Redactor());
        Flags.Request req;
        try {
            req = Flags.parse(args);
        } catch (Flags.UsageException e) {
            console.plain("plex_simkl_sync: " + e.getMessage());
            console.plain("Usage: " + console.command() + " COMMAND [options]");
            console.plain("Run with --help to see every flag.");
            return ExitCode.USAGE;
        }
        console.setDebug(req.debug());
        console.setQuiet(req.quiet());
        int code;
        try {
            code = dispatch(req, ctx, console);
        } catch (Exception e) {
            code = Failure.report(e, console);
        }
        if (req.json() && !console.resultWritten()) {
            // --json promises one document on stdout, failures included
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", req.command().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            doc.put("ok", code == ExitCode.OK);
            doc.put("error", console.lastError());
            doc.put("exit_code", code);
            console.resultRaw(Json.pretty(doc));
        }
        return code;
    }

    private static int dispatch(Flags.Request req, Context ctx, Console console) throws Exception {
        return switch (req.command()) {
            case HELP -> {
                console.resultRaw(Flags.help(console.command()));
                yield ExitCode.OK;
            }
            case VERSION -> {
                console.resultRaw(req.json() ? Json.pretty(VersionInfo.all()) : VersionInfo.text());
                yield ExitCode.OK;
            }
            case DEMO -> DemoCommand.run(req, ctx, console);
            case NONE -> createConfig(folder(req, ctx, console), console);
            case RESET_STATE -> resetState(folder(req, ctx, console), console);
            case DOCTOR -> DoctorCommand.run(req, ctx, console, folder(req, ctx, console));
            case SYNC, INIT_SIMKL, INIT_PLEX, LIST, RESTORE, WATCH -> {
                ConfigDir dir = folder(req, ctx, console);
                Config config = loadConfig(dir, req, ctx, console);
                yield switch (req.command()) {
                    case SYNC -> SyncCommand.run(req, ctx, console, dir, config);
                    case INIT_SIMKL -> InitSimklCommand.run(req, ctx, console, dir, config);
                    case INIT_PLEX -> InitPlexCommand.run(req, ctx, console, dir, config);
                    case LIST -> ListCommand.run(req, ctx, console, dir, config);
                    case RESTORE -> RestoreCommand.run(req, ctx, console, dir, config);
                    default -> WatchCommand.run(req, ctx, console, dir, config);
                };
            }
        };
    }

    private static ConfigDir folder(Flags.Request req, Context ctx, Console console) {
        ConfigDir dir = ConfigDir.resolve(req.dir(), ctx.env(), ctx.cwd());
        console.info("Using folder " + dir.describe());
        if (dir.elsewhere() != null) console.warn(dir.elsewhere());
        return dir;
    }

    /** No flag at all: the starter config.json (the only command that writes one unasked), then the help. */
    private static int createConfig(ConfigDir dir, Console console) throws ConfigException {
        if (ConfigFile.createIfMissing(dir.configFile())) {
            console.ok("Created " + dir.configFile() + " (mode 0600). Fill in your tokens, then run --sync.");
        } else {
            console.info(dir.configFile() + " exists; nothing created.");
        }
        console.resultRaw(Flags.help(console.command()));
        return ExitCode.OK;
    }

    /**
     * The effective settings: config.json (or the defaults when there is none), the environment,
     * --plex-account-token. Writes nothing: config.json is the person's file.
     */
    static Config loadConfig(ConfigDir dir, Flags.Request req, Context ctx, Console console) throws ConfigException {
        Map<String, String> env = new HashMap<>(ctx.env());
        if (req.plexToken() != null && !req.plexToken().isBlank()) env.put("PLEX_ACCOUNT_TOKEN", req.plexToken());
        ConfigFile file = ConfigFile.readOrDefaults(dir.configFile());
        for (String warning : unknownKeyWarnings(file)) console.warn(warning);
        Config config = file.resolve(env);
        if (config.plex().clientIdentifier().isBlank()) {
            config = config.withPlex(new Config.Plex(config.plex().accountToken(), ConfigFile.derivedClientIdentifier(dir.path())));
        }
        registerSecrets(config, console);
        if (config.debug()) console.setDebug(true);
        return config;
    }

    /** One line per key of config.json the tool does not read, with the nearest key it does. */
    static List<String> unknownKeyWarnings(ConfigFile file) {
        List<String> out = new ArrayList<>();
        for (String key : file.unknownKeys()) {
            String near = Suggest.nearest(key, ConfigFile.KNOWN_KEYS);
            out.add(file.path() + ": unknown key " + key + (near == null ? "" : " (did you mean " + near + "?)")
                    + "; it is kept but not used.");
        }
        return out;
    }

    static void registerSecrets(Config config, Console console) {
        Redactor r = console.redactor();
        r.add(config.plex().accountToken());
        r.add(config.simkl().clientSecret());
        r.add(config.simkl().accessToken());
        r.add(config.simkl().refreshToken());
    }

    private static int resetState(ConfigDir dir, Console console) throws RunLock.LockedException, Failure {
        try (RunLock lock = RunLock.acquire(dir.lockFile())) {
            if (StateFile.reset(dir.stateFile())) {
                console.ok("Deleted " + dir.stateFile() + ". The next --sync re-seeds safely (adds only).");
            } else {
                console.info("No state file at " + dir.stateFile() + "; nothing to delete.");
            }
            return ExitCode.OK;
        } catch (IOException e) {
            throw Failure.usage("Could not delete " + dir.stateFile() + ": " + e.getMessage());
        }
    }
}
