package simkl;

import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import model.MediaItem;
import model.MediaType;
import org.junit.jupiter.api.Test;
import plex.PlexClientFixtures;
import support.Fixtures;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The clients parse the recorded public samples in tests/fixtures. */
class FixturesTest {
    static JsonNode fixture(String rel) throws Exception {
        return Fixtures.json(rel);
    }

    @Test
    void simklListsOfEveryBucketAndTheEmptyForms() throws Exception {
        List<SimklEntry> movies =
                SimklRows.parseList(fixture("simkl/sync_all_items_movies_plantowatch.RECONSTRUCTED.json"), "movies");
        assertEquals("tt0181852", movies.get(0).item().ids().get("imdb"));
        assertEquals("296", movies.get(0).item().ids().get("tmdb"));
        assertTrue(movies.get(0).removable());
        List<SimklEntry> anime =
                SimklRows.parseList(fixture("simkl/sync_all_items_anime_plantowatch.RECONSTRUCTED.json"), "anime");
        assertEquals("33253", anime.get(0).item().ids().get("mal"));
        assertEquals(MediaType.SHOW, anime.get(0).item().type());
        List<SimklEntry> shows = SimklRows.parseList(fixture("simkl/sync_all_items_all_types.apiary.json"), "shows");
        assertFalse(shows.isEmpty());
        assertTrue(shows.stream().anyMatch(e -> !e.planToWatch()));
        assertTrue(SimklRows.parseList(fixture("simkl/sync_all_items_empty.legacy_app.RECONSTRUCTED.json"),
                "movies").isEmpty());
        assertTrue(SimklRows.parseList(fixture("simkl/sync_all_items_empty.new_app.RECONSTRUCTED.json"),
                "movies").isEmpty());
        for (String f : List.of("sync_all_items_anime_extended_full.apiary.json",
                "sync_all_items_anime_full_anime_seasons.apiary.json",
                "sync_all_items_anime_memos.apiary.json")) {
            assertFalse(SimklRows.parseList(fixture("simkl/" + f), "anime").isEmpty(), f);
        }
    }

    /**
     * SIMKL's own sample stamps user_rated_at on unrated rows and last_watched_at on a never-watched
     * Plan to Watch anime: neither makes a title rated or watched, so its removal is not blocked for ever.
     */
    @Test
    void ratedMeansARatingAndWatchedMeansWatchedInBothSampleShapes() throws Exception {
        JsonNode sample = fixture("simkl/sync_all_items_all_types.apiary.json");
        SimklEntry ptwAnime = SimklRows.parseList(sample,
                "anime").stream().filter(SimklEntry::planToWatch).findFirst().orElseThrow();
        assertFalse(sample.at("/anime/1/user_rated_at").isNull(), "the sample's shape: a stamp without a rating");
        assertFalse(ptwAnime.rated(), "user_rated_at without user_rating is no rating");
        assertFalse(ptwAnime.watched(), "last_watched_at on a Plan to Watch anime with no episode watched is no watch");
        assertTrue(ptwAnime.removable());
        SimklEntry completedAnime = SimklRows.parseList(sample,
                "anime").stream().filter(e -> !e.planToWatch()).findFirst().orElseThrow();
        assertTrue(completedAnime.rated() && completedAnime.watched(), "rating 10, 150 episodes");
        // the 2020 capture has neither stamp: same answers
        String movies = "simkl/sync_all_items_movies_plantowatch.RECONSTRUCTED.json";
        for (SimklEntry e : SimklRows.parseList(fixture(movies), "movies")) {
            assertFalse(e.rated(), e.toString());
        }
        JsonNode watchedMovie = Json.MAPPER.readTree("{\"status\": \"plantowatch\", \"last_watched_at\": "
                + "\"2024-01-01T00:00:00Z\","
                + " \"user_rating\": null, \"movie\": {\"title\": \"Seen\", \"ids\": {\"simkl\": 1}}}");
        assertTrue(SimklRows.parseRow(watchedMovie, "movies").watched(),
                "a movie back in Plan to Watch keeps its history: not removable");
    }

    /** added_to_watchlist_at as SIMKL's samples give it; rows without it (the 2020 shape), or garbage, say nothing. */
    @Test
    void addedToWatchlistAtIsReadWhenGivenAndToleratedWhenNot() throws Exception {
        SimklEntry first = SimklRows.parseList(fixture("simkl/sync_all_items_movies_plantowatch.RECONSTRUCTED.json"),
                "movies").get(0);
        assertEquals(Instant.parse("2024-01-20T20:09:04Z"), first.addedAt());
        assertEquals(first.addedAt(), first.withStatus("completed").withRated(true).addedAt(), "kept through changes");
        for (String at : List.of("", "\"added_to_watchlist_at\": null, ", "\"added_to_watchlist_at\": \"soon\", ",
                "\"added_to_watchlist_at\": 1700000000, ")) {
            JsonNode row = Json.MAPPER.readTree("{" + at + "\"status\": \"plantowatch\", \"movie\": {\"title\": "
                    + "\"Old\", \"ids\": {\"simkl\": 1}}}");
            SimklEntry e = SimklRows.parseRow(row, "movies");
            assertNull(e.addedAt(), at);
            assertTrue(e.removable(), at);
        }
        JsonNode offset = Json.MAPPER.readTree("{\"added_to_watchlist_at\": \"2024-01-20T21:09:04+01:00\", "
                + "\"status\": \"plantowatch\", \"movie\": {\"title\": \"X\", \"ids\": {\"simkl\": 2}}}");
        assertEquals(Instant.parse("2024-01-20T20:09:04Z"), SimklRows.parseRow(offset, "movies").addedAt());
    }

    @Test
    void simklActivitiesAndPin() throws Exception {
        SimklActivities a = SimklActivities.parse(fixture("simkl/sync_activities.apiary.json"));
        assertEquals("2016-10-29T09:03:45Z", a.stamps().get("shows.plantowatch"));
        assertNull(a.stamps().get("anime.hold"));
        assertEquals("2016-10-29T09:03:45Z", a.stamps().get("all"));
        assertEquals("USER_CODE", SimklOAuth.parsePin(fixture("simkl/device_code.srgsf.json")).userCode());
        SimklOAuth.Pin p = SimklOAuth.parsePin(fixture("simkl/oauth_pin_code.current_docs.RECONSTRUCTED.json"));
        assertEquals("https://simkl.com/pin", p.verificationUrl());
        assertEquals(5, p.interval());
    }

    @Test
    void plexSamples() throws Exception {
        List<MediaItem> items = PlexClientFixtures.items(fixture("plex/haynes_watchlist_items_includeGuids.json"));
        assertEquals(2, items.size());
        assertEquals("000000000000000000000001", items.get(0).ids().get("plex"));
        assertEquals("tt0000001", items.get(0).ids().get("imdb"));
        MediaItem term = PlexClientFixtures.items(fixture("plex/haynes_matches_tmdb_hit.json")).get(0);
        assertEquals("5d776824151a60001f24a29e", term.ids().get("plex"));
        assertEquals("218", term.ids().get("tmdb"));
        assertTrue(PlexClientFixtures.items(fixture("plex/haynes_matches_no_match.json")).isEmpty());
        assertTrue(PlexClientFixtures.items(fixture("plex/watchlistarr_watchlist_page_past_end.json")).isEmpty());
        String trimmed = "plex/reconstructed_watchlist_page_trimmed_includeGuids.json";
        assertEquals(2, PlexClientFixtures.items(fixture(trimmed)).size());
        MediaItem movie = PlexClientFixtures.items(fixture("plex/watchlistarr_metadata_movie.json")).get(0);
        assertEquals(MediaType.MOVIE, movie.type());
        assertTrue(movie.ids().has("plex"));
        assertTrue(movie.ids().has("tmdb") || movie.ids().has("imdb"), movie.toString());
        // seasons are not titles a watchlist holds: skipped, not misread
        assertTrue(PlexClientFixtures.items(fixture("plex/watchlistarr_metadata_show.json")).isEmpty());
    }

    @Test
    void simklWriteAnswersTokenAndPinShapes() throws Exception {
        JsonNode added = fixture("simkl/sync_add_to_list_plantowatch_response.RECONSTRUCTED.json");
        assertTrue(SimklRows.listed(added.at("/not_found/movies"), model.Ids.of("imdb", "tt0000222", "tmdb", "5")));
        assertFalse(SimklRows.listed(added.at("/not_found/movies"), model.Ids.of("imdb", "tt0181852")));
        JsonNode removed = fixture("simkl/sync_history_remove_response.RECONSTRUCTED.json");
        assertTrue(SimklRows.listed(removed.at("/not_found/shows"), model.Ids.of("tvdb", "999999999")));
        assertFalse(SimklRows.listed(fixture("simkl/sync_status_removed.srgsf.json").at("/not_found/movies"),
                model.Ids.of("imdb", "tt1")));
        Instant now = Instant.parse("2026-11-24T12:00:00Z");
        assertEquals("EXAMPLE-SIMKL-ACCESS-TOKEN-NOT-REAL",
                SimklOAuth.tokens(fixture("simkl/oauth_token_response.apiary.json"), now).access());
        SimklOAuth.Tokens fiveYears = SimklOAuth.tokens(
                fixture("simkl/oauth_token_response.current_docs.RECONSTRUCTED.json"), now);
        assertEquals("RECONSTRUCTED_ACCESS_TOKEN", fiveYears.access());
        assertEquals(0, fiveYears.expiresAt(), "a V1 token's advertised five years are not an expiry to act on");
        assertFalse(fiveYears.renewable());
        assertThrows(http.ServiceException.class,
                () -> SimklOAuth.tokens(fixture("simkl/oauth_token_error_401.apiary.json"), now));
        assertNull(SimklOAuth.pinResult(fixture("simkl/auth_pending.srgsf.json"), "X").token());
        assertTrue(SimklOAuth.pinResult(Json.MAPPER.readTree("{\"result\":\"KO\",\"message\":\"Slow down\"}"),
                "X").slowDown(),
                "the blueprint's slow-down answer");
        assertEquals("ACCESS_TOKEN", SimklOAuth.pinResult(fixture("simkl/pin_access_token.srgsf.json"), "X").token());
        assertThrows(http.ServiceException.class, () -> SimklOAuth.pinResult(fixture("simkl/device_code.srgsf.json"),
                "X"),
                "an answer with a new code ends the flow");
    }

    @Test
    void plexAccountAndPinShapes() throws Exception {
        assertEquals("Test User", PlexClientFixtures.userName(fixture("plex/reconstructed_v2_user.json")));
        assertEquals(373040866L, PlexClientFixtures.pinId(fixture("plex/spec_pin_created.json")));
        assertNull(PlexClientFixtures.pinToken(fixture("plex/spec_pin_created.json")));
        assertEquals("EXAMPLE-PLEX-TOKEN-NOT-REAL",
                PlexClientFixtures.pinToken(fixture("plex/reconstructed_pin_authorized.json")));
    }
}
