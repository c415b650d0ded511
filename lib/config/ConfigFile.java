package config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import files.AtomicFile;
import files.Json;
import model.Ids;
import model.MediaType;
import notify.Event;
import notify.Target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * config.json: the starter file, strict reading (UTF-8, one object, each key once) and validation
 * with messages that name the key, environment overrides (PLEX_ACCOUNT_TOKEN, SIMKL_*, the base
 * URLs), values sent as they are checked for what cannot be sent, and rewrites that keep every key
 * the person added.
 */
public final class ConfigFile {
    private final Path file;
    private final ObjectNode raw;

    private ConfigFile(Path file, ObjectNode raw) {
        this.file = file;
        this.raw = raw;
    }

    public Path path() {
        return file;
    }

    /** The starter file: the original tool's keys and defaults, plus the deletion guard's and the Plex client
     * identifier. */
    public static ObjectNode starter() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode plex = root.putObject("plex");
        plex.put("account_token", "");
        plex.put("client_identifier", newClientIdentifier());
        ObjectNode simkl = root.putObject("simkl");
        simkl.put("client_id", "");
        simkl.put("client_secret", "");
        simkl.put("access_token", "");
        simkl.put("refresh_token", "");
        simkl.put("token_expires_at", 0);
        ObjectNode sync = root.putObject("sync");
        sync.put("enable_add", true);
        sync.put("enable_remove", true);
        sync.put("verify_after_write", true);
        ObjectNode bi = sync.putObject("bidirectional");
        bi.put("enabled", true);
        bi.put("mode", "two-way");
        bi.put("source_of_truth", "plex");
        sync.putObject("activity").put("use_activity", true);
        sync.put("max_delete", 10);
        sync.put("max_delete_percent", 20);
        sync.put("plex_watched", "complete");
        root.putObject("runtime").put("debug", false);
        return root;
    }

    public static String newClientIdentifier() {
        return "plex-simkl-sync-" + UUID.randomUUID();
    }

    /** Creates the starter config.json when there is none; true when it did. */
    public static boolean createIfMissing(Path file) throws ConfigException {
        if (Files.exists(file)) return false;
        try {
            AtomicFile.write(file, Json.pretty(starter()).getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (IOException e) {
            throw new ConfigException("Could not create " + file + ": " + e.getMessage()
                    + ". Check that the folder is writable, or choose another with --dir.", e);
        }
    }

    /** config.json when there is one, else the defaults; nothing is written. */
    public static ConfigFile readOrDefaults(Path file) throws ConfigException {
        return Files.exists(file) ? read(file) : new ConfigFile(file, Json.MAPPER.createObjectNode());
    }

    /**
     * The Plex client identifier of a config.json without one (the original tool's): the same for
     * every run from the same folder, and saved only by a successful --init-plex.
     */
    public static String derivedClientIdentifier(Path folder) {
        return "plex-simkl-sync-" + UUID.nameUUIDFromBytes(folder.toAbsolutePath().normalize().toString()
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads and parses config.json: UTF-8 only, one JSON object, each key once. A file that is not
     * is refused in words with its line (and column), and left as it is.
     */
    public static ConfigFile read(Path file) throws ConfigException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        String text = Utf8Text.decode(bytes, file);
        try {
            return new ConfigFile(file, HandWrittenJson.parse(text));
        } catch (HandWrittenJson.Refused e) {
            throw new ConfigException(file + " " + e.getMessage() + ". Fix the file; it was not changed.");
        }
    }

    /** Why config.json could not be read, in words (not the JDK's exception text). */
    static ConfigException unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new ConfigException(file + " does not exist. Run the tool without arguments to create a starter "
                    + "config.json.");
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return new ConfigException("Could not read " + file + ": permission denied. It must be readable by the "
                    + "user running the tool (it is written with mode 600, owner only).");
        }
        return new ConfigException("Could not read " + file + ": " + Json.ioProblem(e));
    }

    /** Every key the tool reads, dotted. */
    public static final List<String> KNOWN_KEYS = List.of("plex.account_token", "plex.client_identifier",
            "plex.home_user", "plex.home_user_id", "plex.home_pin", "plex.home_user_token",
            "simkl.client_id",
            "simkl.client_secret", "simkl.access_token", "simkl.refresh_token", "simkl.token_expires_at",
                    "sync.enable_add",
            "sync.enable_remove", "sync.verify_after_write", "sync.bidirectional.enabled", "sync.bidirectional.mode",
            "sync.bidirectional.source_of_truth", "sync.activity.use_activity", "sync.max_delete",
                    "sync.max_delete_percent", "sync.exclude", "sync.protect", "sync.types", "sync.plex_watched",
            "runtime.debug", "notify");

    /** Keys in the file the tool does not read (kept on rewrites; usually a typo), dotted. */
    public List<String> unknownKeys() {
        List<String> out = new ArrayList<>();
        collectUnknown(raw, "", out);
        return out;
    }

    private static void collectUnknown(JsonNode node, String prefix, List<String> out) {
        node.properties().forEach(e -> {
            String key = prefix + e.getKey();
            if (KNOWN_KEYS.contains(key)) return;
            boolean parent = KNOWN_KEYS.stream().anyMatch(k -> k.startsWith(key + "."));
            if (parent && e.getValue().isObject()) collectUnknown(e.getValue(), key + ".", out);
            else if (!parent) out.add(key);
        });
    }

    /** The raw tree (a copy), as on disk. */
    public ObjectNode raw() {
        return raw.deepCopy();
    }

    /** Validates the file and builds the effective settings, with environment overrides applied. */
    public Config resolve(Map<String, String> env) throws ConfigException {
        List<String> problems = new ArrayList<>();
        Reader r = new Reader(raw, problems);
        String plexToken = r.sent("plex.account_token", CleanValue.Kind.CREDENTIAL,
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
        String clientId = r.sent("simkl.client_id", CleanValue.Kind.CREDENTIAL, FROM_SIMKL_APP);
        String clientSecret = r.sent("simkl.client_secret", CleanValue.Kind.CREDENTIAL, FROM_SIMKL_APP);
        String accessToken = r.sent("simkl.access_token", CleanValue.Kind.CREDENTIAL,
                "paste the token again, or run --init-simkl pin");
        String refreshToken = r.sent("simkl.refresh_token", CleanValue.Kind.CREDENTIAL,
                "run --init-simkl pin again, which rewrites it");
        long expiresAt = r.integer("simkl.token_expires_at", 0, 0, Long.MAX_VALUE);
        boolean enableAdd = r.bool("sync.enable_add", true);
        boolean enableRemove = r.bool("sync.enable_remove", true);
        boolean verify = r.bool("sync.verify_after_write", true);
        boolean bidirectional = r.bool("sync.bidirectional.enabled", true);
        String mode = r.choice("sync.bidirectional.mode", "two-way", "two-way", "mirror");
        String source = r.choice("sync.bidirectional.source_of_truth", "plex", "plex", "simkl");
        boolean useActivity = r.bool("sync.activity.use_activity", true);
        long maxDelete = r.integer("sync.max_delete", 10, 0, Integer.MAX_VALUE);
        long maxDeletePercent = r.integer("sync.max_delete_percent", 20, 0, 100);
        List<Config.Listed> exclude = r.titles("sync.exclude");
        List<Config.Listed> protect = r.titles("sync.protect");
        Set<Config.TitleKind> types = r.kinds("sync.types");
        String plexWatched = r.choice("sync.plex_watched", "complete", "complete", "remove");
        boolean debug = r.bool("runtime.debug", false);
        List<Target> targets = r.targets("notify");
        List<String> unsendable = unsendable(env);
        if (!unsendable.isEmpty()) {
            throw new ConfigException(String.join("\n", unsendable) + "\nNothing was sent and nothing changed.");
        }
        if (!override(env, "PLEX_SIMKL_SYNC_NOTIFY_URL", "").isEmpty()) {
            Target fromEnv = envTarget(env);
            if (fromEnv == null) {
                problems.add("PLEX_SIMKL_SYNC_NOTIFY_URL must be an http:// or https:// URL (found "
                        + Target.describe(override(env, "PLEX_SIMKL_SYNC_NOTIFY_URL", "")) + ") and "
                        + "PLEX_SIMKL_SYNC_NOTIFY_FORMAT one of ntfy (the default), healthchecks, json");
            } else {
                targets.add(fromEnv);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(file + " has " + (problems.size() == 1 ? "a problem" : problems.size()
                    + " problems")
                    + ":\n  - " + String.join("\n  - ", problems) + "\nFix the file; it was not changed.");
        }
        plexToken = override(env, "PLEX_ACCOUNT_TOKEN", plexToken);
        clientId = override(env, "SIMKL_CLIENT_ID", clientId);
        clientSecret = override(env, "SIMKL_CLIENT_SECRET", clientSecret);
        accessToken = override(env, "SIMKL_ACCESS_TOKEN", accessToken);
        Config.Endpoints real = Config.Endpoints.REAL;
        Config.Endpoints endpoints = new Config.Endpoints(
                url(env, "PLEX_SIMKL_SYNC_PLEX_DISCOVER_URL", real.plexDiscover()),
                url(env, "PLEX_SIMKL_SYNC_PLEX_METADATA_URL", real.plexMetadata()),
                url(env, "PLEX_SIMKL_SYNC_PLEX_TV_URL", real.plexTv()),
                url(env, "PLEX_SIMKL_SYNC_SIMKL_API_URL", real.simklApi()),
                url(env, "PLEX_SIMKL_SYNC_SIMKL_WEB_URL", real.simklWeb()));
        return new Config(
                new Config.Plex(plexToken, clientIdentifier, homeUserId.isEmpty() ? null
                        : new Config.Home(homeUser.isEmpty() ? homeUserId : homeUser, homeUserId,
                                override(env, "PLEX_HOME_PIN", homePin), homeToken)),
                new Config.Simkl(clientId, clientSecret, accessToken, refreshToken, expiresAt),
                new Config.Sync(enableAdd, enableRemove, verify, bidirectional,
                        mode.equals("mirror") ? Config.Mode.MIRROR : Config.Mode.TWO_WAY,
                        source.equals("simkl") ? Config.Side.SIMKL : Config.Side.PLEX,
                        useActivity, (int) maxDelete, (int) maxDeletePercent, exclude, protect, types,
                        plexWatched.equals("remove") ? Config.PlexWatched.REMOVE : Config.PlexWatched.COMPLETE),
                debug, endpoints, targets);
    }

    private static final String FROM_SIMKL_APP = "copy it again from your app on simkl.com → Developers";

    /** The environment variables whose values are sent as they are, by name, each with what it holds. */
    private static final Map<String, String> SENT_FROM_ENV = new TreeMap<>(Map.ofEntries(
            Map.entry("PLEX_ACCOUNT_TOKEN", "token"), Map.entry("SIMKL_ACCESS_TOKEN", "token"),
            Map.entry("SIMKL_CLIENT_ID", "client id"), Map.entry("SIMKL_CLIENT_SECRET", "client secret"),
            Map.entry("PLEX_HOME_PIN", "PIN"), Map.entry("PLEX_SIMKL_SYNC_PLEX_DISCOVER_URL", "URL"),
            Map.entry("PLEX_SIMKL_SYNC_PLEX_METADATA_URL", "URL"), Map.entry("PLEX_SIMKL_SYNC_PLEX_TV_URL", "URL"),
            Map.entry("PLEX_SIMKL_SYNC_SIMKL_API_URL", "URL"), Map.entry("PLEX_SIMKL_SYNC_SIMKL_WEB_URL", "URL"),
            Map.entry("PLEX_SIMKL_SYNC_NOTIFY_URL", "URL")));

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
     * ntfy unless said), told of the default events; null when unset or not usable.
     */
    public static Target envTarget(Map<String, String> env) {
        String url = Target.normalized(override(env, "PLEX_SIMKL_SYNC_NOTIFY_URL", ""));
        Target.Format format = Target.Format.of(override(env, "PLEX_SIMKL_SYNC_NOTIFY_FORMAT", "ntfy"));
        if (format == null || !Target.usable(url)) return null;
        return new Target(url, format, Event.DEFAULT);
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

    /**
     * Changes some keys and writes the file back atomically (mode 0600), keeping every other key.
     * Re-reads the file first so that edits made since this run started are not lost.
     */
    public static ConfigFile update(Path file, Consumer<ObjectNode> change) throws ConfigException {
        ObjectNode tree = Files.exists(file) ? read(file).raw() : starter();
        change.accept(tree);
        try {
            AtomicFile.write(file, Json.pretty(tree).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException("Could not write " + file + ": " + e.getMessage()
                    + ". The file was left as it was.", e);
        }
        return new ConfigFile(file, tree);
    }

    /**
     * One entry of sync.exclude or sync.protect as the reader takes it (ids as a string or a list
     * of strings, or the entry itself a string of ids; an optional type), or null when it names nothing.
     */
    public static Config.Listed listed(JsonNode e) {
        JsonNode ids = e.isObject() ? e.get("ids") : e;
        String text = ids == null ? null : ids.isTextual() ? ids.asText() : ids.isArray() ? Reader.joined(ids) : null;
        if (text == null) return null;
        try {
            JsonNode t = e.isObject() ? e.get("type") : null;
            MediaType type = t == null || t.isNull() ? null : MediaType.parse(t.asText());
            JsonNode note = e.isObject() ? e.get("note") : null;
            return new Config.Listed(Ids.parse(text), type, note != null && note.isTextual() ? note.asText() : "");
        } catch (IllegalArgumentException bad) {
            return null;
        }
    }

    /** Sets a dotted key ("simkl.access_token") in a tree, creating objects on the way. */
    public static void set(ObjectNode tree, String dotted, Object value) {
        String[] parts = dotted.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode ? (ObjectNode) child : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], Json.MAPPER.valueToTree(value));
    }

    /** Reads dotted keys with type checks, collecting every problem rather than stopping at the first. */
    private static final class Reader {
        private final ObjectNode root;
        private final List<String> problems;

        Reader(ObjectNode root, List<String> problems) {
            this.root = root;
            this.problems = problems;
        }

        private void problem(String text) {
            if (!problems.contains(text)) problems.add(text);
        }

        private JsonNode find(String dotted) {
            JsonNode node = root;
            String path = "";
            for (String part : dotted.split("\\.")) {
                if (node == null || node.isNull() || node.isMissingNode()) return null;
                if (!node.isObject()) {
                    problem(path + " must be an object ({ ... }), found " + kind(node));
                    return null;
                }
                node = node.get(part);
                path = path.isEmpty() ? part : path + "." + part;
            }
            return node == null || node.isNull() ? null : node;
        }

        /**
         * A string the tool sends as it is: one holding a character that cannot be sent is a
         * problem (said by position, never quoted) and reads as empty.
         */
        String sent(String key, CleanValue.Kind kind, String advice) {
            String value = string(key, "");
            JsonNode n = find(key);
            String bad = n != null && n.isTextual() ? CleanValue.problem(n.asText(), kind) : null;
            if (bad == null) return value;
            problem(key + " " + bad + ": " + advice);
            return "";
        }

        String string(String key, String dflt) {
            JsonNode n = find(key);
            if (n == null) return dflt;
            if (!n.isTextual()) {
                problem(key + " must be a string in quotes, found " + kind(n));
                return dflt;
            }
            return n.asText().trim();
        }

        boolean bool(String key, boolean dflt) {
            JsonNode n = find(key);
            if (n == null) return dflt;
            if (!n.isBoolean()) {
                problem(key + " must be true or false, found " + kind(n));
                return dflt;
            }
            return n.asBoolean();
        }

        long integer(String key, long dflt, long min, long max) {
            JsonNode n = find(key);
            if (n == null) return dflt;
            if (!n.isIntegralNumber() || n.asLong() < min || n.asLong() > max) {
                problem(key + " must be a whole number from " + min
                        + (max == Long.MAX_VALUE || max == Integer.MAX_VALUE ? " up" : " to " + max) + ", found "
                                + kind(n));
                return dflt;
            }
            return n.asLong();
        }

        String choice(String key, String dflt, String... allowed) {
            JsonNode n = find(key);
            if (n == null) return dflt;
            String v = n.isTextual() ? n.asText().trim() : null;
            for (String a : allowed) if (a.equals(v)) return v;
            problem(key + " must be one of \"" + String.join("\", \"", allowed) + "\", found " + kind(n));
            return dflt;
        }

        /**
         * A list of titles (sync.exclude, sync.protect): each entry {"ids": "simkl:123 imdb:tt1",
         * "type": "movie"|"show", "note": "…"} (ids also as a list of strings), or just the ids as a string.
         */
        List<Config.Listed> titles(String key) {
            JsonNode n = find(key);
            List<Config.Listed> out = new ArrayList<>();
            if (n == null) return out;
            if (!n.isArray()) {
                problem(key + " must be a list ([ ... ]) of {\"ids\": \"simkl:123456\", \"note\": \"…\"}, found "
                        + kind(n));
                return out;
            }
            for (int i = 0; i < n.size(); i++) {
                String at = key + "[" + i + "]";
                JsonNode e = n.get(i);
                JsonNode ids = e.isObject() ? e.get("ids") : e;
                String text = ids == null ? null : ids.isTextual() ? ids.asText() : ids.isArray() ? joined(ids) : null;
                if (text == null) {
                    problem(at + " must name the title by its ids, e.g. {\"ids\": \"simkl:123456\"}, found "
                            + kind(e));
                    continue;
                }
                Ids parsed;
                try {
                    parsed = Ids.parse(text);
                } catch (IllegalArgumentException bad) {
                    problem(at + ".ids: " + bad.getMessage());
                    continue;
                }
                MediaType type = null;
                JsonNode t = e.isObject() ? e.get("type") : null;
                if (t != null && !t.isNull()) {
                    type = t.isTextual() && t.asText().equals("movie") ? MediaType.MOVIE
                            : t.isTextual() && t.asText().equals("show") ? MediaType.SHOW : null;
                    if (type == null) {
                        problem(at + ".type must be \"movie\" or \"show\", found " + kind(t));
                        continue;
                    }
                }
                JsonNode note = e.isObject() ? e.get("note") : null;
                out.add(new Config.Listed(parsed, type, note != null && note.isTextual() ? note.asText() : ""));
            }
            return out;
        }

        /** notify: where to send what, each {"url": …, "format": "ntfy"|"healthchecks"|"json", "on": [events]}. */
        List<Target> targets(String key) {
            JsonNode n = find(key);
            List<Target> out = new ArrayList<>();
            if (n == null) return out;
            if (!n.isArray()) {
                problem(key + " must be a list ([ ... ]) of {\"url\": \"https://ntfy.sh/your-topic\", \"format\": "
                        + "\"ntfy\"}, found " + kind(n));
                return out;
            }
            for (int i = 0; i < n.size(); i++) {
                String at = key + "[" + i + "]";
                JsonNode e = n.get(i);
                String url = Target.normalized(e.path("url").asText(""));
                String bad = e.path("url").isTextual()
                        ? CleanValue.problem(e.path("url").asText(), CleanValue.Kind.URL) : null;
                if (bad != null) {
                    problem(at + ".url " + bad + ": type the URL again");
                    continue;
                }
                if (!e.isObject() || !Target.usable(url)) {
                    // a URL is named by its host only: its path, password or query may be all that guards the target
                    problem(at + ".url must be an http:// or https:// URL, found " + (!e.isObject() ? kind(e)
                            : e.path("url").isTextual() ? Target.describe(url) : kind(e.path("url").isMissingNode()
                                    ? e : e.get("url"))));
                    continue;
                }
                Target.Format format = Target.Format.of(e.path("format").asText("ntfy"));
                if (format == null) {
                    problem(at + ".format must be \"ntfy\", \"healthchecks\" or \"json\", found "
                            + kind(e.get("format")));
                    continue;
                }
                Set<Event> on = EnumSet.noneOf(Event.class);
                JsonNode events = e.get("on");
                if (events == null || events.isNull()) {
                    on.addAll(Event.DEFAULT);
                } else if (!events.isArray() || events.isEmpty()) {
                    problem(at + ".on must be a list of events (failure, guard, unresolved, changes, success), found "
                            + kind(events));
                    continue;
                } else {
                    for (JsonNode ev : events) {
                        Event known = Event.of(ev.asText(""));
                        if (known == null) problem(at + ".on: " + kind(ev) + " is not an event (failure, guard, "
                                + "unresolved, changes, success)");
                        else on.add(known);
                    }
                }
                out.add(new Target(url, format, on));
            }
            return out;
        }

        /** sync.types: the kinds synced, all three when absent. */
        Set<Config.TitleKind> kinds(String key) {
            JsonNode n = find(key);
            Set<Config.TitleKind> all = EnumSet.allOf(Config.TitleKind.class);
            if (n == null) return all;
            Set<Config.TitleKind> out = EnumSet.noneOf(Config.TitleKind.class);
            String accepted = "\"movies\", \"shows\", \"anime\"";
            if (!n.isArray() || n.isEmpty()) {
                problem(key + " must be a list of one or more of " + accepted + ", found " + kind(n));
                return all;
            }
            List<String> wrong = new ArrayList<>();
            for (JsonNode k : n) {
                Config.TitleKind found = null;
                for (Config.TitleKind t : Config.TitleKind.values()) if (t.word.equals(k.asText(null))) found = t;
                if (found == null || !k.isTextual()) wrong.add(kind(k));
                else out.add(found);
            }
            if (!wrong.isEmpty()) {
                // the value that is wrong, named, beside the ones that would do (a "movie" for "movies" is the usual slip)
                problem(key + ": " + String.join(", ", wrong) + (wrong.size() == 1 ? " is not" : " are not")
                        + " a kind of title this tool syncs; use " + accepted + ", e.g. [\"movies\", \"shows\"]");
                return all;
            }
            return out;
        }

        static String joined(JsonNode array) {
            List<String> parts = new ArrayList<>();
            for (JsonNode p : array) {
                if (!p.isTextual()) return null;
                parts.add(p.asText());
            }
            return String.join(" ", parts);
        }

        private static String kind(JsonNode n) {
            if (n.getNodeType() == JsonNodeType.STRING) return "\"" + n.asText() + "\"";
            if (n.isObject()) return "an object";
            if (n.isArray()) return "a list";
            return n.toString();
        }
    }
}
