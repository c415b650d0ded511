package plex;

import http.AuthException;
import http.ServiceException;
import model.Ids;
import model.MediaItem;
import model.MediaType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sandbox.Catalogue;
import sandbox.Emulator.Fault;
import sandbox.Title;
import support.Sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class PlexClientTest {
    private Sandbox sb;
    private PlexClient client;

    private PlexClient open(List<Title> titles) {
        sb = new Sandbox(titles);
        client = new PlexClient(sb.plexConfig(), sb.endpoints(), sb.policy(), "test");
        return client;
    }

    @AfterEach
    void close() {
        if (client != null) client.close();
        if (sb != null) sb.close();
    }

    private void watch(List<Title> titles) {
        for (Title t : titles) sb.plex.watchlistAdd(t.plexKey());
    }

    @Test
    void aWatchlistOf250IsThreeListRequestsAndNoMetadataRequests() throws Exception {
        List<Title> titles = Catalogue.generated(1, 250);
        open(titles);
        watch(titles);
        PlexClient.WatchlistRead read = client.readWatchlist();
        assertTrue(read.complete());
        assertEquals(250, read.items().size());
        assertEquals(250, read.items().stream().map(i -> i.ids().get("plex")).distinct().count(),
                "pages read side by side in one stable order: no title twice, none missed");
        assertEquals(3, sb.plex.count("GET", "/library/sections/watchlist/all"));
        assertEquals(0, sb.plex.count("GET", "/library/metadata/"));
        MediaItem first = read.items().stream().filter(i -> i.title().equals("Generated Show 3")).findFirst()
                .orElseThrow();
        assertEquals(MediaType.SHOW, first.type());
        assertEquals("tt7000003", first.ids().get("imdb"));
        assertEquals("900003", first.ids().get("tvdb"));
        assertEquals(titles.get(2).plexKey(), first.ids().get("plex"));
        sb.plex.requests().forEach(r -> {
            assertEquals("100", r.query().get("X-Plex-Container-Size"));
            assertEquals("1", r.query().get("includeGuids"));
            assertEquals("watchlistedAt:desc", r.query().get("sort"));
            assertEquals("***", r.headers().get("x-plex-token"));
            assertEquals("test-client-identifier", r.headers().get("x-plex-client-identifier"));
        });
    }

    @Test
    void aFailedSecondPageMakesTheReadIncompleteNotShorter() throws Exception {
        List<Title> titles = Catalogue.generated(1, 150);
        open(titles);
        watch(titles);
        sb.plex.injectAfter("GET", "/library/sections/watchlist", Fault.status(500), 1, 10);
        PlexClient.WatchlistRead read = client.readWatchlist();
        assertFalse(read.complete());
        assertTrue(read.problem().contains("HTTP 500"), read.problem());
        assertEquals(3, sb.slept.size(), "4 attempts: 3 backoff waits before giving up");
    }

    @Test
    void aShortPageMakesTheReadIncomplete() throws Exception {
        List<Title> titles = Catalogue.generated(1, 150);
        open(titles);
        watch(titles);
        sb.plex.inject("GET", "/library/sections/watchlist", Fault.shortPage(), 1);
        PlexClient.WatchlistRead read = client.readWatchlist();
        assertFalse(read.complete());
        assertTrue(read.problem().contains("short"), read.problem());
    }

    @Test
    void anEmptyWatchlistIsCompleteAndEmpty() throws Exception {
        open(Catalogue.demo());
        PlexClient.WatchlistRead read = client.readWatchlist();
        assertTrue(read.complete());
        assertTrue(read.items().isEmpty());
        assertEquals(1, sb.plex.count("GET", "/library/sections/watchlist"));
    }

    @Test
    void a429WithRetryAfterIsHonouredThenSucceeds() throws Exception {
        open(Catalogue.demo());
        watch(List.of(Catalogue.ARRIVAL));
        sb.plex.inject("GET", "/library/sections/watchlist", Fault.status(429, "7"), 2);
        PlexClient.WatchlistRead read = client.readWatchlist();
        assertTrue(read.complete());
        assertEquals(List.of(Duration.ofSeconds(7), Duration.ofSeconds(7)), sb.slept);
    }

    @Test
    void aBadTokenIsAnAuthenticationError() {
        open(Catalogue.demo());
        sb.plex.revokeTokens();
        assertThrows(AuthException.class, () -> client.readWatchlist());
        assertThrows(AuthException.class, () -> client.user());
    }

    /** The hangs answer nothing until the emulator closes: the client's read timeout fires however late it is. */
    @Test
    void aHangPastTheTimeoutIsRetriedThenReported() throws Exception {
        open(Catalogue.demo());
        sb.plex.inject("GET", "/api/v2/user", Fault.hang(), 1);
        assertEquals("demo-user", client.user());
        assertEquals(1, sb.slept.size(), "one retry");
        sb.plex.inject("GET", "/api/v2/user", Fault.hang(), 4);
        ServiceException e = assertThrows(ServiceException.class, () -> client.user());
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    }

    @Test
    void malformedJsonIsAClearError() {
        open(Catalogue.demo());
        sb.plex.inject("GET", "/api/v2/user", Fault.malformed(), 1);
        ServiceException e = assertThrows(ServiceException.class, () -> client.user());
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
    }

    @Test
    void resolveUsesMatchesByTypeAndChecksTheIdAsked() throws Exception {
        open(Catalogue.demo());
        MediaItem want = new MediaItem(MediaType.SHOW, "Collision", 2009, Ids.of("tmdb", "4242"));
        Optional<MediaItem> got = client.resolve(want);
        assertEquals(Catalogue.COLLIDE_SHOW.plexKey(), got.orElseThrow().ids().get("plex"));
        MediaItem movie = new MediaItem(MediaType.MOVIE, "Collision", 2013, Ids.of("tmdb", "4242"));
        assertEquals(Catalogue.COLLIDE_MOVIE.plexKey(), client.resolve(movie).orElseThrow().ids().get("plex"));
        assertTrue(sb.plex.requests().stream().filter(r -> r.path().equals("/library/metadata/matches"))
                .allMatch(r -> r.query().get("type").matches("[12]")));
        sb.plex.videoVariant(true);
        assertEquals(Catalogue.ARRIVAL.plexKey(), client.resolve(new MediaItem(MediaType.MOVIE, "Arrival", 2016,
                Ids.of("imdb", "tt2543164"))).orElseThrow().ids().get("plex"));
    }

    @Test
    void resolveFallsBackToAVerifiedTitleSearch() throws Exception {
        open(Catalogue.demo());
        // Plex knows Perfect Days only by tmdb: the imdb lookup misses, and title search finds a
        // candidate that cannot be verified by id, so no guess is made.
        MediaItem byImdb = new MediaItem(MediaType.MOVIE, "Perfect Days", 2023, Ids.of("imdb", "tt27503384"));
        assertTrue(client.resolve(byImdb).isEmpty());
        assertEquals(1, sb.plex.count("GET", "/library/search"));
        // With no id Plex could compare, a single exact title + year hit is accepted and logged.
        MediaItem noIds = new MediaItem(MediaType.MOVIE, "Perfect Days", 2023, Ids.of("simkl", "1000105"));
        assertEquals(Catalogue.PERFECT_DAYS_PLEX.plexKey(), client.resolve(noIds).orElseThrow().ids().get("plex"));
        assertTrue(sb.debug.stream().anyMatch(l -> l.contains("by title and year")));
        assertTrue(client.resolve(new MediaItem(MediaType.MOVIE, "Nothing Like It", 2001,
                Ids.of("imdb", "tt0000001"))).isEmpty());
    }

    @Test
    void addAndRemoveByIdWithoutJsonContentHeadersAndIdempotent() throws Exception {
        open(Catalogue.demo());
        client.add(Catalogue.DUNE.plexKey());
        client.add(Catalogue.DUNE.plexKey());
        assertEquals(List.of(Catalogue.DUNE), sb.plex.watchlist());
        client.remove(Catalogue.DUNE.plexKey());
        client.remove(Catalogue.DUNE.plexKey());
        assertTrue(sb.plex.watchlist().isEmpty());
        sb.plex.requests().stream().filter(r -> r.method().equals("PUT")).forEach(r -> {
            assertNull(r.headers().get("content-type"), "PUT must carry no Content-Type");
            assertEquals("", r.body());
        });
        ServiceException e = assertThrows(ServiceException.class, () -> client.add("000000000000000000000000"));
        assertEquals(404, e.status());
        assertEquals(1, sb.plex.count(r -> r.status() == 404), "404 is not retried");
    }

    @Test
    void missingIdsAreFetchedFromMetadataAndA404IsTolerated() throws Exception {
        open(Catalogue.demo());
        MediaItem bare = new MediaItem(MediaType.MOVIE, "Arrival", 2016, Ids.of("plex", Catalogue.ARRIVAL.plexKey()));
        assertEquals("tt2543164", client.fetchIds(bare).orElseThrow().ids().get("imdb"));
        sb.plex.metadataMissing(Catalogue.ARRIVAL.plexKey());
        assertTrue(client.fetchIds(bare).isEmpty());
    }

    /**
     * userState's watchlistedAt: when the title was put on the watchlist (kept by a repeated add), and
     * none once it left; Plex answers UserState as a list or as an object, and a 404 says nothing.
     */
    @Test
    void userStateSaysWhenATitleWasPutOnTheWatchlist() throws Exception {
        open(Catalogue.demo());
        Instant added = sb.clock.instant().truncatedTo(ChronoUnit.SECONDS);
        client.add(Catalogue.DUNE.plexKey());
        sb.clock.advance(Duration.ofMinutes(5));
        client.add(Catalogue.DUNE.plexKey());
        assertEquals(added, client.userState(Catalogue.DUNE.plexKey()).watchlistedAt());
        assertNull(client.userState(Catalogue.ARRIVAL.plexKey()).watchlistedAt(), "not on the watchlist");
        client.remove(Catalogue.DUNE.plexKey());
        assertNull(client.userState(Catalogue.DUNE.plexKey()).watchlistedAt(), "left it");
        String path = "/library/metadata/" + Catalogue.ARRIVAL.plexKey() + "/userState";
        sb.plex.inject("GET", path, Fault.answer(200, Map.of("MediaContainer", Map.of("size", 1,
                "UserState", Map.of("ratingKey", Catalogue.ARRIVAL.plexKey(), "watchlistedAt",
                        1_700_000_000L)))), 1);
        assertEquals(Instant.ofEpochSecond(1_700_000_000L),
                client.userState(Catalogue.ARRIVAL.plexKey()).watchlistedAt(), "UserState as an object");
        sb.plex.inject("GET", path, Fault.status(404), 1);
        assertNull(client.userState(Catalogue.ARRIVAL.plexKey()).watchlistedAt());
    }

    @Test
    void theUserCallChecksTheToken() throws Exception {
        open(Catalogue.demo());
        sb.plex.username("Ada");
        assertEquals("Ada", client.user());
    }
}
