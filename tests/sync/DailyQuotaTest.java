package sync;

import cli.ExitCode;
import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import org.junit.jupiter.api.Test;
import support.CliRun;
import support.WorldTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/**
 * SIMKL's daily allowance as its users report it: 500, 1,000 or 10,000 requests a day for a free,
 * PRO or VIP account (the plan read from the settings route), shared with the person's other SIMKL
 * apps, the day ending at midnight New York time, a spent day answered 429 user_limit_exceeded. The
 * syncs count their requests in SIMKL's day, warn at 80 %, and do not ask SIMKL again once the day
 * is spent, by SIMKL's word or by their own count, saying when it resets in the person's time.
 */
class DailyQuotaTest extends WorldTest {
    /** The clock's moment, moved forward to {@code at}. */
    private void clockAt(String at) {
        w.sb.clock.advance(Duration.between(w.sb.clock.instant(), Instant.parse(at)));
    }

    private Path stateFile() {
        return w.dir.resolve("state.json");
    }

    /** state.json with its simkl_requests (and the recorded plan, when not null) replaced. */
    private void budget(String requestsJson, String plan) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode st = (com.fasterxml.jackson.databind.node.ObjectNode)
                Json.MAPPER.readTree(stateFile().toFile());
        st.set("simkl_requests", Json.MAPPER.readTree(requestsJson));
        if (plan != null) ((com.fasterxml.jackson.databind.node.ObjectNode) st.get("simkl_account")).put("plan", plan);
        Files.writeString(stateFile(), Json.MAPPER.writeValueAsString(st));
    }

    private long asked() {
        return w.sb.simkl.requests().size() + w.sb.plex.requests().size();
    }

    @Test
    void aSpentDayIsSaidWithItsResetInLocalTimeAndNotAskedAgainBeforeMidnightInNewYork() throws Exception {
        w.bothHave(List.of(ARRIVAL));
        assertEquals(ExitCode.OK, w.sync().code);
        w.plexHas(SEVERANCE);
        w.sb.simkl.quotaLeftToday(0, "429");
        w.sb.simkl.clearLog();
        CliRun r = w.cli().clock(w.sb.clock.withZone(ZoneId.of("Europe/Berlin")))
                .run("--sync", "--dir", w.dir.toString());
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertTrue(r.err.contains("the day's limit is used up; it resets at 06:00 (local time)"),
                "midnight in New York is 06:00 in Berlin: " + r.err);
        assertFalse(r.all().contains("--init-simkl"), r.all());
        assertEquals(1, w.sb.simkl.requests().size(), "the quota answer is not asked again: " + w.sb.simkl.requests());
        JsonNode st = w.state();
        assertEquals("2026-11-25T05:00:00Z", st.path("simkl_requests").path("refused_until").asText(),
                "SIMKL's Retry-After, to the end of its day: " + st.path("simkl_requests"));

        // past midnight UTC, still the same day in New York: neither service is asked, the reset is said again
        clockAt("2026-11-25T03:00:00Z");
        w.sb.simkl.clearLog();
        w.sb.plex.clearLog();
        CliRun later = w.sync();
        assertEquals(ExitCode.PARTIAL, later.code, later.toString());
        assertTrue(later.err.contains("the day's limit is used up; it resets at 05:00 (local time)"), later.err);
        assertEquals(0, asked(), "nothing asked: " + w.sb.simkl.requests() + w.sb.plex.requests());
        CliRun doctor = w.cli().run("--doctor", "--dir", w.dir.toString());
        assertTrue(doctor.out.contains("[warn] simkl budget: the day's limit is used up; it resets at 05:00"),
                doctor.out);

        clockAt("2026-11-25T05:00:00Z");
        CliRun nextDay = w.sync();
        assertEquals(ExitCode.OK, nextDay.code, nextDay.toString());
        assertTrue(simklPtw().contains("Severance"), "the first run of SIMKL's next day syncs");
    }

    @Test
    void aQuotaAnsweredToAWriteIsSaidAndRecordedAndTheWriteWaitsForTheNextDay() throws Exception {
        w.bothHave(List.of(ARRIVAL));
        assertEquals(ExitCode.OK, w.sync().code);
        w.plexHas(SEVERANCE);
        w.sb.simkl.quotaLeftToday(1, "429"); // the activities, then the write is refused
        w.sb.simkl.clearLog();
        CliRun r = w.sync();
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertTrue(r.err.contains("the day's limit is used up; it resets at 05:00 (local time)"), r.err);
        assertEquals(1, w.sb.simkl.count(l -> l.status() == 429), "refused once, not asked again: "
                + w.sb.simkl.requests());
        assertFalse(simklPtw().contains("Severance"));
        assertEquals("2026-11-25T05:00:00Z", w.state().path("simkl_requests").path("refused_until").asText());
        w.sb.simkl.clearLog();
        assertEquals(ExitCode.PARTIAL, w.sync().code);
        assertEquals(0, w.sb.simkl.requests().size(), "the same day: SIMKL is not asked");
        clockAt("2026-11-25T05:01:00Z");
        assertEquals(ExitCode.OK, w.sync().code);
        assertTrue(simklPtw().contains("Severance"));
    }

    @Test
    void theFolderOwnCountStopsAtThePlansAllowanceReadFromTheSettingsRoute() throws Exception {
        w.sb.simkl.accountType("pro");
        w.bothHave(List.of(ARRIVAL));
        assertEquals(ExitCode.OK, w.sync().code);
        assertEquals("pro", w.state().path("simkl_account").path("plan").asText(), w.state().toString());

        budget("{\"day\":\"2026-11-24\",\"count\":799,\"zone\":\"America/New_York\"}", null);
        CliRun quiet = w.sync();
        assertEquals(ExitCode.OK, quiet.code, quiet.toString());
        assertTrue(quiet.err.contains("800 requests today from the syncs of this folder, of the 1000 a day a PRO "
                + "account is reported to be allowed"), "80 % of a PRO account's day: " + quiet.err);

        budget("{\"day\":\"2026-11-24\",\"count\":1000,\"zone\":\"America/New_York\"}", null);
        w.sb.simkl.clearLog();
        w.sb.plex.clearLog();
        CliRun spent = w.sync();
        assertEquals(ExitCode.PARTIAL, spent.code, spent.toString());
        assertTrue(spent.err.contains("the day's limit is used up; it resets at 05:00 (local time)")
                && spent.err.contains("1000 requests today, all a PRO account is reported to be allowed"), spent.err);
        assertEquals(0, asked(), "nothing asked once the folder's own count reached the allowance");

        budget("{\"day\":\"2026-11-24\",\"count\":500,\"zone\":\"America/New_York\"}", "free");
        assertEquals(ExitCode.PARTIAL, w.sync().code, "a free account's day ends at 500");
        assertEquals(0, asked());
    }

    @Test
    void aCountOfAUtcDayFromAnOlderStateFileCountsForTheNewYorkDayItOverlaps() throws Exception {
        w.bothHave(List.of(ARRIVAL));
        assertEquals(ExitCode.OK, w.sync().code);
        clockAt("2026-11-25T03:00:00Z"); // 22:00 on the 24th in New York
        budget("{\"day\":\"2026-11-24\",\"count\":450}", null);
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(r.err.contains("451 requests today from the syncs of this folder, of the 500 a day a free "
                + "account"), "the UTC day of the 24th overlaps New York's: " + r.err);
        JsonNode budget = w.state().path("simkl_requests");
        assertEquals("2026-11-24", budget.path("day").asText(), budget.toString());
        assertEquals("America/New_York", budget.path("zone").asText(), budget.toString());
        assertEquals(451, budget.path("count").asInt());
    }

    @Test
    void aWatchWhoseQuietRoundsAloneWouldSpendHalfThePlansDayIsWarnedAtStart() {
        w.bothHave(List.of(ARRIVAL));
        assertEquals(ExitCode.OK, w.sync().code);
        CliRun often = w.cli().sleeper(d -> {
            throw new InterruptedException("SIGTERM");
        }).run("--watch", "5m", "--dir", w.dir.toString());
        assertEquals(ExitCode.OK, often.code, often.toString());
        assertTrue(often.err.contains("--watch 5m makes 288 rounds a day, each at least one request to SIMKL: more "
                + "than half of the 500 requests a day a free account is reported to be allowed")
                && often.err.contains("Use 6m or more"), often.err);
        CliRun calm = w.cli().sleeper(d -> {
            throw new InterruptedException("SIGTERM");
        }).run("--watch", "10m", "--dir", w.dir.toString());
        assertFalse(calm.err.contains("rounds a day"), calm.err);
    }

    private int counted() throws Exception {
        return w.state().path("simkl_requests").path("count").asInt();
    }

    /** Arrival and Severance synced, then Severance taken off Plex and so off SIMKL: a run to undo, a backup. */
    private void syncedThenRemoved() {
        w.plexHas(ARRIVAL, SEVERANCE);
        w.simklHas(ARRIVAL, SEVERANCE);
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.watchlistRemove(SEVERANCE.plexKey());
        assertEquals(ExitCode.OK, w.sync().code);
        assertFalse(simklPtw().contains("Severance"));
    }

    @Test
    void aSpentDayStopsAnUndoAnApplyAndARestoreTooBeforeEitherServiceIsAsked() throws Exception {
        syncedThenRemoved();
        w.plexHas(DUNE);
        Path plan = tmp.resolve("review.json");
        CliRun dry = w.sync("--dry-run", "--plan-out", plan.toString());
        assertEquals(ExitCode.OK, dry.code, dry.toString());
        budget("{\"day\":\"2026-11-24\",\"count\":500,\"zone\":\"America/New_York\"}", null);
        w.sb.simkl.clearLog();
        w.sb.plex.clearLog();
        for (List<String> args : List.of(List.of("--undo", "last"), List.of("--apply", plan.toString()),
                List.of("--restore", "latest", "--side", "simkl"), List.of("--restore", "latest", "--side", "plex"))) {
            CliRun r = run(args.toArray(new String[0]));
            assertEquals(ExitCode.PARTIAL, r.code, args + ": " + r);
            assertTrue(r.err.contains("the day's limit is used up; it resets at 05:00 (local time)")
                    && r.err.contains("500 requests today, all a free account is reported to be allowed"), r.err);
            assertEquals(0, asked(), args + " asked: " + w.sb.simkl.requests() + w.sb.plex.requests());
        }
        assertFalse(simklPtw().contains("Severance"));
    }

    @Test
    void aRestoreCountsItsSimklRequestsAndLeavesStateJsonAsItWas() throws Exception {
        syncedThenRemoved();
        byte[] before = Files.readAllBytes(stateFile());
        int counted = counted();
        w.sb.simkl.clearLog();
        CliRun r = run("--restore", "latest", "--side", "simkl");
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(simklPtw().contains("Severance"), "restored");
        int sent = w.sb.simkl.requests().size();
        assertTrue(sent > 0);
        assertArrayEquals(before, Files.readAllBytes(stateFile()), "state.json is as it was");
        assertEquals(counted + sent, counted(), "each of the restore's SIMKL requests is counted, beside it");
    }

    @Test
    void aResetKeepsTheDaysCountAndTheFirstSyncAfterItStillAddsOnly() throws Exception {
        w.bothHave(List.of(ARRIVAL, SEVERANCE));
        for (int i = 0; i < 3; i++) assertEquals(ExitCode.OK, w.sync().code);
        int counted = counted();
        w.sb.plex.watchlistRemove(SEVERANCE.plexKey());
        CliRun reset = run("--reset-state");
        assertEquals(ExitCode.OK, reset.code, reset.toString());
        assertTrue(reset.err.contains("today's SIMKL requests stay counted, in state.run.json"), reset.err);
        assertFalse(Files.exists(stateFile()));
        assertTrue(Json.MAPPER.readTree(w.dir.resolve("state.run.json").toFile()).path("state_json").isNull(),
                "the stamps of the state.json moved aside are gone");
        assertEquals(counted, counted(), "a reset does not zero the day's count");
        w.sb.simkl.clearLog();
        CliRun first = w.sync();
        assertEquals(ExitCode.OK, first.code, first.toString());
        assertTrue(plexTitles().contains("Severance") && simklPtw().contains("Severance"),
                "a first run again: it adds only, removes nothing");
        assertEquals(counted + w.sb.simkl.requests().size(), counted(), "counted on from the day's count");
        assertFalse(Files.exists(w.dir.resolve("state.run.json")), "state.json written whole holds it again");
    }
}
