package sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import support.Sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The emulators answer as the real services do (docs/services.md), seen with a plain HTTP client. */
class EmulatorTest {
    final Sandbox sb = new Sandbox();
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        sb.close();
    }

    private HttpResponse<String> plex(String method, String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sb.plex.url() + pathAndQuery)).method(method,
                HttpRequest.BodyPublishers.noBody())
                .header("X-Plex-Token", Sandbox.PLEX_TOKEN).header("Accept", "application/json");
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> simkl(String method, String path, String body, boolean bearer) throws Exception {
        if (method.equals("POST")) sb.clock.advance(Duration.ofSeconds(1)); // paced as SIMKL asks
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sb.simkl.url() + path
                + (path.contains("?") ? "&" : "?") + "client_id=" + Sandbox.SIMKL_CLIENT_ID))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (bearer) b.header("Authorization", "Bearer " + Sandbox.SIMKL_TOKEN);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void plexWatchlistPagingDefaultsCapAndPastTheEnd() throws Exception {
        for (Title t : Catalogue.generated(1, 30)) {
            sb.plex.addTitles(List.of(t));
            sb.plex.watchlistAdd(t.plexKey());
        }
        JsonNode mc = Json.MAPPER.readTree(plex("GET",
                "/library/sections/watchlist/all").body()).path("MediaContainer");
        assertEquals(20, mc.path("size").asInt(), "default page of 20");
        assertEquals(30, mc.path("totalSize").asInt());
        assertFalse(mc.path("Metadata").get(0).has("Guid"), "no Guid without includeGuids");
        assertEquals(400, plex("GET", "/library/sections/watchlist/all?X-Plex-Container-Size=101").statusCode());
        JsonNode past = Json.MAPPER.readTree(plex("GET",
                "/library/sections/watchlist/all?X-Plex-Container-Start=300").body()).path("MediaContainer");
        assertFalse(past.has("Metadata"));
        HttpResponse<String> viaHeaders = plex("GET", "/library/sections/watchlist/all?includeGuids=1",
                "X-Plex-Container-Start", "25", "X-Plex-Container-Size", "10");
        assertEquals(5, Json.MAPPER.readTree(viaHeaders.body()).path("MediaContainer").path("size").asInt());
        String etag = viaHeaders.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, plex("GET", "/library/sections/watchlist/all?includeGuids=1", "X-Plex-Container-Start", "25",
                "X-Plex-Container-Size", "10", "If-None-Match", etag).statusCode());
        HttpResponse<String> xml = http.send(HttpRequest.newBuilder(URI.create(sb.plex.url()
                + "/library/sections/watchlist/all"))
                .header("X-Plex-Token", Sandbox.PLEX_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(xml.body().contains("<MediaContainer"), "XML without Accept: application/json");
    }

    @Test
    void plexRefusalsAsDocumented() throws Exception {
        assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(sb.plex.url()
                + "/library/sections/watchlist/all")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(400, plex("GET", "/library/metadata/matches?guid=tmdb://218").statusCode(), "type is mandatory");
        assertEquals(400, plex("GET", "/library/search?query=arrival").statusCode(), "searchProviders is required");
        assertEquals(404, plex("PUT", "/actions/addToWatchlist?ratingKey=000000000000000000000000").statusCode());
        assertEquals(500, plex("PUT", "/actions/addToWatchlist?ratingKey=" + Catalogue.ARRIVAL.plexKey(),
                "Content-Type", "application/json").statusCode());
        assertEquals(200, plex("PUT", "/actions/removeFromWatchlist?ratingKey="
                + Catalogue.ARRIVAL.plexKey()).statusCode(), "idempotent");
        assertEquals(400, http.send(HttpRequest.newBuilder(URI.create(sb.plex.url() + "/api/v2/pins?strong=true"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode(), "client identifier required");
        sb.plex.inject("GET", "/api/v2/user", Emulator.Fault.status(429, "3"), 1);
        HttpResponse<String> limited = plex("GET", "/api/v2/user");
        assertEquals(429, limited.statusCode());
        assertEquals("3", limited.headers().firstValue("Retry-After").orElse(""));
        assertTrue(sb.plex.requests().stream().allMatch(l -> !l.headers().containsKey("x-plex-token")
                || l.headers().get("x-plex-token").equals("***")));
    }

    /** A switch to a Home user as the owner asks it; the token the answer holds, or null. */
    private String switchTo(int userId, int... expected) throws Exception {
        HttpResponse<String> r = plex("POST", "/api/home/users/" + userId + "/switch");
        assertEquals(expected.length == 0 ? 201 : expected[0], r.statusCode(), r.body());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("authenticationToken=\"([^\"]+)\"")
                .matcher(r.body());
        return m.find() ? m.group(1) : null;
    }

    private int watchlistStatus(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sb.plex.url() + "/library/sections/watchlist/all"))
                .header("X-Plex-Token", token).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void plexHomeSwitchesAreLimitedAndAManagedUserHasNoWatchlist() throws Exception {
        sb.plex.addHomeUser("Teen", null); // 7001, a Plex account of its own
        sb.plex.addManagedUser("Tot", null); // 7002
        String users = plex("GET", "/api/home/users").body();
        assertTrue(users.contains("title=\"Teen\"") && users.contains("username=\"teen\""), users);
        assertTrue(users.contains("restricted=\"1\"") && users.contains("title=\"Tot\""), users);

        String first = switchTo(7001);
        String second = switchTo(7001);
        assertNotEquals(first, second, "each switch hands out a token of its own");
        assertEquals(200, watchlistStatus(first));
        String tot = switchTo(7002);
        assertEquals(403, watchlistStatus(tot), "a managed user has no watchlist (Discover off)");
        HttpResponse<String> limited = plex("POST", "/api/home/users/7001/switch");
        assertEquals(429, limited.statusCode(), "past " + PlexEmulator.DEFAULT_SWITCHES_PER_HOUR + " in an hour");
        assertTrue(Long.parseLong(limited.headers().firstValue("Retry-After").orElse("0")) > 0);
        sb.clock.advance(Duration.ofHours(1));
        assertNotNull(switchTo(7001), "the hour over, switches are answered again");

        sb.plex.managedWatchlist("Tot", true);
        assertEquals(200, watchlistStatus(tot), "the opt-in some households set by hand");
        sb.plex.revokeHomeTokens("Teen");
        assertEquals(401, watchlistStatus(first), "a refused token");
    }

    @Test
    void simklChecksAndLists() throws Exception {
        HttpResponse<String> noId = http.send(HttpRequest.newBuilder(URI.create(sb.simkl.url()
                + "/sync/activities")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(412, noId.statusCode());
        assertEquals("client_id_failed", Json.MAPPER.readTree(noId.body()).path("error").asText());
        HttpResponse<String> noToken = simkl("GET", "/sync/activities", null, false);
        assertEquals(401, noToken.statusCode());
        assertEquals("user_token_failed", Json.MAPPER.readTree(noToken.body()).path("error").asText());
        assertEquals("null", simkl("GET", "/sync/all-items/movies/plantowatch", null, true).body());
        sb.simkl.emptyAsNull(false);
        assertEquals("{}", simkl("GET", "/sync/all-items/movies/plantowatch", null, true).body());
        JsonNode acts = Json.MAPPER.readTree(simkl("GET", "/sync/activities", null, true).body());
        assertFalse(acts.path("movies").has("watching"), "movies have no watching or hold");
        assertTrue(acts.path("tv_shows").has("hold"));
        assertEquals(400, simkl("POST", "/sync/add-to-list",
                "{\"to\":\"plantowatch\",\"movies\":[{\"ids\":{\"imdb\":\"tt2543164\"}}]}", true).statusCode(),
                "a top-level to is refused");
        HttpResponse<String> added = simkl("POST", "/sync/add-to-list",
                "{\"movies\":[{\"to\":\"watching\",\"ids\":{\"imdb\":\"tt2543164\"}}],"
                        + "\"anime\":[{\"to\":\"plantowatch\",\"ids\":{\"mal\":52991}}]}", true);
        assertEquals(201, added.statusCode());
        JsonNode a = Json.MAPPER.readTree(added.body());
        assertEquals("completed", a.at("/added/movies/0/to").asText(), "a movie sent to watching becomes completed");
        assertEquals(1, a.at("/added/shows").size(), "anime echoes under shows");
        JsonNode row = Json.MAPPER.readTree(simkl("GET", "/sync/all-items/anime", null, true).body()).at("/anime/0");
        assertEquals("52991", row.at("/show/ids/mal").asText(), "external ids are strings");
        assertTrue(row.at("/show/ids/simkl").isInt(), "the simkl id is a number");
        sb.simkl.rate(Catalogue.ARRIVAL.simkl(), 9);
        simkl("POST", "/sync/history/remove", "{\"movies\":[{\"ids\":{\"simkl\":" + Catalogue.ARRIVAL.simkl()
                + "}}]}", true);
        assertTrue(sb.simkl.erased().get(0).hadRating(), "the emulator records what a removal erased");
        assertNull(sb.simkl.entry(Catalogue.ARRIVAL.simkl()));
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(sb.simkl.url() + path + "?client_id="
                + Sandbox.SIMKL_CLIENT_ID))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + Sandbox.SIMKL_TOKEN).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void simklEnforcesItsPacingRulesByDefault() throws Exception {
        for (int i = 0; i < 10; i++) assertEquals(200, simkl("GET", "/sync/activities", null, true).statusCode(),
                "GET " + (i + 1));
        assertEquals(429, simkl("GET", "/sync/activities", null, true).statusCode(), "the 11th GET in a second");
        sb.clock.advance(Duration.ofSeconds(1));
        assertEquals(200, simkl("GET", "/sync/activities", null, true).statusCode(), "a second later");

        String add = "{\"movies\":[{\"to\":\"plantowatch\",\"ids\":{\"imdb\":\"tt2543164\"}}]}";
        assertEquals(201, post("/sync/add-to-list", add).statusCode());
        sb.clock.advance(Duration.ofMillis(500));
        assertEquals(429, post("/sync/add-to-list", add).statusCode(), "a second POST within the second");
        sb.clock.advance(Duration.ofSeconds(50));
        assertEquals(429, post("/sync/add-to-list", add).statusCode(), "still blocked, and the block starts over");
        sb.clock.advance(Duration.ofSeconds(50));
        assertEquals(429, post("/sync/add-to-list", add).statusCode(), "a POST during the block extended it");
        sb.clock.advance(Duration.ofSeconds(61));
        assertEquals(201, post("/sync/add-to-list", add).statusCode(), "the block ends a while after the last POST");
    }

    @Test
    void simklAnswersPollingOfWholeListsWith429ButNeverDeltaReads() throws Exception {
        sb.simkl.put(Catalogue.ARRIVAL.simkl(), "plantowatch");
        int allowed = 0;
        while (allowed < 50 && simkl("GET", "/sync/all-items/movies", null, true).statusCode() == 200) {
            allowed++;
            sb.clock.advance(Duration.ofMinutes(5));
        }
        assertEquals(13, allowed, "the first read and 12 more of an unchanged list in a day");
        assertEquals(200, simkl("GET", "/sync/all-items/movies?date_from=2026-01-01T00:00:00Z", null,
                true).statusCode(),
                "a delta read is always welcome");
        assertEquals(200, simkl("GET", "/sync/all-items/shows", null, true).statusCode(),
                "another list is another question");
        sb.simkl.put(Catalogue.DUNE.simkl(), "plantowatch");
        assertEquals(200, simkl("GET", "/sync/all-items/movies", null, true).statusCode(),
                "the list changed: reading it whole is fine");
        sb.clock.advance(Duration.ofDays(1));
        sb.simkl.strict(false);
        for (int i = 0; i < 20; i++) assertEquals(200,
                simkl("GET", "/sync/all-items/movies", null, true).statusCode(), "strict mode off");
    }

    @Test
    void simklAnswersTheFiveHundredAndFirstRequestOfANewYorkDayWith429UntilMidnightThere() throws Exception {
        JsonNode settings = Json.MAPPER.readTree(simkl("POST", "/users/settings", "{}", true).body());
        assertEquals("free", settings.path("account").path("type").asText(), "the plan SIMKL names");
        sb.simkl.addToken("another-app-of-the-same-person");
        for (int i = 1; i < 500; i++) {
            sb.clock.advance(Duration.ofMillis(200)); // inside the pace: only the day's count matters here
            assertEquals(200, simkl("GET", "/sync/activities", null, true).statusCode(), "request " + (i + 1));
        }
        HttpResponse<String> spent = simkl("GET", "/sync/activities", null, true);
        assertEquals(429, spent.statusCode(), "the 501st request of a free account's day");
        assertEquals("user_limit_exceeded", Json.MAPPER.readTree(spent.body()).path("error").asText());
        long toMidnight = Duration.between(sb.clock.instant(), java.time.Instant.parse("2026-11-25T05:00:00Z"))
                .toSeconds();
        assertEquals(String.valueOf(toMidnight), spent.headers().firstValue("Retry-After").orElse(""),
                "Retry-After: the seconds to midnight in New York");
        HttpResponse<String> otherApp = http.send(HttpRequest.newBuilder(URI.create(sb.simkl.url()
                + "/sync/activities?client_id=" + Sandbox.SIMKL_CLIENT_ID))
                .header("Authorization", "Bearer another-app-of-the-same-person").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(429, otherApp.statusCode(), "the person's allowance, whichever app asks");
        sb.clock.advance(Duration.between(sb.clock.instant(), java.time.Instant.parse("2026-11-25T04:59:00Z")));
        assertEquals(429, simkl("GET", "/sync/activities", null, true).statusCode(), "a new UTC day, not SIMKL's");
        sb.clock.advance(Duration.ofMinutes(1));
        assertEquals(200, simkl("GET", "/sync/activities", null, true).statusCode(), "midnight in New York");

        sb.simkl.accountType("vip");
        assertEquals("vip", Json.MAPPER.readTree(simkl("POST", "/users/settings", "{}", true).body())
                .path("account").path("type").asText());
        for (int i = 2; i <= 600; i++) {
            sb.clock.advance(Duration.ofMillis(200));
            assertEquals(200, simkl("GET", "/sync/activities", null, true).statusCode(), "a VIP's request " + i);
        }
    }
}
