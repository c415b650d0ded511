package simkl;

import http.AuthException;
import http.ServiceException;
import model.Ids;
import model.MediaItem;
import model.MediaType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sandbox.Catalogue;
import sandbox.Emulator.Fault;
import sandbox.SimklEmulator;
import support.Sandbox;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SimklClientTest {
    private Sandbox sb;
    private SimklClient client;

    @BeforeEach
    void open() {
        sb = new Sandbox();
        client = new SimklClient(sb.simklConfig(), sb.endpoints(), sb.policy(), "test");
    }

    @AfterEach
    void close() {
        client.close();
        sb.close();
    }

    @Test
    void everyRequestCarriesTheIdentifyingParametersAndHeaders() throws Exception {
        client.activities();
        client.list("movies");
        SimklEmulator.Logged r = sb.simkl.requests().get(0);
        assertEquals(Sandbox.SIMKL_CLIENT_ID, r.query().get("client_id"));
        assertEquals("plex_simkl_sync", r.query().get("app-name"), "the product name of the User-Agent");
        assertEquals("test", r.query().get("app-version"));
        assertEquals("plex_simkl_sync/test", r.headers().get("user-agent"));
        assertEquals("***", r.headers().get("authorization"));
    }

    @Test
    void theAccountIsReadFromTheSettingsRouteAndAnAnswerWithoutItsIdIsRefused() throws Exception {
        sb.simkl.inject("POST", "/users/settings", Fault.answer(200,
                support.Fixtures.json("simkl/users_settings.RECONSTRUCTED.json")), 1);
        assertEquals(new SimklClient.Account("51", "Example Person", "free"), client.account());
        assertEquals(1, sb.simkl.count("POST", "/users/settings"), "a POST, as SIMKL documents the route");
        sb.simkl.inject("POST", "/users/settings", Fault.answer(200, java.util.Map.of("user",
                java.util.Map.of("name", "Someone"))), 1);
        ServiceException e = assertThrows(ServiceException.class, client::account);
        assertTrue(e.getMessage().contains("without its id"), e.getMessage());
        sb.simkl.account(77, "Partner");
        assertEquals(new SimklClient.Account("77", "Partner", "free"), client.account(), "the emulator's own answer");
    }

    @Test
    void readsPlanToWatchOfEachBucketWithAnimeMoviesAsMovies() throws Exception {
        sb.simkl.put(Catalogue.ARRIVAL.simkl(), "plantowatch");
        sb.simkl.put(Catalogue.SEVERANCE.simkl(), "plantowatch");
        sb.simkl.put(Catalogue.FRIEREN.simkl(), "plantowatch");
        sb.simkl.put(Catalogue.SUZUME.simkl(), "plantowatch");
        sb.simkl.put(Catalogue.TERMINATOR.simkl(), "completed");
        assertEquals(2, client.list("movies").size(), "every list: Plan to Watch and completed");
        List<SimklEntry> anime = client.list("anime");
        assertEquals(2, anime.size());
        SimklEntry suzume = anime.stream().filter(e -> e.item().title().equals("Suzume")).findFirst().orElseThrow();
        assertEquals(MediaType.MOVIE, suzume.item().type());
        SimklEntry frieren = anime.stream().filter(e -> e.item().title().startsWith("Sousou no Frieren")).findFirst()
                .orElseThrow();
        assertEquals(MediaType.SHOW, frieren.item().type());
        assertEquals("52991", frieren.item().ids().get("mal"));
        assertEquals("424536", frieren.item().ids().get("tvdb"),
                "anime are asked with extended=full_anime_seasons, which brings the TVDB id");
        assertTrue(frieren.removable());
        List<SimklEntry> allMovies = client.list("movies");
        assertFalse(client.list("shows").isEmpty());
        assertEquals(List.of("extended=full_anime_seasons"),
                sb.simkl.requests().stream().filter(l -> l.path().endsWith("/anime"))
                .map(l -> "extended=" + l.query().get("extended")).distinct().toList());
        assertTrue(sb.simkl.requests().stream().filter(l -> !l.path().endsWith("/anime"))
                .noneMatch(l -> l.query().containsKey("extended")),
                "full_anime_seasons only on anime: on shows it would add every watched episode");
        assertFalse(allMovies.stream().filter(e -> e.status().equals("completed")).findFirst().orElseThrow()
                .removable());
    }

    @Test
    void emptyListsAsNullOrEmptyObjectAreEmpty() throws Exception {
        sb.simkl.emptyAsNull(true);
        assertTrue(client.list("shows").isEmpty());
        sb.simkl.emptyAsNull(false);
        assertTrue(client.list("shows").isEmpty());
        sb.simkl.put(Catalogue.ARRIVAL.simkl(), "plantowatch");
        assertTrue(client.list("shows").isEmpty(), "another bucket's key missing means empty");
    }

    @Test
    void aMalformedListIsAnErrorNeverAnEmptyList() {
        sb.simkl.put(Catalogue.ARRIVAL.simkl(), "plantowatch");
        sb.simkl.inject("GET", "/sync/all-items", Fault.malformed(), 1);
        assertThrows(ServiceException.class, () -> client.list("movies"));
    }

    @Test
    void activitiesMoveWithEveryChange() throws Exception {
        SimklActivities before = client.activities();
        sb.simkl.put(Catalogue.SEVERANCE.simkl(), "plantowatch");
        SimklActivities after = client.activities();
        assertNotEquals(before.bucket("shows"), after.bucket("shows"));
        assertEquals(before.bucket("movies"), after.bucket("movies"));
        assertNotNull(after.stamps().get("shows.plantowatch"));
    }

    @Test
    void addsGoInBatchesOfAHundredWithToOnEveryItemAndAnimeUnderShows() throws Exception {
        List<MediaItem> items = new ArrayList<>();
        for (int i = 0; i < 150; i++) items.add(new MediaItem(MediaType.MOVIE, "Nope " + i, 2000,
                Ids.of("imdb", "tt88" + (100000 + i))));
        items.add(new MediaItem(MediaType.SHOW, "Frieren", 2023, Ids.of("tvdb", "424536")));
        items.add(new MediaItem(MediaType.MOVIE, "Arrival", 2016, Ids.of("tmdb", "329865")));
        SimklClient.WriteResult r = client.addToPlanToWatch(items);
        assertEquals(2, sb.simkl.count("POST", "/sync/add-to-list"));
        assertEquals(2, r.done().size());
        assertEquals(150, r.notFound().size());
        assertEquals("plantowatch", sb.simkl.entry(Catalogue.FRIEREN.simkl()).status);
        assertEquals(List.of(Duration.ofSeconds(1)), sb.slept, "the second POST waits a second");
        assertTrue(sb.simkl.requests().stream().filter(l -> l.method().equals("POST"))
                .allMatch(l -> l.body().contains("\"to\":\"plantowatch\"")));
    }

    @Test
    void removeSendsIdsOnlyAndReportsNotFound() throws Exception {
        sb.simkl.put(Catalogue.ARRIVAL.simkl(), "plantowatch");
        SimklClient.WriteResult r = client.removeFromLists(List.of(
                new MediaItem(MediaType.MOVIE, "Arrival", 2016, Ids.of("simkl", "1000101", "imdb", "tt2543164")),
                new MediaItem(MediaType.SHOW, "Ghost", 2000, Ids.of("tvdb", "999999999"))));
        assertEquals(1, r.done().size());
        assertEquals(1, r.notFound().size());
        assertNull(sb.simkl.entry(Catalogue.ARRIVAL.simkl()));
        String body = sb.simkl.requests().get(0).body();
        assertFalse(body.contains("title") || body.contains("seasons") || body.contains("\"to\""), body);
    }

    @Test
    void badClientIdAndBadTokenAreRefused() {
        SimklClient wrongId = new SimklClient(new config.Config.Simkl("nope", "", Sandbox.SIMKL_TOKEN, "", 0),
                sb.endpoints(), sb.policy(), "t");
        AuthException e = assertThrows(AuthException.class, wrongId::activities);
        assertEquals(412, e.status());
        assertEquals(http.Service.SIMKL, e.service());
        wrongId.close();
        sb.simkl.revokeTokens();
        assertThrows(AuthException.class, () -> client.activities());
    }

    @Test
    void fiveHundredsAreRetriedAndFourTwentyNineHonoursRetryAfter() throws Exception {
        sb.simkl.inject("GET", "/sync/activities", Fault.status(503), 2);
        client.activities();
        sb.clock.advance(Duration.ofNanos((1_000_000_000L - sb.clock.instant()
                .getNano()) % 1_000_000_000L)); // a whole second, as HTTP dates are
        String inFiveSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(sb.clock.instant().plusSeconds(5)
                .atZone(ZoneOffset.UTC));
        sb.simkl.inject("GET", "/sync/all-items", Fault.status(429, inFiveSeconds), 1);
        client.list("movies");
        assertEquals(3, sb.slept.size(), sb.slept.toString());
        assertEquals(Duration.ofSeconds(5), sb.slept.get(2), "an HTTP-date Retry-After is honoured");
    }

    @Test
    void pinFlowPendingThenApprovedAndAUsedCodeEnds() throws Exception {
        try (SimklOAuth oauth = new SimklOAuth(Sandbox.SIMKL_CLIENT_ID, sb.endpoints(), sb.policy(), "test")) {
            SimklOAuth.Pin pin = oauth.pinStart();
            assertEquals(5, pin.interval());
            assertNull(oauth.pinPoll(pin.userCode()).token());
            assertTrue(oauth.pinPoll(pin.userCode()).slowDown(), "polled again at once: SIMKL says slow down");
            sb.simkl.approvePin(pin.userCode(), "pin-granted-token-123456");
            sb.clock.advance(Duration.ofSeconds(pin.interval()));
            assertEquals("pin-granted-token-123456", oauth.pinPoll(pin.userCode()).token());
            assertThrows(ServiceException.class, () -> oauth.pinPoll(pin.userCode()),
                    "a used code mints a new one: stop");
        }
    }

    @Test
    void aListTooLongForOneAnswerIsReadStatusByStatusAndAnyOtherRefusalFailsTheRead() throws Exception {
        sb.simkl.put(Catalogue.ARRIVAL.simkl(), "completed");
        sb.simkl.inject("GET", "/sync/all-items/movies", Fault.answer(400, Map.of("error", "max_items", "code",
                400)), 1);
        sb.simkl.inject("GET", "/sync/all-items/movies/plantowatch", Fault.answer(200, Map.of("movies", List.of(
                Map.of("movie", Map.of("title", "Dune: Part Two", "year", 2024, "ids", Map.of("simkl",
                        Catalogue.DUNE.simkl())))))), 1);
        List<SimklEntry> movies = client.list("movies");
        assertEquals(List.of("Dune: Part Two plantowatch", "Arrival completed"),
                movies.stream().map(e -> e.item().title() + " " + e.status()).toList());
        assertEquals(1, sb.simkl.count("GET", "/sync/all-items/movies/completed"));
        assertEquals(6, sb.simkl.count("GET", "/sync/all-items/movies"), "the refusal is not asked again");

        sb.simkl.inject("GET", "/sync/all-items/anime", Fault.answer(400, Map.of("error", "wrong_parameter",
                "code", 400)), 1);
        ServiceException e = assertThrows(ServiceException.class, () -> client.list("anime"));
        assertEquals(400, e.status(), "only max_items means: ask status by status");
        assertTrue(e.getMessage().contains("wrong_parameter") && e.getMessage().contains("nothing was changed"),
                e.getMessage());
    }

    @Test
    void aRatingIsAScoreUnderUserRatingElseRatingAndOnlyUserRatingNullSaysUnrated() throws Exception {
        var json = files.Json.MAPPER;
        assertEquals(Boolean.TRUE, SimklRows.rating(json.readTree("{\"user_rating\": 7}")));
        assertEquals(Boolean.TRUE, SimklRows.rating(json.readTree("{\"rating\": 8}")));
        assertEquals(Boolean.TRUE, SimklRows.rating(json.readTree("{\"user_rating\": null, \"rating\": 8}")));
        assertEquals(Boolean.FALSE, SimklRows.rating(json.readTree("{\"user_rating\": null}")));
        assertNull(SimklRows.rating(json.readTree("{\"rating\": null}")), "says nothing for sure");
        assertNull(SimklRows.rating(json.readTree("{}")));
    }
}
