package cli;

import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import org.junit.jupiter.api.Test;
import sandbox.Emulator.Fault;
import support.CliRun;
import support.Receiver;
import support.Sandbox;
import support.ReceiverWorldTest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/** Notifications and --health end to end, against a loopback receiver. */
class NotifyTest extends ReceiverWorldTest {
    private void notifyTo(String format, String path, String on) throws Exception {
        notifyTargets("[{\"url\": \"" + receiver.url(path) + "\", \"format\": \"" + format + "\""
                + (on == null ? "" : ", \"on\": " + on) + "}]");
    }


    /** The decoded query parameters of a request's path. */
    private static Map<String, String> query(Receiver.Got g) {
        Map<String, String> out = new LinkedHashMap<>();
        String path = g.path();
        if (!path.contains("?")) return out;
        for (String pair : path.substring(path.indexOf('?') + 1).split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The first line of a Discord message's content. */
    private static String firstLine(String discordBody) {
        try {
            return Json.MAPPER.readTree(discordBody).path("content").asText().lines().findFirst().orElse("");
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + discordBody, e);
        }
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
        assertTrue(body.contains("To allow them once: plex_simkl_sync --dir " + w.dir + " --sync --max-delete 2"),
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
    void discordGetsTheTitleAndTextAsContentWithMentionsOff() throws Exception {
        notifyTo("discord", "/api/webhooks/112233445566778899/Abc-Webhook_Token-0123456789", null);
        w.plexHas(ARRIVAL);
        w.sb.simkl.revokeTokens();
        assertEquals(ExitCode.AUTH, w.sync().code);
        List<Receiver.Got> got = receiver.got();
        assertEquals(1, got.size(), got.toString());
        Receiver.Got m = got.get(0);
        assertEquals("POST", m.method());
        assertEquals("/api/webhooks/112233445566778899/Abc-Webhook_Token-0123456789", m.path());
        assertEquals("application/json", m.headers().get("content-type"));
        JsonNode body = Json.MAPPER.readTree(m.body());
        assertTrue(body.path("content").asText().startsWith("plex_simkl_sync: sync failed (exit 3)\n\n"), m.body());
        assertTrue(body.path("content").asText().contains("--init-simkl pin"), "names the fix: " + m.body());
        assertTrue(body.path("allowed_mentions").path("parse").isArray(), m.body());
        assertEquals(0, body.path("allowed_mentions").path("parse").size(), "no @everyone from a title: " + m.body());
        assertNoSecret(got);
    }

    @Test
    void telegramSendsTheMessageToTheChatThroughTheBotsSendMessage() throws Exception {
        notifyTargets("[{\"url\": \"" + receiver.url("/bot123456789:AAH-test_Token-abcdef") + "\", \"format\": "
                + "\"telegram\", \"chat_id\": \"-1001234567890\", \"on\": [\"guard\", \"changes\"]}]");
        w.bothHave(List.of(ARRIVAL, DUNE));
        w.plexHas(PAST_LIVES);
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.watchlistRemove(ARRIVAL.plexKey(), DUNE.plexKey(), PAST_LIVES.plexKey());
        assertEquals(ExitCode.GUARD, w.sync().code);
        List<Receiver.Got> got = receiver.got();
        assertEquals(2, got.size(), got.toString());
        for (Receiver.Got m : got) {
            assertEquals("POST", m.method());
            assertEquals("/bot123456789:AAH-test_Token-abcdef/sendMessage", m.path());
            assertEquals("application/json", m.headers().get("content-type"));
            assertEquals(-1001234567890L, Json.MAPPER.readTree(m.body()).path("chat_id").asLong(), m.body());
        }
        JsonNode changes = Json.MAPPER.readTree(got.get(0).body());
        assertTrue(changes.path("text").asText().startsWith("plex_simkl_sync: 1 change\n\n"), changes.toString());
        assertTrue(changes.path("disable_notification").asBoolean(), "changes arrive silently: " + changes);
        JsonNode guard = Json.MAPPER.readTree(got.get(1).body());
        assertTrue(guard.path("text").asText().startsWith("plex_simkl_sync: 3 removals withheld\n\n"),
                guard.toString());
        assertTrue(guard.path("text").asText().contains("--max-delete 3"), guard.toString());
        assertFalse(guard.path("disable_notification").asBoolean(), "withheld removals ring: " + guard);
    }

    @Test
    void gotifyPostsTitleMessageAndPriorityToMessageWithTheAppToken() throws Exception {
        notifyTo("gotify", "/?token=AppTok.3nQx9", "[\"failure\", \"success\"]");
        w.plexHas(ARRIVAL);
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.simkl.inject("GET", "/sync/activities", Fault.status(400), 1);
        assertEquals(ExitCode.PARTIAL, w.sync().code);
        List<Receiver.Got> got = receiver.got();
        assertEquals(2, got.size(), got.toString());
        for (Receiver.Got m : got) {
            assertEquals("/message?token=AppTok.3nQx9", m.path(), "the app token as the URL gave it");
            assertEquals("application/json", m.headers().get("content-type"));
        }
        JsonNode ok = Json.MAPPER.readTree(got.get(0).body());
        assertEquals("plex_simkl_sync: 1 change", ok.path("title").asText(), ok.toString());
        assertEquals(2, ok.path("priority").asInt(), "a success is quiet: " + ok);
        JsonNode failed = Json.MAPPER.readTree(got.get(1).body());
        assertTrue(failed.path("title").asText().contains("sync failed (exit 1)"), failed.toString());
        assertTrue(failed.path("message").asText().contains("HTTP 400"), failed.toString());
        assertEquals(8, failed.path("priority").asInt(), "a failure insists: " + failed);
    }

    @Test
    void aPushMonitorGetsAGetWithStatusAndMsgOnEveryRunWhateverItsEvents() throws Exception {
        // as Uptime Kuma shows the push URL, with its own status and message to be replaced
        notifyTo("push", "/api/push/kUmA9tok?status=up&msg=OK&ping=", "[\"guard\"]");
        w.plexHas(ARRIVAL);
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.simkl.inject("GET", "/sync/activities", Fault.status(400), 1);
        assertEquals(ExitCode.PARTIAL, w.sync().code);
        List<Receiver.Got> got = receiver.got();
        assertEquals(2, got.size(), "one ping per run, not a start ping: " + got);
        for (Receiver.Got g : got) {
            assertEquals("GET", g.method());
            assertTrue(g.path().startsWith("/api/push/kUmA9tok?"), g.path());
            assertEquals("", query(g).get("ping"), g.path());
        }
        assertEquals("up", query(got.get(0)).get("status"));
        assertEquals("plex_simkl_sync: 1 change", query(got.get(0)).get("msg"));
        assertEquals("down", query(got.get(1)).get("status"));
        assertTrue(query(got.get(1)).get("msg").startsWith("plex_simkl_sync: sync failed (exit 1) - "),
                query(got.get(1)).toString());
        assertTrue(query(got.get(1)).get("msg").contains("HTTP 400"), query(got.get(1)).toString());
        assertEquals(3, query(got.get(1)).size(), "the copied status=up and msg=OK are replaced, not repeated: "
                + got.get(1).path());
    }

    @Test
    void underWatchMonitorsArePingedEveryRoundAndMessagesOncePerProblem() throws Exception {
        notifyTargets("[{\"url\": \"" + receiver.url("/api/push/kUmA9tok") + "\", \"format\": \"push\"},"
                + " {\"url\": \"" + receiver.url("/ping/abc-uuid") + "\", \"format\": \"healthchecks\"},"
                + " {\"url\": \"" + receiver.url("/api/webhooks/1122334455/Hook-Token-abcdefghij") + "\", "
                + "\"format\": \"discord\"}]");
        w.plexHas(ARRIVAL);
        w.sb.simkl.inject("GET", "/sync/activities", Fault.status(400), 2);
        int[] sleeps = {0};
        CliRun r = w.cli().sleeper(d -> {
            if (d.getSeconds() == 600 && ++sleeps[0] == 4) throw new InterruptedException("SIGTERM");
        }).run("--watch", "10m", "--dir", w.dir.toString());
        assertEquals(ExitCode.OK, r.code, r.toString());
        List<Receiver.Got> got = receiver.got();
        List<String> push = got.stream().filter(g -> g.path().startsWith("/api/push/"))
                .map(g -> query(g).get("status")).toList();
        assertEquals(List.of("down", "down", "up", "up"), push, "a ping each round: " + got);
        List<String> hc = got.stream().map(Receiver.Got::path).filter(p -> p.startsWith("/ping/")).toList();
        String hcPing = "/ping/abc-uuid";
        assertEquals(List.of(hcPing + "/start", hcPing + "/fail", hcPing + "/start", hcPing + "/fail",
                hcPing + "/start", hcPing, hcPing + "/start", hcPing), hc, "start and end each round, steady ones too");
        List<String> discord = got.stream().filter(g -> g.path().startsWith("/api/webhooks/"))
                .map(g -> firstLine(g.body())).toList();
        assertEquals(List.of("plex_simkl_sync: sync failed (exit 1)", "plex_simkl_sync: in sync again"), discord,
                "a message when the problem starts and when it ends: " + got);
    }

    @Test
    void notifyTestReachesEveryFormat() throws Exception {
        notifyTargets("[{\"url\": \"" + receiver.url("/api/webhooks/1122334455/Hook-Token-abcdefghij") + "\", "
                + "\"format\": \"discord\"},"
                + " {\"url\": \"" + receiver.url("/bot42:Bot-Token-xyz") + "\", \"format\": \"telegram\", "
                + "\"chat_id\": 777000},"
                + " {\"url\": \"" + receiver.url("/gotify/message?token=AppTok.3nQx9") + "\", \"format\": \"gotify\"},"
                + " {\"url\": \"" + receiver.url("/api/push/kUmA9tok") + "\", \"format\": \"push\"}]");
        CliRun r = w.cli().run("--notify-test", "--dir", w.dir.toString());
        assertEquals(ExitCode.OK, r.code, r.toString());
        for (String format : List.of("discord", "telegram", "gotify", "push")) {
            assertTrue(r.out.contains(format + " at http://127.0.0.1:"), format + ": " + r.out);
        }
        assertEquals(4, r.out.lines().filter(l -> l.endsWith("HTTP 200, delivered")).count(), r.out);
        List<String> paths = receiver.got().stream().map(g -> g.method() + " " + g.path().replaceAll("\\?.*", ""))
                .toList();
        assertEquals(List.of("POST /api/webhooks/1122334455/Hook-Token-abcdefghij",
                "POST /bot42:Bot-Token-xyz/sendMessage", "POST /gotify/message", "GET /api/push/kUmA9tok"), paths);
        assertEquals(777000, Json.MAPPER.readTree(receiver.got().get(1).body()).path("chat_id").asLong());
        for (String secret : List.of("Hook-Token-abcdefghij", "Bot-Token-xyz", "AppTok.3nQx9", "kUmA9tok")) {
            assertFalse(r.all().contains(secret), secret + " printed: " + r);
        }
    }

    @Test
    void theEnvironmentsTargetCanBeAnyFormatWithItsChat() throws Exception {
        w.config("{}");
        w.plexHas(ARRIVAL);
        w.sb.simkl.revokeTokens();
        CliRun r = w.cli().env("PLEX_SIMKL_SYNC_NOTIFY_URL", receiver.url("/bot42:Bot-Token-xyz"))
                .env("PLEX_SIMKL_SYNC_NOTIFY_FORMAT", "telegram").env("PLEX_SIMKL_SYNC_NOTIFY_CHAT_ID", "@my_alerts")
                .run("--sync", "--dir", w.dir.toString());
        assertEquals(ExitCode.AUTH, r.code, r.toString());
        assertEquals(1, receiver.got().size(), receiver.got().toString());
        JsonNode body = Json.MAPPER.readTree(receiver.got().get(0).body());
        assertEquals("@my_alerts", body.path("chat_id").asText());
        assertTrue(body.path("text").asText().contains("sync failed (exit 3)"), body.toString());
        CliRun noChat = w.cli().env("PLEX_SIMKL_SYNC_NOTIFY_URL", receiver.url("/bot42:Bot-Token-xyz"))
                .env("PLEX_SIMKL_SYNC_NOTIFY_FORMAT", "telegram").run("--sync", "--dir", w.dir.toString());
        assertEquals(ExitCode.USAGE, noChat.code, noChat.toString());
        assertTrue(noChat.err.contains("PLEX_SIMKL_SYNC_NOTIFY_CHAT_ID is needed for a telegram target"), noChat.err);
        assertFalse(noChat.all().contains("Bot-Token-xyz"), noChat.toString());
    }

    @Test
    void aBadNotificationVariableIsBlamedOnItselfNotOnConfigJson() throws Exception {
        w.config("{}");
        CliRun format = w.cli().env("PLEX_SIMKL_SYNC_NOTIFY_URL", "https://x.invalid/t")
                .env("PLEX_SIMKL_SYNC_NOTIFY_FORMAT", "slack").run("--sync", "--dry-run", "--dir", w.dir.toString());
        assertEquals(ExitCode.USAGE, format.code, format.toString());
        assertTrue(format.err.contains("An environment variable has a problem: PLEX_SIMKL_SYNC_NOTIFY_FORMAT must be "
                + "one of "), format.err);
        assertTrue(format.err.contains("not \"slack\""), format.err);
        assertFalse(format.err.contains("config.json has a problem") || format.err.contains("Fix the file"),
                format.err);
        assertFalse(format.err.contains("must be an http:// or https:// URL"), "the URL is fine: " + format.err);
        CliRun url = w.cli().env("PLEX_SIMKL_SYNC_NOTIFY_URL", "ftp://x.invalid/t")
                .run("--sync", "--dry-run", "--dir", w.dir.toString());
        assertEquals(ExitCode.USAGE, url.code, url.toString());
        assertTrue(url.err.contains("PLEX_SIMKL_SYNC_NOTIFY_URL must be an http:// or https:// URL"), url.err);
        assertFalse(url.err.contains("NOTIFY_FORMAT"), "the format is fine: " + url.err);
    }

    @Test
    void aWaitingTimeTheEnvironmentSetsThatIsNoNumberIsRefusedNamingTheVariable() throws Exception {
        w.config("{}");
        for (String[] bad : new String[][] {{"PLEX_SIMKL_SYNC_HTTP_TIMEOUT_MS", "abc"},
                {"PLEX_SIMKL_SYNC_HTTP_TIMEOUT_MS", "00"}, {"PLEX_SIMKL_SYNC_HTTP_TIMEOUT_MS", "9"},
                {"PLEX_SIMKL_SYNC_AUTH_TIMEOUT_SECONDS", "-5"}}) {
            CliRun r = w.cli().env(bad[0], bad[1]).run("--sync", "--dry-run", "--dir", w.dir.toString());
            assertEquals(ExitCode.USAGE, r.code, r.toString());
            assertTrue(r.err.contains("An environment variable has a problem: " + bad[0] + " must be a whole number"),
                    r.err);
            assertFalse(r.all().contains("Unexpected error"), r.toString());
        }
    }

    /** A blank or padded value is what a compose file's ${VAR:-} passes: unset, or the number, as for every variable. */
    @Test
    void aBlankOrPaddedWaitingTimeIsReadAsEveryVariableIs() throws Exception {
        w.plexHas(ARRIVAL);
        w.simklHas(ARRIVAL);
        for (String value : new String[] {"", " ", "5000 "}) {
            CliRun r = w.cli().env("PLEX_SIMKL_SYNC_HTTP_TIMEOUT_MS", value).env("PLEX_SIMKL_SYNC_AUTH_TIMEOUT_SECONDS",
                    value).run("--sync", "--dry-run", "--dir", w.dir.toString());
            assertEquals(ExitCode.OK, r.code, "\"" + value + "\": " + r);
        }
    }

    @Test
    void aTargetMissingWhatItsServiceNeedsIsAConfigErrorNamingIt() throws Exception {
        notifyTargets("[{\"url\": \"https://api.telegram.org/bot42:Bot-Token-xyz\", \"format\": \"telegram\"},"
                + " {\"url\": \"https://api.telegram.org/sendMessage\", \"format\": \"telegram\", \"chat_id\": 1},"
                + " {\"url\": \"https://api.telegram.org/bot42:Bot-Token-xyz\", \"format\": \"telegram\", "
                + "\"chat_id\": \"my chat\"},"
                + " {\"url\": \"https://gotify.example/message\", \"format\": \"gotify\"},"
                + " {\"url\": \"https://ntfy.sh/t\", \"format\": \"slack\"}]");
        CliRun r = w.sync();
        assertEquals(ExitCode.USAGE, r.code, r.toString());
        assertTrue(r.err.contains("notify[0].chat_id is needed for a telegram target"), r.err);
        assertTrue(r.err.contains("notify[1].url must hold the bot's token in its path, as "
                + "https://api.telegram.org/bot<token>"), r.err);
        assertTrue(r.err.contains("notify[2].chat_id must be the chat's number"), r.err);
        assertTrue(r.err.contains("notify[3].url must carry the app's token, as https://gotify.example/message?token="),
                r.err);
        assertTrue(r.err.contains("notify[4].format must be one of ntfy, healthchecks, json, discord, telegram, "
                + "gotify, push, found \"slack\""), r.err);
        assertFalse(r.all().contains("Bot-Token-xyz"), r.toString());
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
