package plex;

import cli.ExitCode;
import org.junit.jupiter.api.Test;
import sandbox.Emulator.Fault;
import support.CliRun;
import support.WorldTest;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/**
 * plex.tv lets a token die when it is not pinged for weeks, however much it is used; the emulator
 * does so after 14 days. The tool pings at most once a day, remembering the last ping in state.json.
 */
class KeepAliveTest extends WorldTest {

    @Test
    void syncsPingAtMostOnceADayAndKeepTheTokenAliveForMonths() throws Exception {
        w.bothHave(List.of(ARRIVAL));
        assertEquals(ExitCode.OK, w.sync().code);
        assertEquals(1, w.sb.plex.pings(), "the first run pings");
        assertFalse(w.state().path("plex_pinged_at").isNull(), "and remembers it");
        for (int i = 0; i < 47; i++) { // a cron job every 30 minutes for a day
            w.sb.clock.advance(Duration.ofMinutes(29)); // each run starts a minute on
            assertEquals(ExitCode.OK, w.sync().code);
        }
        assertEquals(1, w.sb.plex.pings(), "no second ping within the day");
        w.sb.clock.advance(Duration.ofMinutes(31));
        assertEquals(ExitCode.OK, w.sync().code);
        assertEquals(2, w.sb.plex.pings(), "a day later, the next ping");
        for (int week = 0; week < 8; week++) { // once a week only, for two months: each run pings, the token lives
            w.sb.clock.advance(Duration.ofDays(7));
            CliRun r = w.sync();
            assertEquals(ExitCode.OK, r.code, "week " + week + ": " + r);
        }
    }

    @Test
    void aTokenLeftUnpingedPastItsLifeIsRefusedWithTheSignInHint() throws Exception {
        w.bothHave(List.of(ARRIVAL));
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.clock.advance(Duration.ofDays(15)); // no run for 15 days: the token died on Plex's side
        CliRun r = w.sync();
        assertEquals(ExitCode.AUTH, r.code, r.toString());
        assertTrue(r.err.contains("run plex_simkl_sync --dir " + w.dir + " --init-plex"), r.err);
    }

    @Test
    void plexsInvalidToken422IsARefusedSignInToo() throws Exception {
        w.bothHave(List.of(ARRIVAL));
        w.sb.plex.inject("GET", "/library/sections/watchlist", Fault.status(422), 1);
        CliRun r = w.sync();
        assertEquals(ExitCode.AUTH, r.code, r.toString());
        assertTrue(r.err.contains("--init-plex"), r.err);
    }

    @Test
    void aPingThatFailsForAnotherReasonDoesNotStopTheSync() throws Exception {
        w.plexHas(ARRIVAL);
        w.sb.plex.inject("GET", "/api/v2/ping", Fault.status(503), 10);
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(r.err.contains("Could not keep the Plex token alive"), r.err);
        assertTrue(w.state().path("plex_pinged_at").isNull(), "not remembered: the next run pings again");
        assertEquals(List.of("Arrival"), simklPtw().stream().toList());
    }
}
