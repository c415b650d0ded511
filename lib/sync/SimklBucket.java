package sync;

import simkl.SimklClient;
import simkl.SimklEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static sync.SimklStamps.RATED;

/**
 * One of SIMKL's three buckets (movies, shows, anime; each holds every status: Plan to Watch,
 * watching, completed, on hold, dropped) as one read of SIMKL sees it (pure): its name, the copy
 * state.json holds of it (none on a first read), and its activity stamps at the last read and now.
 * What the stamps say (its lists moved, its ratings moved, titles left it, where its delta starts)
 * is asked here, by deciding ({@link SimklToRead}), reading ({@link SimklRead}) and reconciling
 * ({@link SimklReconcile}) alike. One instance stands for its bucket through a read: two are the
 * same bucket only when they are the same object, so it keys maps without hashing its copy.
 */
final class SimklBucket {
    private final String name;
    private final List<State.CachedSimklItem> saved;
    private final List<SimklEntry> copy;
    private final Map<String, String> before;
    private final Map<String, String> now;

    /**
     * @param saved the copy of this bucket at the last read, or null when there is none
     * @param before the stamps at the last read (any bucket's; only this bucket's are kept)
     * @param now the stamps SIMKL answers now (likewise)
     */
    SimklBucket(String name, List<State.CachedSimklItem> saved, Map<String, String> before, Map<String, String> now) {
        this.name = name;
        this.saved = saved == null ? null : List.copyOf(saved);
        this.copy = saved == null ? List.of() : List.copyOf(SimklCopy.fromCache(name, saved));
        this.before = ownStamps(name, before);
        this.now = ownStamps(name, now);
    }

    /** Every bucket, in the order SIMKL's are read, with what {@code saved} (null: nothing) holds of it. */
    static List<SimklBucket> all(State.SimklCache saved, Map<String, String> now) {
        List<SimklBucket> out = new ArrayList<>();
        for (String name : SimklClient.BUCKETS) {
            out.add(new SimklBucket(name, saved == null ? null : saved.buckets().get(name),
                    saved == null ? Map.of() : saved.activities(), now));
        }
        return out;
    }

    private static Map<String, String> ownStamps(String name, Map<String, String> stamps) {
        Map<String, String> m = new TreeMap<>();
        stamps.forEach((k, v) -> { if (k.startsWith(name + ".")) m.put(k, v); });
        return m;
    }

    /** The bucket as SIMKL names it in paths and stamps: movies, shows or anime. */
    String name() {
        return name;
    }

    /** The key its ratings are stamped and retried under (shows.rated_at). */
    String ratedKey() {
        return name + RATED;
    }

    /** Whether state.json holds a copy of it (an empty list is a copy). */
    boolean hasCopy() {
        return saved != null;
    }

    /** The copy as saved at the last read, or null when there is none. */
    List<State.CachedSimklItem> saved() {
        return saved;
    }

    /** The copy's titles (none when there is no copy). */
    List<SimklEntry> copy() {
        return copy;
    }

    /** Its stamps at the last read. */
    Map<String, String> before() {
        return before;
    }

    /** Its stamps now. */
    Map<String, String> now() {
        return now;
    }

    /** Whether its lists changed since the last read (a playback or a rating is no change of a list). */
    boolean listsMoved() {
        return SimklStamps.listsMoved(now, before, name);
    }

    /** Whether its ratings changed since the last read. */
    boolean ratingsMoved() {
        return SimklStamps.ratingsMoved(now, before, name);
    }

    /** Whether titles were deleted from it since the last read. */
    boolean removalsMoved() {
        return SimklStamps.removalsMoved(now, before, name);
    }

    /** Where a delta of its lists starts: its newest list stamp at the last read; null when it had none. */
    String deltaSince() {
        return SimklStamps.lastStamp(SimklStamps.listStamps(before, name), name);
    }

    /** Where a read of its ratings starts: its ratings stamp at the last read, else {@code deltaSince}. */
    String ratingsSince(String deltaSince) {
        return before.getOrDefault(ratedKey(), deltaSince);
    }

    /** The keys of its list stamps now: those kept old when a delta does not show why they moved. */
    Set<String> listKeysNow() {
        return SimklStamps.listStamps(now, name).keySet();
    }

    /** Every key of its stamps, then or now. */
    Set<String> keys() {
        return SimklStamps.bucketKeys(name, now, before);
    }

    @Override
    public String toString() {
        return name;
    }
}
