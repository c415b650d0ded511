package cli;

import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sandbox.Emulator.Fault;
import support.CliRun;
import support.Receiver;
import support.Sandbox;
import support.WorldTest;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/** Notifications and --health end to end, against a loopback receiver. */
class NotifyTest extends WorldTest {
    Receiver receiver;

    @BeforeEach
    void openReceiver() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    private void notifyTo(String format, String path, String on) throws Exception {
        w.config("{}");
        String cfg = Files.readString(w.dir.resolve("config.json"));
        Files.writeString(w.dir.resolve("config.json"), cfg.substring(0, cfg.lastIndexOf('}'))
                + ", \"notify\": [{\"url\": \"" + receiver.url(path) + "\", \"format\": \"" + format + "\""
                + (on == null ? "" : ", \"on\": " + on) + "}]}");
    }

    private void assertNoSecret(List<Receiver.Got> got) {
        for (Receiver.Got g : got) {
            for (String secret : List.of(Sandbox.PLEX_TOKEN, Sandbox.SIMKL_TOKEN, Sandbox.SIMKL_SECRET)) {
                assertFalse(g.all().contains(secret), "secret sent: " + g.all());
            }
        }
    }

    @Test
    void aRefusedTokenSendsOneFailureNamingTheFixAndNoSecret() throws Exception {
        notifyTo("ntfy", "/my-topic", null);
        w.plexHas(ARRIVAL);
        w.sb.simkl.revokeTokens();
        CliRun r = w.sync("--debug");
        assertEquals(ExitCode.AUTH, r.code, r.toString());
        List<Receiver.Got> got = receiver.got();
        assertEquals(1, got.size(), got.toString());
        Receiver.Got m = got.get(0);
        assertEquals("POST", m.method());
        assertEquals("/my-topic", m.path());
        assertEquals("high", m.headers().get("priority"));
        assertTrue(m.headers().get("title").contains("sync failed (exit 3)"), m.headers().toString());
        assertTrue(m.body().contains("--init-simkl pin"), "names the fix: " + m.body());
        assertNoSecret(got);
    }

    @Test
    void withheldRemovalsSendTheExactMaxDelete() throws Exception {
        notifyTo("ntfy", "/topic", null);
        w.bothHave(List.of(ARRIVAL, DUNE));
        assertEquals(ExitCode.OK, w.sync().code);
        assertEquals(0, receiver.got().size(), "a quiet success is not news by default");
        w.sb.plex.watchlistRemove(ARRIVAL.plexKey(), DUNE.plexKey());
        CliRun r = w.sync();
        assertEquals(ExitCode.GUARD, r.code, r.toString());
        assertEquals(1, receiver.got().size());
        String body = receiver.got().get(0).body();
        assertTrue(body.contains("To allow them once: plex_simkl_sync --sync --dir " + w.dir + " --max-delete 2"),
                body);
        assertTrue(receiver.got().get(0).headers().get("title").contains("2 removals withheld"));
    }

    @Test
    void aJsonTargetGetsTheJsonDocumentOfARunWithChanges() throws Exception {
        notifyTo("json", "/hook", "[\"changes\"]");
        w.plexHas(ARRIVAL);
        w.simklHas(DUNE);
        CliRun r = w.sync("--json");
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(1, receiver.got().size());
        assertEquals(r.out, receiver.got().get(0).body(), "the payload is the --json stdout, byte for byte");
        assertEquals("application/json", receiver.got().get(0).headers().get("content-type"));
        assertEquals(ExitCode.OK, w.sync().code);
        assertEquals(1, receiver.got().size(), "no changes, no message");
    }

    @Test
    void healthchecksIsPingedAtStartThenOnSuccessOrFailure() throws Exception {
        notifyTo("healthchecks", "/ping/abc-uuid", null);
        w.plexHas(ARRIVAL);
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.simkl.inject("GET", "/sync/activities", Fault.status(400), 1);
        assertEquals(ExitCode.PARTIAL, w.sync().code);
        List<String> paths = receiver.got().stream().map(Receiver.Got::path).toList();
        assertEquals(List.of("/ping/abc-uuid/start", "/ping/abc-uuid", "/ping/abc-uuid/start", "/ping/abc-uuid/fail"),
                paths);
        assertTrue(receiver.got().get(1).body().contains("Post-sync:"), "the report rides along");
        assertTrue(receiver.got().get(3).body().contains("HTTP 400"), receiver.got().get(3).body());
        receiver.got().forEach(g -> assertEquals("POST", g.method()));
    }

    @Test
    void aReceiverDownOrSlowChangesNoExitCodeAndCostsOneWarning() throws Exception {
        notifyTo("ntfy", "/t", "[\"success\"]");
        w.plexHas(ARRIVAL);
        receiver.hold(); // no answer until it is closed: the 200 ms limit runs out, however late it is told
        CliRun slow = w.cli().env("PLEX_SIMKL_SYNC_NOTIFY_TIMEOUT_MS", "200").run("--sync", "--dir", w.dir.toString());
        assertEquals(ExitCode.OK, slow.code, slow.toString());
        assertEquals(1, slow.err.lines().filter(l -> l.contains("Notification not delivered")).count(), slow.err);
        assertTrue(slow.err.contains("ntfy at http://127.0.0.1:"), slow.err);
        assertFalse(slow.err.contains("/t "), "the topic, a secret of sorts, is not printed: " + slow.err);
        receiver.close();
        CliRun down = w.sync();
        assertEquals(ExitCode.OK, down.code, down.toString());
        assertEquals(1, down.err.lines().filter(l -> l.contains("Notification not delivered")).count(), down.err);
    }

    @Test
    void underWatchThreeFailingRoundsThenAGoodOneAreTwoMessages() throws Exception {
        notifyTo("ntfy", "/t", null);
        w.plexHas(ARRIVAL);
        w.sb.simkl.inject("GET", "/sync/activities", Fault.status(400), 3);
        int[] sleeps = {0};
        CliRun r = w.cli().sleeper(d -> {
            if (d.getSeconds() == 600 && ++sleeps[0] == 4) throw new InterruptedException("SIGTERM");
        }).run("--watch", "10m", "--dir", w.dir.toString());
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(3, r.err.lines().filter(l -> l.contains("HTTP 400")).count(), "three failing rounds: " + r);
        assertEquals(1, r.out.lines().filter(l -> l.contains(" sync: exit 0")).count(), "then a good one: " + r);
        List<Receiver.Got> got = receiver.got();
        assertEquals(2, got.size(), got.toString());
        assertTrue(got.get(0).headers().get("title").contains("failed"), got.get(0).toString());
        assertTrue(got.get(1).headers().get("title").contains("in sync again"), got.get(1).toString());
    }

    @Test
    void aDryRunSendsNothingAndRecordsNothing() throws Exception {
        notifyTo("ntfy", "/t", "[\"failure\", \"guard\", \"unresolved\", \"changes\", \"success\"]");
        w.plexHas(ARRIVAL);
        assertEquals(ExitCode.OK, w.sync("--dry-run").code);
        assertEquals(0, receiver.got().size());
        assertFalse(Files.exists(w.dir.resolve("last_run.json")));
    }

    @Test
    void notifyTestSendsASampleToEachTargetAndPrintsWhatItAnswered() throws Exception {
        notifyTo("ntfy", "/t", "[\"guard\"]");
        CliRun r = w.cli().run("--notify-test", "--dir", w.dir.toString());
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(r.out.contains("ntfy at http://127.0.0.1:"), r.out);
        assertTrue(r.out.contains("HTTP 200, delivered"), r.out);
        assertEquals(1, receiver.got().size());
        receiver.answer(403);
        CliRun refused = w.cli().run("--notify-test", "--dir", w.dir.toString());
        assertEquals(ExitCode.PARTIAL, refused.code);
        assertTrue(refused.out.contains("HTTP 403"), refused.out);
    }

    @Test
    void healthIsFreshStaleFailedOrNeverRun() throws Exception {
        w.config("{}");
        CliRun never = w.cli().run("--health", "--dir", w.dir.toString());
        assertEquals(ExitCode.PARTIAL, never.code);
        assertTrue(never.out.startsWith("never run"), never.out);
        w.plexHas(ARRIVAL);
        assertEquals(ExitCode.OK, w.sync().code);
        CliRun fresh = w.cli().run("--health", "--dir", w.dir.toString());
        assertEquals(ExitCode.OK, fresh.code, fresh.toString());
        assertEquals("ok: the last sync finished 1 min ago, at 12:02:01 (Post-sync: Plex=1 vs SIMKL=1 → EQUAL)",
                fresh.out.strip());
        w.sb.clock.advance(Duration.ofHours(3));
        CliRun stale = w.cli().run("--health", "--dir", w.dir.toString());
        assertEquals(ExitCode.PARTIAL, stale.code);
        assertEquals("stale: the last sync finished 3 h 2 min ago, at 12:02:01, longer ago than 2 h; is the "
                + "scheduler (cron, --watch, the container) still running?", stale.out.strip());
        assertEquals(ExitCode.OK, w.cli().run("--health", "--max-age", "1d", "--dir", w.dir.toString()).code);
        w.sb.simkl.revokeTokens();
        assertEquals(ExitCode.AUTH, w.sync().code);
        CliRun failed = w.cli().run("--health", "--json", "--dir", w.dir.toString());
        assertEquals(ExitCode.PARTIAL, failed.code);
        JsonNode doc = Json.MAPPER.readTree(failed.out);
        assertFalse(doc.path("healthy").asBoolean());
        assertTrue(doc.path("text").asText().startsWith("failed: the last sync, 1 min ago, at 2026-11-24T15:06:01Z, "
                + "ended with exit 3: "), "ISO-8601 UTC for programs: " + doc);
        assertTrue(doc.path("text").asText().contains("ended with exit 3: SIMKL refused the credentials"),
                doc.toString());
        assertEquals(3, doc.at("/last_run/exit_code").asInt());
    }

    @Test
    void aLastRunRecordedInTheFutureIsNotHealth() throws Exception {
        w.config("{}");
        Files.writeString(w.dir.resolve("last_run.json"), "{\"at\": \"2027-06-01T00:00:00Z\", \"exit_code\": 0, "
                + "\"summary\": \"Post-sync: Plex=1 vs SIMKL=1 → EQUAL\"}");
        CliRun r = w.cli().run("--health", "--dir", w.dir.toString());
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertTrue(r.out.startsWith("invalid: the last run is recorded at "), r.out);
        assertTrue(r.out.contains("in the future"), r.out);
    }

    @Test
    void aBadTargetIsAConfigErrorNamingIt() throws Exception {
        w.config("{}");
        Files.writeString(w.dir.resolve("config.json"), "{\"notify\": [{\"url\": \"ftp://x\"}, {\"url\": "
                + "\"https://ntfy.sh/t\", \"format\": \"slack\"}, {\"url\": \"https://ntfy.sh/t\", \"on\": "
                        + "[\"oops\"]}]}");
        CliRun r = w.sync();
        assertEquals(ExitCode.USAGE, r.code);
        assertTrue(r.err.contains("notify[0].url must be an http:// or https:// URL"), r.err);
        assertTrue(r.err.contains("notify[1].format must be"), r.err);
        assertTrue(r.err.contains("notify[2].on: \"oops\" is not an event"), r.err);
    }
}
