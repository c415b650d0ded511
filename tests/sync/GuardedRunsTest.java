package sync;

import cli.ExitCode;
import org.junit.jupiter.api.Test;
import sandbox.Emulator.Fault;
import sandbox.Title;
import support.CliRun;
import support.SyncWorld;
import support.WorldTest;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/** Reads that cannot be trusted, and too many removals: the deletion guard end to end. */
class GuardedRunsTest extends WorldTest {
    @Test
    void anIncompletePlexReadMakesNoRemovals() throws Exception {
        List<Title> many = sandbox.Catalogue.generated(1, 120);
        try (SyncWorld big = new SyncWorld(tmp.resolve("big"), many)) {
            big.bothHave(many);
            assertEquals(ExitCode.OK, big.sync().code);
            big.sb.plex.watchlistRemove(many.get(0).plexKey());
            big.sb.plex.injectAfter("GET", "/library/sections/watchlist", Fault.status(503), 1, 10);
            CliRun r = big.sync();
            assertEquals(ExitCode.GUARD, r.code, r.toString());
            assertEquals(120, big.sb.simkl.inStatus("plantowatch").size(), "nothing removed from SIMKL");
            assertTrue(r.all().contains("could not be read completely"), r.all());
            big.sb.plex.clearFaults();
            big.sb.plex.inject("GET", "/library/sections/watchlist", Fault.shortPage(), 1);
            assertEquals(ExitCode.GUARD, big.sync().code);
            assertEquals(120, big.sb.simkl.inStatus("plantowatch").size());
            CliRun ok = big.sync();
            assertEquals(ExitCode.OK, ok.code, ok.toString());
            assertEquals(119, big.sb.simkl.inStatus("plantowatch").size(), "removed once the read is whole");
        }
    }

    @Test
    void anEmptyReadAgainstAFullSnapshotRemovesNothing() throws Exception {
        w.plexHas(ARRIVAL, SEVERANCE, DUNE);
        w.simklHas(ARRIVAL, SEVERANCE, DUNE);
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.inject("GET", "/library/sections/watchlist", Fault.empty(), 1);
        CliRun r = w.sync();
        assertEquals(ExitCode.GUARD, r.code, r.toString());
        assertEquals(3, simklPtw().size());
        assertTrue(r.all().contains("reads as empty"), r.all());
    }

    @Test
    void aSimklLibraryThatVanishesTwiceWithNoRemovalRecordedRemovesNothingFromPlex() throws Exception {
        w.plexHas(ARRIVAL, SEVERANCE, DUNE);
        w.simklHas(ARRIVAL, SEVERANCE, DUNE);
        w.config("{\"activity\": {\"use_activity\": false}}"); // every run reads the whole library
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.simkl.inject("GET", "/sync/all-items", Fault.empty(), 6); // three lists, each read twice
        CliRun r = w.sync();
        assertEquals(ExitCode.GUARD, r.code, r.toString());
        assertEquals(3, plexTitles().size());
        assertTrue(r.all().contains("lists empty twice"), r.all());
        assertTrue(r.all().contains("--max-delete"), "the message names the command that releases it: " + r.all());
        // the doubt persists until SIMKL answers with the titles again
        w.sb.simkl.inject("GET", "/sync/all-items", Fault.empty(), 6);
        assertEquals(ExitCode.GUARD, w.sync().code);
        assertEquals(3, plexTitles().size());
        CliRun healthy = w.sync();
        assertEquals(ExitCode.OK, healthy.code, healthy.toString());
        assertEquals(3, plexTitles().size(), "nothing was removed: the titles are back in the read");
    }

    @Test
    void aSimklListThatAnswersEmptyOnceIsReadAgainAndTrusted() throws Exception {
        w.plexHas(ARRIVAL, SEVERANCE, DUNE);
        w.simklHas(ARRIVAL, SEVERANCE, DUNE);
        w.config("{\"activity\": {\"use_activity\": false}}");
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.simkl.inject("GET", "/sync/all-items", Fault.empty(), 1);
        w.sb.simkl.clearLog();
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(3, plexTitles().size(), "a one-off empty answer removes nothing");
        assertEquals(List.of("/sync/all-items/movies", "/sync/all-items/shows", "/sync/all-items/anime",
                "/sync/all-items/movies"),
                w.sb.simkl.requests().stream().map(l -> l.path()).filter(p -> p.startsWith("/sync/all-items")).toList(),
                "each list read whole, and the one that answered empty read once more");
    }

    @Test
    void tooManyRemovalsAreAllWithheldUntilAllowed() throws Exception {
        List<Title> many = sandbox.Catalogue.generated(1, 60);
        try (SyncWorld big = new SyncWorld(tmp.resolve("big"), many)) {
            big.bothHave(many);
            assertEquals(ExitCode.OK, big.sync().code);
            for (int i = 0; i < 11; i++) big.sb.plex.watchlistRemove(many.get(i).plexKey());
            CliRun r = big.sync();
            assertEquals(ExitCode.GUARD, r.code, r.toString());
            assertEquals(60, big.sb.simkl.inStatus("plantowatch").size());
            assertTrue(r.all().contains("--max-delete 11"), r.all());
            CliRun allowed = big.sync("--max-delete", "11");
            assertEquals(ExitCode.OK, allowed.code, allowed.toString());
            assertEquals(49, big.sb.simkl.inStatus("plantowatch").size());
        }
    }
}
