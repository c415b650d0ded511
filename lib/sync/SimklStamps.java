package sync;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * SIMKL's activity stamps as the read uses them (pure): which say that a bucket's lists changed,
 * where a delta starts, and putting back the stamps of a change not read yet.
 */
final class SimklStamps {
    static final String RATED = ".rated_at";

    private SimklStamps() {}

    /** Stamps in time order (SIMKL writes them with and without fractions of a second); text order if one does not
     * parse. */
    static final Comparator<String> BY_TIME = (a, b) -> {
        try {
            return OffsetDateTime.parse(a).toInstant().compareTo(OffsetDateTime.parse(b).toInstant());
        } catch (DateTimeParseException e) {
            return a.compareTo(b);
        }
    };

    /**
     * The stamps that say a bucket's lists changed: every one but playback (a title being played),
     * rated_at (ratings are read apart) and "all".
     */
    static Map<String, String> listStamps(Map<String, String> stamps, String bucket) {
        Map<String, String> m = new TreeMap<>();
        stamps.forEach((k, v) -> {
            if (k.startsWith(bucket + ".") && !k.equals(bucket + ".playback") && !k.equals(bucket + ".all")
                    && !k.equals(bucket + RATED)) {
                m.put(k, v);
            }
        });
        return m;
    }

    /** Whether the bucket's lists changed between two sets of stamps. */
    static boolean listsMoved(Map<String, String> now, Map<String, String> before, String bucket) {
        return !listStamps(now, bucket).equals(listStamps(before, bucket));
    }

    /** Whether the bucket's ratings changed between two sets of stamps. */
    static boolean ratingsMoved(Map<String, String> now, Map<String, String> before, String bucket) {
        return !Objects.equals(now.get(bucket + RATED), before.get(bucket + RATED));
    }

    /** Whether titles were deleted from the bucket since {@code before} (SIMKL's removed_from_list moved). */
    static boolean removalsMoved(Map<String, String> now, Map<String, String> before, String bucket) {
        String key = bucket + ".removed_from_list";
        String stamp = now.get(key);
        return stamp != null && !stamp.equals(before.get(key));
    }

    /**
     * The latest stamp of a bucket at the last read: every list change up to it is in the copy.
     * Given {@link #listStamps}, a later rating or playback does not move where a delta starts.
     */
    static String lastStamp(Map<String, String> stamps, String bucket) {
        String last = null;
        for (Map.Entry<String, String> e : stamps.entrySet()) {
            if (!e.getKey().startsWith(bucket + ".") || e.getValue() == null) continue;
            if (last == null || BY_TIME.compare(e.getValue(), last) > 0) last = e.getValue();
        }
        return last;
    }

    /** Puts back the saved value of each key (or drops a key the saved stamps did not have). */
    static void keepOld(Map<String, String> stamps, Map<String, String> saved, Set<String> keys) {
        for (String k : keys) {
            if (saved.containsKey(k)) stamps.put(k, saved.get(k));
            else stamps.remove(k);
        }
    }

    /** Every key of a bucket in either set of stamps. */
    static Set<String> bucketKeys(String bucket, Map<String, String> a, Map<String, String> b) {
        Set<String> keys = new TreeSet<>();
        for (Map<String, String> m : List.of(a, b)) {
            for (String k : m.keySet()) if (k.startsWith(bucket + ".")) keys.add(k);
        }
        return keys;
    }

    static String oldest(Map<String, String> since) {
        return since.values().stream().min(BY_TIME).orElseThrow();
    }
}
