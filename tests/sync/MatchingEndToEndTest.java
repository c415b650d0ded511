package sync;

import cli.ExitCode;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import support.CliRun;
import support.WorldTest;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/** Titles known by different ids or names on each side are matched once, end to end. */
class MatchingEndToEndTest extends WorldTest {
    @Test
    void animeReachesPlexAndAnimeFilmsCountAsMovies() throws Exception {
        w.simklHas(FRIEREN, SUZUME);
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(Set.of("Sousou no Frieren", "Suzume"), plexTitles());
    }

    @Test
    void titlesWithOnlyTmdbOnOneSideAndOnlyImdbOnTheOtherAreMatchedOnce() throws Exception {
        w.plexHas(PERFECT_DAYS_PLEX);
        w.simklHas(PERFECT_DAYS_SIMKL);
        CliRun r = w.sync("--debug");
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(0, w.sb.plex.writes() + w.sb.simkl.writes(), "already on both sides: nothing to add");
        assertTrue(r.err.contains("by title and year"), r.err);
        JsonNode item = w.state().path("snapshot").path("items").get(0);
        assertEquals("976893", item.path("ids").path("tmdb").asText());
        assertEquals("tt27503384", item.path("ids").path("imdb").asText());
        CliRun r2 = w.sync("--debug");
        assertFalse(r2.err.contains("by title and year"), "matched by the ids the snapshot learnt");
    }

    @Test
    void aTmdbMovieAndShowWithTheSameNumberAreKeptApart() throws Exception {
        w.plexHas(COLLIDE_MOVIE);
        w.simklHas(COLLIDE_SHOW);
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(Set.of("Collision (Film)", "Collision (Series)"), plexTitles());
        assertEquals(Set.of("Collision (Film)", "Collision (Series)"), simklPtw());
    }
}
