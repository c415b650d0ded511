package simkl;

import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import http.AuthException;
import http.Redactor;
import http.ServiceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sandbox.Emulator;
import simkl.SimklOAuth.Tokens;
import support.Sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** SIMKL's sign-in endpoints against the emulator: the V2 device grant and refresh, and V1 apps. */
class SimklOAuthTest {
    Sandbox sb;
    SimklOAuth oauth;
    final List<String> debug = new ArrayList<>();

    @BeforeEach
    void open() {
        sb = new Sandbox();
        sb.simkl.authV2();
        oauth = new SimklOAuth(Sandbox.SIMKL_CLIENT_ID, sb.endpoints(), sb.policy(), "test");
    }

    @AfterEach
    void close() {
        oauth.close();
        sb.close();
    }

    private JsonNode body(Emulator.Logged l) throws Exception {
        return Json.MAPPER.readTree(l.body());
    }

    @Test
    void theDeviceGrantAsksForReadAndWriteAndPollsAsRfc8628Says() throws Exception {
        SimklOAuth.Device d = oauth.deviceStart(debug::add);
        assertNotNull(d);
        assertEquals(5, d.interval());
        assertTrue(d.verificationUriComplete().endsWith("user_code=" + d.userCode()), d.verificationUriComplete());
        assertNull(oauth.devicePoll(d).tokens(), "pending");
        assertTrue(oauth.devicePoll(d).slowDown(), "polled again at once");
        sb.simkl.approveDevice(d.userCode());
        sb.clock.advance(Duration.ofSeconds(10));
        Tokens t = oauth.devicePoll(d).tokens();
        assertTrue(t.renewable());
        assertEquals(sb.clock.instant().plus(Duration.ofDays(7)).getEpochSecond(), t.expiresAt());
        assertFalse(t.toString().contains(t.access()), "tokens never in their text form");
        assertThrows(ServiceException.class, () -> oauth.devicePoll(d), "a used device code is gone");
        try (SimklClient c = client(t.access())) {
            sb.clock.advance(Duration.ofSeconds(2));
            model.MediaItem arrival = new model.MediaItem(model.MediaType.MOVIE, "Arrival", 2016,
                    model.Ids.of("simkl", String.valueOf(sandbox.Catalogue.ARRIVAL.simkl())));
            assertEquals(1, c.addToPlanToWatch(List.of(arrival)).done().size(),
                    "the token may write: the sign-in asked for media:write");
        }
    }

    @Test
    void aDeclinedOrExpiredSignInEndsWithAClearMessage() throws Exception {
        SimklOAuth.Device declined = oauth.deviceStart(debug::add);
        sb.simkl.denyDevice(declined.userCode());
        ServiceException no = assertThrows(ServiceException.class, () -> oauth.devicePoll(declined));
        assertTrue(no.getMessage().contains("declined"), no.getMessage());
        SimklOAuth.Device late = oauth.deviceStart(debug::add);
        sb.clock.advance(Duration.ofSeconds(901));
        ServiceException expired = assertThrows(ServiceException.class, () -> oauth.devicePoll(late));
        assertTrue(expired.getMessage().contains("expired"), expired.getMessage());
    }

    @Test
    void aRefreshGivesANewAccessTokenAndKillsTheOldOne() throws Exception {
        String[] signedIn = sb.simkl.signedInV2();
        Tokens renewed = oauth.refresh(signedIn[1]);
        assertNotEquals(signedIn[0], renewed.access());
        assertEquals(signedIn[1], renewed.refresh(), "the refresh token is kept");
        try (SimklClient old = client(signedIn[0]); SimklClient fresh = client(renewed.access())) {
            assertThrows(AuthException.class, old::activities, "the old access token stops at once");
            assertNotNull(fresh.activities());
        }
    }

    @Test
    void aRefreshTokenUnusedForHalfAYearIsARefusalOfTheCredentials() throws Exception {
        String[] signedIn = sb.simkl.signedInV2();
        sb.clock.advance(Duration.ofDays(181));
        AuthException e = assertThrows(AuthException.class, () -> oauth.refresh(signedIn[1]));
        assertTrue(e.getMessage().contains("refresh token"), e.getMessage());
        assertFalse(e.getMessage().contains(signedIn[1]));
    }

    @Test
    void aV1AppIsToldApartAndKeepsItsPin() throws Exception {
        try (Sandbox v1 = new Sandbox();
             SimklOAuth o = new SimklOAuth(Sandbox.SIMKL_CLIENT_ID, v1.endpoints(), v1.policy(), "test")) {
            assertNull(o.deviceStart(debug::add), "no device grant for a V1 app");
            assertTrue(debug.get(0).contains("not a V2 app (HTTP 401 invalid_client"), debug.toString());
            assertNotNull(o.pinStart().userCode());
        }
        SimklOAuth.Refused v2 = assertThrows(SimklOAuth.Refused.class, oauth::pinStart,
                "and a V2 app is refused V1's PIN");
        assertTrue(v2.getMessage().endsWith("this is a V2 app"), v2.getMessage());
    }

    /** RFC 8628 and RFC 6749 want forms at both endpoints; the emulator, like the strictest SIMKL, refuses JSON. */
    @Test
    void everyV2SignInRequestIsAFormAndJsonIsRefused() throws Exception {
        SimklOAuth.Device d = oauth.deviceStart(debug::add);
        oauth.devicePoll(d);
        oauth.refresh(sb.simkl.signedInV2()[1]);
        List<Emulator.Logged> v2 = sb.simkl.requests().stream().filter(l -> l.path().startsWith("/oauth2/")).toList();
        assertEquals(3, v2.size(), v2.toString());
        for (Emulator.Logged l : v2) {
            assertTrue(l.headers().get("content-type").startsWith("application/x-www-form-urlencoded"), l.toString());
            assertTrue(l.status() < 400 || l.status() == 400 && l.path().equals("/oauth2/token"), l.toString());
        }
        java.net.http.HttpResponse<String> json = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(sb.simkl.url() + "/oauth2/device?client_id="
                        + Sandbox.SIMKL_CLIENT_ID)).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"client_id\": \""
                                + Sandbox.SIMKL_CLIENT_ID + "\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(400, json.statusCode(), json.body());
        assertEquals("invalid_request", Json.MAPPER.readTree(json.body()).path("error").asText());
    }

    /** Only SIMKL's "not a V2 app" (401, or invalid_client) means V1; any other refusal is said with its error. */
    @Test
    void onlyANotAV2AppAnswerFallsBackToV1() throws Exception {
        sb.simkl.inject("POST", "/oauth2/device", Emulator.Fault.answer(400, Map.of("error", "invalid_request",
                "error_description", "Missing parameter")), 1);
        SimklOAuth.Refused refused = assertThrows(SimklOAuth.Refused.class, () -> oauth.deviceStart(debug::add));
        assertEquals(400, refused.status());
        assertEquals("invalid_request", refused.error());
        assertTrue(refused.getMessage().contains("(HTTP 400 invalid_request)"), refused.getMessage());
        sb.simkl.inject("POST", "/oauth2/device", Emulator.Fault.answer(400, Map.of("error", "invalid_client")), 1);
        assertNull(oauth.deviceStart(debug::add), "invalid_client: not a V2 app");
        sb.simkl.inject("POST", "/oauth2/device", Emulator.Fault.answer(401, Map.of("error", "unauthorized")), 1);
        assertNull(oauth.deviceStart(debug::add), "401: not a V2 app");
        sb.simkl.inject("POST", "/oauth2/device", Emulator.Fault.answer(404, Map.of("error", "not_found")), 1);
        assertEquals(404, assertThrows(SimklOAuth.Refused.class, () -> oauth.deviceStart(debug::add)).status());
    }

    /**
     * A V2 app of a browser type is refused the device grant; its code from V2's authorization page
     * is exchanged with the PKCE verifier of the link's challenge, and with no other.
     */
    @Test
    void aV2BrowserAppExchangesItsCodeWithThePkceVerifier() throws Exception {
        try (Sandbox browserApp = new Sandbox();
             SimklOAuth o = new SimklOAuth(Sandbox.SIMKL_CLIENT_ID, browserApp.endpoints(), browserApp.policy(),
                     "test")) {
            browserApp.simkl.authV2Browser();
            assertEquals("unauthorized_client", assertThrows(SimklOAuth.Refused.class,
                    () -> o.deviceStart(debug::add)).error());
            Pkce pkce = Pkce.create(new java.security.SecureRandom());
            assertEquals(43, pkce.verifier().length());
            String redirect = "http://127.0.0.1:8787/callback";
            String wrong = authorizedCode(browserApp, pkce, redirect);
            ServiceException no = assertThrows(ServiceException.class, () -> o.exchangeCodePkce(wrong,
                    Pkce.create(new java.security.SecureRandom()).verifier(), redirect, ""));
            assertTrue(no.getMessage().contains("(HTTP 400 invalid_grant)"), no.getMessage());
            browserApp.clock.advance(Duration.ofSeconds(2));
            Tokens t = o.exchangeCodePkce(authorizedCode(browserApp, pkce, redirect), pkce.verifier(), redirect, "");
            assertTrue(t.renewable());
            assertEquals(List.of(pkce.verifier()), browserApp.simkl.codeVerifiers());
        }
    }

    /** The person on V2's authorization page, approving at once: the code it redirects back with. */
    private static String authorizedCode(Sandbox s, Pkce pkce, String redirect) throws Exception {
        String link = s.simkl.url() + "/oauth2/authorize?response_type=code&client_id=" + Sandbox.SIMKL_CLIENT_ID
                + "&redirect_uri=" + java.net.URLEncoder.encode(redirect, java.nio.charset.StandardCharsets.UTF_8)
                + "&state=s&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256";
        java.net.http.HttpResponse<String> page = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(link)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(302, page.statusCode(), page.body());
        return page.headers().firstValue("Location").orElseThrow().replaceAll(".*[?&]code=([^&]+).*", "$1");
    }

    @Test
    void pkceChallengesAreRfc7636s() {
        // RFC 7636, appendix B
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                Pkce.challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
        Pkce p = Pkce.create(new java.security.SecureRandom());
        assertFalse(p.toString().contains(p.verifier()), "the verifier is a secret");
    }

    @Test
    void tokenAnswersAreCheckedBeforeAnythingIsSaved() throws Exception {
        Instant now = Instant.parse("2026-11-24T12:00:00Z");
        String good = "{\"access_token\":\"a-123456\",\"refresh_token\":\"r-123456\",\"expires_in\":604800,"
                + "\"token_type\":\"Bearer\"}";
        assertEquals(now.getEpochSecond() + 604800, SimklOAuth.tokens(Json.MAPPER.readTree(good), now).expiresAt());
        for (String bad : List.of(
                "{\"access_token\":\"\",\"refresh_token\":\"r\",\"expires_in\":1}",
                "{\"access_token\":\"a-123456\",\"refresh_token\":\"r-123456\"}",
                "{\"access_token\":\"a-123456\",\"refresh_token\":\"r-123456\",\"expires_in\":true}",
                "{\"access_token\":\"a-123456\",\"token_type\":\"mac\"}")) {
            assertThrows(ServiceException.class, () -> SimklOAuth.tokens(Json.MAPPER.readTree(bad), now), bad);
        }
    }

    @Test
    void theKeeperRenewsADayBeforeTheEndAndOnceAfterARefusal() throws Exception {
        String[] signedIn = sb.simkl.signedInV2();
        List<Tokens> saved = new ArrayList<>();
        Tokens start = new Tokens(signedIn[0], signedIn[1], Long.parseLong(signedIn[2]));
        SimklTokens keeper = new SimklTokens(start, oauth, saved::add, sb.clock, new Redactor(), w -> { });
        assertEquals(Map.of("Authorization", "Bearer " + signedIn[0]), keeper.headers(), "six days left: as it is");
        sb.clock.advance(Duration.ofDays(6).plusMinutes(1));
        Map<String, String> renewed = keeper.headers();
        assertNotEquals(Map.of("Authorization", "Bearer " + signedIn[0]), renewed, "less than a day left: renewed");
        assertEquals(1, saved.size(), "saved at once");
        assertEquals(renewed, keeper.renewAfterRefusal(Map.of("Authorization", "Bearer " + signedIn[0])),
                "a refusal of the old token (renewed meanwhile) is answered with the current one, not a refresh");
        assertEquals(1, sb.simkl.renewals());
        Map<String, String> again = keeper.renewAfterRefusal(renewed);
        assertNotEquals(renewed, again);
        assertEquals(2, sb.simkl.renewals());
        SimklTokens v1 = new SimklTokens(new Tokens("v1-token-123456", "", 0), oauth, saved::add, sb.clock,
                new Redactor(), w -> { });
        assertNull(v1.renewAfterRefusal(v1.headers()), "a V1 token is not renewed: the refusal stands");
    }

    @Test
    void aRenewalThatCannotBeSavedWarnsAndTheRunGoesOn() throws Exception {
        String[] signedIn = sb.simkl.signedInV2();
        List<String> warned = new ArrayList<>();
        Redactor redactor = new Redactor();
        SimklTokens keeper = new SimklTokens(new Tokens(signedIn[0], signedIn[1], 1), oauth,
                t -> { throw new java.io.IOException("disk full"); }, sb.clock, redactor, warned::add);
        Map<String, String> h = keeper.headers();
        assertEquals(1, warned.size());
        assertTrue(warned.get(0).contains("disk full") && warned.get(0).contains("renews it again"), warned.get(0));
        String access = h.get("Authorization").substring(7);
        assertFalse(redactor.apply("token " + access).contains(access), "the new token is redacted at once");
        try (SimklClient c = client(access)) {
            assertNotNull(c.activities());
        }
    }

    private SimklClient client(String token) {
        return new SimklClient(new config.Config.Simkl(Sandbox.SIMKL_CLIENT_ID, "", token, "", 0), sb.endpoints(),
                sb.policy(), "test");
    }

    @Test
    void aTokenAnswerWithoutAnAccessTokenIsRefusedByName() {
        ServiceException e = assertThrows(ServiceException.class, () -> SimklOAuth.tokens(
                Json.MAPPER.readTree("{\"token_type\": \"bearer\", \"scope\": \"public\"}"),
                Instant.EPOCH));
        assertEquals("SIMKL answered the sign-in without an access token; nothing was saved.", e.getMessage());
    }
}
