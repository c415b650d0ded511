package sync;

import http.AuthException;
import http.ServiceException;
import model.Ids;
import model.MediaItem;
import model.Plural;
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
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Reads the person's SIMKL lists the way SIMKL asks apps to: activities first, then only what
 * moved since the copy saved in state.json. A bucket (movies, shows, anime) whose stamps did not
 * move is taken from the copy (a playback stamp alone is not a change of any list). One whose list
 * stamps moved is read as a delta, {@code date_from} its newest list stamp at the last read, and
 * merged into the copy. Deletions never show in a delta: when a bucket's {@code removed_from_list}
 * moved, SIMKL's minified read ({@code extended=simkl_ids_only}: SIMKL ids only, no status) says
 * which titles of the copy are still there. SIMKL keeps ratings apart: a rating moves only
 * {@code rated_at}, shows in no list delta, and is read from the ratings with its own
 * {@code date_from}. A bucket with no copy is read whole, one request per bucket (anime with
 * SIMKL's extended anime ids, which the others must not ask for). Every status is read, so the
 * sync can tell a Plan to Watch title from one SIMKL holds as watching, completed, on hold or dropped.
 *
 * A bucket read whole, or checked for presence, that comes back empty while the saved copy held
 * titles is read once more. Still empty, it is doubted (no removals from Plex on its word alone),
 * whatever the stamps say: a moved {@code removed_from_list} proves that something left, not that
 * everything did. Only a bucket whose one title was removed is trusted empty at once.
 */
public final class SimklRead {
    /**
     * One read: every entry of every list (all statuses), why it is doubted (or null), and the copy
     * to save. {@code cache} keeps a doubted bucket as it was at the last read, so the next run
     * compares against what SIMKL held before; {@code cacheAsRead} takes every bucket as read, for
     * a run in which the person said the emptiness is real (--max-delete).
     */
    public record Result(List<SimklEntry> entries, String doubt, State.SimklCache cache, State.SimklCache cacheAsRead) {
        public Result {
            entries = List.copyOf(entries);
        }

        public List<SimklEntry> planToWatch() {
            return entries.stream().filter(SimklEntry::planToWatch).toList();
        }

        /** The copy to save: as read when the read is trusted, else with the doubted buckets as they were. */
        public State.SimklCache cache(boolean trusted) {
            return trusted ? cacheAsRead : cache;
        }
    }

    private static final String RATED = ".rated_at";

    private final SimklClient client;
    private final boolean useActivity;
    private final Consumer<String> log;

    public SimklRead(SimklClient client, boolean useActivity, Consumer<String> log) {
        this.client = client;
        this.useActivity = useActivity;
        this.log = log;
    }

    /** Reads what moved since {@code saved} (null: everything). Throws when anything cannot be read. */
    public Result read(State.SimklCache saved) throws ServiceException, AuthException {
        Map<String, String> now = client.activities().stamps();
        List<String> whole = new ArrayList<>();
        List<String> presence = new ArrayList<>();
        Map<String, String> deltaSince = new LinkedHashMap<>();
        Map<String, String> ratingsSince = new LinkedHashMap<>();
        for (String bucket : SimklClient.BUCKETS) {
            if (!useActivity || saved == null || !saved.buckets().containsKey(bucket)) {
                whole.add(bucket);
                continue;
            }
            boolean lists = !listStamps(now, bucket).equals(listStamps(saved.activities(), bucket));
            boolean ratings = !Objects.equals(now.get(bucket + RATED), saved.activities().get(bucket + RATED));
            if (!lists && !ratings) continue;
            String since = lastStamp(listStamps(saved.activities(), bucket), bucket);
            if (since == null) {
                whole.add(bucket);
                continue;
            }
            // deletions never show in a delta: which titles are still there is read in SIMKL's minified shape
            if (movedRemovals(now, saved, bucket)) presence.add(bucket);
            if (lists) deltaSince.put(bucket, since);
            if (ratings) ratingsSince.put(bucket, saved.activities().getOrDefault(bucket + RATED, since));
        }
        Map<String, List<SimklEntry>> fresh = new LinkedHashMap<>();
        for (String bucket : whole) fresh.put(bucket, client.list(bucket));
        Map<String, Set<String>> present = presence.isEmpty() ? Map.of() : client.present(presence);
        Set<String> removalsSeen = new TreeSet<>();
        for (String bucket : presence) {
            Set<String> ids = present.get(bucket);
            if (ids == null) { // rows without SIMKL ids: this bucket is read whole instead
                log.accept("SIMKL: the minified " + bucket + " list carries no SIMKL ids; reading it whole");
                fresh.put(bucket, client.list(bucket));
                deltaSince.remove(bucket);
                whole.add(bucket);
                continue;
            }
            List<SimklEntry> copy = fromCache(bucket, saved.buckets().get(bucket));
            List<SimklEntry> kept = stillThere(copy, ids);
            log.accept("SIMKL: " + bucket + ": " + Plural.of(copy.size() - kept.size(), "title")
                    + " deleted since the last run");
            if (kept.size() < copy.size()) removalsSeen.add(bucket);
            fresh.put(bucket, kept);
        }
        Set<String> doubted = emptyBuckets(whole, presence, fresh, now, saved);
        Map<String, String> stamps = new HashMap<>(now);
        Map<String, List<SimklEntry>> deltas = fetchDeltas(deltaSince);
        for (Map.Entry<String, String> d : deltaSince.entrySet()) {
            String bucket = d.getKey();
            List<SimklEntry> changed = deltas.get(bucket);
            log.accept("SIMKL: " + bucket + ": " + Plural.of(changed.size(), "title") + " changed since "
                    + d.getValue() + " (delta read)");
            List<SimklEntry> base = fresh.containsKey(bucket) ? fresh.get(bucket)
                    : fromCache(bucket, saved.buckets().get(bucket));
            fresh.put(bucket, merge(base, changed));
            // the stamps moved but the change is not readable yet (SIMKL's lists can lag its
            // activities): keep the old stamps, so the next run asks for this delta again
            if (changed.isEmpty() && !removalsSeen.contains(bucket)) keepOld(stamps, saved.activities(),
                    listStamps(now, bucket).keySet());
        }
        Map<String, List<SimklEntry>> ratings = fetchRatings(ratingsSince);
        for (Map.Entry<String, String> d : ratingsSince.entrySet()) {
            String bucket = d.getKey();
            List<SimklEntry> rated = ratings.get(bucket);
            log.accept("SIMKL: " + bucket + ": " + Plural.of(rated.size(), "rating") + " changed since "
                    + d.getValue());
            List<SimklEntry> base = fresh.containsKey(bucket) ? fresh.get(bucket)
                    : fromCache(bucket, saved.buckets().get(bucket));
            fresh.put(bucket, withRatings(base, rated));
            if (rated.isEmpty()) keepOld(stamps, saved.activities(), Set.of(bucket + RATED));
        }
        List<SimklEntry> out = new ArrayList<>();
        Map<String, List<State.CachedSimklItem>> asRead = new HashMap<>();
        Map<String, List<State.CachedSimklItem>> kept = new HashMap<>();
        Map<String, String> keptStamps = new HashMap<>(stamps);
        for (String bucket : SimklClient.BUCKETS) {
            List<SimklEntry> entries;
            if (fresh.containsKey(bucket)) {
                entries = fresh.get(bucket);
            } else {
                log.accept("SIMKL: " + bucket + " unchanged since the last run (activities); using the saved copy");
                entries = fromCache(bucket, saved.buckets().get(bucket));
            }
            asRead.put(bucket, toCache(entries));
            out.addAll(entries);
            if (doubted.contains(bucket)) {
                List<State.CachedSimklItem> before = saved.buckets().get(bucket);
                kept.put(bucket, before);
                keepOld(keptStamps, saved.activities(), bucketKeys(bucket, now, saved.activities()));
                // what the copy knew of titles in other lists still stands: a glitch must not send
                // a title SIMKL holds as completed back to Plan to Watch
                for (SimklEntry e : fromCache(bucket, before)) if (e.inOtherList()) out.add(e);
            } else {
                kept.put(bucket, toCache(entries));
            }
        }
        String doubt = doubted.isEmpty() ? null : doubtMessage(doubted, now, saved);
        return new Result(out, doubt, new State.SimklCache(keptStamps, kept), new State.SimklCache(stamps, asRead));
    }

    /** The copy's titles that the minified read still shows (a title without a SIMKL id is kept: it cannot be
     * checked). */
    static List<SimklEntry> stillThere(List<SimklEntry> copy, Set<String> present) {
        List<SimklEntry> out = new ArrayList<>();
        for (SimklEntry e : copy) {
            String id = e.item().ids().get("simkl");
            if (id == null || present.contains(id)) out.add(e);
        }
        return out;
    }

    /**
     * Buckets read whole, or checked for presence, that answered empty although the copy held
     * titles: read once more, and doubted when still empty. A bucket whose single title SIMKL records
     * as removed is simply empty now.
     */
    private Set<String> emptyBuckets(List<String> whole, List<String> presence, Map<String, List<SimklEntry>> fresh,
                                     Map<String, String> now, State.SimklCache saved) throws ServiceException,
                                             AuthException {
        List<String> suspect = new ArrayList<>();
        for (String bucket : fresh.keySet()) {
            int before = copySize(saved, bucket);
            if (!fresh.get(bucket).isEmpty() || before == 0) continue;
            if (before == 1 && movedRemovals(now, saved, bucket)) {
                log.accept("SIMKL: your " + bucket + " lists are empty now (SIMKL records the removal of their one "
                        + "title)");
            } else {
                suspect.add(bucket);
            }
        }
        Set<String> doubted = new TreeSet<>();
        if (suspect.isEmpty()) return doubted;
        log.accept("SIMKL answered its " + String.join(" and ", suspect)
                + " lists empty although they held titles; reading again");
        for (String bucket : suspect) {
            List<SimklEntry> again = whole.contains(bucket) || !presence.contains(bucket) ? client.list(bucket)
                    : presentAgain(bucket, saved);
            fresh.put(bucket, again);
            if (again.isEmpty()) doubted.add(bucket);
        }
        return doubted;
    }

    /** The copy of a bucket as a second minified read shows it. */
    private List<SimklEntry> presentAgain(String bucket, State.SimklCache saved) throws ServiceException,
            AuthException {
        Set<String> ids = client.present(List.of(bucket)).get(bucket);
        List<SimklEntry> copy = fromCache(bucket, saved.buckets().get(bucket));
        return ids == null ? client.list(bucket) : stillThere(copy, ids);
    }

    private static String doubtMessage(Set<String> doubted, Map<String, String> now, State.SimklCache saved) {
        int held = doubted.stream().mapToInt(b -> copySize(saved, b)).sum();
        boolean recorded = doubted.stream().anyMatch(b -> movedRemovals(now, saved, b));
        return "SIMKL answered its " + String.join(" and ", doubted) + " lists empty twice, although they held "
                + Plural.of(held, "title") + " at the last sync"
                + (recorded ? "; SIMKL records a removal there since, which does not mean every title left."
                        : " and SIMKL recorded no removal there.");
    }

    private static int copySize(State.SimklCache saved, String bucket) {
        return saved == null ? 0 : saved.buckets().getOrDefault(bucket, List.of()).size();
    }

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

    /** The copy with each changed title put in its new state (matched by SIMKL id), new titles added. */
    static List<SimklEntry> merge(List<SimklEntry> copy, List<SimklEntry> changed) {
        List<SimklEntry> out = new ArrayList<>(copy);
        Finder find = new Finder(out);
        for (SimklEntry c : changed) {
            int at = find.indexOf(c);
            if (at >= 0) {
                out.set(at, c);
            } else {
                out.add(c);
                find.added(out.size() - 1, c);
            }
        }
        return out;
    }

    /**
     * Finds an entry of a list by SIMKL id, else (for an entry without one) as the same title, in
     * constant time for lists of thousands: the first such entry, as a scan in order would.
     */
    private static final class Finder {
        private final Map<String, Integer> bySimklId = new HashMap<>();
        private final List<SimklEntry> entries;

        Finder(List<SimklEntry> entries) {
            this.entries = entries;
            for (int i = entries.size() - 1; i >= 0; i--) added(i, entries.get(i));
        }

        void added(int at, SimklEntry e) {
            String id = e.item().ids().get("simkl");
            if (id != null) bySimklId.merge(id, at, Math::min);
        }

        int indexOf(SimklEntry wanted) {
            String id = wanted.item().ids().get("simkl");
            if (id != null) return bySimklId.getOrDefault(id, -1);
            for (int i = 0; i < entries.size(); i++) if (entries.get(i).item().sameTitle(wanted.item())) return i;
            return -1;
        }
    }

    /**
     * The entries with their ratings as the ratings read gives them (rated, re-rated, or no longer
     * rated). A rated title not in the lists is left to the list delta, which carries it whole.
     */
    static List<SimklEntry> withRatings(List<SimklEntry> entries, List<SimklEntry> rated) {
        List<SimklEntry> out = new ArrayList<>(entries);
        Finder find = new Finder(out);
        for (SimklEntry r : rated) {
            int at = find.indexOf(r);
            if (at < 0) continue;
            SimklEntry e = out.get(at);
            out.set(at, new SimklEntry(e.item(), e.bucket(), e.status(), e.watched(), r.rated(), e.animeType()));
        }
        return out;
    }

    /** Puts back the saved value of each key (or drops a key the saved stamps did not have). */
    private static void keepOld(Map<String, String> stamps, Map<String, String> saved, Set<String> keys) {
        for (String k : keys) {
            if (saved.containsKey(k)) stamps.put(k, saved.get(k));
            else stamps.remove(k);
        }
    }

    private static Set<String> bucketKeys(String bucket, Map<String, String> a, Map<String, String> b) {
        Set<String> keys = new TreeSet<>();
        for (Map<String, String> m : List.of(a, b)) for (String k
                : m.keySet()) if (k.startsWith(bucket + ".")) keys.add(k);
        return keys;
    }

    /**
     * The deltas of these buckets: anime on its own (it needs SIMKL's extended anime ids), movies
     * and shows in one request from the older of their stamps when both moved (a title changed
     * since then but already in a copy is merged again in its current state, which changes nothing).
     */
    private Map<String, List<SimklEntry>> fetchDeltas(Map<String, String> since) throws ServiceException,
            AuthException {
        Map<String, List<SimklEntry>> out = new HashMap<>();
        if (since.containsKey("movies") && since.containsKey("shows")) {
            out.putAll(client.moviesAndShowsChangedSince(oldest(Map.of("movies", since.get("movies"), "shows",
                    since.get("shows")))));
        }
        for (Map.Entry<String, String> d : since.entrySet()) {
            if (!out.containsKey(d.getKey())) out.put(d.getKey(), client.changedSince(d.getKey(), d.getValue()));
        }
        return out;
    }

    /** The ratings changed since these stamps: one request for one bucket, one for all of them otherwise. */
    private Map<String, List<SimklEntry>> fetchRatings(Map<String, String> since) throws ServiceException,
            AuthException {
        if (since.isEmpty()) return Map.of();
        if (since.size() == 1) {
            Map.Entry<String, String> only = since.entrySet().iterator().next();
            return Map.of(only.getKey(), client.ratingsSince(only.getKey(), only.getValue()));
        }
        return client.ratingsSince(oldest(since));
    }

    private static String oldest(Map<String, String> since) {
        return since.values().stream().min(BY_TIME).orElseThrow();
    }

    private static boolean movedRemovals(Map<String, String> now, State.SimklCache saved, String bucket) {
        if (saved == null) return false;
        String key = bucket + ".removed_from_list";
        String stamp = now.get(key);
        return stamp != null && !stamp.equals(saved.activities().get(key));
    }

    private static List<SimklEntry> fromCache(String bucket, List<State.CachedSimklItem> cached) {
        List<SimklEntry> entries = new ArrayList<>();
        for (State.CachedSimklItem c : cached) {
            entries.add(new SimklEntry(new MediaItem(c.type(), c.title(), c.year(), Ids.of(c.ids())), bucket,
                    c.status(),
                    c.watched(), c.rated(), c.animeType()));
        }
        return entries;
    }

    private static List<State.CachedSimklItem> toCache(List<SimklEntry> entries) {
        List<State.CachedSimklItem> cached = new ArrayList<>();
        for (SimklEntry e : entries) {
            cached.add(new State.CachedSimklItem(e.item().type(), e.item().title(), e.item().year(),
                    e.item().ids().matching(),
                    e.status(), e.watched(), e.rated(), e.animeType()));
        }
        return cached;
    }
}
