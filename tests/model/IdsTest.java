package model;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class IdsTest {
    @Test
    void numbersReadAsTextOrJsonNumbersCompareEqual() {
        assertEquals(Ids.of("tmdb", "1771"), Ids.of(Map.of("tmdb", 1771)));
        assertEquals("1771", Ids.of("tmdb", "1771.0").get("tmdb"));
        assertEquals("17", Ids.of("tvdb", "0017").get("tvdb"));
    }

    @Test
    void valuesThatIdentifyNothingAreDropped() {
        Map<String, Object> raw = new HashMap<>();
        raw.put("tmdb", "0");
        raw.put("tvdb", "null");
        raw.put("mal", " ");
        raw.put("anidb", null);
        raw.put("imdb", "nm0000001");
        raw.put("plex", "not-a-plex-id");
        assertTrue(Ids.of(raw).isEmpty(), Ids.of(raw).toString());
    }

    @Test
    void imdbAndPlexIdsAreNormalisedToLowerCase() {
        assertEquals("tt0088247", Ids.of("imdb", "TT0088247").get("imdb"));
        assertEquals("5d776824151a60001f24a29e", Ids.of("plex", "5D776824151A60001F24A29E").get("plex"));
    }

    @Test
    void mergeKeepsItsOwnValueAndAddsTheMissingNamespaces() {
        Ids a = Ids.of("imdb", "tt1", "tmdb", "5");
        Ids merged = a.merge(Ids.of("tmdb", "6", "tvdb", "7"));
        assertEquals("5", merged.get("tmdb"));
        assertEquals("7", merged.get("tvdb"));
    }

    @Test
    void sharingAnyIdInTheSameNamespaceIsTheSameTitleOnlyForTheSameType() {
        Ids movie = Ids.of("imdb", "tt2543164", "tmdb", "329865");
        Ids other = Ids.of("tmdb", "329865", "tvdb", "1");
        assertTrue(movie.sharesAny(other));
        assertFalse(Ids.of("tmdb", "4242").sharesAny(Ids.of("tvdb", "4242")),
                "the same number in two namespaces is no match");
        assertFalse(Ids.of("slug", "arrival").sharesAny(Ids.of("slug", "arrival")),
                "non-identifying keys do not match");
        MediaItem film = new MediaItem(MediaType.MOVIE, "Collision", 2013, Ids.of("tmdb", "4242"));
        MediaItem series = new MediaItem(MediaType.SHOW, "Collision", 2009, Ids.of("tmdb", "4242"));
        assertFalse(film.sameTitle(series), "a tmdb movie id never matches a tmdb show id");
        assertTrue(film.sameTitle(new MediaItem(MediaType.MOVIE, "Other title", null,
                Ids.of("tmdb", "4242", "imdb", "tt9"))));
    }

    @Test
    void toStringListsNamespacesInOrder() {
        assertEquals("imdb:tt1 plex:0123456789abcdef01234567 tmdb:5",
                Ids.of("tmdb", "5", "plex", "0123456789abcdef01234567", "imdb", "tt1").toString());
    }
}
