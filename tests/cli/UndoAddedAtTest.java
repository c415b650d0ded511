package cli;

import org.junit.jupiter.api.Test;
import sandbox.Emulator.Fault;
import sandbox.Title;
import support.CliRun;
import support.WorldTest;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/**
 * --undo and a title the person took off a list and put back by hand after the run added it (no run
 * in between, so the journal says nothing): the services' added-at times tell, and the undo leaves
 * it. A time it cannot learn leaves the title too.
 */
class UndoAddedAtTest extends WorldTest {
    private long userStateReads(Title t) {
        return w.sb.plex.count("GET", "/library/metadata/" + t.plexKey() + "/userState");
    }

    @Test
    void aTitleRemovedAndAddedAgainByHandSinceIsLeftOnBothSides() throws Exception {
        String run = editedAndSynced();
        // minutes later the person takes each added title off and puts it back, by hand; no sync runs
        w.sb.clock.advance(Duration.ofMinutes(10));
        w.sb.plex.watchlistRemove(THE_BEAR.plexKey());
        w.sb.plex.watchlistAdd(THE_BEAR.plexKey());
        w.sb.simkl.delete(SHOGUN.simkl());
        w.sb.simkl.put(SHOGUN.simkl(), "plantowatch");
        w.sb.plex.clearLog();
        CliRun dry = run("--undo", run, "--dry-run");
        assertEquals(ExitCode.OK, dry.code, dry.toString());
        assertTrue(dry.out.contains("The Bear (2022): changed since: put on Plex again at"), dry.out);
        CliRun undo = run("--undo", run);
        assertEquals(ExitCode.OK, undo.code, undo.toString());
        assertTrue(undo.out.contains("The Bear (2022): changed since: put on Plex again at"), undo.out);
        assertTrue(undo.out.contains("Shogun (2024): changed since: put on SIMKL again at"), undo.out);
        // the person's own adds stand; what else the run did is taken back
        assertEquals(Set.of("Arrival", "Dune: Part Two", "Shogun", "The Bear"), plexTitles(), undo.out);
        assertEquals(Set.of("Arrival", "Dune: Part Two", "Severance", "Shogun", "The Bear"), simklPtw(), undo.out);
        assertEquals(2, userStateReads(THE_BEAR), "asked once per run, for the one title it would remove on Plex");
        assertEquals(0, userStateReads(SHOGUN) + userStateReads(ARRIVAL) + userStateReads(DUNE)
                + userStateReads(SEVERANCE), "no other title is asked about");
    }

    @Test
    void titlesUntouchedSinceAreRemovedAsBefore() throws Exception {
        String run = editedAndSynced();
        w.sb.clock.advance(Duration.ofMinutes(10));
        CliRun undo = run("--undo", run);
        assertEquals(ExitCode.OK, undo.code, undo.toString());
        assertEquals(Set.of("Arrival", "Dune: Part Two", "Shogun"), plexTitles(), undo.out);
        assertEquals(Set.of("Arrival", "Dune: Part Two", "Severance", "The Bear"), simklPtw(), undo.out);
        assertEquals(1, userStateReads(THE_BEAR));
    }

    /** Plex does not answer when The Bear was put on the watchlist: it stays, and the person is told. */
    @Test
    void aFailedUserStateReadLeavesTheTitleAndSaysSo() throws Exception {
        String run = editedAndSynced();
        w.sb.plex.inject("GET", "/library/metadata/" + THE_BEAR.plexKey() + "/userState", Fault.status(503), 100);
        CliRun undo = run("--undo", run);
        assertEquals(ExitCode.OK, undo.code, undo.toString());
        assertTrue(plexTitles().contains("The Bear"), "not removed without knowing: " + undo.out);
        assertTrue(undo.out.contains("The Bear (2022): maybe changed since: Plex's userState could not be read"),
                undo.out);
        assertTrue(undo.err.contains("The undo leaves The Bear (2022) on Plex: Plex's userState could not be read"),
                undo.err);
        assertEquals(Set.of("Arrival", "Dune: Part Two", "Severance", "The Bear"), simklPtw(), "the rest is undone");
        w.sb.plex.clearFaults();
        CliRun again = run("--undo", run);
        assertEquals(ExitCode.OK, again.code, again.toString());
        assertEquals(Set.of("Arrival", "Dune: Part Two", "Shogun"), plexTitles(), "the same --undo finishes: "
                + again.out);
    }

    /** SIMKL answers as in 2020, without added_to_watchlist_at: the title stays, named. */
    @Test
    void aSimklAnswerWithoutAddedAtLeavesTheTitle() throws Exception {
        String run = editedAndSynced();
        w.sb.simkl.withoutAddedAt(true);
        CliRun undo = run("--undo", run);
        assertEquals(ExitCode.OK, undo.code, undo.toString());
        assertTrue(simklPtw().contains("Shogun"), undo.out);
        assertTrue(undo.out.contains("Shogun (2024): maybe changed since: SIMKL did not say when it was added"),
                undo.out);
        assertFalse(plexTitles().contains("The Bear"), "Plex's side is undone: " + undo.out);
    }

    /**
     * An anime whose seasons SIMKL lists as entries of their own, sharing the series' TVDB id: the run
     * adds the series (its first season) to SIMKL, and the person adds its second season by hand later.
     * Read from the saved copy, neither carries its time, and SIMKL's list read again gives each its own
     * (by SIMKL id, not the first season sharing the TVDB id): the undo leaves the series.
     */
    @Test
    void aSeasonAddedByHandLaterIsToldApartFromItsSiblingByItsOwnTime() throws Exception {
        w.bothHave(List.of(ARRIVAL));
        assertEquals(ExitCode.OK, w.sync().code);
        w.plexHas(JUJUTSU_1);
        CliRun added = w.sync();
        assertEquals(ExitCode.OK, added.code, added.toString());
        assertEquals(Set.of("Arrival", "Jujutsu Kaisen"), simklPtw());
        w.sb.clock.advance(Duration.ofMinutes(10));
        w.sb.simkl.put(JUJUTSU_2.simkl(), "plantowatch");
        assertEquals(ExitCode.OK, w.sync().code, "one series on both sides: nothing to do");
        CliRun undo = run("--undo");
        assertEquals(ExitCode.OK, undo.code, undo.toString());
        assertTrue(undo.out.contains("Jujutsu Kaisen (2020): changed since: put on SIMKL again at "), undo.out);
        assertEquals(Set.of("Arrival", "Jujutsu Kaisen", "Jujutsu Kaisen 2nd Season"), simklPtw(),
                "the season added by hand stays: " + undo.out);
    }
}
