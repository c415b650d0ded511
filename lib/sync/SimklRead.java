package sync;

import http.ServiceException;
import model.Ids;
import model.MediaItem;
import simkl.SimklActivities;
import simkl.SimklClient;
import simkl.SimklEntry;

import model.Plural;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the person's SIMKL lists the way SIMKL asks apps to: activities first, then only what
 * moved since the copy saved in state.json. One bucket changed: that bucket (every status); more:
 * the whole library in one request. Every status is read, so the sync can tell a Plan to Watch
 * title from one SIMKL holds as watching, completed, on hold or dropped.
 *
 * A bucket (movies, shows, anime) that comes back empty while the saved copy held titles is either
 * the person's edit or a glitch. SIMKL moves a bucket's {@code removed_from_list} stamp when titles
 * are deleted from it, so a moved stamp means an edit; otherwise the bucket is read once more, and
 * only an empty second answer makes the read doubted (no removals from Plex on its word alone).
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
        List<String> changed = new ArrayList<>();
        for (String bucket : SimklClient.BUCKETS) if (!unchanged(activities, saved, bucket)) changed.add(bucket);
        Map<String, List<SimklEntry>> fresh = fetch(changed);
        List<String> vanished = new ArrayList<>();
        for (String bucket : changed) {
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
        State.SimklCache cache = doubt != null ? saved : new State.SimklCache(activities.stamps(), buckets);
        return new Result(out, doubt, cache);
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

    private boolean unchanged(SimklActivities activities, State.SimklCache saved, String bucket) {
        if (!useActivity || saved == null || !saved.buckets().containsKey(bucket)) return false;
        return activities.bucket(bucket).equals(savedStamps(saved, bucket));
    }

    private static boolean movedRemovals(SimklActivities activities, State.SimklCache saved, String bucket) {
        String key = bucket + ".removed_from_list";
        String now = activities.stamps().get(key);
        return now != null && !now.equals(saved.activities().get(key));
    }

    private static Map<String, String> savedStamps(State.SimklCache saved, String bucket) {
        Map<String, String> then = new HashMap<>();
        saved.activities().forEach((k, v) -> { if (k.startsWith(bucket + ".")) then.put(k, v); });
        return then;
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
