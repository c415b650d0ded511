package model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** The written-out reading of an id says what these patterns say, for every short value and a few long ones. */
    @Test
    void normalisingAgreesWithThePatternsItWasWrittenFrom() {
        Pattern imdb = Pattern.compile("tt\\d+");
        Pattern plex = Pattern.compile("[0-9a-f]{24}");
        Pattern number = Pattern.compile("0*(\\d+?)(\\.0+)?");
        BiFunction<String, String, String> oracle = (ns, value) -> {
            String v = value.trim();
            if (v.isEmpty() || v.equals("0") || v.equalsIgnoreCase("null")) return null;
            if (ns.equals("imdb") || ns.equals("plex")) {
                v = v.toLowerCase(Locale.ROOT);
                return (ns.equals("imdb") ? imdb : plex).matcher(v).matches() ? v : null;
            }
            Matcher m = number.matcher(v);
            if (!m.matches()) return v;
            return m.group(1).equals("0") ? null : m.group(1);
        };
        String alphabet = "01 9.tTaFx-٣";
        List<String> values = new ArrayList<>(List.of("null", "NULL", "tt0088247",
                "TT0088247", "tt", "tt12a", "5d776824151a60001f24a29e", "5D776824151A60001F24A29E",
                "5d776824151a60001f24a29", "5d776824151a60001f24a29e0", "5d776824151a60001f24a29g", "0017", "1771.0",
                "1771.00", "1771.", "1771.5", "000", "0.0", "-5", "+5", "1e5", " 42 ", "12.0.0"));
        values.add("");
        for (int len = 1; len <= 4; len++) {
            int[] at = new int[len];
            while (true) {
                StringBuilder sb = new StringBuilder();
                for (int i : at) sb.append(alphabet.charAt(i));
                values.add(sb.toString());
                int k = len - 1;
                while (k >= 0 && ++at[k] == alphabet.length()) at[k--] = 0;
                if (k < 0) break;
            }
        }
        for (String ns : List.of("imdb", "plex", "tmdb", "Tvdb")) {
            for (String v : values) assertEquals(oracle.apply(ns.toLowerCase(Locale.ROOT), v),
                    Ids.normalise(ns, v), ns + " \"" + v + "\"");
        }
    }

    @Test
    void theMatchingIdsAreTheIdsInTheMatchingNamespaces() {
        Ids all = Ids.of("tmdb", "5", "imdb", "tt1");
        assertSame(all.asMap(), all.matching(), "nothing to leave out");
        Ids more = Ids.of("tmdb", "5", "slug", "arrival");
        assertEquals(Map.of("tmdb", "5"), more.matching());
        assertThrows(UnsupportedOperationException.class, () -> more.matching().put("tvdb", "1"));
    }
}
