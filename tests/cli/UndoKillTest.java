package cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sandbox.Catalogue;
import sandbox.Emulator.Fault;
import sandbox.Title;
import support.CliRun;
import support.SyncWorld;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.*;

/**
 * An --undo killed with SIGKILL in the middle of its writes (a process of its own, against emulators
 * that hold back its later writes): a plain sync then writes nothing, and the same --undo finishes.
 * Starts a process and waits for it, so it is in the acceptance tier.
 */
@Tag("acceptance")
class UndoKillTest {
    @TempDir Path tmp;

    @Test
    void anUndoKilledMidWritesConvergesOnTheNextRuns() throws Exception {
        List<Title> titles = Catalogue.generated(1, 12);
        try (SyncWorld w = new SyncWorld(tmp, titles)) {
            for (Title t : titles) w.simklHas(t);
            CliRun first = w.sync();
            assertEquals(ExitCode.OK, first.code, first.toString());
            assertEquals(titles.size(), w.sb.plex.watchlist().size());
            Path journal = w.dir.resolve("journal.jsonl");
            int synced = Files.readAllLines(journal).size();
            String run = Files.readAllLines(journal).get(0).replaceAll(".*\"run\":\"([^\"]+)\".*", "$1");
            w.sb.plex.injectAfter("PUT", "/actions/removeFromWatchlist", Fault.held(new CountDownLatch(1)), 2,
                    Integer.MAX_VALUE);
            Process p = w.process(tmp.resolve("undo.log"), "--undo", run, "--max-delete", "20", "--dir",
                    w.dir.toString());
            Instant until = Instant.now().plus(Duration.ofSeconds(60));
            while (Instant.now().isBefore(until) && p.isAlive() && Files.readAllLines(journal).size() < synced + 2) {
                Thread.sleep(20);
            }
            assertTrue(p.isAlive(), "the undo must still be writing when it is killed: "
                    + Files.readString(tmp.resolve("undo.log")));
            p.destroyForcibly().waitFor();
            w.sb.plex.clearFaults();
            int left = w.sb.plex.watchlist().size();
            assertTrue(left < titles.size() && left > 0, "killed midway: " + left);
            w.sb.simkl.clearLog();
            CliRun quiet = w.sync();
            assertEquals(ExitCode.OK, quiet.code, quiet.toString());
            assertEquals(0, w.sb.simkl.writes(), "what the undo took back is not carried over: " + quiet.out);
            assertEquals(left, w.sb.plex.watchlist().size(), "nor redone: " + quiet.out);
            CliRun finish = w.cli().run("--undo", run, "--max-delete", "20", "--dir", w.dir.toString());
            assertEquals(ExitCode.OK, finish.code, finish.toString());
            assertEquals(0, w.sb.plex.watchlist().size(), finish.out);
            assertEquals(titles.size(), w.sb.simkl.inStatus("plantowatch").size(), "SIMKL as the person had it");
            w.sb.simkl.clearLog();
            CliRun after = w.sync();
            assertEquals(ExitCode.OK, after.code, after.toString());
            assertEquals(0, w.sb.simkl.writes(), after.out);
            assertEquals(0, w.sb.plex.watchlist().size(), after.out);
        }
    }
}
