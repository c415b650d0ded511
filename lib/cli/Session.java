package cli;

import config.Config;
import config.ConfigDir;
import config.ConfigException;
import config.ConfigFile;
import files.Folders;
import files.RunLock;
import http.HttpPolicy;
import http.Redactor;
import http.AuthException;
import http.ServiceException;
import notify.Target;
import plex.PlexClient;
import simkl.SimklClient;
import simkl.SimklOAuth;
import simkl.SimklTokens;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the commands share, in one place: the outside world and the console; the config folder
 * and the settings (made once, when a command first asks: the folder is announced, config.json
 * read with the environment and --plex-account-token over it, its secrets registered for
 * redaction); the checks that credentials are there; the service clients; the run lock.
 */
final class Session {
    final Context ctx;
    final Console console;
    private final Invocation invocation;
    private ConfigDir folder;
    private Config config;
    /** What this run could not save (a renewed token), taken by the next report that tells it. */
    private final Queue<String> notSaved = new ConcurrentLinkedQueue<>();

    /** What could not be saved since the last call, in words; each is told once. */
    List<String> notSaved() {
        List<String> out = new ArrayList<>();
        for (String s = notSaved.poll(); s != null; s = notSaved.poll()) out.add(s);
        return out;
    }

    /** Credentials the services accepted in this run, every --watch round included (see {@link HttpPolicy}). */
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();

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
    model.Times times() {
        return invocation.json() ? model.Times.iso(ctx.clock().instant())
                : new model.Times(ctx.clock().getZone(), ctx.clock().instant());
    }

    /** Whether this run prints a --json document. */
    boolean json() {
        return invocation.json();
    }

    /**
     * The command that runs this command again as the person typed it, with what matters to it
     * (the command's own value, --side, --dir) and never a secret: "plex_simkl_sync --sync --dir /data".
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
        StringBuilder sb = new StringBuilder(console.command()).append(' ').append(verb.flag());
        if (value instanceof Duration d) sb.append(' ').append(FlagValues.describe(d));
        else if (value != null && !(value instanceof Boolean)) sb.append(' ').append(shellWord(String.valueOf(value)));
        if (invocation.has(Flags.SIDE)) sb.append(" --side ").append(invocation.get(Flags.SIDE).word);
        if (invocation.has(Flags.DIR)) sb.append(" --dir ").append(shellWord(invocation.get(Flags.DIR)));
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

    /** Both service clients of this run, with its settings; close them when done. */
    Services services(Config c) throws ServiceException, AuthException, Failure {
        if (c.plex().home() == null) return new Services(plex(c.plex(), c.endpoints()), simkl(c));
        PlexClient owner = plex(c.plex(), c.endpoints());
        try {
            return new Services(watchlistPlex(c), simkl(c), owner);
        } catch (ServiceException | AuthException | Failure | RuntimeException e) {
            owner.close();
            throw e;
        }
    }

    /**
     * The client of the watchlist being synced: the owner's, or, with plex.home_user, the Home
     * user's, with its kept token while Plex accepts it, else switched to with the owner's token
     * (and the user's PIN) ({@link HomeUserToken}). A switch that fails stops the command (exit 3):
     * the owner's list is never read in its place.
     */
    PlexClient watchlistPlex(Config c) throws ServiceException, AuthException, Failure {
        if (c.plex().home() == null) return plex(c.plex(), c.endpoints());
        return HomeUserToken.client(this, c);
    }

    /** Tokens this run switched to, by Home user id: a --watch round after a switch uses it without asking again. */
    private final Map<String, String> homeTokens = new ConcurrentHashMap<>();

    void rememberHomeToken(String userId, String token) {
        homeTokens.put(userId, token);
    }

    /** The token this run switched to for the Home user {@code userId}; null: none yet. */
    String switchedHomeToken(String userId) {
        return homeTokens.get(userId);
    }

    /** Whether this run writes nothing (--dry-run). */
    boolean dryRun() {
        return invocation.dryRun();
    }

    PlexClient plex(Config.Plex credentials, Config.Endpoints endpoints) {
        return new PlexClient(credentials, endpoints, policy(), VersionInfo.TOOL);
    }

    /** The SIMKL client of this run; a token that runs out (AUTH V2) is renewed and saved when it must be. */
    SimklClient simkl(Config c) {
        return new SimklClient(c.simkl(), c.endpoints(), policy(), VersionInfo.TOOL, simklTokens(c));
    }

    /** SIMKL's sign-in endpoints, for --init-simkl. */
    SimklOAuth simklOAuth(Config c) {
        return new SimklOAuth(c.simkl().clientId(), c.endpoints(), policy(), VersionInfo.TOOL);
    }

    /**
     * The keeper of a renewable SIMKL token, or null: a V1 token does not run out, and a token
     * given in SIMKL_ACCESS_TOKEN is not config.json's pair, so it is neither renewed nor saved.
     */
    private SimklTokens simklTokens(Config c) {
        Config.Simkl k = c.simkl();
        String fromEnv = ctx.env().get("SIMKL_ACCESS_TOKEN");
        if (k.refreshToken().isBlank() || (fromEnv != null && !fromEnv.isBlank())) return null;
        Path file = folder().configFile();
        SimklTokens.Store store = t -> {
            try {
                saveSimklTokens(file, t, null);
            } catch (ConfigException | RuntimeException e) {
                notSaved.add("the renewed SIMKL token, in " + file + " (" + e.getMessage() + ")");
                throw e;
            }
        };
        return new SimklTokens(new SimklOAuth.Tokens(k.accessToken(), k.refreshToken(), k.tokenExpiresAt()),
                simklOAuth(c), store, ctx.clock(), console.redactor(), console::warn);
    }

    /**
     * Writes SIMKL tokens into config.json in one atomic rewrite: the access token, its refresh
     * token and when it runs out (both empty for a token that does not run out), and the client id
     * they belong to when the file has none (it came from SIMKL_CLIENT_ID; tokens are useless without it).
     */
    static void saveSimklTokens(Path configFile, SimklOAuth.Tokens t, String clientId) throws ConfigException {
        ConfigFile.update(configFile, tree -> {
            ConfigFile.set(tree, "simkl.access_token", t.access());
            ConfigFile.set(tree, "simkl.refresh_token", t.renewable() ? t.refresh() : "");
            ConfigFile.set(tree, "simkl.token_expires_at", t.expiresAt());
            if (clientId != null && tree.path("simkl").path("client_id").asText("").isBlank()) {
                ConfigFile.set(tree, "simkl.client_id", clientId);
            }
        });
    }

    /** Timeouts, retries and waiting for this run: PLEX_SIMKL_SYNC_HTTP_TIMEOUT_MS shortens (or lengthens) the read
     * timeout. */
    HttpPolicy policy() {
        HttpPolicy p = HttpPolicy.defaults(ctx.clock(), ctx.sleeper(), console.redactor(), console::debug,
                "plex_simkl_sync/" + VersionInfo.TOOL).withAccepted(accepted);
        String t = ctx.env().get("PLEX_SIMKL_SYNC_HTTP_TIMEOUT_MS");
        if (t != null && t.matches("\\d{2,7}")) {
            Duration read = Duration.ofMillis(Long.parseLong(t));
            p = p.withTimeouts(read.compareTo(p.connectTimeout()) < 0 ? read : p.connectTimeout(), read);
        }
        return p;
    }

    /** How long a sign-in waits for the person: PLEX_SIMKL_SYNC_AUTH_TIMEOUT_SECONDS, else {@code otherwise}. */
    Duration authTimeout(Duration otherwise) {
        String s = ctx.env().get("PLEX_SIMKL_SYNC_AUTH_TIMEOUT_SECONDS");
        return s != null && s.matches("\\d{1,6}") ? Duration.ofSeconds(Long.parseLong(s)) : otherwise;
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
