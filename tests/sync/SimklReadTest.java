package sync;

import model.Ids;
import model.MediaItem;
import model.MediaType;
import org.junit.jupiter.api.Test;
import simkl.SimklEntry;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The pure parts of reading SIMKL by deltas: which stamps count, where a delta starts, how it is merged. */
class SimklReadTest {
    private static SimklEntry entry(int simkl, String title, String status) {
        return new SimklEntry(new MediaItem(MediaType.MOVIE, title, 2020,
                Ids.of(Map.of("simkl", String.valueOf(simkl)))),
                "movies", status, false, false, null);
    }

    @Test
    void playbackAndTheBucketsOwnAllStampAreNotListChanges() {
        Map<String, String> stamps = Map.of("movies.plantowatch", "a", "movies.playback", "b", "movies.all", "c",
                "shows.completed", "d", "movies.removed_from_list", "e");
        assertEquals(Map.of("movies.plantowatch", "a", "movies.removed_from_list", "e"),
                SimklStamps.listStamps(stamps, "movies"));
    }

    @Test
    void aDeltaStartsAtTheBucketsNewestStampInTimeOrder() {
        Map<String, String> stamps = Map.of("movies.plantowatch", "2026-03-01T10:00:05.900Z", "movies.completed",
                "2026-03-01T10:00:05Z",
                "shows.completed", "2027-01-01T00:00:00Z");
        assertEquals("2026-03-01T10:00:05.900Z", SimklStamps.lastStamp(stamps, "movies"),
                "fractions count; other buckets do not");
        assertNull(SimklStamps.lastStamp(stamps, "anime"));
        assertTrue(SimklStamps.BY_TIME.compare("2026-03-01T10:00:05Z", "2026-03-01T10:00:05.100Z") < 0);
    }

    @Test
    void aMergedDeltaReplacesTitlesBySimklIdAndAddsNewOnes() {
        List<SimklEntry> copy = List.of(entry(1, "Arrival", "plantowatch"), entry(2, "Dune", "plantowatch"));
        List<SimklEntry> merged = SimklCopy.merge(copy,
                List.of(entry(2, "Dune", "completed"), entry(3, "Heat", "plantowatch")));
        assertEquals(3, merged.size());
        assertEquals("plantowatch", merged.get(0).status());
        assertEquals("completed", merged.get(1).status());
        assertEquals("Heat", merged.get(2).item().title());
        assertEquals(copy, SimklCopy.merge(copy, List.of()), "an empty delta changes nothing");
    }
}
