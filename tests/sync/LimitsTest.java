package sync;

import cli.ExitCode;
import org.junit.jupiter.api.Test;
import support.CliRun;
import support.WorldTest;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/**
 * SIMKL answers 412 client_id_failed ("Total Requests Limit Exceeded") and 403 ("denied due to API
 * limits") for its limits too: after it accepted the same credentials in the run, such an answer is
 * a limit (exit 1, a word about limits, no sign-in hint), SIMKL is asked nothing more in the run,
 * and --watch keeps going.
 */
class LimitsTest extends WorldTest {
    @Test
    void aLimitReachedMidRunEndsItWithExitOneAndAWordAboutLimitsNotASignIn() {
        w.bothHave(List.of(ARRIVAL, DUNE));
        assertEquals(ExitCode.OK, w.sync().code);
        w.plexHas(SEVERANCE);
        w.sb.simkl.quotaLeftToday(1, "412"); // the activities, then the limit
        w.sb.simkl.clearLog();
        CliRun r = w.sync();
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertTrue(r.all().contains("over its request limits"), r.all());
        assertFalse(r.all().contains("--init-simkl") || r.all().contains("copy it again"), "no sign-in hint: "
                + r.all());
        assertEquals(2, w.sb.simkl.requests().size(), "asked nothing more after the limit: " + w.sb.simkl.requests());
        assertFalse(simklPtw().contains("Severance"));
        w.sb.clock.advance(Duration.ofDays(1));
        CliRun nextDay = w.sync();
        assertEquals(ExitCode.OK, nextDay.code, nextDay.toString());
        assertTrue(simklPtw().contains("Severance"), "the next day's run does what was left");
    }

    @Test
    void aDailyQuotaAnswered429IsALimitToo() {
        w.bothHave(List.of(ARRIVAL));
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.simkl.quotaLeftToday(0, "429");
        w.sb.simkl.clearLog();
        CliRun r = w.sync();
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertTrue(r.all().contains("the day's limit is used up"), r.all());
        assertEquals(1, w.sb.simkl.requests().size(), "a spent daily quota is not asked again");
    }

    @Test
    void aWatchKeepsGoingThroughARoundRefusedForLimits() {
        w.bothHave(List.of(ARRIVAL));
        assertEquals(ExitCode.OK, w.sync().code);
        int[] sleeps = {0};
        CliRun r = w.cli().sleeper(d -> {
            if (!d.equals(Duration.ofMinutes(10))) return; // the watch's own wait, not a pause between requests
            switch (++sleeps[0]) {
                case 1 -> w.sb.simkl.quotaLeftToday(0, "403");
                case 2 -> {
                    w.sb.clock.advance(Duration.ofDays(1));
                    w.plexHas(DUNE);
                }
                default -> throw new InterruptedException("SIGTERM");
            }
        }).run("--watch", "10m", "--dir", w.dir.toString());
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertFalse(r.err.contains("Stopping the watch"), r.err);
        assertTrue(r.err.contains("over its request limits"),
                "round 2, refused for limits after round 1 was accepted: " + r.err);
        assertEquals(2, r.out.lines().filter(l -> l.contains(" sync: exit 0")).count(), r.out);
        assertTrue(simklPtw().contains("Dune: Part Two"), "round 3, a day later, syncs again");
    }

    @Test
    void theSyncsCountTheirSimklRequestsPerDayAndDoctorShowsWhatAWatchIntervalCosts() throws Exception {
        w.bothHave(List.of(ARRIVAL));
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.simkl.clearLog();
        assertEquals(ExitCode.OK, w.sync().code);
        assertEquals(ExitCode.OK, w.sync().code);
        assertEquals("2026-11-24", w.state().path("simkl_requests").path("day").asText());
        long sent = w.sb.simkl.requests().size();
        assertEquals(2, sent, "two quiet runs: one question each");
        int first = w.state().path("simkl_requests").path("count").asInt();
        assertTrue(first >= 2, w.state().toString());
        CliRun doctor = w.cli().run("--doctor", "--dir", w.dir.toString());
        assertTrue(doctor.out.contains("[ok]   simkl budget: " + first + " requests to SIMKL today from the syncs of "
                + "this folder, of the 500 a day a free account"), doctor.out);
        assertTrue(doctor.out.contains("every 30m about 48 a day"), doctor.out);
        w.sb.clock.advance(Duration.ofDays(1));
        assertEquals(ExitCode.OK, w.sync().code);
        assertEquals(1, w.state().path("simkl_requests").path("count").asInt(), "a new day counts from zero");
    }

    @Test
    void aDayNearingTheReportedQuotaIsWarnedAbout() throws Exception {
        w.bothHave(List.of(ARRIVAL));
        assertEquals(ExitCode.OK, w.sync().code);
        String state = java.nio.file.Files.readString(w.dir.resolve("state.json"));
        java.nio.file.Files.writeString(w.dir.resolve("state.json"),
                state.replaceFirst("\"simkl_requests\":\\{[^}]*}",
                        "\"simkl_requests\":{\"day\":\"2026-11-24\",\"count\":399}"));
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(r.err.contains("400 requests today") && r.err.contains("of the 500 a day a free account"), r.err);
        CliRun doctor = w.cli().run("--doctor", "--dir", w.dir.toString());
        assertTrue(doctor.out.contains("[warn] simkl budget: 400 requests"), doctor.out);
    }
}
