package sync;

import model.Plural;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deciding what one read of SIMKL asks for (pure), from each bucket's copy and stamps: the buckets
 * read whole, those whose deletions are checked in SIMKL's minified shape, and where each list delta
 * and each ratings read starts. A bucket in none of them is taken from the copy. {@code notes} are
 * what the decision has to tell (a bucket read whole because its change stayed unread too long).
 */
record SimklToRead(List<SimklBucket> whole, List<SimklBucket> presence, Map<SimklBucket, String> deltaSince,
                   Map<SimklBucket, String> ratingsSince, List<String> notes) {
    SimklToRead {
        whole = List.copyOf(whole);
        presence = List.copyOf(presence);
        deltaSince = unmodifiable(deltaSince);
        ratingsSince = unmodifiable(ratingsSince);
        notes = List.copyOf(notes);
    }

    private static Map<SimklBucket, String> unmodifiable(Map<SimklBucket, String> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /**
     * A bucket with no copy (or every bucket, when activities are not used) is read whole; one whose
     * stamps did not move not at all; one whose change no read has shown for too long whole, once;
     * else the deltas its moved stamps call for, and the minified read when something left it.
     */
    static SimklToRead decide(List<SimklBucket> buckets, boolean useActivity, ReadRetries retries) {
        List<SimklBucket> whole = new ArrayList<>();
        List<SimklBucket> presence = new ArrayList<>();
        Map<SimklBucket, String> deltaSince = new LinkedHashMap<>();
        Map<SimklBucket, String> ratingsSince = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (SimklBucket b : buckets) {
            if (!useActivity || !b.hasCopy()) {
                whole.add(b);
                continue;
            }
            boolean lists = b.listsMoved();
            boolean ratings = b.ratingsMoved();
            if (!lists && !ratings) continue;
            String since = b.deltaSince();
            if (since == null) {
                whole.add(b);
                continue;
            }
            String overdue = retries.overdue(b.name()) ? b.name() : retries.overdue(b.ratedKey()) ? b.ratedKey()
                    : null;
            if (overdue != null) {
                State.Retry r = retries.before(overdue);
                notes.add("SIMKL: " + b.name() + ": its stamps moved " + Plural.of(r.runs(), "run") + " ago (since "
                        + r.since() + ") and no read has shown what changed; reading the list whole once");
                whole.add(b);
                continue;
            }
            // deletions never show in a delta: which titles are still there is read in SIMKL's minified shape
            if (b.removalsMoved()) presence.add(b);
            if (lists) deltaSince.put(b, since);
            if (ratings) ratingsSince.put(b, b.ratingsSince(since));
        }
        return new SimklToRead(whole, presence, deltaSince, ratingsSince, notes);
    }
}
