package signin;

import cli.ExitCode;
import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import files.RunLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sandbox.Emulator;
import support.CliRun;
import support.Sandbox;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.*;

/** Each sign-in flow end to end against the emulators. */
class SignInTest {
    @TempDir Path home;
    Sandbox sb;
    Path dir;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** The person's own file: their layout, no plex.client_identifier (as the original tool wrote it). */
    static final String ORIGINAL = "{\"simkl\": {\"client_id\": \"" + Sandbox.SIMKL_CLIENT_ID
            + "\", \"client_secret\": \""
            + Sandbox.SIMKL_SECRET + "\"}, \"mine\": {\"keep\": true}}";

    @BeforeEach
    void open() throws Exception {
        sb = new Sandbox();
        dir = home.resolve("cfg");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), ORIGINAL);
    }

    private void assertConfigUntouched() throws Exception {
        assertEquals(ORIGINAL, Files.readString(dir.resolve("config.json")),
                "a failed sign-in leaves config.json as it was");
    }

    @AfterEach
    void close() {
        sb.close();
    }

    /** Emulator URLs only: no credentials from the environment. */
    private CliRun.Builder cli() {
        Map<String, String> env = new HashMap<>(sb.env());
        env.remove("SIMKL_ACCESS_TOKEN");
        env.remove("PLEX_ACCOUNT_TOKEN");
        env.remove("SIMKL_CLIENT_ID");
        env.remove("SIMKL_CLIENT_SECRET");
        return new CliRun.Builder(home).env(env).clock(sb.clock);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode config() throws Exception {
        return Json.MAPPER.readTree(dir.resolve("config.json").toFile());
    }

    @Test
    void theRedirectHelperRefusesAWrongStateThenSavesTheToken() throws Exception {
        int port = freePort();
        sb.simkl.tokenExpiresIn(false); // the older answer: access_token, token_type, scope only
        CliRun.Live live = cli().start("--init-simkl", "redirect", "--bind", "127.0.0.1:" + port, "--dir",
                dir.toString(), "--debug");
        Matcher link = live.await("(http://\\S+/oauth/authorize\\S+)");
        assertTrue(live.output().contains("Callback URL: http://127.0.0.1:" + port + "/callback"), live.output());
        String callback = "http://127.0.0.1:" + port + "/callback";
        assertEquals(400, get(callback + "?code=abc&state=forged").statusCode());
        assertEquals(400, get(callback + "?code=abc").statusCode());
        assertEquals(404, get("http://127.0.0.1:" + port + "/other").statusCode());
        // the person's browser: SIMKL's consent page redirects to the callback with a code and the state
        HttpResponse<String> consent = get(link.group(1));
        assertEquals(302, consent.statusCode());
        String location = consent.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> page = get(location);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Success"));
        CliRun r = live.finish();
        assertEquals(ExitCode.OK, r.code, r.toString());
        JsonNode c = config();
        String token = c.at("/simkl/access_token").asText();
        assertTrue(token.startsWith("simkl-token-"), token);
        assertTrue(c.at("/mine/keep").asBoolean(), "other keys kept");
        assertEquals(Sandbox.SIMKL_SECRET, c.at("/simkl/client_secret").asText());
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("config.json"))));
        assertFalse(r.all().contains(token), "the token is never printed");
        assertFalse(r.all().contains(Sandbox.SIMKL_SECRET), "the secret is never printed");
        String code = location.replaceAll(".*code=([^&]+).*", "$1");
        assertFalse(r.all().contains(code), "the code is never printed");
    }

    @Test
    void aPortInUseIsAClearError() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun r = cli().run("--init-simkl", "redirect", "--bind", "127.0.0.1:" + busy.getLocalPort(), "--dir",
                    dir.toString());
            assertEquals(ExitCode.USAGE, r.code, r.toString());
            assertTrue(r.err.contains("in use"), r.err);
        }
    }

    @Test
    void theRedirectHelperGivesUpAfterItsTimeout() throws Exception {
        CliRun r = cli().env("PLEX_SIMKL_SYNC_AUTH_TIMEOUT_SECONDS", "1")
                .run("--init-simkl", "redirect", "--bind", "127.0.0.1:" + freePort(), "--dir", dir.toString());
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertTrue(r.err.contains("No valid sign-in arrived"), r.err);
        assertEquals("", config().at("/simkl/access_token").asText(""));
    }

    @Test
    void simklPinPendingThenApproved() throws Exception {
        int[] polls = {0};
        CliRun r = cli().sleeper(d -> {
            if (++polls[0] == 3) sb.simkl.approvePin(sb.simkl.pendingPins().get(0), "pin-approved-token-0123456789");
        }).run("--init-simkl", "pin", "--dir", dir.toString(), "--debug");
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals("pin-approved-token-0123456789", config().at("/simkl/access_token").asText());
        assertTrue(r.err.matches("(?s).*enter this code:\\s+[A-Z0-9]{3,}.*"), r.err);
        assertTrue(r.err.contains(sb.simkl.url() + "/pin"), r.err);
        assertEquals(3, sb.simkl.count("GET", "/oauth/pin/"), "stops at the first success");
        assertFalse(r.all().contains("pin-approved-token-0123456789"));
    }

    @Test
    void simklsSlowDownLengthensThePollingInterval() throws Exception {
        sb.simkl.pinPollGap(Duration.ofSeconds(8)); // SIMKL under load: it hands out 5 s but wants 8
        int[] polls = {0};
        CliRun r = cli().sleeper(d -> {
            if (++polls[0] == 4) sb.simkl.approvePin(sb.simkl.pendingPins().get(0), "pin-approved-token-0123456789");
        }).run("--init-simkl", "pin", "--dir", dir.toString());
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals("pin-approved-token-0123456789", config().at("/simkl/access_token").asText());
        long asked = sb.simkl.requests().stream().filter(q -> q.is("GET", "/oauth/pin/")).count();
        assertEquals(4, asked, "one slow-down, then polls 10 s apart are answered: " + r);
    }

    @Test
    void simklPinExpires() throws Exception {
        CliRun r = cli().env("PLEX_SIMKL_SYNC_AUTH_TIMEOUT_SECONDS", "20").sleeper(d -> { }).run("--init-simkl",
                "pin", "--dir", dir.toString());
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertTrue(r.err.contains("expired"), r.err);
        assertEquals(4, sb.simkl.count("GET", "/oauth/pin/"), "polled every 5 s for 20 s");
        assertConfigUntouched();
    }

    @Test
    void aSimklCodeThatExpiresOnTheServerEndsTheFlow() throws Exception {
        int[] polls = {0};
        CliRun r = cli().sleeper(d -> {
            if (++polls[0] == 2) sb.simkl.expirePin(sb.simkl.pendingPins().get(0));
        }).run("--init-simkl", "pin", "--dir", dir.toString());
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertTrue(r.err.contains("expired"), r.err);
        assertEquals(2, sb.simkl.count("GET", "/oauth/pin/"), "stops as soon as SIMKL hands out a new code");
        assertConfigUntouched();
    }

    @Test
    void aPinApprovedWithoutATokenIsSaidSoAndNothingIsSaved() throws Exception {
        int[] polls = {0};
        CliRun r = cli().sleeper(d -> {
            if (++polls[0] == 1) sb.simkl.inject("GET", "/oauth/pin/", Emulator.Fault.answer(200,
                    Map.of("result", "OK")), 1);
        }).run("--init-simkl", "pin", "--dir", dir.toString());
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertTrue(r.err.matches("(?s).*SIMKL approved code [A-Z0-9]+ but sent no access_token with it; nothing was "
                + "saved\\. Run plex_simkl_sync --dir \\S+ --init-simkl pin again \\(or --init-simkl redirect\\)\\..*"),
                r.err);
        assertFalse(r.err.contains("expired"), "not called an expired code: " + r.err);
        assertConfigUntouched();
    }

    @Test
    void simklPinNeedsOnlyTheClientId() throws Exception {
        Files.writeString(dir.resolve("config.json"), "{}");
        CliRun r = cli().run("--init-simkl", "pin", "--dir", dir.toString());
        assertEquals(ExitCode.USAGE, r.code);
        assertTrue(r.err.contains("simkl.client_id"), r.err);
    }

    @Test
    void aClientIdFromTheEnvironmentIsSavedWithTheTokenItBelongsTo() throws Exception {
        Files.delete(dir.resolve("config.json")); // as in Docker: no file, the client id in the environment
        int[] polls = {0};
        CliRun r = cli().env("SIMKL_CLIENT_ID", Sandbox.SIMKL_CLIENT_ID).sleeper(d -> {
            if (++polls[0] == 1) sb.simkl.approvePin(sb.simkl.pendingPins().get(0), "pin-approved-token-0123456789");
        }).run("--init-simkl", "pin", "--dir", dir.toString());
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals("pin-approved-token-0123456789", config().at("/simkl/access_token").asText());
        assertEquals(Sandbox.SIMKL_CLIENT_ID, config().at("/simkl/client_id").asText(),
                "the next run needs no environment");
    }

    /** An AUTH V2 app signs in with SIMKL's device grant and keeps a renewable pair. */
    @Test
    void simklV2DeviceSignInSavesTheRenewablePairAndPrintsNoSecret() throws Exception {
        sb.simkl.authV2();
        Files.writeString(dir.resolve("config.json"), "{\"simkl\": {\"client_id\": \"" + Sandbox.SIMKL_CLIENT_ID
                + "\"}}");
        int[] polls = {0};
        CliRun r = cli().sleeper(d -> {
            if (++polls[0] == 2) sb.simkl.approveDevice(sb.simkl.pendingDevices().get(0));
        }).run("--init-simkl", "pin", "--dir", dir.toString(), "--debug");
        assertEquals(ExitCode.OK, r.code, r.toString());
        JsonNode c = config().path("simkl");
        String access = c.path("access_token").asText();
        String refresh = c.path("refresh_token").asText();
        assertFalse(access.isBlank() || refresh.isBlank(), c.toString());
        assertEquals(sb.clock.instant().plus(Duration.ofDays(7)).getEpochSecond(), c.path("token_expires_at").asLong(),
                60);
        Matcher code = java.util.regex.Pattern.compile("enter this code:\\s+(\\S+)").matcher(r.err);
        assertTrue(code.find(), r.err);
        assertTrue(r.err.contains(sb.simkl.url() + "/pin?user_code=" + code.group(1)), "the link with the code: "
                + r.err);
        assertEquals(0, sb.simkl.count("GET", "/oauth/pin"), "no V1 PIN for a V2 app");
        for (String secret : new String[] {access, refresh}) assertFalse(r.all().contains(secret), r.toString());
        assertFalse(r.all().matches("(?s).*device-[0-9a-f]{8}.*"), "the device code is private: " + r);
        assertTrue(r.err.contains("renewed by each run"), r.err);
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("config.json"))));
    }

    @Test
    void aDeclinedV2SignInSavesNothing() throws Exception {
        sb.simkl.authV2();
        CliRun r = cli().sleeper(d -> sb.simkl.pendingDevices().forEach(sb.simkl::denyDevice))
                .run("--init-simkl", "pin", "--dir", dir.toString());
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertTrue(r.err.contains("declined"), r.err);
        assertConfigUntouched();
    }

    /** Signing in again with a V1 app leaves no stale refresh token behind for runs to try. */
    @Test
    void aV1SignInClearsARefreshTokenLeftFromAnotherApp() throws Exception {
        Files.writeString(dir.resolve("config.json"), "{\"simkl\": {\"client_id\": \"" + Sandbox.SIMKL_CLIENT_ID
                + "\", \"refresh_token\": \"stale-refresh-0123\", \"token_expires_at\": 1800000000}}");
        CliRun r = cli().sleeper(d -> sb.simkl.pendingPins().forEach(p -> sb.simkl.approvePin(p,
                "pin-approved-token-0123456789"))).run("--init-simkl", "pin", "--dir", dir.toString());
        assertEquals(ExitCode.OK, r.code, r.toString());
        JsonNode c = config().path("simkl");
        assertEquals("pin-approved-token-0123456789", c.path("access_token").asText());
        assertEquals("", c.path("refresh_token").asText());
        assertEquals(0, c.path("token_expires_at").asLong());
    }

    @Test
    void plexPinPendingThenAuthorizedGreetsTheAccount() throws Exception {
        sb.plex.username("Ada");
        int[] polls = {0};
        CliRun r = cli().sleeper(d -> {
            if (++polls[0] == 2) sb.plex.approvePin(sb.plex.pinCodes().get(0), "plex-pin-token-0123456789");
        }).run("--init-plex", "--dir", dir.toString(), "--debug");
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(r.err.contains("Signed in to Plex as Ada"), r.err);
        assertTrue(r.err.contains("https://app.plex.tv/auth/#!?clientID="), r.err);
        JsonNode c = config();
        assertEquals("plex-pin-token-0123456789", c.at("/plex/account_token").asText());
        String clientId = c.at("/plex/client_identifier").asText();
        assertFalse(clientId.isBlank(), "a client identifier is generated once and kept");
        assertTrue(c.at("/mine/keep").asBoolean());
        String saved = Files.readString(dir.resolve("config.json"));
        assertTrue(saved.contains("\n  \"plex\": {\n    \"account_token\": \""), "2-space indent, \"key\": value:\n"
                + saved);
        assertFalse(saved.contains("\" : "), saved);
        assertFalse(r.all().contains("plex-pin-token-0123456789"));
        // a second sign-in reuses the same client identifier
        CliRun again = cli().env("PLEX_SIMKL_SYNC_AUTH_TIMEOUT_SECONDS", "3").sleeper(d -> { }).run("--init-plex",
                "--dir", dir.toString());
        assertEquals(ExitCode.PARTIAL, again.code);
        assertEquals(clientId, config().at("/plex/client_identifier").asText());
        assertTrue(sb.plex.requests().stream().filter(l -> l.path().equals("/api/v2/pins"))
                .allMatch(l -> clientId.equals(l.headers().get("x-plex-client-identifier"))));
    }

    @Test
    void plexPinExpired() throws Exception {
        CliRun r = cli().sleeper(d -> sb.plex.expirePin(sb.plex.pinCodes().get(0))).run("--init-plex", "--dir",
                dir.toString());
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertTrue(r.err.contains("expired"), r.err);
        assertConfigUntouched();
    }

    /** Takes the folder's run lock as another run would (a sync started while the person signs in). */
    private RunLock otherRun() {
        try {
            return RunLock.acquire(dir.resolve("state.lock"));
        } catch (Exception e) {
            throw new AssertionError("the lock was held: " + e.getMessage(), e);
        }
    }

    private void assertRefusedForTheLock(CliRun r) throws Exception {
        assertEquals(ExitCode.USAGE, r.code, r.toString());
        assertTrue(r.err.contains("Another plex_simkl_sync run is using " + dir), r.err);
        assertTrue(r.err.contains(dir.resolve("config.json") + " was not changed."), r.err);
        assertConfigUntouched();
    }

    /**
     * A sign-in waits minutes for the person without the run lock (a sync may run meanwhile), and
     * takes it to save: held by another run then, nothing is saved, and it says so.
     */
    @Test
    void aSimklSignInSavesUnderTheLockAndNotWhileAnotherRunHoldsIt() throws Exception {
        RunLock[] sync = {null};
        int[] polls = {0};
        CliRun r = cli().sleeper(d -> {
            otherRun().close(); // free while the person is away
            if (++polls[0] == 2) {
                sb.simkl.approvePin(sb.simkl.pendingPins().get(0), "pin-approved-token-0123456789");
                sync[0] = otherRun();
            }
        }).run("--init-simkl", "pin", "--dir", dir.toString());
        sync[0].close();
        assertRefusedForTheLock(r);
        assertFalse(r.all().contains("pin-approved-token-0123456789"), r.toString());
    }

    @Test
    void aPlexSignInSavesNothingWhileAnotherRunHoldsTheLock() throws Exception {
        RunLock[] sync = {null};
        CliRun r = cli().sleeper(d -> {
            otherRun().close(); // free while the person is away
            sb.plex.approvePin(sb.plex.pinCodes().get(0), "plex-pin-token-0123456789");
            sync[0] = otherRun();
        }).run("--init-plex", "--dir", dir.toString());
        sync[0].close();
        assertRefusedForTheLock(r);
        assertFalse(r.all().contains("plex-pin-token-0123456789"), r.toString());
    }

    /**
     * The redirect helper's code arrives while another run holds the lock: the browser and the
     * terminal say so, nothing is saved, and the helper keeps waiting, so the same link, opened
     * again once the other run is over, signs in.
     */
    @Test
    void theRedirectHelperSavesNothingUnderAnotherRunsLockAndTheSameLinkWorksAfterwards() throws Exception {
        int port = freePort();
        CliRun.Live live = cli().start("--init-simkl", "redirect", "--bind", "127.0.0.1:" + port, "--dir",
                dir.toString());
        String link = live.await("(http://\\S+/oauth/authorize\\S+)").group(1);
        try (RunLock sync = otherRun()) {
            HttpResponse<String> page = get(get(link).headers().firstValue("Location").orElseThrow());
            assertEquals(502, page.statusCode(), page.body());
            assertTrue(page.body().contains("Another plex_simkl_sync run is using"), page.body());
            live.await("Once that run has finished, open the link again: this helper is still waiting");
            assertConfigUntouched();
        }
        HttpResponse<String> again = get(get(link).headers().firstValue("Location").orElseThrow());
        assertEquals(200, again.statusCode(), again.body());
        CliRun r = live.finish();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(config().at("/simkl/access_token").asText().startsWith("simkl-token-"), config().toString());
        assertTrue(config().at("/mine/keep").asBoolean());
    }

    @Test
    void noSecretAppearsInDebugOutputOfAFullSync() throws Exception {
        sb.plex.watchlistAdd(sandbox.Catalogue.ARRIVAL.plexKey());
        CliRun r = new CliRun.Builder(home).env(sb.env()).sleeper(sb.slept::add).clock(sb.clock).run("--sync",
                "--debug", "--dir", dir.toString());
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(r.err.contains("[debug]"), "debug output is on");
        for (String secret : new String[] {Sandbox.PLEX_TOKEN, Sandbox.SIMKL_TOKEN, Sandbox.SIMKL_SECRET}) {
            assertFalse(r.all().contains(secret), "secret printed: " + secret);
        }
    }
}
