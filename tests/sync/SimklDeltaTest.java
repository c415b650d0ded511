package sync;

import cli.ExitCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sandbox.Emulator.Fault;
import sandbox.Emulator.Logged;
import support.CliRun;
import support.WorldTest;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/**
 * How a sync reads SIMKL after the first run: activities, then only the buckets whose list stamps
 * moved, as deltas (date_from), and a whole bucket only when titles were deleted from it.
 */
class SimklDeltaTest extends WorldTest {
    @BeforeEach
    void synced() {
        w.plexHas(ARRIVAL, SEVERANCE, DUNE);
        w.simklHas(ARRIVAL, SEVERANCE, DUNE);
        CliRun first = w.sync();
        assertEquals(ExitCode.OK, first.code, first.toString());
        w.sb.simkl.clearLog();
    }

    private List<Logged> listReads() {
        return w.sb.simkl.requests().stream().filter(l -> l.is("GET", "/sync/all-items")).toList();
    }

    @Test
    void aRunWithNothingChangedAsksSimklOneQuestion() {
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(List.of("/sync/activities"), w.sb.simkl.requests().stream().map(Logged::path).toList());
    }

    @Test
    void aTitleAddedOnSimklIsReadAsADeltaOfItsBucket() {
        w.sb.simkl.put(SHOGUN.simkl(), "plantowatch");
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(plexTitles().contains("Shogun"), r.out);
        List<Logged> reads = listReads();
        assertEquals(1, reads.size(), reads.toString());
        assertEquals("/sync/all-items/shows", reads.get(0).path());
        assertNotNull(reads.get(0).query().get("date_from"), "a delta, not the whole bucket: " + reads);
    }

    @Test
    void aTitleMovedToCompletedOnSimklLeavesPlexThroughADelta() {
        w.sb.simkl.put(DUNE.simkl(), "completed");
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertFalse(plexTitles().contains("Dune: Part Two"), r.out);
        assertTrue(listReads().stream().allMatch(l -> l.query().containsKey("date_from")), listReads().toString());
    }

    @Test
    void aTitleDeletedOnSimklIsFoundByTheMinifiedReadOfItsBucket() {
        w.sb.simkl.delete(SEVERANCE.simkl());
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertFalse(plexTitles().contains("Severance"), "deletions never show in a delta: " + r.out);
        List<Logged> reads = listReads();
        assertEquals(2, reads.size(), reads.toString());
        assertEquals("/sync/all-items/shows", reads.get(0).path());
        assertEquals("simkl_ids_only", reads.get(0).query().get("extended"),
                "which titles are still there, in SIMKL's minified shape");
        assertFalse(reads.get(0).query().containsKey("date_from"));
        assertNotNull(reads.get(1).query().get("date_from"), "and what changed, from a delta: " + reads);
        assertEquals(0, w.sync().code);
        assertEquals(2, listReads().size(), "the move is explained: the next run does not ask again");
    }

    @Test
    void playingSomethingIsNotAChangeOfAnyList() {
        w.sb.simkl.playback(DUNE.simkl());
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(0, listReads().size(), w.sb.simkl.requests().toString());
    }

    @Test
    void aDeltaThatIsNotReadableYetIsAskedForAgainNextRun() {
        w.sb.simkl.put(SHOGUN.simkl(), "plantowatch");
        // SIMKL's activities moved, but its list answers do not show the change yet
        w.sb.simkl.inject("GET", "/sync/all-items", Fault.empty(), 1);
        CliRun lagging = w.sync();
        assertEquals(ExitCode.OK, lagging.code, lagging.toString());
        assertFalse(plexTitles().contains("Shogun"));
        CliRun next = w.sync();
        assertEquals(ExitCode.OK, next.code, next.toString());
        assertTrue(plexTitles().contains("Shogun"), "the next run asks for the same delta again: " + next.out);
    }

    @Test
    void anAnimeSimklHoldsAsCompletedIsMatchedByItsTvdbIdAndNeverPutBackInPlanToWatch() {
        w.plexHas(FRIEREN);
        w.sb.simkl.put(FRIEREN.simkl(), "completed");
        w.sb.simkl.watched(FRIEREN.simkl(), 28);
        for (int run = 0; run < 2; run++) {
            CliRun r = w.sync();
            assertTrue(r.code == ExitCode.OK || r.code == ExitCode.GUARD, r.toString());
            assertEquals("completed", w.sb.simkl.entry(FRIEREN.simkl()).status, "run " + run + ": " + r.out);
            assertFalse(r.out.contains("+ SIMKL  Frieren"), r.out);
        }
        assertEquals(0, w.sb.simkl.count("POST", "/sync/add-to-list"));
    }

    @Test
    void aDayOfCronRunsStaysInsideSimklsRules() {
        List<sandbox.Title> laterAdds = List.of(SHOGUN, THE_BEAR, PAST_LIVES, SUZUME);
        for (int run = 0; run < 48; run++) { // every 30 minutes for a day, with an edit on SIMKL now and then
            w.sb.clock.advance(java.time.Duration.ofMinutes(29));
            if (run % 12 == 5) w.sb.simkl.put(laterAdds.get(run / 12).simkl(), "plantowatch");
            if (run == 30) w.sb.simkl.delete(ARRIVAL.simkl());
            CliRun r = w.sync();
            assertEquals(ExitCode.OK, r.code, "run " + run + ": " + r);
        }
        assertEquals(0, w.sb.simkl.count(l -> l.status() == 429), "nothing refused");
        assertTrue(plexTitles().containsAll(List.of("Shogun", "The Bear", "Past Lives", "Suzume")));
        assertFalse(plexTitles().contains("Arrival"));
        long reads = w.sb.simkl.count("GET", "/sync/all-items");
        assertTrue(reads <= 10, "lists are read only when they moved: " + reads + " reads in 48 runs");
    }

    @Test
    void listingSimklAfterASyncReadsOnlyWhatMoved() {
        CliRun list = w.cli().run("--list", "simkl", "--dir", w.dir.toString());
        assertEquals(ExitCode.OK, list.code, list.toString());
        assertEquals(3, list.out.lines().count(), list.out);
        assertEquals(List.of("/sync/activities"), w.sb.simkl.requests().stream().map(Logged::path).toList());
        w.sb.simkl.put(SHOGUN.simkl(), "plantowatch");
        CliRun again = w.cli().run("--list", "simkl", "--dir", w.dir.toString());
        assertTrue(again.out.contains("Shogun"), again.out);
        assertEquals(1, listReads().size(), "one delta: " + listReads());
    }

    @Test
    void changesInSeveralBucketsAreOneDeltaOfTheLibrary() {
        w.sb.simkl.put(SHOGUN.simkl(), "plantowatch");
        w.sb.simkl.put(PAST_LIVES.simkl(), "plantowatch");
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(plexTitles().containsAll(List.of("Shogun", "Past Lives")), r.out);
        List<Logged> reads = listReads();
        assertEquals(List.of("/sync/all-items"), reads.stream().map(Logged::path).toList(),
                "one read for both buckets: " + reads);
        assertTrue(reads.stream().allMatch(l -> l.query().containsKey("date_from")), reads.toString());
    }
}
