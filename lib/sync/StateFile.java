package sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import config.ConfigException;
import files.AtomicFile;
import files.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads and writes state.json. A missing file is a first run; a corrupt file, or one from another
 * version, is refused with a message and never silently replaced.
 */
public final class StateFile {
    private StateFile() {}

    public static State load(Path file) throws ConfigException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return State.empty();
        } catch (IOException e) {
            throw new ConfigException("Could not read " + file + ": " + e.getMessage());
        }
        try {
            // the common case, read in one pass; anything unusual is looked at closely below
            State direct = Json.MAPPER.readValue(bytes, State.class);
            if (direct.version() == State.CURRENT_VERSION) return direct;
        } catch (IOException | IllegalArgumentException e) {
            // fall through to the checks that explain what is wrong
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + " is damaged (" + Json.describe(e) + "). It was left as it is. "
                    + "Move it away or run --reset-state; the next sync then re-seeds safely (adds only).");
        } catch (IOException e) {
            throw new ConfigException("Could not read " + file + ": " + e.getMessage());
        }
        if (node == null || !node.isObject() || !node.path("version").isInt()) {
            throw new ConfigException(file + " is not a plex_simkl_sync state file (no \"version\"). It was left as it is. "
                    + "Move it away or run --reset-state; the next sync then re-seeds safely (adds only).");
        }
        int version = node.get("version").asInt();
        if (version > State.CURRENT_VERSION) {
            throw new ConfigException(file + " was written by a newer plex_simkl_sync (state version " + version
                    + "; this one reads up to " + State.CURRENT_VERSION + "). Upgrade the tool, or run --reset-state to start over.");
        }
        if (version < 1) {
            throw new ConfigException(file + " has an unknown state version " + version
                    + ". Run --reset-state; the next sync then re-seeds safely (adds only).");
        }
        try {
            return Json.MAPPER.treeToValue(node, State.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ConfigException(file + " could not be understood (" + e.getMessage().split("\n")[0]
                    + "). It was left as it is. Run --reset-state to start over (the next sync adds only).");
        }
    }

    /** Compact JSON (large lists load fast); read it with e.g. {@code jq . state.json}. */
    public static void save(Path file, State state) throws IOException {
        AtomicFile.write(file, (Json.compact(state) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Deletes state.json; true when there was one. */
    public static boolean reset(Path file) throws IOException {
        return Files.deleteIfExists(file);
    }
}
