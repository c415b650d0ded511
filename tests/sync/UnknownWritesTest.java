package sync;

import cli.ExitCode;
import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import org.junit.jupiter.api.Test;
import sandbox.Emulator.Fault;
import support.CliRun;
import support.WorldTest;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/**
 * A SIMKL write that went out and got no whole answer (SIMKL did it, then the answer was cut off):
 * SIMKL blocks apps that repeat writes, so it is sent once; the report and the journal say its fate
 * is unknown until a read shows it, never "done" on no answer and never "failed" as if it had not
 * landed; the next run reads SIMKL and converges without sending it again.
 */
class UnknownWritesTest extends WorldTest {
    private List<JsonNode> journal() throws Exception {
        return Files.readAllLines(w.dir.resolve("journal.jsonl")).stream().map(l -> {
            try {
                return Json.MAPPER.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private List<String> outcomesOf(String title) throws Exception {
        return journal().stream().filter(e -> e.path("title").asText().equals(title))
                .map(e -> e.path("outcome").asText()).toList();
    }

    @Test
    void anAddWithNoWholeAnswerIsSentOnceAndTheReReadAfterTheWriteSettlesIt() throws Exception {
        shogunAddedOnPlexAndItsAddToSimklAnsweredCutShort();
        CliRun r = w.sync();
        assertEquals(1, w.sb.simkl.count("POST", "/sync/add-to-list"), "not sent again: " + r);
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(r.out.contains("+ SIMKL  Shogun (2024)  [new on Plex] -> done"), r.out);
        assertEquals(List.of("unknown", "done"), outcomesOf("Shogun"),
                "journaled as unknown when sent, then done once the re-read showed it");
        assertEquals(Set.of("Arrival", "Shogun"), simklPtw());
    }

    @Test
    void withoutTheReReadItStaysUnknownAndTheNextRunConvergesWithoutSendingItAgain() throws Exception {
        w.config("{\"verify_after_write\": false}");
        shogunAddedOnPlexAndItsAddToSimklAnsweredCutShort();
        CliRun r = w.sync("--json");
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertEquals(1, w.sb.simkl.count("POST", "/sync/add-to-list"), "not sent again: " + r);
        JsonNode doc = Json.MAPPER.readTree(r.out);
        JsonNode action = doc.path("actions").get(0);
        assertEquals("unknown", action.path("outcome").asText(), doc.toString());
        assertTrue(action.path("detail").asText().contains("may or may not have been carried out"), doc.toString());
        assertEquals(1, doc.path("counts").path("simkl").path("unknown").asInt(), doc.toString());
        assertEquals(0, doc.path("counts").path("simkl").path("failed").asInt(), doc.toString());
        assertEquals(List.of("unknown"), outcomesOf("Shogun"), "never journaled as done nor as failed");
        assertEquals(Set.of("Arrival", "Shogun"), simklPtw(), "SIMKL did it all the same");

        CliRun next = w.sync();
        assertEquals(ExitCode.OK, next.code, next.toString());
        assertEquals(1, w.sb.simkl.count("POST", "/sync/add-to-list"), "the next run reads it there: " + next);
    }

    @Test
    void aRemovalWithNoWholeAnswerIsNotSentAgainAndTheReportSaysItMayHaveLanded() throws Exception {
        w.config("{\"verify_after_write\": false}");
        w.bothHave(List.of(ARRIVAL, DUNE));
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.watchlistRemove(DUNE.plexKey());
        w.sb.simkl.inject("POST", "/sync/history/remove", Fault.status(502), 4);
        CliRun r = w.sync();
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertEquals(1, w.sb.simkl.count("POST", "/sync/history/remove"), "a 502 is not answered by a repeat");
        assertTrue(r.out.contains("- SIMKL  Dune: Part Two (2024)  [removed from Plex] -> unknown: SIMKL answered "
                + "POST /sync/history/remove with HTTP 502"), r.out);
        w.sb.simkl.clearFaults();
        CliRun next = w.sync();
        assertEquals(ExitCode.OK, next.code, next.toString());
        assertEquals(Set.of("Arrival"), simklPtw(), "the next run removes it: " + next);
    }

    /**
     * Marking titles as watched goes out as one request for those played through and one for a show
     * played in part: a refusal of the second leaves the first's titles done, not failed with it.
     */
    @Test
    void aRequestThatFailsFailsOnlyItsOwnTitles() throws Exception {
        w.bothHave(List.of(ARRIVAL, THE_BEAR, DUNE));
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.played(ARRIVAL.plexKey(), java.time.Instant.parse("2026-11-30T20:15:00Z"));
        w.sb.plex.episodesPlayed(THE_BEAR.plexKey(), 3, 28, java.time.Instant.parse("2026-11-30T20:15:00Z"));
        w.sb.plex.watchlistRemove(THE_BEAR.plexKey());
        w.sb.simkl.inject("POST", "/sync/add-to-list", Fault.status(400), 1);
        CliRun r = w.sync();
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertTrue(r.out.contains("* SIMKL  Arrival (2016)") && r.out.contains("-> done"), r.out);
        assertEquals(List.of("done"), outcomesOf("Arrival"), "its own request went through");
        assertEquals(List.of("failed"), outcomesOf("The Bear"));
        assertEquals("completed", w.sb.simkl.entry(ARRIVAL.simkl()).status);
    }

    @Test
    void theReReadAfterTheWriteSaysAnUnansweredWriteThatDidNotLandFailed() throws Exception {
        w.bothHave(List.of(ARRIVAL));
        assertEquals(ExitCode.OK, w.sync().code);
        w.plexHas(SHOGUN);
        // SIMKL's front end answers 504 without passing the write on
        w.sb.simkl.inject("POST", "/sync/add-to-list", Fault.status(504), 1);
        w.sb.slept.clear();
        CliRun r = w.sync();
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertEquals(1, w.sb.simkl.count("POST", "/sync/add-to-list"));
        assertTrue(w.sb.slept.contains(Duration.ofSeconds(2)), "read again after the waits: " + w.sb.slept);
        assertEquals(List.of("unknown", "failed"), outcomesOf("Shogun"));
        assertTrue(r.out.contains("-> failed: not shown when re-read after the write"), r.out);
        CliRun next = w.sync();
        assertEquals(ExitCode.OK, next.code, next.toString());
        assertEquals(Set.of("Arrival", "Shogun"), simklPtw());
    }

    /** --undo takes back a write of unknown fate when the lists show it landed: it may be this run's doing. */
    @Test
    void anUndoTakesBackAWriteOfUnknownFateThatLanded() throws Exception {
        w.config("{\"verify_after_write\": false}");
        shogunAddedOnPlexAndItsAddToSimklAnsweredCutShort();
        assertEquals(ExitCode.PARTIAL, w.sync().code);
        assertEquals(Set.of("Arrival", "Shogun"), simklPtw());
        CliRun undo = w.cli().run("--undo", "--dir", w.dir.toString());
        assertEquals(ExitCode.OK, undo.code, undo.toString());
        assertEquals(Set.of("Arrival"), simklPtw(), undo.out);
    }

    /** One that the lists do not show has nothing to take back, and the undo says why. */
    @Test
    void anUndoLeavesAWriteOfUnknownFateThatDidNotLandAndSaysWhy() throws Exception {
        w.config("{\"verify_after_write\": false}");
        w.bothHave(List.of(ARRIVAL));
        assertEquals(ExitCode.OK, w.sync().code);
        w.plexHas(SHOGUN);
        w.sb.simkl.inject("POST", "/sync/add-to-list", Fault.status(504), 1);
        assertEquals(ExitCode.PARTIAL, w.sync().code);
        w.sb.simkl.clearLog();
        CliRun undo = w.cli().run("--undo", "--dir", w.dir.toString());
        assertEquals(ExitCode.OK, undo.code, undo.toString());
        assertEquals(0, w.sb.simkl.writes(), undo.out);
        assertTrue(undo.out.contains("Shogun (2024): not added to SIMKL by run ")
                && undo.out.contains(": its write got no answer, and SIMKL does not show it done"), undo.out);
    }

    /**
     * A removal whose write landed though its answer was cut off, with no re-read to settle it: the
     * snapshot keeps what the last sync agreed on, so the next sync finds the title gone from both
     * sides and writes nothing (had it not landed, the next sync would remove it: the test above).
     */
    @Test
    void aRemovalOfUnknownFateThatLandedLeavesTheNextSyncNothingToDo() throws Exception {
        w.config("{\"verify_after_write\": false}");
        w.bothHave(List.of(ARRIVAL, DUNE));
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.watchlistRemove(DUNE.plexKey());
        w.sb.simkl.inject("POST", "/sync/history/remove", Fault.truncated(), 1);
        CliRun r = w.sync();
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertEquals(List.of("unknown"), outcomesOf("Dune: Part Two"));
        assertEquals(Set.of("Arrival"), simklPtw(), "SIMKL did it all the same");
        w.sb.simkl.clearLog();
        w.sb.plex.clearLog();
        CliRun next = w.sync();
        assertEquals(ExitCode.OK, next.code, next.toString());
        assertEquals(0, w.sb.simkl.writes() + w.sb.plex.writes(), "neither removed again nor added back: " + next.out);
        assertEquals(Set.of("Arrival"), plexTitles());
        assertEquals(Set.of("Arrival"), simklPtw());
    }

    /**
     * A Plex add whose answer was cut off, of a title first looked up by its ids: the outcome keeps the
     * Plex id the lookup found, so the re-read after the write finds it there and settles it as done
     * (not "failed: not carried out"), the journal names that id, and --undo takes the add back.
     */
    @Test
    void aPlexAddOfUnknownFateIsSettledByTheReReadThroughThePlexIdItsLookupFound() throws Exception {
        w.bothHave(List.of(ARRIVAL));
        assertEquals(ExitCode.OK, w.sync().code);
        w.simklHas(SHOGUN);
        w.sb.plex.inject("PUT", "/actions/addToWatchlist", Fault.truncated(), 10);
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(Set.of("Arrival", "Shogun"), plexTitles());
        assertEquals(List.of("unknown", "done"), outcomesOf("Shogun"), "settled by the re-read: " + r.out);
        for (JsonNode line : journal()) {
            if (line.path("title").asText().equals("Shogun")) {
                assertEquals(SHOGUN.plexKey(), line.path("ids").path("plex").asText(), line.toString());
            }
        }
        CliRun undo = w.cli().run("--undo", "--dir", w.dir.toString());
        assertEquals(ExitCode.OK, undo.code, undo.toString());
        assertEquals(Set.of("Arrival"), plexTitles(), "the undo takes back what the run did: " + undo.out);
    }

    /** Without the re-read, the Plex id the lookup found is kept in state.json all the same. */
    @Test
    void aPlexAddOfUnknownFateKeepsThePlexIdItsLookupFoundInTheSnapshot() throws Exception {
        w.config("{\"verify_after_write\": false}");
        w.bothHave(List.of(ARRIVAL));
        assertEquals(ExitCode.OK, w.sync().code);
        w.simklHas(SHOGUN);
        w.sb.plex.inject("PUT", "/actions/addToWatchlist", Fault.truncated(), 10);
        CliRun r = w.sync();
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertEquals(List.of("unknown"), outcomesOf("Shogun"));
        JsonNode shogun = null;
        for (JsonNode e : w.state().path("snapshot").path("items")) {
            if (e.path("title").asText().equals("Shogun")) shogun = e;
        }
        assertNotNull(shogun, w.state().toString());
        assertEquals(SHOGUN.plexKey(), shogun.path("ids").path("plex").asText(), shogun.toString());
        w.sb.plex.clearLog();
        CliRun next = w.sync();
        assertEquals(ExitCode.OK, next.code, next.toString());
        assertEquals(0, w.sb.plex.writes(), "it landed: nothing to send again: " + next.out);
    }

    /** Both lists hold Arrival after a sync; then Shogun is added on Plex, and SIMKL's answer to its add is cut short. */
    private void shogunAddedOnPlexAndItsAddToSimklAnsweredCutShort() throws Exception {
        w.bothHave(List.of(ARRIVAL));
        assertEquals(ExitCode.OK, w.sync().code);
        w.plexHas(SHOGUN);
        w.sb.simkl.inject("POST", "/sync/add-to-list", Fault.truncated(), 1);
    }
}
