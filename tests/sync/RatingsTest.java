package sync;

import cli.ExitCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sandbox.Emulator.Logged;
import support.CliRun;
import support.WorldTest;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/**
 * SIMKL keeps ratings apart from its lists: rating a Plan to Watch title moves only rated_at, and
 * the rating shows in no all-items delta. The sync reads it where SIMKL keeps it, so that a title
 * rated on SIMKL is never removed there (history/remove would erase the rating).
 */
class RatingsTest extends WorldTest {
    @BeforeEach
    void synced() {
        w.bothHave(List.of(ARRIVAL, SEVERANCE, SHOGUN, FRIEREN));
        assertEquals(ExitCode.OK, w.sync().code);
    }

    @Test
    void aRatingGivenOnSimklIsReadAndKeepsTheTitleThereWhenItLeavesPlexLater() {
        w.sb.simkl.rate(SHOGUN.simkl(), 8);
        w.sb.simkl.clearLog();
        CliRun rated = w.sync();
        assertEquals(ExitCode.OK, rated.code, rated.toString());
        List<Logged> reads = w.sb.simkl.requests().stream().filter(l -> l.method().equals("GET")).toList();
        assertEquals(List.of("/sync/activities", "/sync/ratings/shows"), reads.stream().map(Logged::path).toList(),
                "the rating is read where SIMKL keeps it, from the last known rating on: " + reads);
        assertNotNull(reads.get(1).query().get("date_from"));

        w.sb.simkl.clearLog();
        assertEquals(ExitCode.OK, w.sync().code);
        assertEquals(List.of("/sync/activities"), w.sb.simkl.requests().stream().map(Logged::path).toList(),
                "a rating read once is not asked for again");

        w.sb.plex.watchlistRemove(SHOGUN.plexKey());
        CliRun removed = w.sync();
        assertEquals(ExitCode.OK, removed.code, removed.toString());
        assertEquals(8, w.sb.simkl.entry(SHOGUN.simkl()).userRating, "the rating is still there");
        assertTrue(w.sb.simkl.erased().isEmpty(), "nothing was erased on SIMKL: " + removed);
        assertTrue(removed.out.contains("kept on SIMKL: it has a rating"), removed.out);
    }

    @Test
    void anAnimeRatedOnSimklIsKeptToo() {
        w.sb.simkl.rate(FRIEREN.simkl(), 10);
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.watchlistRemove(FRIEREN.plexKey());
        w.sync();
        assertEquals(10, w.sb.simkl.entry(FRIEREN.simkl()).userRating);
        assertTrue(w.sb.simkl.erased().isEmpty());
    }

    @Test
    void aRatingTakenBackAndShownWithUserRatingNullMakesTheTitleRemovableAgain() {
        w.sb.simkl.ratingsUnder("user_rating");
        w.sb.simkl.rate(SEVERANCE.simkl(), 6);
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.simkl.unrate(SEVERANCE.simkl());
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.watchlistRemove(SEVERANCE.plexKey());
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertFalse(simklPtw().contains("Severance"), r.out);
    }

    @Test
    void aRatingTakenBackThatTheRatingsReadDoesNotSpellOutKeepsTheTitleUntilItsWholeListSaysSo() {
        w.sb.simkl.rate(SEVERANCE.simkl(), 6);
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.simkl.unrate(SEVERANCE.simkl()); // the ratings read then shows "rating": null, not "user_rating": null
        w.sb.plex.watchlistRemove(SEVERANCE.plexKey());
        for (int run = 0; run < ReadRetries.RUNS; run++) {
            CliRun kept = w.sync();
            assertEquals(ExitCode.OK, kept.code, kept.toString());
            assertTrue(simklPtw().contains("Severance"), "run " + run + ": not known to be unrated: " + kept.out);
        }
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertFalse(simklPtw().contains("Severance"), "the whole shows list says it is unrated: " + r.out);
    }

    @Test
    void aRatingGivenInTheSameRunAsAListChangeIsReadToo() {
        w.sb.simkl.rate(ARRIVAL.simkl(), 7);
        w.sb.simkl.put(DUNE.simkl(), "plantowatch");
        w.sb.plex.watchlistRemove(ARRIVAL.plexKey());
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(plexTitles().contains("Dune: Part Two"));
        assertEquals(7, w.sb.simkl.entry(ARRIVAL.simkl()).userRating);
        assertTrue(simklPtw().contains("Arrival"), r.out);
    }
}
