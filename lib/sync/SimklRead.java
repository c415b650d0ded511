package sync;

import config.ConfigException;
import http.AuthException;
import http.ServiceException;
import model.Plural;
import simkl.SimklClient;
import simkl.SimklEntry;
import simkl.SimklRating;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import static sync.SimklCopy.fromCache;
import static sync.SimklCopy.toCache;
import static sync.SimklStamps.RATED;

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
 * Stamps that moved with no read showing why keep their old values, so that the next run asks
 * again (SIMKL's lists can trail its activities), for a while only ({@link ReadRetries}); a
 * minified read that shows exactly the copy's titles explains an empty delta (a title came and
 * went between two runs) and the new stamps are taken at once.
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

    private final SimklClient client;
    private final boolean useActivity;
    private final Consumer<String> log;
    private final Clock clock;
    private final boolean afterWrites;

    /** A read on the system clock, for a listing (which saves no copy, so counts no retries of its own). */
    public SimklRead(SimklClient client, boolean useActivity, Consumer<String> log) {
        this(client, useActivity, log, Clock.systemUTC(), false);
    }

    public SimklRead(SimklClient client, boolean useActivity, Consumer<String> log, Clock clock) {
        this(client, useActivity, log, clock, false);
    }

    private SimklRead(SimklClient client, boolean useActivity, Consumer<String> log, Clock clock,
                      boolean afterWrites) {
        this.client = client;
        this.useActivity = useActivity;
        this.log = log;
        this.clock = clock;
        this.afterWrites = afterWrites;
    }

    /**
     * This read for checking the run's own writes: a change not shown yet is asked for again as in
     * any read, but such re-reads within a run count as none of the runs {@link ReadRetries} allows.
     */
    public SimklRead afterWrites() {
        return new SimklRead(client, useActivity, log, clock, true);
    }

    /**
     * SIMKL's Plan to Watch for a listing (--list simkl), read as a sync reads it: activities, then only
     * what moved since the copy in state.json (which a listing does not change), so that listing often
     * does not poll SIMKL's lists. Without a readable state.json everything is read; a doubt is warned of.
     */
    public static List<SimklEntry> listing(SimklClient client, boolean useActivity, Path stateFile, SyncJob.Log log)
            throws ServiceException, AuthException {
        State.SimklCache saved;
        try {
            saved = StateFile.load(stateFile).simkl();
        } catch (ConfigException e) {
            log.debug("state.json not used for the listing: " + e.getMessage());
            saved = null;
        }
        Result r = new SimklRead(client, useActivity, log::debug).read(saved);
        if (r.doubt() != null) log.warn(r.doubt());
        return r.planToWatch();
    }

    /** Reads what moved since {@code saved} (null: everything). Throws when anything cannot be read. */
    public Result read(State.SimklCache saved) throws ServiceException, AuthException {
        Map<String, String> now = client.activities().stamps();
        Map<String, String> before = saved == null ? Map.of() : saved.activities();
        ReadRetries retries = new ReadRetries(saved == null ? null : saved.retries(), clock.instant(), !afterWrites);
        List<String> whole = new ArrayList<>();
        List<String> presence = new ArrayList<>();
        Map<String, String> deltaSince = new LinkedHashMap<>();
        Map<String, String> ratingsSince = new LinkedHashMap<>();
        for (String bucket : SimklClient.BUCKETS) {
            if (!useActivity || saved == null || !saved.buckets().containsKey(bucket)) {
                whole.add(bucket);
                continue;
            }
            boolean lists = SimklStamps.listsMoved(now, before, bucket);
            boolean ratings = SimklStamps.ratingsMoved(now, before, bucket);
            if (!lists && !ratings) continue;
            String since = SimklStamps.lastStamp(SimklStamps.listStamps(before, bucket), bucket);
            if (since == null) {
                whole.add(bucket);
                continue;
            }
            String overdue = retries.overdue(bucket) ? bucket : retries.overdue(bucket + RATED) ? bucket + RATED
                    : null;
            if (overdue != null) {
                State.Retry r = retries.before(overdue);
                log.accept("SIMKL: " + bucket + ": its stamps moved " + Plural.of(r.runs(), "run") + " ago (since "
                        + r.since() + ") and no read has shown what changed; reading the list whole once");
                whole.add(bucket);
                continue;
            }
            // deletions never show in a delta: which titles are still there is read in SIMKL's minified shape
            if (SimklStamps.removalsMoved(now, before, bucket)) presence.add(bucket);
            if (lists) deltaSince.put(bucket, since);
            if (ratings) ratingsSince.put(bucket, before.getOrDefault(bucket + RATED, since));
        }
        Map<String, List<SimklEntry>> fresh = new LinkedHashMap<>();
        for (String bucket : whole) fresh.put(bucket, client.list(bucket));
        Map<String, Set<String>> present = presence.isEmpty() ? Map.of() : client.present(presence);
        Map<String, Set<String>> notInCopy = new HashMap<>();
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
            List<SimklEntry> kept = SimklCopy.stillThere(copy, ids);
            log.accept("SIMKL: " + bucket + ": " + Plural.of(copy.size() - kept.size(), "title")
                    + " deleted since the last run");
            notInCopy.put(bucket, SimklCopy.notInCopy(copy, ids));
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
            fresh.put(bucket, SimklCopy.merge(base, changed));
            // an empty delta is explained when the minified read shows every title of the copy that is left and
            // none besides: whatever moved the stamps came and went between two runs (added, then deleted)
            Set<String> unread = notInCopy.get(bucket);
            if (changed.isEmpty() && (unread == null || !unread.isEmpty())) {
                keepOld(stamps, before, retries, bucket, SimklStamps.listStamps(now, bucket).keySet(),
                        unread == null ? "the delta shows no change" : "the delta does not show "
                                + Plural.of(unread.size(), "title") + " SIMKL holds");
            }
        }
        Map<String, List<SimklRating>> ratings = fetchRatings(ratingsSince);
        for (Map.Entry<String, String> d : ratingsSince.entrySet()) {
            String bucket = d.getKey();
            List<SimklRating> rated = ratings.get(bucket);
            log.accept("SIMKL: " + bucket + ": " + Plural.of(rated.size(), "rating") + " changed since "
                    + d.getValue());
            List<SimklEntry> base = fresh.containsKey(bucket) ? fresh.get(bucket)
                    : fromCache(bucket, saved.buckets().get(bucket));
            fresh.put(bucket, SimklCopy.withRatings(base, rated));
            if (rated.isEmpty()) keepOld(stamps, before, retries, bucket + RATED, Set.of(bucket + RATED),
                    "the ratings read shows no rating given or removed");
        }
        List<SimklEntry> out = new ArrayList<>();
        Map<String, List<State.CachedSimklItem>> asRead = new HashMap<>();
        Map<String, List<State.CachedSimklItem>> kept = new HashMap<>();
        Map<String, String> keptStamps = new HashMap<>(stamps);
        Map<String, State.Retry> keptRetries = new HashMap<>(retries.next());
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
                List<State.CachedSimklItem> old = saved.buckets().get(bucket);
                kept.put(bucket, old);
                SimklStamps.keepOld(keptStamps, before, SimklStamps.bucketKeys(bucket, now, before));
                for (String key : List.of(bucket, bucket + RATED)) {
                    keptRetries.remove(key);
                    if (retries.before(key) != null) keptRetries.put(key, retries.before(key));
                }
                // what the copy knew of titles in other lists still stands: a glitch must not send
                // a title SIMKL holds as completed back to Plan to Watch
                for (SimklEntry e : fromCache(bucket, old)) if (e.inOtherList()) out.add(e);
            } else {
                kept.put(bucket, toCache(entries));
            }
        }
        String doubt = doubted.isEmpty() ? null : doubtMessage(doubted, now, saved);
        return new Result(out, doubt, new State.SimklCache(keptStamps, kept, keptRetries),
                new State.SimklCache(stamps, asRead, retries.next()));
    }

    /**
     * Keeps the saved values of {@code keys}, so that the next run asks for this change again
     * (SIMKL's lists can trail its activities by seconds), and counts it under {@code retryKey}.
     */
    private void keepOld(Map<String, String> stamps, Map<String, String> before, ReadRetries retries,
                         String retryKey, Set<String> keys, String why) {
        SimklStamps.keepOld(stamps, before, keys);
        State.Retry r = retries.kept(retryKey);
        log.accept("SIMKL: " + retryKey + ": its stamps moved but " + why + "; asking again next run (" + r.runs()
                + " of " + ReadRetries.RUNS + ", since " + r.since() + ")");
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
            if (before == 1 && SimklStamps.removalsMoved(now, saved.activities(), bucket)) {
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
        return ids == null ? client.list(bucket) : SimklCopy.stillThere(copy, ids);
    }

    private static String doubtMessage(Set<String> doubted, Map<String, String> now, State.SimklCache saved) {
        int held = doubted.stream().mapToInt(b -> copySize(saved, b)).sum();
        boolean recorded = doubted.stream().anyMatch(b -> SimklStamps.removalsMoved(now, saved.activities(), b));
        return "SIMKL answered its " + String.join(" and ", doubted) + " lists empty twice, although they held "
                + Plural.of(held, "title") + " at the last sync"
                + (recorded ? "; SIMKL records a removal there since, which does not mean every title left."
                        : " and SIMKL recorded no removal there.");
    }

    private static int copySize(State.SimklCache saved, String bucket) {
        return saved == null ? 0 : saved.buckets().getOrDefault(bucket, List.of()).size();
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
            out.putAll(client.moviesAndShowsChangedSince(SimklStamps.oldest(Map.of("movies", since.get("movies"),
                    "shows", since.get("shows")))));
        }
        for (Map.Entry<String, String> d : since.entrySet()) {
            if (!out.containsKey(d.getKey())) out.put(d.getKey(), client.changedSince(d.getKey(), d.getValue()));
        }
        return out;
    }

    /** The ratings changed since these stamps: one request for one bucket, one for all of them otherwise. */
    private Map<String, List<SimklRating>> fetchRatings(Map<String, String> since) throws ServiceException,
            AuthException {
        if (since.isEmpty()) return Map.of();
        if (since.size() == 1) {
            Map.Entry<String, String> only = since.entrySet().iterator().next();
            return Map.of(only.getKey(), client.ratingsSince(only.getKey(), only.getValue()));
        }
        return client.ratingsSince(SimklStamps.oldest(since));
    }
}
