package cli;

import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sandbox.Catalogue;
import sandbox.Title;
import support.CliMain;
import support.CliRun;
import support.SyncWorld;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A real run killed with SIGKILL in the middle of its writes (a process of its own, against the
 * emulators made slow): the journal holds whole lines only, and the next run finishes the work and
 * journals it. Waits for real time, so it is in the acceptance tier.
 */
@Tag("acceptance")
class KillTest {
    @TempDir Path tmp;

    @Test
    void aRunKilledMidWritesLeavesOnlyWholeJournalLines() throws Exception {
        List<Title> titles = Catalogue.generated(1, 12);
        try (SyncWorld w = new SyncWorld(tmp, titles)) {
            for (Title t : titles) w.simklHas(t);
            w.sb.plex.latency(300); // every Plex request a third of a second: the twelve adds take seconds
            Files.createDirectories(w.dir);
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), CliMain.class.getName(), "--sync",
                    "--dir", w.dir.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("run.log").toFile());
            Map<String, String> env = pb.environment();
            env.clear();
            env.put("HOME", tmp.toString());
            env.putAll(w.sb.env());
            env.put("PLEX_SIMKL_SYNC_HTTP_TIMEOUT_MS", "5000");
            Process p = pb.start();
            Path journal = w.dir.resolve("journal.jsonl");
            Instant until = Instant.now().plus(Duration.ofSeconds(60));
            while (Instant.now().isBefore(until) && p.isAlive()
                    && (!Files.exists(journal) || Files.readAllLines(journal).size() < 2)) {
                Thread.sleep(20);
            }
            assertTrue(p.isAlive(), "the run must still be writing when it is killed: "
                    + Files.readString(tmp.resolve("run.log")));
            p.destroyForcibly().waitFor();
            List<String> lines = Files.readAllLines(journal);
            assertTrue(lines.size() >= 2 && lines.size() < titles.size(), "killed mid-writes: " + lines.size());
            for (String line : lines) {
                JsonNode e = Json.MAPPER.readTree(line);
                assertEquals("add", e.path("action").asText());
            }
            w.sb.plex.latency(0);
            CliRun next = w.sync();
            assertEquals(ExitCode.OK, next.code, next.toString());
            assertEquals(titles.size(), w.sb.plex.watchlist().size());
            List<String> after = Files.readAllLines(journal);
            for (String line : after) Json.MAPPER.readTree(line);
            List<String> added = after.stream().map(l -> {
                try {
                    return Json.MAPPER.readTree(l);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).filter(e -> e.path("outcome").asText().equals("done")).map(e -> e.path("title").asText()).toList();
            assertEquals(added.size(), added.stream().distinct().count(), "no title journalled twice: " + added);
            // a write in flight when the process died may have landed unrecorded (at most one per Plex worker)
            assertTrue(added.size() >= titles.size() - plex.PlexClient.CONCURRENCY, added.toString());
        }
    }
}
