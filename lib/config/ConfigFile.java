package config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import files.AtomicFile;
import files.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * config.json as a file: the starter file, strict reading (UTF-8, one object, each key once, a
 * mistake said in words with its line), the keys it holds that the tool does not read, and atomic
 * rewrites (mode 0600) that keep its layout and every key the person added. What its values mean,
 * with the environment over them, {@link ConfigValues} reads.
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
        if (e instanceof AccessDeniedException) {
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

    /** The effective settings: the file's values checked, the environment over them ({@link ConfigValues}). */
    public Config resolve(Map<String, String> env) throws ConfigException {
        return ConfigValues.resolve(file, raw, env);
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
}
