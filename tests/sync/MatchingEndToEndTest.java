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

    /** SIMKL lists each season of an anime as a title; Plex has one show for them all. */
    @Test
    void anAnimesSeasonsOnSimklAreOnePlexShowAndItsRemovalKeepsRatedSeasons() throws Exception {
        w.plexHas(JUJUTSU_1, ARRIVAL);
        w.simklHas(JUJUTSU_1, JUJUTSU_2, ARRIVAL);
        CliRun first = w.sync();
        assertEquals(ExitCode.OK, first.code, first.toString());
        assertEquals(0, w.sb.plex.writes() + w.sb.simkl.writes(), "one show, in sync: " + first.out);
        assertFalse(first.out.contains("share its ids") || first.out.contains("conflict"), first.out);
        CliRun again = w.sync();
        assertFalse(again.out.contains("share its ids") || again.out.contains("conflict"), "never on later runs: "
                + again.out);

        w.sb.simkl.rate(JUJUTSU_2.simkl(), 8);
        w.sb.plex.watchlistRemove(JUJUTSU_1.plexKey());
        CliRun removal = w.sync();
        assertEquals(ExitCode.OK, removal.code, removal.toString());
        assertEquals(java.util.List.of("Jujutsu Kaisen"),
                w.sb.simkl.erased().stream().map(e -> e.title().title()).toList(), "only the unrated season goes");
        assertEquals(Set.of("Jujutsu Kaisen 2nd Season", "Arrival"), simklPtw());
        assertTrue(removal.out.contains("Jujutsu Kaisen 2nd Season (2023) has a rating"), removal.out);
        assertTrue(removal.out.contains("Post-sync: Plex=1 vs SIMKL=2 → IN SYNC (1 kept apart: 1 "
                + "keeps-watch-data-or-rating)"), "the kept season is counted: " + removal.out);

        CliRun after = w.sync();
        assertEquals(ExitCode.OK, after.code, after.toString());
        assertEquals(Set.of("Arrival"), plexTitles(), "the rated season kept on SIMKL does not bring the show back");
        assertEquals(Set.of("Jujutsu Kaisen 2nd Season", "Arrival"), simklPtw());
    }

    /** A later season added to Plan to Watch on SIMKL brings the series to Plex once. */
    @Test
    void aLaterSeasonAddedOnSimklAddsTheSeriesToPlex() throws Exception {
        w.simklHas(JUJUTSU_2);
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(Set.of("Jujutsu Kaisen"), plexTitles());
        w.sb.simkl.put(JUJUTSU_1.simkl(), "plantowatch");
        CliRun r2 = w.sync();
        assertEquals(ExitCode.OK, r2.code, r2.toString());
        assertEquals(1, w.sb.plex.writes(), "no second add: " + r2.out);
    }
}
