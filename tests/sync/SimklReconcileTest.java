package sync;

import model.Ids;
import model.MediaItem;
import model.MediaType;
import org.junit.jupiter.api.Test;
import simkl.SimklEntry;
import simkl.SimklRating;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Putting SIMKL's answers together with the saved copy, handed each answer directly: no request is sent. */
class SimklReconcileTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Map<String, String> BEFORE = Map.of("all", "2026-03-01T10:00:00Z",
            "movies.plantowatch", "2026-03-01T10:00:00Z", "movies.removed_from_list", "2026-02-01T00:00:00Z",
            "movies.rated_at", "2026-02-15T00:00:00Z", "shows.plantowatch", "2026-02-20T00:00:00Z");

    private final List<String> log = new ArrayList<>();

    private static State.CachedSimklItem cached(int simkl, String title, String status) {
        return new State.CachedSimklItem(MediaType.MOVIE, title, 2020, Map.of("simkl", String.valueOf(simkl)), status,
                false, false, null);
    }

    private static SimklEntry entry(int simkl, String title, String status) {
        return new SimklEntry(new MediaItem(MediaType.MOVIE, title, 2020, Ids.of(Map.of("simkl",
                String.valueOf(simkl)))), "movies", status, false, false, null);
    }

    private static Map<String, String> moved(String... keysAndValues) {
        Map<String, String> m = new HashMap<>(BEFORE);
        for (int i = 0; i < keysAndValues.length; i += 2) m.put(keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    private SimklReconcile reconcile(Map<String, String> now, Map<String, State.Retry> retries,
                                     SimklBucket... buckets) {
        return new SimklReconcile(List.of(buckets), now, new ReadRetries(retries, NOW, true), log::add);
    }

    private static List<String> titles(List<SimklEntry> entries) {
        return entries.stream().map(e -> e.item().title() + "=" + e.status()).toList();
    }

    @Test
    void aBucketNotReadIsTakenFromTheCopyAndOneReadWholeReplacesIt() {
        Map<String, String> now = moved("shows.plantowatch", "2026-03-01T11:00:00Z");
        SimklBucket movies = new SimklBucket("movies", List.of(cached(1, "Arrival", "plantowatch")), BEFORE, now);
        SimklBucket shows = new SimklBucket("shows", List.of(cached(2, "Severance", "plantowatch")), BEFORE, now);
        SimklReconcile r = reconcile(now, Map.of(), movies, shows);
        r.whole(shows, List.of(entry(3, "Shogun", "watching")));
        assertEquals(List.of(), r.suspectEmpty());
        SimklRead.Result result = r.result();
        assertEquals(List.of("Arrival=plantowatch", "Shogun=watching"), titles(result.entries()));
        assertEquals(List.of("SIMKL: movies unchanged since the last run (activities); using the saved copy"), log);
        assertNull(result.doubt());
        assertEquals(result.cache(true), result.cache(false), "nothing doubted: one copy to save");
        assertEquals(now, result.cache(true).activities(), "every stamp taken, the global one too");
        assertEquals(List.of(cached(1, "Arrival", "plantowatch")), result.cache(true).buckets().get("movies"));
        assertEquals("Shogun", result.cache(true).buckets().get("shows").get(0).title());
    }

    @Test
    void anEmptyDeltaKeepsTheOldListStampsAndCountsARetry() {
        Map<String, String> now = moved("movies.plantowatch", "2026-03-01T11:00:00Z");
        SimklBucket movies = new SimklBucket("movies", List.of(cached(1, "Arrival", "plantowatch")), BEFORE, now);
        SimklReconcile r = reconcile(now, Map.of(), movies);
        r.delta(movies, "2026-03-01T10:00:00Z", List.of());
        State.SimklCache saved = r.result().cache(true);
        assertEquals("2026-03-01T10:00:00Z", saved.activities().get("movies.plantowatch"), "asked again next run");
        assertEquals(new State.Retry(NOW.toString(), 1), saved.retries().get("movies"));
        assertEquals(List.of("SIMKL: movies: 0 titles changed since 2026-03-01T10:00:00Z (delta read)",
                "SIMKL: movies: its stamps moved but the delta shows no change; asking again next run (1 of "
                        + ReadRetries.RUNS + ", since " + NOW + ")"), log);
    }

    @Test
    void aDeltaIsMergedIntoWhatTheMinifiedReadLeftAndExplainsTheStamps() {
        Map<String, String> now = moved("movies.plantowatch", "2026-03-01T11:00:00Z", "movies.removed_from_list",
                "2026-03-01T11:00:00Z");
        SimklBucket movies = new SimklBucket("movies", List.of(cached(1, "Arrival", "plantowatch"),
                cached(2, "Dune", "plantowatch")), BEFORE, now);
        SimklReconcile r = reconcile(now, Map.of(), movies);
        r.present(movies, Set.of("1", "3"));
        r.delta(movies, "2026-03-01T10:00:00Z", List.of(entry(3, "Heat", "plantowatch")));
        SimklRead.Result result = r.result();
        assertEquals(List.of("Arrival=plantowatch", "Heat=plantowatch"), titles(result.entries()));
        assertEquals(now, result.cache(true).activities());
        assertEquals(Map.of(), result.cache(true).retries());
        assertEquals("SIMKL: movies: 1 title deleted since the last run", log.get(0));

        log.clear();
        SimklReconcile cameAndWent = reconcile(now, Map.of(), movies);
        cameAndWent.present(movies, Set.of("1", "2"));
        cameAndWent.delta(movies, "2026-03-01T10:00:00Z", List.of());
        assertEquals(now, cameAndWent.result().cache(true).activities(),
                "the minified read shows exactly the copy: an empty delta is explained");

        SimklReconcile unread = reconcile(now, Map.of(), movies);
        unread.present(movies, Set.of("1", "2", "9"));
        unread.delta(movies, "2026-03-01T10:00:00Z", List.of());
        assertEquals(BEFORE.get("movies.plantowatch"), unread.result().cache(true).activities().get(
                "movies.plantowatch"));
        assertTrue(log.get(log.size() - 1).contains("the delta does not show 1 title SIMKL holds"), log.toString());
    }

    @Test
    void ratingsAreSetOnTheCopyAndAnEmptyRatingsReadKeepsTheOldRatingsStamp() {
        Map<String, String> now = moved("movies.rated_at", "2026-03-01T11:00:00Z");
        SimklBucket movies = new SimklBucket("movies", List.of(cached(1, "Arrival", "completed")), BEFORE, now);
        SimklReconcile r = reconcile(now, Map.of(), movies);
        r.ratings(movies, "2026-02-15T00:00:00Z", List.of(new SimklRating(entry(1, "Arrival", "").item(), true)));
        SimklRead.Result rated = r.result();
        assertTrue(rated.entries().get(0).rated());
        assertEquals("2026-03-01T11:00:00Z", rated.cache(true).activities().get("movies.rated_at"));

        SimklReconcile none = reconcile(now, Map.of(), movies);
        none.ratings(movies, "2026-02-15T00:00:00Z", List.of());
        State.SimklCache saved = none.result().cache(true);
        assertEquals("2026-02-15T00:00:00Z", saved.activities().get("movies.rated_at"));
        assertEquals(Set.of("movies.rated_at"), saved.retries().keySet());
    }

    @Test
    void aBucketEmptyTwiceIsDoubtedAndKeptAsItWasWhenTheReadIsNotTrusted() {
        Map<String, String> now = moved("movies.plantowatch", "2026-03-01T11:00:00Z");
        State.Retry old = new State.Retry("2026-03-01T11:30:00Z", 1);
        SimklBucket movies = new SimklBucket("movies", List.of(cached(1, "Arrival", "plantowatch"),
                cached(2, "Dune", "completed")), BEFORE, now);
        SimklReconcile r = reconcile(now, Map.of("movies", old), movies);
        r.whole(movies, List.of());
        assertEquals(List.of(movies), r.suspectEmpty());
        assertTrue(r.readWhole(movies), "read again the way it was read");
        r.again(movies, List.of());
        SimklRead.Result result = r.result();
        assertEquals("SIMKL answered its movies lists empty twice, although they held 2 titles at the last sync and "
                + "SIMKL recorded no removal there.", result.doubt());
        assertEquals(List.of("Dune=completed"), titles(result.entries()),
                "what the copy knew of other lists stands, so a glitch sends nothing back to Plan to Watch");
        assertEquals(movies.saved(), result.cache(false).buckets().get("movies"));
        assertEquals(BEFORE.get("movies.plantowatch"), result.cache(false).activities().get("movies.plantowatch"));
        assertEquals(Map.of("movies", old), result.cache(false).retries());
        assertEquals(List.of(), result.cache(true).buckets().get("movies"), "--max-delete takes it as read");
        assertEquals(now, result.cache(true).activities());
        assertEquals("SIMKL answered its movies lists empty although they held titles; reading again", log.get(0));
    }

    @Test
    void aBucketWhoseOneTitleWasRemovedIsEmptyAtOnce() {
        Map<String, String> now = moved("movies.removed_from_list", "2026-03-01T11:00:00Z");
        SimklBucket movies = new SimklBucket("movies", List.of(cached(1, "Arrival", "plantowatch")), BEFORE, now);
        SimklReconcile r = reconcile(now, Map.of(), movies);
        r.present(movies, Set.of());
        assertEquals(List.of(), r.suspectEmpty());
        assertFalse(r.readWhole(movies));
        assertNull(r.result().doubt());
        assertTrue(log.contains("SIMKL: your movies lists are empty now (SIMKL records the removal of their one "
                + "title)"), log.toString());
    }

    @Test
    void aBucketReadWholeInsteadOfByPresenceHasNoDeltaLeftToRead() {
        Map<String, String> now = moved("movies.removed_from_list", "2026-03-01T11:00:00Z",
                "shows.plantowatch", "2026-03-01T11:00:00Z");
        SimklBucket movies = new SimklBucket("movies", List.of(), BEFORE, now);
        SimklBucket shows = new SimklBucket("shows", List.of(), BEFORE, now);
        SimklReconcile r = reconcile(now, Map.of(), movies, shows);
        r.whole(movies, List.of());
        Map<SimklBucket, String> planned = new LinkedHashMap<>();
        planned.put(movies, "a");
        planned.put(shows, "b");
        assertEquals(Map.of(shows, "b"), r.deltasToRead(planned));
    }
}
