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
            assertTrue(debug.get(0).contains("V1 PIN"), debug.toString());
            assertNotNull(o.pinStart().userCode());
        }
        assertThrows(AuthException.class, oauth::pinStart, "and a V2 app is refused V1's PIN");
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
