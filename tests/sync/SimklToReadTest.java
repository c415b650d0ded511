package sync;

import model.MediaType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Deciding what one read of SIMKL asks for, from each bucket's copy and stamps, without a request. */
class SimklToReadTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final List<State.CachedSimklItem> ONE = List.of(new State.CachedSimklItem(MediaType.MOVIE,
            "Arrival", 2016, Map.of("simkl", "1"), "plantowatch", false, false, null));
    private static final Map<String, String> BEFORE = Map.of("movies.plantowatch", "2026-03-01T10:00:00Z",
            "movies.completed", "2026-03-01T10:00:05.500Z", "movies.removed_from_list", "2026-02-01T00:00:00Z",
            "movies.rated_at", "2026-02-15T00:00:00Z", "movies.playback", "2026-03-01T11:00:00Z");

    private static Map<String, String> moved(String key, String value) {
        Map<String, String> m = new HashMap<>(BEFORE);
        m.put(key, value);
        return m;
    }

    private static SimklToRead decide(SimklBucket b, boolean useActivity, Map<String, State.Retry> retries,
                                      boolean counting) {
        return SimklToRead.decide(List.of(b), useActivity, new ReadRetries(retries, NOW, counting));
    }

    private static SimklToRead decide(SimklBucket b) {
        return decide(b, true, Map.of(), true);
    }

    @Test
    void aBucketWithNoCopyOrEveryBucketWithoutActivitiesIsReadWhole() {
        List<SimklBucket> first = SimklBucket.all(null, BEFORE);
        SimklToRead to = SimklToRead.decide(first, true, new ReadRetries(null, NOW, true));
        assertEquals(first, to.whole(), "a first read takes every bucket whole, in SIMKL's order");
        assertEquals(List.of("movies", "shows", "anime"), to.whole().stream().map(SimklBucket::name).toList());
        SimklBucket unchanged = new SimklBucket("movies", ONE, BEFORE, BEFORE);
        assertEquals(List.of(unchanged), decide(unchanged, false, Map.of(), true).whole());
    }

    @Test
    void aBucketWhoseOnlyNewStampIsAPlaybackIsNotReadAtAll() {
        SimklToRead to = decide(new SimklBucket("movies", ONE, BEFORE, moved("movies.playback", "2026-03-01T11:30:00Z")));
        assertEquals(List.of(), to.whole());
        assertEquals(List.of(), to.presence());
        assertEquals(Map.of(), to.deltaSince());
        assertEquals(Map.of(), to.ratingsSince());
    }

    @Test
    void aListChangeIsReadAsADeltaFromTheNewestListStampAtTheLastRead() {
        SimklBucket b = new SimklBucket("movies", ONE, BEFORE, moved("movies.plantowatch", "2026-03-01T11:59:00Z"));
        SimklToRead to = decide(b);
        assertEquals(Map.of(b, "2026-03-01T10:00:05.500Z"), to.deltaSince(), "not the playback, not rated_at");
        assertEquals(List.of(), to.presence(), "nothing left the bucket");
        assertEquals(Map.of(), to.ratingsSince());
    }

    @Test
    void aRemovalAddsTheMinifiedReadToTheDelta() {
        SimklBucket b = new SimklBucket("movies", ONE, BEFORE,
                moved("movies.removed_from_list", "2026-03-01T11:59:00Z"));
        SimklToRead to = decide(b);
        assertEquals(List.of(b), to.presence());
        assertEquals(Map.of(b, "2026-03-01T10:00:05.500Z"), to.deltaSince());
    }

    @Test
    void aRatingAloneIsReadFromTheRatingsStampAtTheLastRead() {
        SimklBucket b = new SimklBucket("movies", ONE, BEFORE, moved("movies.rated_at", "2026-03-01T11:59:00Z"));
        SimklToRead to = decide(b);
        assertEquals(Map.of(), to.deltaSince(), "a rating changes no list");
        assertEquals(Map.of(b, "2026-02-15T00:00:00Z"), to.ratingsSince());
        Map<String, String> noRatedBefore = new HashMap<>(BEFORE);
        noRatedBefore.remove("movies.rated_at");
        SimklBucket first = new SimklBucket("movies", ONE, noRatedBefore, BEFORE);
        assertEquals(Map.of(first, "2026-03-01T10:00:05.500Z"), decide(first).ratingsSince(),
                "with no ratings stamp saved, from where a delta of its lists would start");
    }

    @Test
    void aCopyWithNoStampsSavedIsReadWhole() {
        SimklBucket b = new SimklBucket("shows", List.of(), Map.of(), Map.of("shows.plantowatch", "2026-03-01T11:00Z"));
        assertEquals(List.of(b), decide(b).whole());
    }

    @Test
    void aChangeUnreadForTooManyRunsIsReadWholeOnceWithANote() {
        SimklBucket b = new SimklBucket("movies", ONE, BEFORE, moved("movies.rated_at", "2026-03-01T11:59:00Z"));
        Map<String, State.Retry> retries = Map.of("movies.rated_at",
                new State.Retry("2026-03-01T11:30:00Z", ReadRetries.RUNS));
        SimklToRead to = decide(b, true, retries, true);
        assertEquals(List.of(b), to.whole());
        assertEquals(Map.of(), to.ratingsSince());
        assertEquals(List.of("SIMKL: movies: its stamps moved 3 runs ago (since 2026-03-01T11:30:00Z) and no read "
                + "has shown what changed; reading the list whole once"), to.notes());
        SimklToRead afterWrites = decide(b, true, retries, false);
        assertEquals(List.of(), afterWrites.whole(), "re-reads after a run's own writes never give up");
        assertEquals(Map.of(b, "2026-02-15T00:00:00Z"), afterWrites.ratingsSince());
        assertEquals(List.of(), afterWrites.notes());
    }

    @Test
    void aBucketHoldsOnlyItsOwnStamps() {
        SimklBucket b = new SimklBucket("shows", List.of(), Map.of("all", "x", "movies.plantowatch", "y",
                "shows.plantowatch", "z"), Map.of("shows.plantowatch", "w", "shows.playback", "v"));
        assertEquals(Map.of("shows.plantowatch", "z"), b.before());
        assertEquals(Map.of("shows.plantowatch", "w", "shows.playback", "v"), b.now());
        assertEquals(Set.of("shows.plantowatch"), b.listKeysNow());
        assertEquals("shows.rated_at", b.ratedKey());
        assertTrue(b.hasCopy());
        assertFalse(new SimklBucket("shows", null, Map.of(), Map.of()).hasCopy());
    }
}
