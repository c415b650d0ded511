package cli;

import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import org.junit.jupiter.api.Test;
import sandbox.Emulator.Fault;
import support.CliRun;
import support.Receiver;
import support.WorldTest;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/** --undo against the emulators: one run taken back on both sides, the next sync quiet, an undo undone. */
class UndoTest extends WorldTest {
    @Test
    void anUndoTakesBackAddsAndRemovalsOnBothSidesAndTheNextSyncIsQuiet() throws Exception {
        // the person adds one title on each side and removes one from Plex; the sync carries all three
        editedAndSynced();
        String before = Files.readString(w.dir.resolve("state.json"));
        CliRun dry = run("--undo", "--dry-run", "--json");
        assertEquals(ExitCode.OK, dry.code, dry.toString());
        JsonNode doc = Json.MAPPER.readTree(dry.out);
        assertEquals("undo", doc.path("command").asText(), dry.out);
        assertEquals(3, doc.path("actions").size(), dry.out);
        for (JsonNode a : doc.path("actions")) assertEquals("undo", a.path("rule").asText(), dry.out);
        assertEquals(before, Files.readString(w.dir.resolve("state.json")), "a dry run writes nothing");
        assertEquals(Set.of("Arrival", "Dune: Part Two", "Shogun", "The Bear"), simklPtw());
        CliRun undo = run("--undo");
        assertEquals(ExitCode.OK, undo.code, undo.toString());
        // each side as the person left it: what the run carried over is taken back, their own edits stay
        assertEquals(Set.of("Arrival", "Dune: Part Two", "Severance", "The Bear"), simklPtw(), undo.out);
        assertEquals(Set.of("Arrival", "Dune: Part Two", "Shogun"), plexTitles(), undo.out);
        assertTrue(undo.out.contains("Post-sync: Plex=3 vs SIMKL=4 "), "Severance, put back on SIMKL from neither "
                + "list, counted: " + undo.out);
        List<String> journal = Files.readAllLines(w.dir.resolve("journal.jsonl"));
        JsonNode last = Json.MAPPER.readTree(journal.get(journal.size() - 1));
        assertEquals("undo", last.path("rule").asText(), "the journal records the undo: " + last);
        assertTrue(last.path("reason").asText().startsWith("undo of run "), last.toString());
        w.sb.simkl.clearLog();
        CliRun next = w.sync();
        assertEquals(ExitCode.OK, next.code, next.toString());
        assertEquals(0, w.sb.simkl.writes(), next.out);
        assertEquals(Set.of("Arrival", "Dune: Part Two", "Shogun"), plexTitles(), next.out);
        assertEquals(Set.of("Arrival", "Dune: Part Two", "Severance", "The Bear"), simklPtw(), next.out);
        assertTrue(next.out.contains("IN SYNC"), next.out);
        CliRun again = run("--undo", "last");
        assertEquals(ExitCode.OK, again.code, again.toString());
        assertEquals(Set.of("Arrival", "Dune: Part Two", "Shogun", "The Bear"), simklPtw(), again.out);
        assertEquals(Set.of("Arrival", "Dune: Part Two", "Shogun", "The Bear"), plexTitles(), again.out);
        w.sb.simkl.clearLog();
        CliRun quiet = w.sync();
        assertEquals(ExitCode.OK, quiet.code, quiet.toString());
        assertEquals(0, w.sb.simkl.writes(), "after an undo of the undo too: " + quiet.out);
        assertEquals(Set.of("Arrival", "Dune: Part Two", "Shogun", "The Bear"), plexTitles(), quiet.out);
    }

    @Test
    void aTitleChangedSinceIsLeftAloneAndNamed() throws Exception {
        String run = editedAndSynced();
        // the person takes Shogun off SIMKL again, and the next sync carries that to Plex
        w.sb.simkl.delete(SHOGUN.simkl());
        assertEquals(ExitCode.OK, w.sync().code);
        CliRun undo = run("--undo", run);
        assertEquals(ExitCode.OK, undo.code, undo.toString());
        assertTrue(undo.out.contains("Shogun (2024): changed since: remove on Plex"), undo.out);
        assertFalse(plexTitles().contains("Shogun"), "the later change stands");
        assertEquals(Set.of("Arrival", "Dune: Part Two", "Severance", "The Bear"), simklPtw(), undo.out);
        assertEquals(Set.of("Arrival", "Dune: Part Two"), plexTitles(), undo.out);
    }

    @Test
    void anUndoKilledMidwayLeavesAQuietSyncAndTheSameUndoFinishes() throws Exception {
        String run = editedAndSynced();
        int[] n = {0};
        CliRun killed = w.cli().beforeWrite(a -> { if (n[0]++ >= 1) throw new IllegalStateException("killed"); })
                .run("--undo", run, "--dir", w.dir.toString());
        assertNotEquals(ExitCode.OK, killed.code, killed.toString());
        Set<String> plex = plexTitles();
        Set<String> simkl = simklPtw();
        w.sb.simkl.clearLog();
        CliRun quiet = w.sync();
        assertEquals(ExitCode.OK, quiet.code, quiet.toString());
        assertEquals(0, w.sb.simkl.writes(), "the part undone is not carried over: " + quiet.out);
        assertEquals(plex, plexTitles(), quiet.out);
        assertEquals(simkl, simklPtw(), quiet.out);
        CliRun finish = run("--undo", run);
        assertEquals(ExitCode.OK, finish.code, finish.toString());
        assertTrue(finish.out.contains("already undone"), finish.out);
        assertEquals(Set.of("Arrival", "Dune: Part Two", "Severance", "The Bear"), simklPtw(), finish.out);
        assertEquals(Set.of("Arrival", "Dune: Part Two", "Shogun"), plexTitles(), finish.out);
        w.sb.simkl.clearLog();
        assertEquals(ExitCode.OK, w.sync().code);
        assertEquals(0, w.sb.simkl.writes());
        assertEquals(Set.of("Arrival", "Dune: Part Two", "Shogun"), plexTitles());
    }

    /** A sync that adds Shogun, new on Plex, to SIMKL: the run an undo then takes back. */
    private void shogunAddedToSimkl() throws Exception {
        w.bothHave(List.of(ARRIVAL));
        assertEquals(ExitCode.OK, w.sync().code);
        w.plexHas(SHOGUN);
        CliRun added = w.sync();
        assertEquals(ExitCode.OK, added.code, added.toString());
        assertEquals(Set.of("Arrival", "Shogun"), simklPtw());
    }

    /** The next plain sync, which must write nothing and leave both sides as they are. */
    private void nextSyncWritesNothing(Set<String> plex, Set<String> simkl) {
        w.sb.simkl.clearFaults();
        w.sb.simkl.clearLog();
        w.sb.plex.clearLog();
        CliRun next = w.sync();
        assertEquals(ExitCode.OK, next.code, next.toString());
        assertEquals(0, w.sb.simkl.writes() + w.sb.plex.writes(), next.out);
        assertEquals(plex, plexTitles(), next.out);
        assertEquals(simkl, simklPtw(), next.out);
    }

    /**
     * The undo's removal from SIMKL goes out and its answer is cut off, but it landed: state.json records
     * the title as the undo left it all the same, so the next sync neither removes the person's own Plex
     * title (as if it had been taken off SIMKL) nor adds it back to SIMKL.
     */
    @Test
    void anUndoRemovalOfUnknownFateThatLandedIsLeftAsTheUndoLeftIt() throws Exception {
        w.config("{\"verify_after_write\": false}");
        shogunAddedToSimkl();
        w.sb.simkl.inject("POST", "/sync/history/remove", Fault.truncated(), 1);
        CliRun undo = run("--undo");
        assertEquals(ExitCode.PARTIAL, undo.code, undo.toString());
        assertTrue(undo.out.contains("- SIMKL  Shogun (2024)  [undo of run ") && undo.out.contains("-> unknown"),
                undo.out);
        assertEquals(Set.of("Arrival"), simklPtw(), "SIMKL did it all the same");
        nextSyncWritesNothing(Set.of("Arrival", "Shogun"), Set.of("Arrival"));
    }

    /** The same when the re-read after the write, which would have settled it, fails. */
    @Test
    void anUndoRemovalOfUnknownFateThatLandedIsLeftSoWhenTheReReadFails() throws Exception {
        shogunAddedToSimkl();
        w.sb.simkl.inject("POST", "/sync/history/remove", Fault.truncated(), 1);
        // every SIMKL read after the undo's own first one fails
        w.sb.simkl.injectAfter("GET", "/sync/activities", Fault.status(503), 1, 50);
        CliRun undo = run("--undo");
        assertNotEquals(ExitCode.OK, undo.code, undo.toString());
        assertEquals(Set.of("Arrival"), simklPtw(), "SIMKL did it all the same");
        nextSyncWritesNothing(Set.of("Arrival", "Shogun"), Set.of("Arrival"));
    }

    /**
     * One that did not land leaves both sides as the last sync agreed: the next sync writes nothing, and
     * the same --undo takes the title back.
     */
    @Test
    void anUndoRemovalOfUnknownFateThatDidNotLandIsFinishedByTheSameUndo() throws Exception {
        w.config("{\"verify_after_write\": false}");
        shogunAddedToSimkl();
        // SIMKL's front end answers 504 without passing the removal on
        w.sb.simkl.inject("POST", "/sync/history/remove", Fault.status(504), 1);
        List<String> journal = Files.readAllLines(w.dir.resolve("journal.jsonl"));
        String run = Json.MAPPER.readTree(journal.get(journal.size() - 1)).path("run").asText();
        CliRun undo = run("--undo", run);
        assertEquals(ExitCode.PARTIAL, undo.code, undo.toString());
        assertEquals(Set.of("Arrival", "Shogun"), simklPtw());
        nextSyncWritesNothing(Set.of("Arrival", "Shogun"), Set.of("Arrival", "Shogun"));
        CliRun again = run("--undo", run);
        assertEquals(ExitCode.OK, again.code, again.toString());
        assertEquals(Set.of("Arrival"), simklPtw(), again.out);
        nextSyncWritesNothing(Set.of("Arrival", "Shogun"), Set.of("Arrival"));
    }

    /**
     * The undo of a removal puts the title back on SIMKL; the answer is cut off, but it landed: the next
     * sync leaves it there and does not add it to Plex again, where the person removed it.
     */
    @Test
    void anUndoReAddOfUnknownFateThatLandedIsLeftAsTheUndoLeftIt() throws Exception {
        w.config("{\"verify_after_write\": false}");
        w.bothHave(List.of(ARRIVAL, DUNE));
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.watchlistRemove(DUNE.plexKey());
        CliRun removed = w.sync();
        assertEquals(ExitCode.OK, removed.code, removed.toString());
        assertEquals(Set.of("Arrival"), simklPtw());
        w.sb.simkl.inject("POST", "/sync/add-to-list", Fault.truncated(), 1);
        CliRun undo = run("--undo");
        assertEquals(ExitCode.PARTIAL, undo.code, undo.toString());
        assertEquals(Set.of("Arrival", "Dune: Part Two"), simklPtw(), "SIMKL did it all the same");
        nextSyncWritesNothing(Set.of("Arrival"), Set.of("Arrival", "Dune: Part Two"));
    }

    /**
     * A removal the run sent with no answer, and that its re-read then showed was not carried out
     * (journaled "unknown", then "failed"), did nothing: the undo does not put the title back, even once
     * the person has taken it off SIMKL by hand since.
     */
    @Test
    void anUndoLeavesARemovalTheRunsReReadShowedWasNotCarriedOut() throws Exception {
        w.bothHave(List.of(ARRIVAL, DUNE));
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.watchlistRemove(DUNE.plexKey());
        w.sb.simkl.inject("POST", "/sync/history/remove", Fault.status(504), 1);
        CliRun r = w.sync();
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertTrue(r.out.contains("-> failed: not shown when re-read after the write"), r.out);
        assertEquals(Set.of("Arrival", "Dune: Part Two"), simklPtw(), "the removal did not land");
        w.sb.simkl.delete(DUNE.simkl()); // by hand
        w.sb.simkl.clearLog();
        CliRun undo = run("--undo");
        assertEquals(ExitCode.OK, undo.code, undo.toString());
        assertEquals(0, w.sb.simkl.writes(), "nothing to take back: " + undo.out);
        assertEquals(Set.of("Arrival"), simklPtw(), undo.out);
    }

    /** The notification of a run that removed titles ends, as its report does, with the exact undo command. */
    @Test
    void theNotificationOfARunThatRemovedTitlesEndsWithTheUndoCommand() throws Exception {
        try (Receiver receiver = new Receiver()) {
            Files.createDirectories(w.dir);
            Files.writeString(w.dir.resolve("config.json"), "{\"notify\": [{\"url\": \"" + receiver.url("/topic")
                    + "\", \"format\": \"ntfy\", \"on\": [\"changes\"]}]}");
            String run = editedAndSynced();
            List<Receiver.Got> got = receiver.got();
            assertFalse(got.isEmpty(), "the run changed both sides, so it is told");
            String body = got.get(got.size() - 1).body().strip();
            assertTrue(body.endsWith("To undo this run: plex_simkl_sync --dir " + w.dir + " --undo " + run), body);
        }
    }
}
