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
 * Reads SIMKL the way SIMKL asks apps to: activities first, and a bucket's list only when its
 * timestamps moved since the cached copy in state.json (or when use_activity is off).
 */
public final class SimklRead {
    private final SimklClient client;
    private final boolean useActivity;
    private final Consumer<String> debug;
    private final Map<String, String> stamps = new HashMap<>();
    private final Map<String, List<State.CachedSimklItem>> buckets = new HashMap<>();
    private final State.SimklCache cache;
    private SimklActivities activities;

    public SimklRead(SimklClient client, State.SimklCache cache, boolean useActivity, Consumer<String> debug) {
        this.client = client;
        this.cache = cache;
        this.useActivity = useActivity;
        this.debug = debug;
    }

    /** Plan to Watch of all three buckets. Throws when any part cannot be read. */
    public List<SimklEntry> planToWatch() throws ServiceException {
        activities = client.activities();
        stamps.putAll(activities.stamps());
        List<SimklEntry> out = new ArrayList<>();
        for (String bucket : SimklClient.BUCKETS) out.addAll(bucketList(bucket, "plantowatch"));
        return out;
    }

    /** Every list of the buckets that could hold titles of these kinds (for the never-move-back rule). */
    public List<SimklEntry> otherLists(boolean movies, boolean shows) throws ServiceException {
        List<SimklEntry> out = new ArrayList<>();
        for (String bucket : SimklClient.BUCKETS) {
            boolean relevant = bucket.equals("anime") || (bucket.equals("movies") && movies) || (bucket.equals("shows") && shows);
            if (!relevant) continue;
            for (SimklEntry e : bucketList(bucket, null)) if (!e.planToWatch()) out.add(e);
        }
        return out;
    }

    private List<SimklEntry> bucketList(String bucket, String status) throws ServiceException {
        String key = bucket + ":" + (status == null ? "all" : status);
        boolean unchanged = useActivity && cache != null && cache.buckets().containsKey(key)
                && activities.bucket(bucket).equals(cachedStamps(bucket)) && !activities.bucket(bucket).isEmpty();
        List<SimklEntry> entries;
        if (unchanged) {
            debug.accept("SIMKL: " + key + " unchanged since the last run (activities); using the saved copy");
            entries = new ArrayList<>();
            for (State.CachedSimklItem c : cache.buckets().get(key)) {
                entries.add(new SimklEntry(new MediaItem(c.type(), c.title(), c.year(), Ids.of(c.ids())), bucket, c.status(),
                        c.watched(), c.rated(), c.animeType()));
            }
        } else {
            entries = client.list(bucket, status);
        }
        List<State.CachedSimklItem> cached = new ArrayList<>();
        for (SimklEntry e : entries) {
            cached.add(new State.CachedSimklItem(e.item().type(), e.item().title(), e.item().year(), e.item().ids().asMap(),
                    e.status(), e.watched(), e.rated(), e.animeType()));
        }
        buckets.put(key, cached);
        return entries;
    }

    private Map<String, String> cachedStamps(String bucket) {
        Map<String, String> m = new HashMap<>();
        cache.activities().forEach((k, v) -> { if (k.startsWith(bucket + ".")) m.put(k, v); });
        return m;
    }

    /** The cache to save: the stamps read now and every list read or reused. */
    public State.SimklCache newCache() {
        return new State.SimklCache(stamps, buckets);
    }
}
