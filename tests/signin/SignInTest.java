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
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
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

    /** A browser's request; the limit only ends a test whose helper stopped answering. */
    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The redirect helper in the background. It looks whether the sign-in came each time its sleeper
     * returns from its look's wait (250 ms), and here that is once {@code browserDone} is counted
     * down: after the test's browser has its last page, which the helper sends only once the sign-in
     * has ended either way. SIMKL's pacing between the generation probe and the code exchange (a POST
     * a second) passes at once.
     */
    private CliRun.Live redirectHelper(CountDownLatch browserDone, int port, String... more) {
        List<String> args = new ArrayList<>(List.of("--init-simkl", "redirect", "--bind", "127.0.0.1:" + port,
                "--dir", dir.toString()));
        args.addAll(List.of(more));
        return cli().sleeper(d -> {
            if (d.toMillis() == 250) browserDone.await();
        }).start(args.toArray(String[]::new));
    }

    /** The person's browser: SIMKL's consent page, which redirects to the helper's callback with a code. */
    private String consent(Matcher link) throws Exception {
        HttpResponse<String> consent = get(link.group(1));
        assertEquals(302, consent.statusCode());
        return consent.headers().firstValue("Location").orElseThrow();
    }

    private JsonNode config() throws Exception {
        return Json.MAPPER.readTree(dir.resolve("config.json").toFile());
    }

    @Test
    void theRedirectHelperRefusesAWrongStateThenSavesTheToken() throws Exception {
        int port = freePort();
        sb.simkl.tokenExpiresIn(false); // the older answer: access_token, token_type, scope only
        CountDownLatch browserDone = new CountDownLatch(1);
        CliRun.Live live = redirectHelper(browserDone, port, "--debug");
        String location;
        try {
            Matcher link = live.await("(http://\\S+/oauth/authorize\\S+)");
            assertTrue(live.output().contains("Callback URL: http://127.0.0.1:" + port + "/callback"), live.output());
            String callback = "http://127.0.0.1:" + port + "/callback";
            assertEquals(400, get(callback + "?code=abc&state=forged").statusCode());
            assertEquals(400, get(callback + "?code=abc").statusCode());
            assertEquals(404, get("http://127.0.0.1:" + port + "/other").statusCode());
            location = consent(link);
            HttpResponse<String> page = get(location);
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("Success"));
        } finally {
            browserDone.countDown();
        }
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
        // the wait is the sleeper's (recorded, not slept): the 90 s pass at once
        CliRun r = cli().env("PLEX_SIMKL_SYNC_AUTH_TIMEOUT_SECONDS", "90")
                .run("--init-simkl", "redirect", "--bind", "127.0.0.1:" + freePort(), "--dir", dir.toString());
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertTrue(r.err.contains("Waiting up to 1 min for SIMKL to redirect back"), r.err);
        assertTrue(r.err.contains("No valid sign-in arrived within 1 min; nothing was saved."), r.err);
        assertEquals("", config().at("/simkl/access_token").asText(""));
    }

    /**
     * A connection that sends nothing, and one that stops halfway through its request line (a
     * browser's spare connection, a port scanner), hold up neither the other requests nor the
     * redirect: the sign-in completes.
     */
    @Test
    void idleConnectionsDoNotKeepTheRedirectHelperFromAnswering() throws Exception {
        int port = freePort();
        CountDownLatch browserDone = new CountDownLatch(1);
        CliRun.Live live = redirectHelper(browserDone, port);
        try {
            Matcher link = live.await("(http://\\S+/oauth/authorize\\S+)");
            try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), port);
                 Socket halfway = new Socket(InetAddress.getLoopbackAddress(), port)) {
                halfway.getOutputStream().write("GET /callback?sta".getBytes(StandardCharsets.US_ASCII));
                halfway.getOutputStream().flush();
                // the half-sent request has reached the helper before either of these
                assertEquals(400, get("http://127.0.0.1:" + port + "/callback?code=abc&state=forged").statusCode());
                HttpResponse<String> page = get(consent(link));
                assertEquals(200, page.statusCode(), page.body());
                assertTrue(page.body().contains("Success"), page.body());
                assertTrue(silent.isConnected() && halfway.isConnected());
            }
        } finally {
            browserDone.countDown();
        }
        CliRun r = live.finish();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(config().at("/simkl/access_token").asText().startsWith("simkl-token-"), config().toString());
    }

    /** SIMKL took the code but sent no token back: said in words at once, not as a wait that ran out. */
    @Test
    void aTokenExchangeAnsweredWithoutAnAccessTokenEndsTheHelperAndSaysSo() throws Exception {
        sb.simkl.inject("POST", "/oauth/token", Emulator.Fault.answer(200, Map.of("token_type", "bearer",
                "scope", "public")), 1);
        int port = freePort();
        CountDownLatch browserDone = new CountDownLatch(1);
        CliRun.Live live = redirectHelper(browserDone, port);
        HttpResponse<String> page;
        try {
            page = get(consent(live.await("(http://\\S+/oauth/authorize\\S+)")));
        } finally {
            browserDone.countDown();
        }
        assertEquals(502, page.statusCode(), page.body());
        assertTrue(page.body().contains("SIMKL answered the sign-in without an access token"), page.body());
        CliRun r = live.finish();
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertTrue(r.err.matches("(?s).*\\[x] SIMKL answered the sign-in without an access token; nothing was saved\\. "
                + "Run plex_simkl_sync --dir \\S+ --init-simkl redirect again\\..*"), r.err);
        assertFalse(r.err.contains("No valid sign-in arrived"), "not told as a wait that ran out: " + r.err);
        assertConfigUntouched();
    }

    /** The error page in the browser shows what went wrong, but never the code or the app's secret. */
    @Test
    void theErrorPageNeverEchoesTheCodeOrTheSecret() throws Exception {
        int port = freePort();
        CountDownLatch browserDone = new CountDownLatch(1);
        CliRun.Live live = redirectHelper(browserDone, port);
        String code;
        HttpResponse<String> page;
        try {
            String location = consent(live.await("(http://\\S+/oauth/authorize\\S+)"));
            code = location.replaceAll(".*code=([^&]+).*", "$1");
            // a service that repeats what it was sent in its error
            sb.simkl.inject("POST", "/oauth/token", Emulator.Fault.answer(400, Map.of("error", "invalid_grant",
                    "error_description", "code " + code + " with client_secret=" + Sandbox.SIMKL_SECRET
                            + " was not accepted")), 1);
            page = get(location);
        } finally {
            browserDone.countDown();
        }
        assertEquals(502, page.statusCode(), page.body());
        assertTrue(page.body().contains("HTTP 400") && page.body().contains("invalid_grant"), page.body());
        assertFalse(page.body().contains(code), "the code is not shown: " + page.body());
        assertFalse(page.body().contains(Sandbox.SIMKL_SECRET), "the secret is not shown: " + page.body());
        CliRun r = live.finish();
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertFalse(r.all().contains(code) || r.all().contains(Sandbox.SIMKL_SECRET), r.toString());
        assertConfigUntouched();
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

    /** The config.json of a V2 app: its client id only (no secret: V2's device and browser apps have none). */
    private void v2App() throws Exception {
        Files.writeString(dir.resolve("config.json"), "{\"simkl\": {\"client_id\": \"" + Sandbox.SIMKL_CLIENT_ID
                + "\"}}");
    }

    /**
     * A V2 app of a browser type at --init-simkl redirect: V2's authorization page with a PKCE
     * challenge (S256), the code exchanged with its verifier as a form, the renewable pair saved;
     * the verifier, like the tokens, never shown.
     */
    @Test
    void aV2BrowserAppSignsInOnV2sPageWithPkce() throws Exception {
        sb.simkl.authV2Browser();
        v2App();
        int port = freePort();
        CountDownLatch browserDone = new CountDownLatch(1);
        CliRun.Live live = redirectHelper(browserDone, port, "--debug");
        try {
            Matcher link = live.await("(http://\\S+/oauth2/authorize\\S+)");
            assertTrue(link.group(1).contains("&code_challenge_method=S256&"), link.group(1));
            assertTrue(link.group(1).contains("&scope=media%3Aread+media%3Awrite&"), link.group(1));
            HttpResponse<String> page = get(consent(link));
            assertEquals(200, page.statusCode(), page.body());
        } finally {
            browserDone.countDown();
        }
        CliRun r = live.finish();
        assertEquals(ExitCode.OK, r.code, r.toString());
        JsonNode c = config().path("simkl");
        assertFalse(c.path("access_token").asText().isBlank() || c.path("refresh_token").asText().isBlank(),
                c.toString());
        assertEquals(1, sb.simkl.codeVerifiers().size(), "exchanged once, with the verifier");
        for (String secret : List.of(sb.simkl.codeVerifiers().get(0), c.path("access_token").asText(),
                c.path("refresh_token").asText())) {
            assertFalse(r.all().contains(secret), "never shown: " + r);
        }
        assertTrue(sb.simkl.requests().stream().filter(l -> l.path().equals("/oauth2/token")).allMatch(l ->
                l.headers().get("content-type").startsWith("application/x-www-form-urlencoded")), "a form");
        assertEquals(0, sb.simkl.count("POST", "/oauth/token"), "not V1's exchange");
    }

    /** A V2 app of the type "TV, devices & command line" has no redirect URI: redirect signs it in with a code. */
    @Test
    void aV2DeviceAppAskedForTheRedirectSignsInWithACode() throws Exception {
        sb.simkl.authV2();
        v2App();
        CliRun r = cli().sleeper(d -> sb.simkl.pendingDevices().forEach(sb.simkl::approveDevice))
                .run("--init-simkl", "redirect", "--bind", "127.0.0.1:" + freePort(), "--dir", dir.toString());
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(r.err.contains("SIMKL gives this app the device sign-in"), r.err);
        assertTrue(r.err.matches("(?s).*enter this code:\\s+\\S+.*"), r.err);
        assertFalse(r.err.contains("Callback URL"), "no helper for an app without a redirect URI: " + r.err);
        assertFalse(config().at("/simkl/refresh_token").asText().isBlank(), config().toString());
    }

    /**
     * Only SIMKL's "not a V2 app" (401 / invalid_client) sends a sign-in to V1's PIN: any other
     * refusal of the device request is said with its error, and nothing else is asked.
     */
    @Test
    void aDeviceRequestRefusedForAnotherReasonIsSaidWithItsErrorAndNoV1PinIsAsked() throws Exception {
        sb.simkl.inject("POST", "/oauth2/device", Emulator.Fault.answer(400, Map.of("error", "invalid_scope",
                "error_description", "Unknown scope")), 1);
        CliRun r = cli().sleeper(d -> { }).run("--init-simkl", "pin", "--dir", dir.toString());
        assertEquals(ExitCode.AUTH, r.code, r.toString());
        assertTrue(r.err.contains("SIMKL refused a V2 device sign-in for this client id (HTTP 400 invalid_scope); "
                + "nothing was saved."), r.err);
        assertTrue(r.err.contains("--init-simkl redirect"), r.err);
        assertEquals(0, sb.simkl.count("GET", "/oauth/pin"), "no V1 PIN after a refusal that is not \"not V2\"");
        assertConfigUntouched();
    }

    /** A V2 app that SIMKL nonetheless sent to V1's PIN is refused it with 400: said as "a V2 app". */
    @Test
    void aV2AppRefusedV1sPinIsToldItIsAV2App() throws Exception {
        sb.simkl.authV2Browser();
        sb.simkl.inject("POST", "/oauth2/device", Emulator.Fault.answer(401, Map.of("error", "invalid_client")), 1);
        CliRun r = cli().sleeper(d -> { }).run("--init-simkl", "pin", "--dir", dir.toString());
        assertEquals(ExitCode.AUTH, r.code, r.toString());
        assertTrue(r.err.contains("SIMKL refused the V1 PIN for this client id (HTTP 400 invalid_request): this is a "
                + "V2 app"), r.err);
        assertTrue(r.err.contains("--init-simkl redirect") && r.err.contains("TV, devices & command line"), r.err);
        assertFalse(r.err.contains("revoked"), "not told as a refused token: " + r.err);
        assertConfigUntouched();
    }

    /** After a SIMKL sign-in the hint names what is missing next: the Plex sign-in, then a dry run. */
    @Test
    void theHintAfterASimklSignInNamesTheNextMissingStep() throws Exception {
        CliRun first = cli().sleeper(d -> sb.simkl.pendingPins().forEach(p -> sb.simkl.approvePin(p,
                "pin-approved-token-0123456789"))).run("--init-simkl", "pin", "--dir", dir.toString());
        assertEquals(ExitCode.OK, first.code, first.toString());
        assertTrue(first.err.contains("Next, sign in to Plex: run plex_simkl_sync --dir " + dir + " --init-plex."),
                first.err);
        assertFalse(first.err.contains("--sync next"), first.err);
        com.fasterxml.jackson.databind.node.ObjectNode c = (com.fasterxml.jackson.databind.node.ObjectNode) config();
        c.putObject("plex").put("account_token", Sandbox.PLEX_TOKEN);
        Files.writeString(dir.resolve("config.json"), Json.MAPPER.writeValueAsString(c));
        CliRun second = cli().sleeper(d -> sb.simkl.pendingPins().forEach(p -> sb.simkl.approvePin(p,
                "pin-approved-token-9876543210"))).run("--init-simkl", "pin", "--dir", dir.toString());
        assertEquals(ExitCode.OK, second.code, second.toString());
        assertTrue(second.err.contains("run plex_simkl_sync --dir " + dir + " --sync --dry-run."), second.err);
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
        assertTrue(r.err.contains(sb.plex.url() + "/auth?clientID="), "the emulator's own page: " + r.err);
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

    /**
     * Under an emulated plex.tv the link is that emulator's approval page, which a person opens (or
     * curls) to approve: the sign-in then completes.
     */
    @Test
    void thePlexLinkUnderAnEmulatorIsItsOwnApprovalPage() throws Exception {
        CountDownLatch approved = new CountDownLatch(1);
        CliRun.Live live = cli().sleeper(d -> approved.await()).start("--init-plex", "--dir", dir.toString());
        try {
            String link = live.await("(http://127\\.0\\.0\\.1:\\d+/auth\\?\\S+)").group(1);
            assertTrue(link.startsWith(sb.plex.url() + "/auth?clientID="), link);
            HttpResponse<String> page = get(link);
            assertEquals(200, page.statusCode(), page.body());
            assertTrue(page.body().contains("Approve"), page.body());
            String code = link.replaceAll(".*[?&]code=([^&]+).*", "$1");
            HttpResponse<String> approve = http.send(HttpRequest.newBuilder(URI.create(sb.plex.url() + "/auth"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("code=" + code)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, approve.statusCode(), approve.body());
            assertTrue(approve.body().contains("signed in to Plex"), approve.body());
        } finally {
            approved.countDown();
        }
        CliRun r = live.finish();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertFalse(config().at("/plex/account_token").asText().isBlank(), config().toString());
        assertFalse(r.all().contains("app.plex.tv"), "no real Plex link for an emulated plex.tv: " + r);
        assertEquals("https://app.plex.tv/auth/#!?clientID=id-1&code=AB12&context%5Bdevice%5D%5Bproduct%5D="
                + "plex_simkl_sync", plex.PlexPinLogin.authUrl("https://plex.tv", "id-1", "AB12"),
                "the real plex.tv's PIN is approved on Plex's own page");
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
        CountDownLatch browserDone = new CountDownLatch(1);
        // the helper's look for the sign-in waits for the browser; SIMKL's pacing between the generation probe and
        // the two code exchanges (a POST a second) passes at once
        CliRun.Live live = cli().sleeper(d -> {
            if (d.toMillis() == 250) browserDone.await();
        }).start("--init-simkl", "redirect", "--bind", "127.0.0.1:" + port, "--dir", dir.toString());
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
        browserDone.countDown();
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
