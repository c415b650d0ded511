package sync;

import http.ServiceException;
import model.Ids;
import model.MediaItem;
import simkl.SimklActivities;
import simkl.SimklClient;
import simkl.SimklEntry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the person's SIMKL lists the way SIMKL asks apps to: activities first, then only what
 * moved since the copy saved in state.json. One bucket changed: that bucket (every status); more:
 * the whole library in one request. Every status is read, so the sync can tell a Plan to Watch
 * title from one SIMKL holds as watching, completed, on hold or dropped.
 */
public final class SimklRead {
    private final SimklClient client;
    private final boolean useActivity;
    private final Consumer<String> debug;
    private final State.SimklCache cache;
    private final Map<String, String> stamps = new HashMap<>();
    private final Map<String, List<State.CachedSimklItem>> buckets = new HashMap<>();
    private String suspect;

    public SimklRead(SimklClient client, State.SimklCache cache, boolean useActivity, Consumer<String> debug) {
        this.client = client;
        this.cache = cache;
        this.useActivity = useActivity;
        this.debug = debug;
    }

    /** Every entry of every list (all statuses), read or reused. Throws when anything cannot be read. */
    public List<SimklEntry> read() throws ServiceException {
        SimklActivities activities = client.activities();
        stamps.clear();
        stamps.putAll(activities.stamps());
        List<String> changed = new ArrayList<>();
        for (String bucket : SimklClient.BUCKETS) if (!unchanged(activities, bucket)) changed.add(bucket);
        Map<String, List<SimklEntry>> fresh = new HashMap<>();
        if (changed.size() > 1) {
            fresh.putAll(client.listAll());
        } else if (changed.size() == 1) {
            fresh.put(changed.get(0), client.list(changed.get(0), null));
        }
        List<SimklEntry> out = new ArrayList<>();
        for (String bucket : SimklClient.BUCKETS) {
            List<SimklEntry> entries;
            if (fresh.containsKey(bucket)) {
                entries = fresh.get(bucket);
                int before = cache == null || !cache.buckets().containsKey(bucket) ? 0 : cache.buckets().get(bucket).size();
                if (entries.isEmpty() && before > 0) {
                    suspect = "SIMKL answered its " + bucket + " lists empty although they held " + before
                            + " titles at the last run; not trusting that read for removals.";
                }
            } else {
                debug.accept("SIMKL: " + bucket + " unchanged since the last run (activities); using the saved copy");
                entries = fromCache(bucket);
            }
            remember(bucket, entries);
            out.addAll(entries);
        }
        return out;
    }

    private boolean unchanged(SimklActivities activities, String bucket) {
        if (!useActivity || cache == null || !cache.buckets().containsKey(bucket)) return false;
        Map<String, String> now = activities.bucket(bucket);
        Map<String, String> then = new HashMap<>();
        cache.activities().forEach((k, v) -> { if (k.startsWith(bucket + ".")) then.put(k, v); });
        return now.equals(then);
    }

    private List<SimklEntry> fromCache(String bucket) {
        List<SimklEntry> entries = new ArrayList<>();
        for (State.CachedSimklItem c : cache.buckets().get(bucket)) {
            entries.add(new SimklEntry(new MediaItem(c.type(), c.title(), c.year(), Ids.of(c.ids())), bucket, c.status(),
                    c.watched(), c.rated(), c.animeType()));
        }
        return entries;
    }

    private void remember(String bucket, List<SimklEntry> entries) {
        List<State.CachedSimklItem> cached = new ArrayList<>();
        for (SimklEntry e : entries) {
            cached.add(new State.CachedSimklItem(e.item().type(), e.item().title(), e.item().year(), e.item().ids().matching(),
                    e.status(), e.watched(), e.rated(), e.animeType()));
        }
        buckets.put(bucket, cached);
    }

    /**
     * Why the last read should not be trusted for removals (a whole bucket, every status, gone at
     * once), or null. Its titles are still used for adds.
     */
    public String suspect() {
        return suspect;
    }

    /** The cache to save: the stamps read and every list read or reused with them. */
    public State.SimklCache newCache() {
        return new State.SimklCache(stamps, buckets);
    }
}
