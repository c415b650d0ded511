package sync;

import model.Ids;
import model.MediaItem;
import model.MediaType;
import org.junit.jupiter.api.Test;
import simkl.SimklEntry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

class MatcherTest {
    static MediaItem plex(MediaType t, String title, Integer year, String... ids) {
        return new MediaItem(t, title, year, Ids.of(ids));
    }

    static SimklEntry simkl(MediaType t, String title, Integer year, String... ids) {
        return new SimklEntry(new MediaItem(t, title, year, Ids.of(ids)), t == MediaType.MOVIE ? "movies" : "shows",
                "plantowatch", false, false, null);
    }

    static List<Match> match(List<MediaItem> p, List<SimklEntry> s) {
        List<String> log = new ArrayList<>();
        return Matcher.match(p, s, List.of(), log::add);
    }

    @Test
    void oneSharedIdInTheSameNamespaceMatchesAndStringsEqualNumbers() {
        List<Match> m = match(List.of(plex(MediaType.MOVIE, "A", 2000, "plex", "0123456789abcdef01234567", "tmdb",
                "0218", "imdb", "tt1")),
                List.of(simkl(MediaType.MOVIE, "A!", 2001, "simkl", "5", "tmdb", "218.0")));
        assertEquals(1, m.size());
        assertTrue(m.get(0).onPlex() && m.get(0).inPlanToWatch());
        assertEquals("5", m.get(0).item().ids().get("simkl"));
        assertFalse(m.get(0).byTitle());
    }

    @Test
    void aTmdbMovieIdNeverMatchesATmdbShowId() {
        List<Match> m = match(List.of(plex(MediaType.MOVIE, "X", 2000, "tmdb", "42")),
                List.of(simkl(MediaType.SHOW, "X", 2000, "tmdb", "42")));
        assertEquals(2, m.size());
    }

    @Test
    void titleAndYearOnlyWhenNoIdNamespaceIsShared() {
        List<String> log = new ArrayList<>();
        List<Match> m = Matcher.match(List.of(plex(MediaType.MOVIE, "Perfect Days", 2023, "tmdb", "976893")),
                List.of(simkl(MediaType.MOVIE, "perfect days", 2023, "imdb", "tt27503384")), List.of(), log::add);
        assertEquals(1, m.size());
        assertTrue(m.get(0).byTitle());
        assertEquals(1, log.size());
        // both have an imdb id and they differ: different titles, however alike the names
        List<Match> apart = match(List.of(plex(MediaType.MOVIE, "Remake", 2020, "imdb", "tt1")),
                List.of(simkl(MediaType.MOVIE, "Remake", 2020, "imdb", "tt2")));
        assertEquals(2, apart.size());
    }

    @Test
    void idsThatPointToDifferentTitlesAreAConflict() {
        List<Match> m = match(List.of(plex(MediaType.MOVIE, "A", 2000, "tmdb", "1", "imdb", "tt1")),
                List.of(simkl(MediaType.MOVIE, "A", 2000, "tmdb", "1", "imdb", "tt2")));
        assertEquals(1, m.size());
        assertNotNull(m.get(0).conflict());
        List<Match> two = match(List.of(plex(MediaType.MOVIE, "A", 2000, "tmdb", "1"),
                plex(MediaType.MOVIE, "B", 2001, "tmdb", "1")), List.of());
        assertNotNull(two.get(0).conflict());
    }

    @Test
    void theResultDoesNotDependOnOrder() {
        List<MediaItem> p = new ArrayList<>(List.of(plex(MediaType.MOVIE, "A", 2000, "imdb", "tt1"),
                plex(MediaType.SHOW, "B", 2001, "tvdb", "7"),
                plex(MediaType.MOVIE, "C", 2002, "tmdb", "3")));
        List<SimklEntry> s = new ArrayList<>(List.of(simkl(MediaType.SHOW, "B", 2001, "imdb", "tt9", "tvdb", "7"),
                simkl(MediaType.MOVIE, "C", 2002, "tmdb", "3", "imdb", "tt3")));
        String first = summary(match(p, s));
        Collections.reverse(p);
        Collections.reverse(s);
        assertEquals(first, summary(match(p, s)));
    }

    private static String summary(List<Match> ms) {
        return ms.stream().map(m -> m.item().title() + m.onPlex() + m.inPlanToWatch()
                + m.item().ids()).sorted().toList().toString();
    }

    @Test
    void theSnapshotLinksBothSidesByTheIdsItLearnt() {
        State.Entry e = new State.Entry(MediaType.MOVIE, "P", 2023,
                Map.of("tmdb", "9", "imdb", "tt9", "plex", "0123456789abcdef01234567"), true, true);
        List<Match> m = Matcher.match(List.of(plex(MediaType.MOVIE, "P", 2023, "tmdb", "9")),
                List.of(simkl(MediaType.MOVIE, "P", 2023, "imdb", "tt9")),
                List.of(e), s -> { });
        assertEquals(1, m.size());
        assertNotNull(m.get(0).snapshot());
        assertFalse(m.get(0).byTitle());
    }

    static SimklEntry anime(String title, String... ids) {
        return new SimklEntry(new MediaItem(MediaType.SHOW, title, 2020, Ids.of(ids)), "anime", "plantowatch", false,
                false, "tv");
    }

    /** An anime's seasons carry the series' TVDB id and ids of their own: one title, no conflict. */
    @Test
    void animeSeasonsSharingTheSeriesTvdbIdAreOneTitleWithEverySeason() {
        List<Match> m = match(List.of(plex(MediaType.SHOW, "Jujutsu Kaisen", 2020, "tvdb", "377543")),
                List.of(anime("Jujutsu Kaisen", "simkl", "1", "tvdb", "377543", "mal", "40748"),
                        anime("Jujutsu Kaisen 2nd Season", "simkl", "2", "tvdb", "377543", "mal", "51009")));
        assertEquals(1, m.size());
        assertNull(m.get(0).conflict());
        assertEquals(2, m.get(0).seasons().size());
        assertEquals(2, m.get(0).simklRemovals().size());
        assertEquals("Jujutsu Kaisen", m.get(0).item().title(), "named as Plex names it");
    }

    /** Two shows (not anime) that share a TVDB id are a conflict: one of them is wrongly labelled. */
    @Test
    void twoShowsSharingATvdbIdOutsideAnimeAreAConflict() {
        List<Match> m = match(List.of(plex(MediaType.SHOW, "S", 2020, "tvdb", "9")),
                List.of(simkl(MediaType.SHOW, "S", 2020, "simkl", "1", "tvdb", "9"),
                        simkl(MediaType.SHOW, "S2", 2020, "simkl", "2", "tvdb", "9")));
        assertEquals(1, m.size());
        assertNotNull(m.get(0).conflict());
    }

    /** Titles compared by title and year are normalised as this pattern says, whatever their script. */
    @Test
    void titlesAreNormalisedAsThePatternTheyWereWrittenFromSays() {
        Pattern notWord = Pattern.compile("[^\\p{L}\\p{N}]+");
        List<String> titles = new ArrayList<>(List.of("Dune: Part Two", "  WALL·E  ", "Amélie",
                "Ame\u0301lie", "Se7en", "M*A*S*H", "Ⅻ Monkeys", "x²", "½ Moon", "千と千尋の神隠し", "Ça!", "İstanbul",
                "ΣΊΣΥΦΟΣ", "𝒜 Math Title", "emoji 🎬 film", "tab\there", "", "   ", "---", "a--b", "Straße",
                "ǅemal", "\u0000x\u0001"));
        String alphabet = "aZ9 :-éß²Ⅻ\u0301千🎬İ";
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(8);
            for (int k = 0; k < len; k++) sb.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                    random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            titles.add(sb.toString());
        }
        for (String t : titles) {
            String expected = notWord.matcher(t.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
            assertEquals(expected, Matcher.norm(t), "\"" + t + "\"");
        }
    }
}
