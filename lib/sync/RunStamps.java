package sync;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import files.AtomicFile;
import files.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * state.run.json beside state.json: what a run that changed nothing else leaves instead of writing
 * state.json whole again (390 KB for 1,000 + 1,000 titles): when it saved ({@code saved_at}, the
 * snapshot's {@code taken_at}) and the day's SIMKL requests ({@code simkl_requests}), the three
 * things every run moves. It names the state.json it stands beside by size and CRC-32 ({@code
 * state_json}): read beside any other state.json (one written since, by this tool or an older one,
 * or put back from a backup) it is not used, and a whole save of state.json removes it. Written
 * like every file of the tool (whole or not at all, flushed to disk), so a kill leaves the last one.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record RunStamps(String stateJson, String savedAt, String snapshotTakenAt, State.Budget simklRequests) {
    /** Where the stamps of {@code stateFile} go: state.run.json beside state.json. */
    static Path fileFor(Path stateFile) {
        String name = stateFile.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return stateFile.resolveSibling(stem + ".run.json");
    }

    /** Which state.json {@code bytes} are: their size and CRC-32 ("385866:1a2b3c4d"). */
    static String identify(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return bytes.length + ":" + String.format("%08x", crc.getValue());
    }

    /** The stamps {@code s} carries, as a run leaves them beside the state.json that is {@code stateJson}. */
    static RunStamps of(State s, String stateJson) {
        return new RunStamps(stateJson, s.savedAt(), s.seeded() ? s.snapshot().takenAt() : null, s.simklRequests());
    }

    /** {@code s} with these stamps in place of its own. */
    State over(State s) {
        State stamped = s.withSavedAt(savedAt).withSimklRequests(simklRequests);
        return s.seeded() ? stamped.withSnapshot(new State.Snapshot(snapshotTakenAt, s.snapshot().items())) : stamped;
    }

    /**
     * Whether {@code a} and {@code b} differ at most in what every run moves (the stamps): then a run
     * that leaves {@code b} after reading {@code a} has nothing else to save. Compared component by
     * component, and the snapshot and the SIMKL copy (thousands of titles) title by title: in a JVM
     * just started, a record's own equals costs ten times as much the first time it is called (State's
     * alone 10 ms). A component added to one of these records must be compared here too (the test
     * of this class lists them).
     */
    static boolean onlyStampsDiffer(State a, State b) {
        return a.version() == b.version() && a.seeded() == b.seeded()
                && (!a.seeded() || sameEntries(a.snapshot().items(), b.snapshot().items()))
                && sameCopy(a.simkl(), b.simkl()) && a.unresolved().equals(b.unresolved())
                && Objects.equals(a.plexPingedAt(), b.plexPingedAt())
                && Objects.equals(a.plexWatchlist(), b.plexWatchlist())
                && Objects.equals(a.simklAccount(), b.simklAccount())
                && Objects.equals(a.plexHomeToken(), b.plexHomeToken()) && sameEntries(a.undone(), b.undone());
    }

    /**
     * Whether two lists of snapshot entries hold the same entries in the same order, every component
     * compared (each pair in a method of its own, which the JVM compiles after a few hundred calls).
     */
    static boolean sameEntries(List<State.Entry> a, List<State.Entry> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (!same(a.get(i), b.get(i))) return false;
        return true;
    }

    private static boolean same(State.Entry x, State.Entry y) {
        return x.type() == y.type() && Objects.equals(x.title(), y.title()) && Objects.equals(x.year(), y.year())
                && x.ids().equals(y.ids()) && x.onPlex() == y.onPlex() && x.onSimkl() == y.onSimkl();
    }

    /** Whether two copies of the SIMKL library are the same: stamps, retries, and each list title by title. */
    static boolean sameCopy(State.SimklCache a, State.SimklCache b) {
        if (a == null || b == null) return a == b;
        if (!a.activities().equals(b.activities()) || !a.retries().equals(b.retries())
                || !a.buckets().keySet().equals(b.buckets().keySet())) {
            return false;
        }
        for (Map.Entry<String, List<State.CachedSimklItem>> e : a.buckets().entrySet()) {
            if (!sameItems(e.getValue(), b.buckets().get(e.getKey()))) return false;
        }
        return true;
    }

    private static boolean sameItems(List<State.CachedSimklItem> a, List<State.CachedSimklItem> b) {
        if (a == null || b == null) return a == b;
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (!same(a.get(i), b.get(i))) return false;
        return true;
    }

    private static boolean same(State.CachedSimklItem x, State.CachedSimklItem y) {
        return x.type() == y.type() && Objects.equals(x.title(), y.title()) && Objects.equals(x.year(), y.year())
                && x.ids().equals(y.ids()) && Objects.equals(x.status(), y.status()) && x.watched() == y.watched()
                && x.rated() == y.rated() && Objects.equals(x.animeType(), y.animeType());
    }

    /**
     * {@code s} with the stamps of {@code stateFile}'s state.run.json when it stands beside exactly
     * the state.json {@code stateJson} identifies; else {@code s} as it is. A state.run.json that is
     * missing, a link, unreadable or not understood is not used: state.json alone is the state, as
     * it was before the runs whose stamps it held.
     */
    static State applied(Path stateFile, String stateJson, State s) {
        Path file = fileFor(stateFile);
        if (Files.isSymbolicLink(file)) return s;
        RunStamps stamps;
        try {
            stamps = Json.MAPPER.readValue(Files.readAllBytes(file), RunStamps.class);
        } catch (IOException | RuntimeException e) { // missing (NoSuchFileException) or not understood
            return s;
        }
        return stamps != null && stateJson.equals(stamps.stateJson()) ? stamps.over(s) : s;
    }

    void write(Path stateFile) throws IOException {
        AtomicFile.write(fileFor(stateFile), (Json.compact(this) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
