package sync;

import cli.ExitCode;
import config.Config.Side;
import files.Json;
import org.junit.jupiter.api.Test;
import support.CliRun;
import support.WorldTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/**
 * A sync that finds nothing changed writes only what every run moves: its times and the day's SIMKL
 * requests go to state.run.json beside state.json, which is left exactly as it was (its bytes, its
 * time, the file itself); a run that changes anything writes state.json whole again, with every
 * request the quiet runs counted. The journal and the backups are touched only by a run that writes.
 * The day's count of SIMKL requests never goes back, whatever state.json is put beside the stamps.
 */
class UnchangedRunTest extends WorldTest {
    /** state.json as it lies on disk: its bytes, when it was written, and which file it is (a rewrite is a new one). */
    private record OnDisk(byte[] bytes, FileTime modified, Object fileKey) {
        static OnDisk of(Path f) throws Exception {
            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
            return new OnDisk(Files.readAllBytes(f), a.lastModifiedTime(), a.fileKey());
        }

        boolean same(OnDisk o) {
            return Arrays.equals(bytes, o.bytes) && modified.equals(o.modified) && fileKey.equals(o.fileKey);
        }
    }

    private Path stateFile() {
        return w.dir.resolve("state.json");
    }

    private Path stamps() {
        return w.dir.resolve("state.run.json");
    }

    private int simklCount() throws Exception {
        return w.state().path("simkl_requests").path("count").asInt();
    }

    @Test
    void anUnchangedSyncLeavesStateJsonAsItWasAndCountsItsRequestsBesideIt() throws Exception {
        w.bothHave(List.of(ARRIVAL, SEVERANCE));
        assertEquals(ExitCode.OK, w.sync().code);
        OnDisk before = OnDisk.of(stateFile());
        int counted = simklCount();
        String takenAt = w.state().path("snapshot").path("taken_at").asText();
        for (int run = 1; run <= 2; run++) {
            w.sb.simkl.clearLog();
            CliRun r = w.sync();
            assertEquals(ExitCode.OK, r.code, r.toString());
            assertTrue(before.same(OnDisk.of(stateFile())), "run " + run + " left state.json as it was");
            assertTrue(Files.exists(stamps()), "its stamps are beside it");
            counted += w.sb.simkl.requests().size();
            assertEquals(counted, simklCount(), "every request to SIMKL is counted, as the next run reads it");
            String now = w.state().path("snapshot").path("taken_at").asText();
            assertNotEquals(takenAt, now, "the snapshot is as of the last run: " + now);
            takenAt = now;
        }
        assertTrue(w.dir.resolve("last_run.json").toFile().isFile(), "--health still hears of every run");

        w.plexHas(DUNE);
        w.sb.simkl.clearLog();
        CliRun changed = w.sync();
        assertEquals(ExitCode.OK, changed.code, changed.toString());
        assertFalse(before.same(OnDisk.of(stateFile())), "a run that changed something writes state.json");
        assertFalse(Files.exists(stamps()), "state.json written whole holds the stamps again");
        counted += w.sb.simkl.requests().size();
        assertEquals(counted, simklCount(), "no count of the quiet runs is lost: " + w.state().path("simkl_requests"));
        assertEquals(3, w.state().path("snapshot").path("items").size());
        assertTrue(Files.readString(stateFile()).contains("\"count\":" + counted), "in state.json itself");
    }

    @Test
    void besideAnotherStateJsonOnlyTheStampsHigherCountOfTheDayIsUsed() throws Exception {
        w.bothHave(List.of(ARRIVAL));
        assertEquals(ExitCode.OK, w.sync().code);
        byte[] first = Files.readAllBytes(stateFile());
        String savedAt = w.state().path("saved_at").asText();
        assertEquals(ExitCode.OK, w.sync().code);
        assertEquals(ExitCode.OK, w.sync().code);
        assertTrue(Files.exists(stamps()));
        int quiet = simklCount();
        assertTrue(quiet > Json.MAPPER.readTree(first).path("simkl_requests").path("count").asInt(),
                "the quiet runs are counted beside it");
        // state.json put back by hand (or written by an older version, which knows no stamps)
        Files.write(stateFile(), first);
        Files.setLastModifiedTime(stateFile(), FileTime.fromMillis(System.currentTimeMillis() + 10_000));
        assertEquals(quiet, simklCount(), "the same bytes: the stamps still stand beside it");
        assertNotEquals(savedAt, w.state().path("saved_at").asText());
        // the same state, laid out again as a person mending it would (jq . state.json > s && mv s state.json)
        Files.writeString(stateFile(), Json.pretty(Json.MAPPER.readTree(first)));
        assertEquals(quiet, simklCount(), "another state.json: the day's count does not go back");
        assertEquals(savedAt, w.state().path("saved_at").asText(), "but its times are its own");
        w.sb.simkl.clearLog();
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(quiet + w.sb.simkl.requests().size(), simklCount(), "counted on from the higher count");
        assertTrue(Files.readString(stamps()).contains(RunStamps.identify(Files.readAllBytes(stateFile()))),
                "the stamps now name it: " + Files.readString(stamps()));
    }

    @Test
    void aNamedPipeInPlaceOfTheStampsIsNeverOpened() throws Exception {
        w.bothHave(List.of(ARRIVAL));
        assertEquals(ExitCode.OK, w.sync().code);
        int own = simklCount();
        StateFileTest.namedPipe(stamps());
        w.sb.simkl.clearLog();
        CliRun r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> w.sync(), "the sync waits for no writer");
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(own + w.sb.simkl.requests().size(), simklCount());
    }

    @Test
    void stampsThatCannotBeReadOrAreALinkAreNotUsedAndStateJsonIsWrittenWholeInstead() throws Exception {
        w.bothHave(List.of(ARRIVAL));
        assertEquals(ExitCode.OK, w.sync().code);
        int own = simklCount();
        Files.writeString(stamps(), "{\"state_json\": ");
        assertEquals(own, simklCount(), "stamps not understood: state.json alone");
        Files.delete(stamps());
        Path elsewhere = tmp.resolve("elsewhere.json");
        Files.writeString(elsewhere, "{}");
        Files.createSymbolicLink(stamps(), elsewhere);
        OnDisk before = OnDisk.of(stateFile());
        w.sb.simkl.clearLog();
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals("{}", Files.readString(elsewhere), "nothing is written through a link");
        assertTrue(Files.isSymbolicLink(stamps()), "nor is the link taken away");
        assertFalse(before.same(OnDisk.of(stateFile())), "state.json is written whole instead");
        assertEquals(own + w.sb.simkl.requests().size(), simklCount());
    }

    @Test
    void theJournalIsTrimmedOnlyByARunThatWritesToIt() throws Exception {
        w.bothHave(List.of(ARRIVAL));
        assertEquals(ExitCode.OK, w.sync().code);
        Path journal = w.dir.resolve("journal.jsonl");
        Journal.Entry old = new Journal.Entry("2024-01-01T00:00:00Z", "20240101T000000Z-0001", Side.PLEX, Plan.Kind.ADD,
                "movie", "Long Gone", 1999, null, "first-run-adds-only", "on SIMKL", Executor.Status.DONE, null,
                null);
        new Journal(journal).append(old);
        OnDisk before = OnDisk.of(journal);
        assertEquals(ExitCode.OK, w.sync().code);
        assertTrue(before.same(OnDisk.of(journal)), "a run that writes nothing leaves the journal alone");
        assertFalse(Files.exists(w.dir.resolve("backups")) && Files.list(w.dir.resolve("backups")).findAny()
                .isPresent(), "and takes no backup");
        w.plexHas(DUNE);
        assertEquals(ExitCode.OK, w.sync().code);
        List<Journal.Entry> kept = Journal.read(journal).entries();
        assertTrue(kept.stream().noneMatch(e -> e.title().equals("Long Gone")), "older than a year: trimmed");
        assertTrue(kept.stream().anyMatch(e -> e.title().contains("Dune")), kept.toString());
    }
}
