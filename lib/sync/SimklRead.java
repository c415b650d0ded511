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
        ToRead to = toRead(saved, now, before, retries);
        Map<String, List<SimklEntry>> fresh = new LinkedHashMap<>();
        for (String bucket : to.whole()) fresh.put(bucket, client.list(bucket));
        Map<String, Set<String>> notInCopy = checkPresence(to, saved, fresh);
        Set<String> doubted = emptyBuckets(to.whole(), to.presence(), fresh, now, saved);
        Stamps st = new Stamps(new HashMap<>(now), before, now, retries);
        mergeDeltas(to.deltaSince(), saved, fresh, notInCopy, st);
        mergeRatings(to.ratingsSince(), saved, fresh, st);
        return result(saved, fresh, doubted, st);
    }

    /**
     * What one read asks SIMKL for: the buckets read whole, those whose removals are checked in the
     * minified shape, and the list and rating stamps each delta is read from.
     */
    private record ToRead(List<String> whole, List<String> presence, Map<String, String> deltaSince,
                          Map<String, String> ratingsSince) {}

    /** The stamps as read now and at the last read, and the count of retries, that one read updates. */
    private record Stamps(Map<String, String> stamps, Map<String, String> before, Map<String, String> now,
                          ReadRetries retries) {}

    /**
     * Deciding what to read: a bucket with no copy (or activities not used) whole; one whose stamps did
     * not move not at all; one whose change no read has shown for too long whole, once; else the
     * deltas its moved stamps call for, and the minified read when something left it.
     */
    private ToRead toRead(State.SimklCache saved, Map<String, String> now, Map<String, String> before,
                          ReadRetries retries) {
        ToRead to = new ToRead(new ArrayList<>(), new ArrayList<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
        for (String bucket : SimklClient.BUCKETS) {
            if (!useActivity || saved == null || !saved.buckets().containsKey(bucket)) {
                to.whole().add(bucket);
                continue;
            }
            boolean lists = SimklStamps.listsMoved(now, before, bucket);
            boolean ratings = SimklStamps.ratingsMoved(now, before, bucket);
            if (!lists && !ratings) continue;
            String since = SimklStamps.lastStamp(SimklStamps.listStamps(before, bucket), bucket);
            if (since == null) {
                to.whole().add(bucket);
                continue;
            }
            String overdue = retries.overdue(bucket) ? bucket : retries.overdue(bucket + RATED) ? bucket + RATED
                    : null;
            if (overdue != null) {
                State.Retry r = retries.before(overdue);
                log.accept("SIMKL: " + bucket + ": its stamps moved " + Plural.of(r.runs(), "run") + " ago (since "
                        + r.since() + ") and no read has shown what changed; reading the list whole once");
                to.whole().add(bucket);
                continue;
            }
            // deletions never show in a delta: which titles are still there is read in SIMKL's minified shape
            if (SimklStamps.removalsMoved(now, before, bucket)) to.presence().add(bucket);
            if (lists) to.deltaSince().put(bucket, since);
            if (ratings) to.ratingsSince().put(bucket, before.getOrDefault(bucket + RATED, since));
        }
        return to;
    }

    /**
     * The minified read of the buckets something left: the copy's titles still there go to
     * {@code fresh}; answered, for each, the SIMKL ids it holds that the copy does not. A bucket
     * whose rows carry no SIMKL ids is read whole instead.
     */
    private Map<String, Set<String>> checkPresence(ToRead to, State.SimklCache saved,
            Map<String, List<SimklEntry>> fresh) throws ServiceException, AuthException {
        Map<String, Set<String>> present = to.presence().isEmpty() ? Map.of() : client.present(to.presence());
        Map<String, Set<String>> notInCopy = new HashMap<>();
        for (String bucket : to.presence()) {
            Set<String> ids = present.get(bucket);
            if (ids == null) { // rows without SIMKL ids: this bucket is read whole instead
                log.accept("SIMKL: the minified " + bucket + " list carries no SIMKL ids; reading it whole");
                fresh.put(bucket, client.list(bucket));
                to.deltaSince().remove(bucket);
                to.whole().add(bucket);
                continue;
            }
            List<SimklEntry> copy = fromCache(bucket, saved.buckets().get(bucket));
            List<SimklEntry> kept = SimklCopy.stillThere(copy, ids);
            log.accept("SIMKL: " + bucket + ": " + Plural.of(copy.size() - kept.size(), "title")
                    + " deleted since the last run");
            notInCopy.put(bucket, SimklCopy.notInCopy(copy, ids));
            fresh.put(bucket, kept);
        }
        return notInCopy;
    }

    /** The list deltas, merged into the copy; stamps a delta does not explain are kept to ask again. */
    private void mergeDeltas(Map<String, String> deltaSince, State.SimklCache saved,
            Map<String, List<SimklEntry>> fresh, Map<String, Set<String>> notInCopy, Stamps st)
            throws ServiceException, AuthException {
        Map<String, List<SimklEntry>> deltas = fetchDeltas(deltaSince);
        for (Map.Entry<String, String> d : deltaSince.entrySet()) {
            String bucket = d.getKey();
            List<SimklEntry> changed = deltas.get(bucket);
            log.accept("SIMKL: " + bucket + ": " + Plural.of(changed.size(), "title") + " changed since "
                    + d.getValue() + " (delta read)");
            fresh.put(bucket, SimklCopy.merge(base(bucket, saved, fresh), changed));
            // an empty delta is explained when the minified read shows every title of the copy that is left and
            // none besides: whatever moved the stamps came and went between two runs (added, then deleted)
            Set<String> unread = notInCopy.get(bucket);
            if (changed.isEmpty() && (unread == null || !unread.isEmpty())) {
                keepOld(st.stamps(), st.before(), st.retries(), bucket,
                        SimklStamps.listStamps(st.now(), bucket).keySet(), unread == null
                                ? "the delta shows no change"
                                : "the delta does not show " + Plural.of(unread.size(), "title") + " SIMKL holds");
            }
        }
    }

    /** The ratings changed, set on the copy; a ratings stamp no read explains is kept to ask again. */
    private void mergeRatings(Map<String, String> ratingsSince, State.SimklCache saved,
            Map<String, List<SimklEntry>> fresh, Stamps st) throws ServiceException, AuthException {
        Map<String, List<SimklRating>> ratings = fetchRatings(ratingsSince);
        for (Map.Entry<String, String> d : ratingsSince.entrySet()) {
            String bucket = d.getKey();
            List<SimklRating> rated = ratings.get(bucket);
            log.accept("SIMKL: " + bucket + ": " + Plural.of(rated.size(), "rating") + " changed since "
                    + d.getValue());
            fresh.put(bucket, SimklCopy.withRatings(base(bucket, saved, fresh), rated));
            if (rated.isEmpty()) keepOld(st.stamps(), st.before(), st.retries(), bucket + RATED,
                    Set.of(bucket + RATED), "the ratings read shows no rating given or removed");
        }
    }

    /** A bucket as this read has it so far, else as the copy holds it. */
    private static List<SimklEntry> base(String bucket, State.SimklCache saved, Map<String, List<SimklEntry>> fresh) {
        return fresh.containsKey(bucket) ? fresh.get(bucket) : fromCache(bucket, saved.buckets().get(bucket));
    }

    /**
     * Reconciling: every entry of every bucket (a bucket not read from the copy), the copy to save
     * as read, and the copy to save when the read is not trusted, in which a doubted bucket keeps
     * its old titles, stamps and retries.
     */
    private Result result(State.SimklCache saved, Map<String, List<SimklEntry>> fresh, Set<String> doubted,
            Stamps st) {
        List<SimklEntry> out = new ArrayList<>();
        Map<String, List<State.CachedSimklItem>> asRead = new HashMap<>();
        Map<String, List<State.CachedSimklItem>> kept = new HashMap<>();
        Map<String, String> keptStamps = new HashMap<>(st.stamps());
        Map<String, State.Retry> keptRetries = new HashMap<>(st.retries().next());
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
            if (!doubted.contains(bucket)) {
                kept.put(bucket, toCache(entries));
                continue;
            }
            List<State.CachedSimklItem> old = saved.buckets().get(bucket);
            kept.put(bucket, old);
            SimklStamps.keepOld(keptStamps, st.before(), SimklStamps.bucketKeys(bucket, st.now(), st.before()));
            for (String key : List.of(bucket, bucket + RATED)) {
                keptRetries.remove(key);
                if (st.retries().before(key) != null) keptRetries.put(key, st.retries().before(key));
            }
            // what the copy knew of titles in other lists still stands: a glitch must not send
            // a title SIMKL holds as completed back to Plan to Watch
            for (SimklEntry e : fromCache(bucket, old)) if (e.inOtherList()) out.add(e);
        }
        String doubt = doubted.isEmpty() ? null : doubtMessage(doubted, st.now(), saved);
        return new Result(out, doubt, new State.SimklCache(keptStamps, kept, keptRetries),
                new State.SimklCache(st.stamps(), asRead, st.retries().next()));
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
