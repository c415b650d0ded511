package sync;

import config.ConfigException;
import http.AuthException;
import http.ServiceException;
import simkl.SimklClient;
import simkl.SimklEntry;
import simkl.SimklRating;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Stamps that moved with no read showing why keep their old values, so that the next run asks
 * again (SIMKL's lists can trail its activities), for a while only ({@link ReadRetries}); a
 * minified read that shows exactly the copy's titles explains an empty delta (a title came and
 * went between two runs) and the new stamps are taken at once.
 *
 * A bucket read whole, or checked for presence, that comes back empty while the saved copy held
 * titles is read once more. Still empty, it is doubted (no removals from Plex on its word alone),
 * whatever the stamps say: a moved {@code removed_from_list} proves that something left, not that
 * everything did. Only a bucket whose one title was removed is trusted empty at once.
 *
 * This class only sends the requests, in a fixed order; what to ask is decided by {@link SimklToRead},
 * and the answers are put together with the copy by {@link SimklReconcile}, both without I/O, each
 * bucket with its copy and stamps a {@link SimklBucket}.
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
        ReadRetries retries = new ReadRetries(saved == null ? null : saved.retries(), clock.instant(), !afterWrites);
        List<SimklBucket> buckets = SimklBucket.all(saved, now);
        SimklToRead to = SimklToRead.decide(buckets, useActivity, retries);
        to.notes().forEach(log);
        SimklReconcile found = new SimklReconcile(buckets, now, retries, log);
        for (SimklBucket b : to.whole()) found.whole(b, client.list(b.name()));
        checkPresence(to.presence(), found);
        for (SimklBucket b : found.suspectEmpty()) readAgain(b, found);
        Map<SimklBucket, String> deltaSince = found.deltasToRead(to.deltaSince());
        Map<String, List<SimklEntry>> deltas = fetchDeltas(deltaSince);
        deltaSince.forEach((b, since) -> found.delta(b, since, deltas.get(b.name())));
        Map<String, List<SimklRating>> ratings = fetchRatings(to.ratingsSince());
        to.ratingsSince().forEach((b, since) -> found.ratings(b, since, ratings.get(b.name())));
        return found.result();
    }

    /**
     * The minified read of the buckets something left, one request for all of them. A bucket whose
     * rows carry no SIMKL ids is read whole instead.
     */
    private void checkPresence(List<SimklBucket> presence, SimklReconcile found) throws ServiceException,
            AuthException {
        if (presence.isEmpty()) return;
        Map<String, Set<String>> present = client.present(names(presence));
        for (SimklBucket b : presence) {
            Set<String> ids = present.get(b.name());
            if (ids == null) {
                log.accept("SIMKL: the minified " + b.name() + " list carries no SIMKL ids; reading it whole");
                found.whole(b, client.list(b.name()));
            } else {
                found.present(b, ids);
            }
        }
    }

    /** A bucket that answered empty, read once more the way it was read (whole, or in the minified shape). */
    private void readAgain(SimklBucket b, SimklReconcile found) throws ServiceException, AuthException {
        if (found.readWhole(b)) {
            found.again(b, client.list(b.name()));
            return;
        }
        Set<String> ids = client.present(List.of(b.name())).get(b.name());
        if (ids == null) found.again(b, client.list(b.name()));
        else found.presentAgain(b, ids);
    }

    /**
     * The deltas of these buckets, keyed by name: anime on its own (it needs SIMKL's extended anime
     * ids), movies and shows in one request from the older of their stamps when both moved (a title
     * changed since then but already in a copy is merged again in its current state, which changes nothing).
     */
    private Map<String, List<SimklEntry>> fetchDeltas(Map<SimklBucket, String> since) throws ServiceException,
            AuthException {
        Map<String, String> byName = byName(since);
        Map<String, List<SimklEntry>> out = new HashMap<>();
        if (byName.containsKey("movies") && byName.containsKey("shows")) {
            out.putAll(client.moviesAndShowsChangedSince(SimklStamps.oldest(Map.of("movies", byName.get("movies"),
                    "shows", byName.get("shows")))));
        }
        for (Map.Entry<String, String> d : byName.entrySet()) {
            if (!out.containsKey(d.getKey())) out.put(d.getKey(), client.changedSince(d.getKey(), d.getValue()));
        }
        return out;
    }

    /**
     * The ratings changed since these stamps, keyed by bucket name: one request for one bucket, one
     * for all of them otherwise.
     */
    private Map<String, List<SimklRating>> fetchRatings(Map<SimklBucket, String> since) throws ServiceException,
            AuthException {
        if (since.isEmpty()) return Map.of();
        Map<String, String> byName = byName(since);
        if (byName.size() == 1) {
            Map.Entry<String, String> only = byName.entrySet().iterator().next();
            return Map.of(only.getKey(), client.ratingsSince(only.getKey(), only.getValue()));
        }
        return client.ratingsSince(SimklStamps.oldest(byName));
    }

    private static Map<String, String> byName(Map<SimklBucket, String> since) {
        Map<String, String> out = new LinkedHashMap<>();
        since.forEach((b, s) -> out.put(b.name(), s));
        return out;
    }

    private static List<String> names(List<SimklBucket> buckets) {
        return buckets.stream().map(SimklBucket::name).toList();
    }
}
