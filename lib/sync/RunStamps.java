package sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import files.AtomicFile;
import files.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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
 * or put back from a backup) only its count of the day's SIMKL requests is used, when higher, and a
 * whole save of state.json removes it; after --reset-state it holds that count alone. Written
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
     * the state.json {@code stateJson} identifies (null: there is none). Beside any other state.json
     * (mended or put back by hand, written by an older version), or none after --reset-state, only
     * their count of the day's SIMKL requests is taken, and only when it counts more ({@link
     * #higher}): the count never goes back. A state.run.json that is missing, not a regular file,
     * unreadable or not understood is not used: state.json alone is the state.
     */
    static State applied(Path stateFile, String stateJson, State s) {
        RunStamps stamps = read(stateFile);
        if (stamps == null) return s;
        if (stateJson != null && stateJson.equals(stamps.stateJson())) return stamps.over(s);
        State.Budget count = higher(s.simklRequests(), stamps.simklRequests());
        return count == s.simklRequests() ? s : s.withSimklRequests(count);
    }

    /** The stamps beside {@code stateFile}; null when there are none that can be read (a FIFO is never opened). */
    static RunStamps read(Path stateFile) {
        Path file = fileFor(stateFile);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) return null;
        try {
            return Json.MAPPER.readValue(Files.readAllBytes(file), RunStamps.class);
        } catch (IOException | RuntimeException e) { // gone since, or not understood
            return null;
        }
    }

    /**
     * Of two counts of the day's SIMKL requests, the one that counts more: of the later day, or of
     * the same day the higher count (counts of days in different zones are not compared: {@code
     * own} stands); with the later of their {@code refused_until}. {@code own} itself when it is that.
     */
    static State.Budget higher(State.Budget own, State.Budget other) {
        if (own == null || other == null) return own == null ? other : own;
        State.Budget pick = own;
        if (Objects.equals(own.zone(), other.zone())) {
            int byDay = compareDays(other.day(), own.day());
            if (byDay > 0 || byDay == 0 && other.count() > own.count()) pick = other;
        }
        Instant ownUntil = own.refusedUntilInstant();
        Instant otherUntil = other.refusedUntilInstant();
        String until = otherUntil != null && (ownUntil == null || otherUntil.isAfter(ownUntil)) ? other.refusedUntil()
                : own.refusedUntil();
        if (pick == own && Objects.equals(until, own.refusedUntil())) return own;
        return new State.Budget(pick.day(), pick.count(), pick.zone(), until);
    }

    /** Compares two days (yyyy-mm-dd); one that is not a day comes before any that is. */
    private static int compareDays(String a, String b) {
        LocalDate x = day(a);
        LocalDate y = day(b);
        if (x == null || y == null) return x == null ? (y == null ? 0 : -1) : 1;
        return x.compareTo(y);
    }

    private static LocalDate day(String s) {
        try {
            return s == null ? null : LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The day's SIMKL requests as {@code stateFile} and the stamps beside it count them, read as
     * far as they can be (state.json may be damaged: it is being reset): what --reset-state keeps.
     * Null when neither holds a count.
     */
    static State.Budget kept(Path stateFile) {
        State.Budget own = null;
        try {
            if (Files.isRegularFile(stateFile, LinkOption.NOFOLLOW_LINKS)) {
                JsonNode counted = Json.MAPPER.readTree(Files.readAllBytes(stateFile)).path("simkl_requests");
                if (counted.isObject()) own = Json.MAPPER.treeToValue(counted, State.Budget.class);
            }
        } catch (IOException | RuntimeException e) {
            // damaged: the stamps' count, if any, is what is kept
        }
        RunStamps stamps = read(stateFile);
        return higher(own, stamps == null ? null : stamps.simklRequests());
    }

    /** Stamps holding only the day's SIMKL requests {@code count}, beside no state.json (after --reset-state). */
    static RunStamps countOnly(State.Budget count) {
        return new RunStamps(null, null, null, count);
    }

    void write(Path stateFile) throws IOException {
        AtomicFile.write(fileFor(stateFile), (Json.compact(this) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
