package sync;

import cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sandbox.Emulator.Fault;
import support.CliRun;
import support.WorldTest;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/**
 * A side whose read cannot be trusted (a SIMKL list answering empty, a Plex watchlist reading
 * empty) neither loses the titles still there nor makes the next run forget what the person did.
 */
class UntrustedReadsTest extends WorldTest {
    private static final List<sandbox.Title> SHOWS = List.of(SEVERANCE, THE_BEAR, SHOGUN, COLLIDE_SHOW);

    private void seeded() {
        w.bothHave(List.of(ARRIVAL, DUNE, SEVERANCE, THE_BEAR, SHOGUN, COLLIDE_SHOW));
        CliRun first = w.sync();
        assertEquals(ExitCode.OK, first.code, first.toString());
    }

    /**
     * The person removes two of four shows on SIMKL; SIMKL then answers the shows list empty (as it
     * answers a truly empty one: {@code null} or {@code {}}). The removal stamp moved, but that proves
     * only that something left: the two shows still there stay on Plex, and the run says how to allow
     * the removals if the person did empty the list.
     */
    @ParameterizedTest(name = "empty answered as {0}")
    @ValueSource(strings = {"null", "{}"})
    void aSimklListAnsweringEmptyIsDoubtedEvenWhenARemovalWasRecorded(String shape) {
        seeded();
        w.sb.simkl.emptyAsNull(shape.equals("null"));
        w.sb.simkl.delete(THE_BEAR.simkl());
        w.sb.simkl.delete(SHOGUN.simkl());
        w.sb.simkl.inject("GET", "/sync/all-items", Fault.empty(), 2);
        CliRun glitch = w.sync();
        assertEquals(ExitCode.GUARD, glitch.code, glitch.toString());
        assertEquals(Set.of("Arrival", "Dune: Part Two", "Severance", "The Bear", "Shogun", "Collision (Series)"),
                plexTitles(),
                "nothing removed from Plex on an empty answer");
        assertTrue(glitch.all().contains("lists empty twice"), glitch.all());
        assertTrue(glitch.all().contains("--max-delete 4"), "names the command that allows exactly those removals: "
                + glitch.all());

        CliRun clean = w.sync();
        assertEquals(ExitCode.OK, clean.code, clean.toString());
        assertEquals(Set.of("Arrival", "Dune: Part Two", "Severance", "Collision (Series)"), plexTitles(),
                "the person's removals arrive");
        assertEquals(plexTitles(), simklPtw());
        long writes = w.sb.plex.writes() + w.sb.simkl.writes();
        assertEquals(ExitCode.OK, w.sync().code);
        assertEquals(writes, w.sb.plex.writes() + w.sb.simkl.writes(), "and the next run writes nothing");
    }

    @Test
    void aPersonWhoDidEmptyTheListAllowsItOnceAndTheReadIsThenTrusted() {
        seeded();
        for (sandbox.Title t : SHOWS) w.sb.simkl.delete(t.simkl());
        CliRun doubted = w.sync();
        assertEquals(ExitCode.GUARD, doubted.code, doubted.toString());
        CliRun allowed = w.sync("--max-delete", "4");
        assertEquals(ExitCode.OK, allowed.code, allowed.toString());
        assertEquals(Set.of("Arrival", "Dune: Part Two"), plexTitles());
        CliRun quiet = w.sync();
        assertEquals(ExitCode.OK, quiet.code, "the emptiness, once allowed, is not doubted again: " + quiet);
        assertFalse(quiet.all().contains("empty twice"), quiet.all());
    }

    /**
     * The person removes two shows on SIMKL; the Plex watchlist reads empty for one run (withheld,
     * exit 4). The next clean run must remove the two from Plex, not add them back to SIMKL.
     */
    @Test
    void aRunThatReadPlexEmptyDoesNotMakeTheNextRunResurrectSimklRemovals() {
        seeded();
        w.sb.simkl.delete(THE_BEAR.simkl());
        w.sb.simkl.delete(SHOGUN.simkl());
        w.sb.plex.inject("GET", "/library/sections/watchlist", Fault.empty(), 1);
        CliRun glitch = w.sync();
        assertEquals(ExitCode.GUARD, glitch.code, glitch.toString());
        assertEquals(Set.of("Arrival", "Dune: Part Two", "Severance", "Collision (Series)"), simklPtw(),
                "nothing removed from SIMKL");

        CliRun clean = w.sync();
        assertEquals(ExitCode.OK, clean.code, clean.toString());
        assertEquals(Set.of("Arrival", "Dune: Part Two", "Severance", "Collision (Series)"), simklPtw(),
                "not added back to SIMKL");
        assertEquals(simklPtw(), plexTitles(), "and removed from Plex");
        assertEquals(0, w.sb.simkl.count("POST", "/sync/add-to-list"));
    }

    /** The same after a Plex read cut short (a page that failed), and after a doubted SIMKL read. */
    @Test
    void anIncompletePlexReadDoesNotMakeTheNextRunResurrectSimklRemovals() {
        List<sandbox.Title> many = generated(1, 150);
        try (support.SyncWorld big = new support.SyncWorld(tmp.resolve("big"), many)) {
            big.bothHave(many);
            assertEquals(ExitCode.OK, big.sync().code);
            // two titles the Plex read will not reach (it lists newest first, and page 2 fails)
            big.sb.simkl.delete(many.get(0).simkl());
            big.sb.simkl.delete(many.get(1).simkl());
            big.sb.plex.injectAfter("GET", "/library/sections/watchlist", Fault.status(503), 1, 10);
            CliRun glitch = big.sync();
            assertNotEquals(ExitCode.OK, glitch.code, glitch.toString());
            big.sb.plex.clearFaults();
            CliRun clean = big.sync();
            assertEquals(ExitCode.OK, clean.code, clean.toString());
            assertEquals(148, big.sb.simkl.inStatus("plantowatch").size(), "not added back to SIMKL");
            assertEquals(148, big.sb.plex.watchlist().size(), "and removed from Plex");
        }
    }

    @Test
    void aDoubtedSimklReadDoesNotMakeTheNextRunResurrectPlexRemovals() {
        seeded();
        w.sb.plex.watchlistRemove(ARRIVAL.plexKey());
        w.sb.simkl.delete(THE_BEAR.simkl());
        w.sb.simkl.inject("GET", "/sync/all-items", Fault.empty(), 2);
        assertEquals(ExitCode.GUARD, w.sync().code);
        CliRun clean = w.sync();
        assertEquals(ExitCode.OK, clean.code, clean.toString());
        assertEquals(Set.of("Dune: Part Two", "Severance", "Shogun", "Collision (Series)"), plexTitles());
        assertEquals(plexTitles(), simklPtw());
    }

    /**
     * A glitch that empties the shows list must not send a show SIMKL holds as completed (and Plex
     * keeps on its watchlist) back to Plan to Watch: the copy's knowledge of other lists stands.
     */
    @Test
    void aDoubtedListStillKnowsWhichTitlesSimklHoldsInOtherLists() {
        w.bothHave(List.of(ARRIVAL, SEVERANCE, THE_BEAR));
        w.plexHas(SHOGUN);
        w.sb.simkl.put(SHOGUN.simkl(), "completed");
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.simkl.delete(THE_BEAR.simkl());
        w.sb.simkl.inject("GET", "/sync/all-items", Fault.empty(), 2);
        CliRun glitch = w.sync();
        assertEquals(ExitCode.GUARD, glitch.code, glitch.toString());
        assertEquals("completed", w.sb.simkl.entry(SHOGUN.simkl()).status);
        assertEquals(0, w.sb.simkl.count("POST", "/sync/add-to-list"), glitch.toString());
    }
}
