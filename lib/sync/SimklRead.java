package sync;

import http.ServiceException;
import model.Ids;
import model.MediaItem;
import model.Plural;
import simkl.SimklActivities;
import simkl.SimklClient;
import simkl.SimklEntry;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads the person's SIMKL lists the way SIMKL asks apps to: activities first, then only what
 * moved since the copy saved in state.json. A bucket (movies, shows, anime) whose list stamps did
 * not move is taken from the copy (a playback stamp alone is not a change of any list). One whose
 * stamps moved is read as a delta, {@code date_from} its stamp at the last read, and merged into the
 * copy; only when its {@code removed_from_list} moved (deletions never show in a delta), or there is
 * no copy, is the whole bucket read (several: the whole library in one request). Every status is
 * read, so the sync can tell a Plan to Watch title from one SIMKL holds as watching, completed, on
 * hold or dropped.
 *
 * A bucket read whole that comes back empty while the saved copy held titles is either the
 * person's edit or a glitch. A moved {@code removed_from_list} means an edit; otherwise the bucket
 * is read once more, and only an empty second answer makes the read doubted (no removals from Plex
 * on its word alone).
 */
public final class SimklRead {
    /**
     * One read: every entry of every list (all statuses), why it is doubted (or null), and the copy
     * to save with the activity stamps it was read under.
     */
    public record Result(List<SimklEntry> entries, String doubt, State.SimklCache cache) {
        public Result {
            entries = List.copyOf(entries);
        }

        public List<SimklEntry> planToWatch() {
            return entries.stream().filter(SimklEntry::planToWatch).toList();
        }
    }

    private final SimklClient client;
    private final boolean useActivity;
    private final Consumer<String> log;

    public SimklRead(SimklClient client, boolean useActivity, Consumer<String> log) {
        this.client = client;
        this.useActivity = useActivity;
        this.log = log;
    }

    /** Reads what moved since {@code saved} (null: everything). Throws when anything cannot be read. */
    public Result read(State.SimklCache saved) throws ServiceException {
        SimklActivities activities = client.activities();
        List<String> whole = new ArrayList<>();
        Map<String, String> deltaSince = new LinkedHashMap<>();
        for (String bucket : SimklClient.BUCKETS) {
            boolean haveCopy = useActivity && saved != null && saved.buckets().containsKey(bucket);
            if (haveCopy && listStamps(activities.stamps(), bucket).equals(listStamps(saved.activities(), bucket))) continue;
            String since = haveCopy ? lastStamp(saved.activities(), bucket) : null;
            if (since != null && !movedRemovals(activities, saved, bucket)) deltaSince.put(bucket, since);
            else whole.add(bucket);
        }
        Map<String, List<SimklEntry>> fresh = fetch(whole);
        List<String> vanished = new ArrayList<>();
        for (String bucket : whole) {
            int before = saved == null ? 0 : saved.buckets().getOrDefault(bucket, List.of()).size();
            if (!fresh.get(bucket).isEmpty() || before == 0) continue;
            if (movedRemovals(activities, saved, bucket)) {
                log.accept("SIMKL: your " + bucket + " lists are empty now (SIMKL records removals there since the last run)");
            } else {
                vanished.add(bucket);
            }
        }
        String doubt = null;
        if (!vanished.isEmpty()) {
            log.accept("SIMKL answered its " + String.join(" and ", vanished) + " lists empty with no removals recorded; reading again");
            Map<String, List<SimklEntry>> again = fetch(vanished);
            List<String> still = new ArrayList<>();
            for (String bucket : vanished) {
                fresh.put(bucket, again.get(bucket));
                if (again.get(bucket).isEmpty()) still.add(bucket);
            }
            if (!still.isEmpty()) {
                doubt = "SIMKL answered its " + String.join(" and ", still) + " lists empty twice, although they held "
                        + Plural.of(still.stream().mapToInt(b -> saved.buckets().get(b).size()).sum(), "title")
                        + " at the last sync and SIMKL recorded no removal there.";
            }
        }
        Map<String, String> stamps = new HashMap<>(activities.stamps());
        Map<String, List<SimklEntry>> deltas = fetchDeltas(deltaSince);
        for (Map.Entry<String, String> d : deltaSince.entrySet()) {
            String bucket = d.getKey();
            List<SimklEntry> changed = deltas.get(bucket);
            log.accept("SIMKL: " + bucket + ": " + Plural.of(changed.size(), "title") + " changed since " + d.getValue() + " (delta read)");
            fresh.put(bucket, merge(fromCache(bucket, saved.buckets().get(bucket)), changed));
            if (changed.isEmpty()) {
                // the stamps moved but the change is not readable yet (SIMKL's lists can lag its
                // activities): keep the old stamps, so the next run asks for this delta again
                stamps.keySet().removeIf(k -> k.startsWith(bucket + "."));
                saved.activities().forEach((k, v) -> { if (k.startsWith(bucket + ".")) stamps.put(k, v); });
            }
        }
        List<SimklEntry> out = new ArrayList<>();
        Map<String, List<State.CachedSimklItem>> buckets = new HashMap<>();
        for (String bucket : SimklClient.BUCKETS) {
            List<SimklEntry> entries;
            if (fresh.containsKey(bucket)) {
                entries = fresh.get(bucket);
            } else {
                log.accept("SIMKL: " + bucket + " unchanged since the last run (activities); using the saved copy");
                entries = fromCache(bucket, saved.buckets().get(bucket));
            }
            buckets.put(bucket, toCache(entries));
            out.addAll(entries);
        }
        // a doubted read keeps the old copy, so the next run compares against what SIMKL held before
        State.SimklCache cache = doubt != null ? saved : new State.SimklCache(stamps, buckets);
        return new Result(out, doubt, cache);
    }

    /** Stamps in time order (SIMKL writes them with and without fractions of a second); text order if one does not parse. */
    static final Comparator<String> BY_TIME = (a, b) -> {
        try {
            return OffsetDateTime.parse(a).toInstant().compareTo(OffsetDateTime.parse(b).toInstant());
        } catch (DateTimeParseException e) {
            return a.compareTo(b);
        }
    };

    /** The stamps that say a bucket's lists changed: every one but playback (a title being played) and "all". */
    static Map<String, String> listStamps(Map<String, String> stamps, String bucket) {
        Map<String, String> m = new TreeMap<>();
        stamps.forEach((k, v) -> {
            if (k.startsWith(bucket + ".") && !k.equals(bucket + ".playback") && !k.equals(bucket + ".all")) m.put(k, v);
        });
        return m;
    }

    /** The latest stamp of a bucket at the last read: everything up to it is in the copy. */
    static String lastStamp(Map<String, String> stamps, String bucket) {
        String last = null;
        for (Map.Entry<String, String> e : stamps.entrySet()) {
            if (!e.getKey().startsWith(bucket + ".") || e.getValue() == null) continue;
            if (last == null || BY_TIME.compare(e.getValue(), last) > 0) last = e.getValue();
        }
        return last;
    }

    /** The copy with each changed title put in its new state (matched by SIMKL id), new titles added. */
    static List<SimklEntry> merge(List<SimklEntry> copy, List<SimklEntry> changed) {
        List<SimklEntry> out = new ArrayList<>(copy);
        for (SimklEntry c : changed) {
            String id = c.item().ids().get("simkl");
            int at = -1;
            for (int i = 0; i < out.size() && at < 0; i++) {
                String have = out.get(i).item().ids().get("simkl");
                if (id != null ? id.equals(have) : out.get(i).item().sameTitle(c.item())) at = i;
            }
            if (at >= 0) out.set(at, c);
            else out.add(c);
        }
        return out;
    }

    /**
     * The deltas of these buckets: one request for one bucket; for several, one request for the
     * whole library from the oldest of their stamps (a title changed since then but already in a
     * copy is merged again in its current state, which changes nothing).
     */
    private Map<String, List<SimklEntry>> fetchDeltas(Map<String, String> since) throws ServiceException {
        if (since.size() == 1) {
            Map.Entry<String, String> only = since.entrySet().iterator().next();
            return Map.of(only.getKey(), client.changedSince(only.getKey(), only.getValue()));
        }
        if (since.isEmpty()) return Map.of();
        String oldest = since.values().stream().min(BY_TIME).orElseThrow();
        return client.changedSince(oldest);
    }

    private Map<String, List<SimklEntry>> fetch(List<String> buckets) throws ServiceException {
        Map<String, List<SimklEntry>> fresh = new LinkedHashMap<>();
        if (buckets.size() > 1) {
            Map<String, List<SimklEntry>> all = client.listAll();
            for (String b : buckets) fresh.put(b, all.get(b));
        } else if (buckets.size() == 1) {
            fresh.put(buckets.get(0), client.list(buckets.get(0), null));
        }
        return fresh;
    }

    private static boolean movedRemovals(SimklActivities activities, State.SimklCache saved, String bucket) {
        String key = bucket + ".removed_from_list";
        String now = activities.stamps().get(key);
        return now != null && !now.equals(saved.activities().get(key));
    }

    private static List<SimklEntry> fromCache(String bucket, List<State.CachedSimklItem> cached) {
        List<SimklEntry> entries = new ArrayList<>();
        for (State.CachedSimklItem c : cached) {
            entries.add(new SimklEntry(new MediaItem(c.type(), c.title(), c.year(), Ids.of(c.ids())), bucket, c.status(),
                    c.watched(), c.rated(), c.animeType()));
        }
        return entries;
    }

    private static List<State.CachedSimklItem> toCache(List<SimklEntry> entries) {
        List<State.CachedSimklItem> cached = new ArrayList<>();
        for (SimklEntry e : entries) {
            cached.add(new State.CachedSimklItem(e.item().type(), e.item().title(), e.item().year(), e.item().ids().matching(),
                    e.status(), e.watched(), e.rated(), e.animeType()));
        }
        return cached;
    }
}
