package cli;

import config.Config;
import config.ConfigDir;
import config.ConfigException;
import config.ConfigFile;
import config.ConfigValues;
import files.Folders;
import files.RunLock;
import http.Redactor;
import model.Times;
import notify.Target;
import simkl.SimklOAuth;
import sync.Report;
import sync.SyncJob;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the commands share, in one place: the outside world and the console; the config folder
 * and the settings (made once, when a command first asks: the folder is announced, config.json
 * read with the environment and --plex-account-token over it, its secrets registered for
 * redaction); the checks that credentials are there; the service clients ({@link Connections});
 * the sync job; the run lock.
 */
final class Session {
    final Context ctx;
    final Console console;
    private final Invocation invocation;
    private ConfigDir folder;
    private Config config;
    /** The service clients this run opens. */
    final Connections connections = new Connections(this);

    Session(Context ctx, Console console, Invocation invocation) {
        this.ctx = ctx;
        this.console = console;
        this.invocation = invocation;
    }

    /** The command this run carries out. */
    Verb verb() {
        return invocation.verb();
    }

    /** The folder of config.json and state.json, said once. */
    ConfigDir folder() {
        if (folder == null) {
            folder = ConfigDir.resolve(invocation.get(Flags.DIR), ctx.env(), ctx.cwd());
            console.info("Using folder " + folder.describe());
            if (folder.elsewhere() != null) console.warn(folder.elsewhere());
        }
        return folder;
    }

    /** The effective settings of this run (config.json, or its defaults, under the environment). Writes nothing. */
    Config config() throws ConfigException {
        if (config == null) config = loadConfig();
        return config;
    }

    /** The settings read again from disk (a --watch round after config.json changed). */
    Config reloadConfig() throws ConfigException {
        config = loadConfig();
        return config;
    }

    private Config loadConfig() throws ConfigException {
        ConfigFile file = ConfigFile.readOrDefaults(folder().configFile());
        List<String> typos = new ArrayList<>();
        for (UnknownKey k : unknownKeys(file)) {
            if (k.nearest() == null) console.warn(k.describe(file));
            else typos.add(k.describe(file));
        }
        // a misspelt key leaves its setting at the default without a word: a safety switch among them
        if (!typos.isEmpty()) throw new ConfigException(String.join("\n", typos)
                + "\nFix the key's name; the file was not changed.");
        Config c = file.resolve(environment());
        if (c.plex().clientIdentifier().isBlank()) {
            c = c.withPlex(new Config.Plex(c.plex().accountToken(),
                    ConfigFile.derivedClientIdentifier(folder().path())));
        }
        registerSecrets(c);
        if (c.debug()) console.setDebug(true);
        return c;
    }

    /** The environment, with --plex-account-token standing for PLEX_ACCOUNT_TOKEN. */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(ctx.env());
        String token = invocation.get(Flags.PLEX_ACCOUNT_TOKEN);
        if (token != null && !token.isBlank()) env.put("PLEX_ACCOUNT_TOKEN", token);
        return env;
    }

    /** A key of config.json the tool does not read, and the known key it resembles (null: none, so not a typo). */
    record UnknownKey(String key, String nearest) {
        String describe(ConfigFile file) {
            return nearest == null ? file.path() + ": unknown key " + key + "; it is kept but not used."
                    : file.path() + ": unknown key " + key + " (did you mean " + nearest + "?)";
        }
    }

    static List<UnknownKey> unknownKeys(ConfigFile file) {
        List<UnknownKey> out = new ArrayList<>();
        for (String key : file.unknownKeys()) out.add(new UnknownKey(key, Suggest.nearest(key, ConfigFile.KNOWN_KEYS)));
        return out;
    }

    /**
     * Every secret the settings hold, registered for redaction by value: tokens (the Home user's
     * too), the SIMKL app's id and secret, the Home PIN, and what is secret in each notify URL.
     */
    void registerSecrets(Config c) {
        Redactor r = console.redactor();
        r.add(c.plex().accountToken());
        r.addIdentifier(c.simkl().clientId());
        r.add(c.simkl().clientSecret());
        r.add(c.simkl().accessToken());
        r.add(c.simkl().refreshToken());
        if (c.plex().home() != null) {
            r.add(c.plex().home().pin());
            r.add(c.plex().home().token());
        }
        for (Target t : c.notifications()) t.secrets().forEach(r::add);
    }

    /** Variables that hold secrets: registered before anything else is read, so no early message can show them. */
    static final List<String> SECRET_VARIABLES = List.of("PLEX_ACCOUNT_TOKEN", "SIMKL_CLIENT_ID", "SIMKL_CLIENT_SECRET",
            "SIMKL_ACCESS_TOKEN", "PLEX_HOME_PIN");

    /** The secrets of the environment and the command line, registered for redaction at the start of a run. */
    static void registerEarlySecrets(Redactor r, Map<String, String> env, Invocation inv) {
        for (String v : SECRET_VARIABLES) {
            if (v.equals("SIMKL_CLIENT_ID")) r.addIdentifier(env.get(v));
            else r.add(env.get(v));
        }
        String notify = env.get("PLEX_SIMKL_SYNC_NOTIFY_URL");
        if (notify != null && !notify.isBlank()) {
            new Target(notify.trim(), Target.Format.JSON, Set.of()).secrets().forEach(r::add);
        }
        if (inv != null) {
            r.add(inv.get(Flags.PLEX_ACCOUNT_TOKEN));
            r.add(inv.get(Flags.HOME_PIN));
        }
    }

    /** Times as this person reads them (local zone, now); ISO-8601 UTC stamps for a --json run. */
    Times times() {
        return invocation.json() ? Times.iso(ctx.clock().instant())
                : new Times(ctx.clock().getZone(), ctx.clock().instant());
    }

    /** Whether this run prints a --json document: decided here, once, for every command. */
    boolean json() {
        return invocation.json();
    }

    /** A command's answer in the one form this run asks for: its --json document, or its lines of text. */
    void answer(Map<String, Object> document, List<String> lines) {
        if (json()) console.document(document);
        else for (String line : lines) console.result(line);
    }

    /**
     * The command that runs this command again as the person typed it, with what matters to it
     * (the command's own value, --side, --dir) and never a secret: "plex_simkl_sync --dir /data --sync".
     */
    String rerun() {
        return rerun(invocation.verb());
    }

    /** As {@link #rerun()}, as another command (a --watch round's removals are allowed by one --sync). */
    String rerun(Verb verb) {
        Object value = verb != invocation.verb() ? null : invocation.values().entrySet().stream()
                .filter(e -> e.getKey().command != null).map(Map.Entry::getValue).findFirst().orElse(null);
        return rerun(verb, value);
    }

    /** As {@link #rerun()}, with another value for the command ("--why simkl:123456" after an ambiguous query). */
    String rerun(Verb verb, Object value) {
        // --dir right after the command's name, as in every other hint: "plex_simkl_sync --dir /data --sync"
        StringBuilder sb = new StringBuilder(console.command());
        // the demo's own runs use a folder that is gone once it ends: its hints name none, as every other hint there
        String dir = invocation.get(Flags.DIR);
        if (dir != null && !dir.equals(ctx.env().get(ConfigDir.ENV_DEMO))) sb.append(" --dir ").append(shellWord(dir));
        sb.append(' ').append(verb.flag());
        if (value instanceof Duration d) sb.append(' ').append(FlagValues.describe(d));
        else if (value != null && !(value instanceof Boolean)) sb.append(' ').append(shellWord(String.valueOf(value)));
        if (invocation.has(Flags.SIDE)) sb.append(" --side ").append(invocation.get(Flags.SIDE).word);
        return sb.toString();
    }

    /** A word as a shell reads it back: quoted when it holds anything but plain characters. */
    static String shellWord(String w) {
        if (w.matches("[A-Za-z0-9_./:@%+=,-]+")) return w;
        return "'" + w.replace("'", "'\\''") + "'";
    }

    /** Every credential a sync needs, each missing one named with the key, the variable and the command that fix it. */
    void requireSyncCredentials(Config c) throws Failure {
        // in the order a person fixes them: SIMKL's app first (its sign-in needs the client id), then Plex
        List<String> missing = new ArrayList<>();
        if (c.simkl().clientId().isBlank()) missing.add(SIMKL_ID_MISSING);
        if (c.simkl().accessToken().isBlank()) {
            missing.add(c.simkl().clientId().isBlank() ? SIMKL_TOKEN_AFTER_ID : SIMKL_TOKEN_MISSING);
        }
        if (c.plex().accountToken().isBlank()) missing.add(PLEX_TOKEN_MISSING);
        if (!missing.isEmpty()) throw Failure.usage(String.join("\n    ", missing));
    }

    void requirePlexToken(Config c) throws Failure {
        if (c.plex().accountToken().isBlank()) throw Failure.usage(PLEX_TOKEN_MISSING);
    }

    void requireSimklToken(Config c) throws Failure {
        if (c.simkl().clientId().isBlank()) throw Failure.usage(SIMKL_ID_MISSING + "\n    " + SIMKL_TOKEN_AFTER_ID);
        if (c.simkl().accessToken().isBlank()) throw Failure.usage(SIMKL_TOKEN_MISSING);
    }

    static final String PLEX_TOKEN_MISSING =
            "plex.account_token is empty: run --init-plex, or set PLEX_ACCOUNT_TOKEN.";
    static final String SIMKL_ID_MISSING = "simkl.client_id is empty: create an app at simkl.com → Developers and "
            + "put its client id in config.json (or set SIMKL_CLIENT_ID).";
    static final String SIMKL_TOKEN_MISSING =
            "simkl.access_token is empty: run --init-simkl pin (or --init-simkl redirect), or set SIMKL_ACCESS_TOKEN.";
    static final String SIMKL_TOKEN_AFTER_ID =
            "simkl.access_token is empty: with the client id in place, run --init-simkl pin.";

    /** Whether this run writes nothing (--dry-run). */
    boolean dryRun() {
        return invocation.dryRun();
    }

    /** SIMKL's sign-in endpoints, for --init-simkl. */
    SimklOAuth simklOAuth(Config c) {
        return connections.simklOAuth(c);
    }

    /** Writes SIMKL tokens into config.json in one atomic rewrite ({@link Connections#saveSimklTokens}). */
    static void saveSimklTokens(Path configFile, SimklOAuth.Tokens t, String clientId) throws ConfigException {
        Connections.saveSimklTokens(configFile, t, clientId);
    }

    /** The sync job of this run over {@code clients}: its times as this run prints them, its lines on the console. */
    SyncJob job(Config c, SyncJob.Clients clients) {
        return new SyncJob(c, folder(), clients, new SyncJob.Setting(ctx.clock(), ctx.sleeper(), console,
                console.redactor()::apply, json(), ctx.beforeWrite()));
    }

    /**
     * One synchronization under the run lock, as --sync runs it and each --watch round (a dry run
     * takes the lock only where the folder can hold it). Throws what stopped it; the caller reports.
     */
    Report sync(Config c, SyncJob.Options o, SyncJob.Listener listener) throws Exception {
        requireSyncCredentials(c);
        try (RunLock lock = o.dryRun() ? lockIfWritable() : lock(); SyncJob.Clients clients = connections.forSync(c)) {
            return job(c, clients).listening(listener).sync(o);
        }
    }

    /** How long a sign-in waits for the person: PLEX_SIMKL_SYNC_AUTH_TIMEOUT_SECONDS, else {@code otherwise}. */
    Duration authTimeout(Duration otherwise) {
        Long s = ConfigValues.whole(ctx.env(), "PLEX_SIMKL_SYNC_AUTH_TIMEOUT_SECONDS", 0,
                ConfigValues.AUTH_TIMEOUT_SECONDS_MAX);
        return s != null ? Duration.ofSeconds(s) : otherwise;
    }

    /** The run lock this run took last; see {@link #holdsLock}. */
    private volatile RunLock held;

    /** Whether this run holds the run lock now (a sync, a restore; not --list or --doctor). */
    boolean holdsLock() {
        RunLock l = held;
        return l != null && l.isHeld();
    }

    /**
     * The run lock, for a command that rewrites config.json: held while it writes, so that a sync's
     * token save and this command's edit never lose each other. Held by another run, it stops
     * this one (exit 2) before anything is written.
     */
    RunLock lockToEdit() throws Failure {
        try {
            return lock();
        } catch (RunLock.LockedException e) {
            throw Failure.usage(e.getMessage() + " " + folder().configFile() + " was not changed.");
        }
    }

    /** The run lock of the folder: two runs never overlap. */
    RunLock lock() throws RunLock.LockedException, Failure {
        try {
            RunLock l = RunLock.acquire(folder().lockFile());
            held = l;
            return l;
        } catch (Folders.LinkRefused e) {
            throw Failure.usage(e.getMessage());
        } catch (IOException e) {
            throw Failure.usage("Could not write in " + folder().path() + " (" + folder().lockFile().getFileName()
                    + ": " + e.getMessage() + "): a sync keeps its lock, state.json and journal there. Make the "
                    + "folder writable by this user (chmod u+w " + shellWord(folder().path().toString())
                    + "), or point --dir at one that is; --sync --dry-run works without writing.");
        }
    }

    /**
     * The run lock for a command that writes nothing (a dry run): taken when the folder can hold it, so
     * that no sync starts meanwhile; null, said in a debug line, when the folder cannot be written.
     */
    RunLock lockIfWritable() throws RunLock.LockedException, Failure {
        try {
            return RunLock.acquire(folder().lockFile());
        } catch (Folders.LinkRefused e) {
            throw Failure.usage(e.getMessage());
        } catch (IOException e) {
            console.debug("no lock taken (" + e.getMessage() + "): a dry run writes nothing");
            return null;
        }
    }
}
