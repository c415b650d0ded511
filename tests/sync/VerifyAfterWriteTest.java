package sync;

import cli.ExitCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import support.CliRun;
import support.WorldTest;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/** Verification after a write, when SIMKL's lists show a write only seconds after accepting it. */
class VerifyAfterWriteTest extends WorldTest {
    @BeforeEach
    void synced() {
        w.bothHave(java.util.List.of(ARRIVAL, SEVERANCE, DUNE));
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.simkl.listLag(Duration.ofSeconds(3));
    }

    @Test
    void anAddThatSimklShowsSecondsLaterIsConfirmed() {
        w.plexHas(SHOGUN);
        w.sb.slept.clear();
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(r.out.contains("+ SIMKL  Shogun (2024)  [new on Plex] -> done"), r.out);
        assertTrue(w.sb.slept.contains(Duration.ofSeconds(2)), "it waited before reading again: " + w.sb.slept);
        CliRun next = w.sync();
        assertEquals(ExitCode.OK, next.code, next.toString());
        assertTrue(next.out.contains("Nothing to do"), next.out);
    }

    @Test
    void aRemovalThatSimklShowsSecondsLaterIsConfirmed() {
        w.sb.plex.watchlistRemove(ARRIVAL.plexKey());
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(r.out.contains("- SIMKL  Arrival (2016)  [removed from Plex] -> done"), r.out);
        assertEquals(0, w.sb.simkl.count(l -> l.status() == 429), "the re-reads stay inside SIMKL's rules");
    }

    @Test
    void aWriteStillNotShownAfterTheWaitsFailsAndTheNextRunFindsItDone() {
        w.sb.simkl.listLag(Duration.ofSeconds(30));
        w.plexHas(SHOGUN);
        CliRun r = w.sync();
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertTrue(r.out.contains("not confirmed when re-read after the write"), r.out);
        CliRun next = w.sync(); // a minute later: the list shows it
        assertEquals(ExitCode.OK, next.code, next.toString());
        assertEquals(1, w.sb.simkl.count("POST", "/sync/add-to-list"), "added once, not again");
    }

    @Test
    void aRemovalStillShownAfterTheWaitsIsReadAgainByTheNextRun() {
        w.sb.simkl.listLag(Duration.ofSeconds(30));
        w.sb.plex.watchlistRemove(ARRIVAL.plexKey());
        CliRun r = w.sync();
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        CliRun next = w.sync(); // a minute later: the list no longer shows it
        assertEquals(ExitCode.OK, next.code, next.toString());
        assertTrue(next.out.lines().anyMatch(l -> l.equals("Post-sync: Plex=2 vs SIMKL=2 → EQUAL")),
                "the stale answer was not kept: " + next.out);
        assertEquals(1, w.sb.simkl.count("POST", "/sync/history/remove"), "removed once");
    }
}
