package sync;

import cli.ExitCode;
import org.junit.jupiter.api.Test;
import sandbox.Emulator.Fault;
import support.CliRun;
import support.WorldTest;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/** Each refusal of SIMKL's gets its own message and the one thing to do about it. */
class ServiceErrorsTest extends WorldTest {

    @Test
    void a401AsksForANewSignInAndA403SaysASignInWillNotHelp() {
        w.plexHas(ARRIVAL);
        w.sb.simkl.inject("GET", "/sync/activities", Fault.status(401), 1);
        CliRun revoked = w.sync();
        assertEquals(ExitCode.AUTH, revoked.code, revoked.toString());
        assertTrue(revoked.err.contains("run plex_simkl_sync --dir " + w.dir + " --init-simkl pin"), revoked.err);

        w.sb.simkl.inject("GET", "/sync/activities", Fault.status(403), 1);
        CliRun blocked = w.sync();
        assertEquals(ExitCode.AUTH, blocked.code, blocked.toString());
        assertTrue(blocked.err.contains("signing in again does not help"), blocked.err);
        assertFalse(blocked.err.contains("--init-simkl"), "no sign-in hint for a blocked app: " + blocked.err);
    }

    @Test
    void aSpentQuotaIsAFailedRunThatChangesNothingAndIsNotAskedAgain() {
        w.plexHas(ARRIVAL);
        w.sb.simkl.inject("GET", "/sync/activities", Fault.status(412), 5);
        CliRun r = w.sync();
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertTrue(r.err.contains("request limit is used up"), r.err);
        assertEquals(1, w.sb.simkl.count("GET", "/sync/activities"), "asked once");
        assertTrue(simklPtw().isEmpty());
    }

    @Test
    void aThrottledWriteAskedToWaitIsSentOnceMoreAfterTheWait() {
        w.plexHas(ARRIVAL, DUNE);
        w.sb.simkl.inject("POST", "/sync/add-to-list", Fault.status(429, "3"), 1);
        w.sb.slept.clear();
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(2, w.sb.simkl.count("POST", "/sync/add-to-list"),
                "sent once more, after the wait SIMKL asked for");
        assertTrue(w.sb.slept.contains(java.time.Duration.ofSeconds(3)), w.sb.slept.toString());
        assertEquals(Set.of("Arrival", "Dune: Part Two"), simklPtw());
    }

    @Test
    void aThrottledWriteNotAskedToWaitIsNotResentAndTheNextRunCompletesIt() {
        w.plexHas(ARRIVAL, DUNE);
        w.sb.simkl.inject("POST", "/sync/add-to-list", Fault.status(429), 1);
        CliRun r = w.sync();
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertEquals(1, w.sb.simkl.count("POST", "/sync/add-to-list"), "one POST, not repeated into the block");
        assertTrue(simklPtw().isEmpty());
        CliRun next = w.sync();
        assertEquals(ExitCode.OK, next.code, next.toString());
        assertEquals(Set.of("Arrival", "Dune: Part Two"), simklPtw());
        assertEquals(List.of(), w.sb.simkl.erased(), "nothing erased on the way");
    }

    /** No answer at all is said in words; only a sync adds that the next run picks up from there. */
    @Test
    void noAnswerIsSaidInWordsAndOnlyASyncPromisesTheNextRun() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String nowhere = "http://127.0.0.1:" + closed;
        CliRun signIn = w.cli().env("PLEX_SIMKL_SYNC_PLEX_TV_URL", nowhere).run("--init-plex", "--dir",
                w.dir.toString());
        assertEquals(ExitCode.PARTIAL, signIn.code, signIn.toString());
        assertTrue(signIn.err.strip().endsWith("[x] Could not reach plex.tv (127.0.0.1: connection refused) for POST "
                + "/api/v2/pins, 1 try. Check your network or try again later."), signIn.err);
        w.plexHas(ARRIVAL);
        CliRun sync = w.cli().env("PLEX_SIMKL_SYNC_SIMKL_API_URL", nowhere).run("--sync", "--dir", w.dir.toString());
        assertEquals(ExitCode.PARTIAL, sync.code, sync.toString());
        assertTrue(sync.err.contains("Could not reach SIMKL (127.0.0.1: connection refused) for GET "
                + "/sync/activities, 4 tries. Check your network or try again later."), sync.err);
        assertFalse(sync.err.contains("Exception"), sync.err);
    }
}
