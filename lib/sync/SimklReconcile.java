package sync;

import model.Plural;
import simkl.SimklEntry;
import simkl.SimklRating;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import static sync.SimklCopy.toCache;

/**
 * Reconciling one read of SIMKL with the copy saved in state.json (pure: it is handed what each
 * request answered, in the order they were sent, and tells {@code log} what it finds). Buckets read
 * whole replace their copy; the minified read drops from the copy what left; deltas and ratings are
 * merged into it. A change the stamps announce that no read shows keeps the old stamps, so that the
 * next run asks again ({@link ReadRetries}). A bucket that answered empty although its copy held
 * titles is read again; still empty, it is doubted, and the copy to save when the read is not
 * trusted keeps it as it was.
 */
final class SimklReconcile {
    private final List<SimklBucket> buckets;
    private final ReadRetries retries;
    private final Consumer<String> log;
    private final Map<String, String> stamps;
    private final Map<SimklBucket, List<SimklEntry>> fresh = new LinkedHashMap<>();
    private final Set<SimklBucket> readWhole = new HashSet<>();
    private final Map<SimklBucket, Set<String>> notInCopy = new HashMap<>();
    private final Set<SimklBucket> doubted = new TreeSet<>(Comparator.comparing(SimklBucket::name));

    /** @param now every stamp SIMKL answers now: the stamps to save, but for those kept old */
    SimklReconcile(List<SimklBucket> buckets, Map<String, String> now, ReadRetries retries, Consumer<String> log) {
        this.buckets = List.copyOf(buckets);
        this.retries = retries;
        this.log = log;
        this.stamps = new HashMap<>(now);
    }

    /** A bucket read whole: its copy is what SIMKL answered. */
    void whole(SimklBucket b, List<SimklEntry> entries) {
        fresh.put(b, entries);
        readWhole.add(b);
    }

    /** The minified read of a bucket: the SIMKL ids of its titles now. The copy's titles not among them left. */
    void present(SimklBucket b, Set<String> ids) {
        List<SimklEntry> kept = SimklCopy.stillThere(b.copy(), ids);
        log.accept("SIMKL: " + b.name() + ": " + Plural.of(b.copy().size() - kept.size(), "title")
                + " deleted since the last run");
        notInCopy.put(b, SimklCopy.notInCopy(b.copy(), ids));
        fresh.put(b, kept);
    }

    /**
     * The buckets read so far that answered empty although the copy held titles: to be read once
     * more (a bucket whose single title SIMKL records as removed is simply empty now).
     */
    List<SimklBucket> suspectEmpty() {
        List<SimklBucket> suspect = new ArrayList<>();
        for (Map.Entry<SimklBucket, List<SimklEntry>> f : fresh.entrySet()) {
            SimklBucket b = f.getKey();
            int before = b.copy().size();
            if (!f.getValue().isEmpty() || before == 0) continue;
            if (before == 1 && b.removalsMoved()) {
                log.accept("SIMKL: your " + b.name() + " lists are empty now (SIMKL records the removal of their one "
                        + "title)");
            } else {
                suspect.add(b);
            }
        }
        if (!suspect.isEmpty()) {
            log.accept("SIMKL answered its " + String.join(" and ", names(suspect))
                    + " lists empty although they held titles; reading again");
        }
        return suspect;
    }

    /** Whether {@code b} was read whole in this read (else, when read at all, in the minified shape). */
    boolean readWhole(SimklBucket b) {
        return readWhole.contains(b);
    }

    /** A suspect bucket read again whole: doubted when still empty. */
    void again(SimklBucket b, List<SimklEntry> entries) {
        fresh.put(b, entries);
        if (entries.isEmpty()) doubted.add(b);
    }

    /** A suspect bucket read again in the minified shape: doubted when still empty. */
    void presentAgain(SimklBucket b, Set<String> ids) {
        again(b, SimklCopy.stillThere(b.copy(), ids));
    }

    /** The planned deltas still to read: none of a bucket read whole instead. */
    Map<SimklBucket, String> deltasToRead(Map<SimklBucket, String> planned) {
        Map<SimklBucket, String> out = new LinkedHashMap<>(planned);
        out.keySet().removeAll(readWhole);
        return out;
    }

    /** A list delta, merged into the copy; stamps it does not explain are kept to ask again. */
    void delta(SimklBucket b, String since, List<SimklEntry> changed) {
        log.accept("SIMKL: " + b.name() + ": " + Plural.of(changed.size(), "title") + " changed since " + since
                + " (delta read)");
        fresh.put(b, SimklCopy.merge(base(b), changed));
        // an empty delta is explained when the minified read shows every title of the copy that is left and
        // none besides: whatever moved the stamps came and went between two runs (added, then deleted)
        Set<String> unread = notInCopy.get(b);
        if (changed.isEmpty() && (unread == null || !unread.isEmpty())) {
            keepOld(b, b.name(), b.listKeysNow(), unread == null ? "the delta shows no change"
                    : "the delta does not show " + Plural.of(unread.size(), "title") + " SIMKL holds");
        }
    }

    /** The ratings changed, set on the copy; a ratings stamp no read explains is kept to ask again. */
    void ratings(SimklBucket b, String since, List<SimklRating> rated) {
        log.accept("SIMKL: " + b.name() + ": " + Plural.of(rated.size(), "rating") + " changed since " + since);
        fresh.put(b, SimklCopy.withRatings(base(b), rated));
        if (rated.isEmpty()) {
            keepOld(b, b.ratedKey(), Set.of(b.ratedKey()), "the ratings read shows no rating given or removed");
        }
    }

    /** A bucket as this read has it so far, else as the copy holds it. */
    private List<SimklEntry> base(SimklBucket b) {
        return fresh.containsKey(b) ? fresh.get(b) : b.copy();
    }

    /**
     * Keeps the saved values of {@code keys}, so that the next run asks for this change again
     * (SIMKL's lists can trail its activities by seconds), and counts it under {@code retryKey}.
     */
    private void keepOld(SimklBucket b, String retryKey, Set<String> keys, String why) {
        SimklStamps.keepOld(stamps, b.before(), keys);
        State.Retry r = retries.kept(retryKey);
        log.accept("SIMKL: " + retryKey + ": its stamps moved but " + why + "; asking again next run (" + r.runs()
                + " of " + ReadRetries.RUNS + ", since " + r.since() + ")");
    }

    /**
     * Every entry of every bucket (a bucket not read from the copy), the copy to save as read, and
     * the copy to save when the read is not trusted, in which a doubted bucket keeps its old titles,
     * stamps and retries.
     */
    SimklRead.Result result() {
        List<SimklEntry> out = new ArrayList<>();
        Map<String, List<State.CachedSimklItem>> asRead = new HashMap<>();
        Map<String, List<State.CachedSimklItem>> kept = new HashMap<>();
        Map<String, String> keptStamps = new HashMap<>(stamps);
        Map<String, State.Retry> keptRetries = new HashMap<>(retries.next());
        for (SimklBucket b : buckets) {
            List<SimklEntry> entries = fresh.get(b);
            if (entries == null) {
                log.accept("SIMKL: " + b.name() + " unchanged since the last run (activities); using the saved copy");
                entries = b.copy();
            }
            asRead.put(b.name(), toCache(entries));
            out.addAll(entries);
            if (!doubted.contains(b)) {
                kept.put(b.name(), toCache(entries));
                continue;
            }
            kept.put(b.name(), b.saved());
            SimklStamps.keepOld(keptStamps, b.before(), b.keys());
            for (String key : List.of(b.name(), b.ratedKey())) {
                keptRetries.remove(key);
                if (retries.before(key) != null) keptRetries.put(key, retries.before(key));
            }
            // what the copy knew of titles in other lists still stands: a glitch must not send
            // a title SIMKL holds as completed back to Plan to Watch
            for (SimklEntry e : b.copy()) if (e.inOtherList()) out.add(e);
        }
        String doubt = doubted.isEmpty() ? null : doubtMessage();
        return new SimklRead.Result(out, doubt, new State.SimklCache(keptStamps, kept, keptRetries),
                new State.SimklCache(stamps, asRead, retries.next()));
    }

    private String doubtMessage() {
        int held = doubted.stream().mapToInt(b -> b.copy().size()).sum();
        boolean recorded = doubted.stream().anyMatch(SimklBucket::removalsMoved);
        return "SIMKL answered its " + String.join(" and ", names(doubted)) + " lists empty twice, although they held "
                + Plural.of(held, "title") + " at the last sync"
                + (recorded ? "; SIMKL records a removal there since, which does not mean every title left."
                        : " and SIMKL recorded no removal there.");
    }

    private static List<String> names(Iterable<SimklBucket> buckets) {
        List<String> out = new ArrayList<>();
        for (SimklBucket b : buckets) out.add(b.name());
        return out;
    }
}
