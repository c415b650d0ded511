package config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import notify.Event;
import notify.Target;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The values of config.json read into the effective settings of a run: each key checked with a
 * message that names it (every problem at once), defaults filled in, values sent as they are checked
 * for what cannot be sent, and the environment over them (PLEX_ACCOUNT_TOKEN, SIMKL_*, the base
 * URLs, PLEX_SIMKL_SYNC_NOTIFY_URL). Pure: the tree and the environment are given.
 */
public final class ConfigValues {
    private static final String FROM_SIMKL_APP = "copy it again from your app on simkl.com → Developers";

    /** The environment variables whose values are sent as they are, by name, each with what it holds. */
    private static final Map<String, String> SENT_FROM_ENV = new TreeMap<>(Map.ofEntries(
            Map.entry("PLEX_ACCOUNT_TOKEN", "token"), Map.entry("SIMKL_ACCESS_TOKEN", "token"),
            Map.entry("SIMKL_CLIENT_ID", "client id"), Map.entry("SIMKL_CLIENT_SECRET", "client secret"),
            Map.entry("PLEX_HOME_PIN", "PIN"), Map.entry("PLEX_SIMKL_SYNC_PLEX_DISCOVER_URL", "URL"),
            Map.entry("PLEX_SIMKL_SYNC_PLEX_METADATA_URL", "URL"), Map.entry("PLEX_SIMKL_SYNC_PLEX_TV_URL", "URL"),
            Map.entry("PLEX_SIMKL_SYNC_SIMKL_API_URL", "URL"), Map.entry("PLEX_SIMKL_SYNC_SIMKL_WEB_URL", "URL"),
            Map.entry("PLEX_SIMKL_SYNC_NOTIFY_URL", "URL"), Map.entry("PLEX_SIMKL_SYNC_NOTIFY_CHAT_ID", "chat id")));

    private ConfigValues() {}

    /** Validates {@code raw} (config.json at {@code file}) and builds the settings, the environment over them. */
    static Config resolve(Path file, ObjectNode raw, Map<String, String> env) throws ConfigException {
        List<String> problems = new ArrayList<>();
        KeyReader r = new KeyReader(raw, problems);
        Config.Plex plex = plex(r, problems, env);
        Config.Simkl simkl = simkl(r, env);
        Config.Sync sync = sync(r);
        boolean debug = r.bool("runtime.debug", false);
        List<Target> targets = r.targets("notify");
        List<String> unsendable = unsendable(env);
        if (!unsendable.isEmpty()) {
            throw new ConfigException(String.join("\n", unsendable) + "\nNothing was sent and nothing changed.");
        }
        List<String> fromEnvironment = numberProblems(env);
        if (!override(env, "PLEX_SIMKL_SYNC_NOTIFY_URL", "").isEmpty()) {
            Target fromEnv = envTarget(env);
            if (fromEnv == null) fromEnvironment.add(envTargetProblem(env));
            else targets.add(fromEnv);
        }
        String variables = String.join("; ", fromEnvironment);
        if (!problems.isEmpty()) {
            throw new ConfigException(file + " has " + (problems.size() == 1 ? "a problem" : problems.size()
                    + " problems") + ":\n  - " + String.join("\n  - ", problems) + "\nFix the file; it was not "
                    + "changed." + (variables.isEmpty() ? "" : "\nAnd in the environment: " + variables + "."));
        }
        if (!variables.isEmpty()) {
            throw new ConfigException("An environment variable has a problem: " + variables + ". Fix or unset it; "
                    + file.getFileName() + " was not changed.");
        }
        return new Config(plex, simkl, sync, debug, endpoints(env), targets);
    }

    /** plex.*: the owner's token (PLEX_ACCOUNT_TOKEN over it) and the Plex Home user, if one is chosen. */
    private static Config.Plex plex(KeyReader r, List<String> problems, Map<String, String> env) {
        String token = r.sent("plex.account_token", CleanValue.Kind.CREDENTIAL,
                "paste the token again, or run --init-plex");
        String clientIdentifier = r.sent("plex.client_identifier", CleanValue.Kind.NAME, "type it again");
        String homeUser = r.string("plex.home_user", "");
        String homeUserId = r.sent("plex.home_user_id", CleanValue.Kind.CREDENTIAL,
                "run --init-plex --home-user again");
        String homePin = r.sent("plex.home_pin", CleanValue.Kind.CREDENTIAL, "type the PIN again");
        String homeToken = r.sent("plex.home_user_token", CleanValue.Kind.CREDENTIAL,
                "delete the key (the next sync switches to the Home user again)");
        if (!homeUser.isEmpty() && homeUserId.isEmpty()) {
            problems.add("plex.home_user is set without plex.home_user_id: run --init-plex --home-user \"" + homeUser
                    + "\" to choose the Home user again");
        }
        Config.Home home = homeUserId.isEmpty() ? null : new Config.Home(homeUser.isEmpty() ? homeUserId : homeUser,
                homeUserId, override(env, "PLEX_HOME_PIN", homePin), homeToken);
        return new Config.Plex(override(env, "PLEX_ACCOUNT_TOKEN", token), clientIdentifier, home);
    }

    /** simkl.*: the app and its sign-in, SIMKL_CLIENT_ID, SIMKL_CLIENT_SECRET and SIMKL_ACCESS_TOKEN over them. */
    private static Config.Simkl simkl(KeyReader r, Map<String, String> env) {
        String clientId = r.sent("simkl.client_id", CleanValue.Kind.CREDENTIAL, FROM_SIMKL_APP);
        String clientSecret = r.sent("simkl.client_secret", CleanValue.Kind.CREDENTIAL, FROM_SIMKL_APP);
        String accessToken = r.sent("simkl.access_token", CleanValue.Kind.CREDENTIAL,
                "paste the token again, or run --init-simkl pin");
        String refreshToken = r.sent("simkl.refresh_token", CleanValue.Kind.CREDENTIAL,
                "run --init-simkl pin again, which rewrites it");
        long expiresAt = r.integer("simkl.token_expires_at", 0, 0, Long.MAX_VALUE);
        return new Config.Simkl(override(env, "SIMKL_CLIENT_ID", clientId),
                override(env, "SIMKL_CLIENT_SECRET", clientSecret), override(env, "SIMKL_ACCESS_TOKEN", accessToken),
                refreshToken, expiresAt);
    }

    /** sync.*: the mode, its switches, the deletion guard and the titles kept apart. */
    private static Config.Sync sync(KeyReader r) {
        boolean enableAdd = r.bool("sync.enable_add", true);
        boolean enableRemove = r.bool("sync.enable_remove", true);
        boolean verify = r.bool("sync.verify_after_write", true);
        boolean bidirectional = r.bool("sync.bidirectional.enabled", true);
        String mode = r.choice("sync.bidirectional.mode", "two-way", "two-way", "mirror");
        String source = r.choice("sync.bidirectional.source_of_truth", "plex", "plex", "simkl");
        boolean useActivity = r.bool("sync.activity.use_activity", true);
        long maxDelete = r.integer("sync.max_delete", 10, 0, Integer.MAX_VALUE);
        long maxDeletePercent = r.integer("sync.max_delete_percent", 20, 0, 100);
        String plexWatched = r.choice("sync.plex_watched", "complete", "complete", "remove");
        return new Config.Sync(enableAdd, enableRemove, verify, bidirectional,
                mode.equals("mirror") ? Config.Mode.MIRROR : Config.Mode.TWO_WAY,
                source.equals("simkl") ? Config.Side.SIMKL : Config.Side.PLEX, useActivity, (int) maxDelete,
                (int) maxDeletePercent, r.titles("sync.exclude"), r.titles("sync.protect"), r.kinds("sync.types"),
                plexWatched.equals("remove") ? Config.PlexWatched.REMOVE : Config.PlexWatched.COMPLETE);
    }

    /** The services' base URLs: the real ones, or the PLEX_SIMKL_SYNC_*_URL variables' (tests, the demo). */
    private static Config.Endpoints endpoints(Map<String, String> env) throws ConfigException {
        Config.Endpoints real = Config.Endpoints.REAL;
        return new Config.Endpoints(
                url(env, "PLEX_SIMKL_SYNC_PLEX_DISCOVER_URL", real.plexDiscover()),
                url(env, "PLEX_SIMKL_SYNC_PLEX_METADATA_URL", real.plexMetadata()),
                url(env, "PLEX_SIMKL_SYNC_PLEX_TV_URL", real.plexTv()),
                url(env, "PLEX_SIMKL_SYNC_SIMKL_API_URL", real.simklApi()),
                url(env, "PLEX_SIMKL_SYNC_SIMKL_WEB_URL", real.simklWeb()));
    }

    /** Each environment variable whose value holds a character that cannot be sent, in words (never the value). */
    private static List<String> unsendable(Map<String, String> env) {
        List<String> out = new ArrayList<>();
        SENT_FROM_ENV.forEach((name, what) -> {
            String bad = CleanValue.problem(env.get(name), what.equals("URL") ? CleanValue.Kind.URL
                    : CleanValue.Kind.CREDENTIAL);
            if (bad != null) out.add(name + " " + bad + ": set it again to the " + what + " alone.");
        });
        return out;
    }

    /**
     * The notification target PLEX_SIMKL_SYNC_NOTIFY_URL names (format PLEX_SIMKL_SYNC_NOTIFY_FORMAT,
     * ntfy unless said; a telegram target's chat PLEX_SIMKL_SYNC_NOTIFY_CHAT_ID), told of the default
     * events; null when unset or not usable.
     */
    public static Target envTarget(Map<String, String> env) {
        if (envTargetProblem(env) != null) return null;
        return new Target(Target.normalized(override(env, "PLEX_SIMKL_SYNC_NOTIFY_URL", "")),
                Target.Format.of(override(env, "PLEX_SIMKL_SYNC_NOTIFY_FORMAT", "ntfy")), Event.DEFAULT,
                override(env, "PLEX_SIMKL_SYNC_NOTIFY_CHAT_ID", null));
    }

    /** The waiting times the environment sets that are not whole numbers in range, each naming its variable. */
    static List<String> numberProblems(Map<String, String> env) {
        List<String> out = new ArrayList<>();
        String http = wholeProblem(env, "PLEX_SIMKL_SYNC_HTTP_TIMEOUT_MS", "milliseconds", HTTP_TIMEOUT_MS_MIN,
                HTTP_TIMEOUT_MS_MAX);
        if (http != null) out.add(http);
        String auth = wholeProblem(env, "PLEX_SIMKL_SYNC_AUTH_TIMEOUT_SECONDS", "seconds", 0, AUTH_TIMEOUT_SECONDS_MAX);
        if (auth != null) out.add(auth);
        return out;
    }

    /** The read timeouts the environment may set; below the shortest every request would time out. */
    public static final long HTTP_TIMEOUT_MS_MIN = 10;
    public static final long HTTP_TIMEOUT_MS_MAX = 9_999_999;
    /** The longest a sign-in may be told to wait for the person. */
    public static final long AUTH_TIMEOUT_SECONDS_MAX = 999_999;

    /**
     * The whole number {@code name} sets (trimmed; blank is unset, as for every variable), or null when
     * unset or not a whole number from {@code min} to {@code max}.
     */
    public static Long whole(Map<String, String> env, String name, long min, long max) {
        String v = override(env, name, null);
        if (v == null || !v.matches("\\d{1,9}")) return null;
        long n = Long.parseLong(v);
        return n < min || n > max ? null : n;
    }

    private static String wholeProblem(Map<String, String> env, String name, String unit, long min, long max) {
        String v = override(env, name, null);
        if (v == null || whole(env, name, min, max) != null) return null;
        return name + " must be a whole number of " + unit + " from " + min + " to " + max + ", not \"" + v + "\"";
    }

    /** Why the environment's notification target cannot be used, naming the variable to fix; null when it can. */
    static String envTargetProblem(Map<String, String> env) {
        String url = Target.normalized(override(env, "PLEX_SIMKL_SYNC_NOTIFY_URL", ""));
        Target.Format format = Target.Format.of(override(env, "PLEX_SIMKL_SYNC_NOTIFY_FORMAT", "ntfy"));
        if (format == null) {
            return "PLEX_SIMKL_SYNC_NOTIFY_FORMAT must be one of " + Target.Format.words() + " (ntfy when unset), "
                    + "not \"" + override(env, "PLEX_SIMKL_SYNC_NOTIFY_FORMAT", "") + "\"";
        }
        if (!Target.usable(url)) {
            return "PLEX_SIMKL_SYNC_NOTIFY_URL must be an http:// or https:// URL (found " + Target.describe(url) + ")";
        }
        Target.Problem lacks = Target.problem(format, url, override(env, "PLEX_SIMKL_SYNC_NOTIFY_CHAT_ID", null));
        if (lacks == null) return null;
        return (lacks.field().equals("chat_id") ? "PLEX_SIMKL_SYNC_NOTIFY_CHAT_ID " : "PLEX_SIMKL_SYNC_NOTIFY_URL ")
                + lacks.text();
    }

    /**
     * One entry of sync.exclude or sync.protect as a rewrite takes it (ids as a string or a list
     * of strings, or the entry itself a string of ids; an optional type), or null when it names nothing.
     */
    public static Config.Listed listed(JsonNode e) {
        return KeyReader.listed(e);
    }

    private static String override(Map<String, String> env, String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private static String url(Map<String, String> env, String name, String fallback) throws ConfigException {
        String v = override(env, name, fallback);
        if (!v.startsWith("http://") && !v.startsWith("https://")) {
            throw new ConfigException(name + " must be an http:// or https:// URL (found \"" + v + "\").");
        }
        return v.replaceAll("/+$", "");
    }
}
