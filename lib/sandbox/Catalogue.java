package sandbox;

import java.util.ArrayList;
import java.util.List;

/** Titles the emulators know: a small realistic set for the demo and tests, and generated sets for benchmarks. */
public final class Catalogue {
    private Catalogue() {}

    public static final Title ARRIVAL = Title.movie("Arrival", 2016, "5d776b83fb0d55001f56a04b", 1000101, "tt2543164",
            "329865");
    public static final Title TERMINATOR = Title.movie("The Terminator", 1984, "5d776824151a60001f24a29e", 1000102,
            "tt0088247", "218");
    public static final Title DUNE = Title.movie("Dune: Part Two", 2024, "64b4a8f2c7d1e2a3b4c5d6e7", 1000103,
            "tt15239678", "693134");
    public static final Title PAST_LIVES = Title.movie("Past Lives", 2023, "63f1c2d3e4f5a6b7c8d9e0f1", 1000104,
            "tt13238346", "666277");
    public static final Title SEVERANCE = Title.show("Severance", 2022, "5d9c08f4e9d5a1001f4b2c3d", 1000201,
            "tt11280740", "95396", "371980");
    public static final Title THE_BEAR = Title.show("The Bear", 2022, "60c1b2a3d4e5f60012345678", 1000202,
            "tt14452776", "136315", "412346");
    public static final Title SHOGUN = Title.show("Shogun", 2024, "6331a1b2c3d4e5f6a7b8c9d0", 1000203, "tt2788316",
            "126308", "392573");
    /** An anime series: SIMKL lists it under its romaji name, Plex under its English one; they share only the tvdb id,
     * which SIMKL gives only with extended=full_anime_seasons. */
    public static final Title FRIEREN = Title.anime("Sousou no Frieren", 2023, "64f1a2b3c4d5e6f7a8b9c0d1", 1000301,
            "424536", "52991", "17617", "tv")
            .withPlexTitle("Frieren: Beyond Journey's End");
    /**
     * An anime of two seasons: SIMKL lists each season as a title of its own, and with
     * extended=full_anime_seasons both carry the series' TVDB id; Plex has one show for the series.
     */
    public static final Title JUJUTSU_1 = Title.anime("Jujutsu Kaisen", 2020, "5f1a2b3c4d5e6f7a8b9c0d1e", 1000303,
            "377543", "40748",
            "15275", "tv").withIds("tt12343534", "95479", "377543");
    public static final Title JUJUTSU_2 = Title.anime("Jujutsu Kaisen 2nd Season", 2023, null, 1000304, "377543",
            "51009", "17339",
            "tv");
    /** An anime film: counts as a movie. */
    public static final Title SUZUME = Title.anime("Suzume", 2022, "6372a1b2c3d4e5f6a7b8c9d1", 1000302, null, "50594",
            "16690", "movie")
            .withIds("tt16428256", "916224", null);
    /** One film, known to Plex only by its tmdb id and to SIMKL only by its imdb id (title + year links them). */
    public static final Title PERFECT_DAYS_PLEX = Title.movie("Perfect Days", 2023, "64a1b2c3d4e5f6a7b8c9d0e2", null,
            null, "976893");
    public static final Title PERFECT_DAYS_SIMKL = Title.movie("Perfect Days", 2023, null, 1000105, "tt27503384", null);
    /** SIMKL knows it; Plex has no such title (an obscure documentary). */
    public static final Title OBSCURE = Title.movie("A Very Obscure Documentary", 2019, null, 1000106, "tt9999991",
            "999991");
    /** A tmdb id shared by a movie and a show: they must never be confused. */
    public static final Title COLLIDE_MOVIE = Title.movie("Collision (Film)", 2013, "5f0000000000000000000a01",
            1000107, "tt2222201", "4242");
    public static final Title COLLIDE_SHOW = Title.show("Collision (Series)", 2009, "5f0000000000000000000a02",
            1000204, "tt2222202", "4242", "84242");

    public static List<Title> demo() {
        return List.of(ARRIVAL, TERMINATOR, DUNE, PAST_LIVES, SEVERANCE, THE_BEAR, SHOGUN, FRIEREN, JUJUTSU_1,
                JUJUTSU_2, SUZUME,
                PERFECT_DAYS_PLEX, PERFECT_DAYS_SIMKL, OBSCURE, COLLIDE_MOVIE, COLLIDE_SHOW);
    }

    /** {@code n} generated anime series that Plex does not know, ids unique from {@code from} (a large anime
     * library). */
    public static List<Title> generatedAnime(int from, int n) {
        List<Title> out = new ArrayList<>(n);
        for (int i = from; i < from + n; i++) {
            out.add(Title.anime("Generated Anime " + i, 1990 + i % 35, null, 6_000_000 + i,
                    String.valueOf(700_000 + i), String.valueOf(60_000 + i), String.valueOf(30_000 + i), "tv"));
        }
        return out;
    }

    /** {@code n} generated titles (every third a show), ids unique from {@code from}. */
    public static List<Title> generated(int from, int n) {
        List<Title> out = new ArrayList<>(n);
        for (int i = from; i < from + n; i++) {
            String key = String.format("%024x", 0xabc000000L + i);
            if (i % 3 == 0) {
                out.add(Title.show("Generated Show " + i, 1990 + i % 35, key, 5_000_000 + i, "tt" + (7_000_000 + i),
                        String.valueOf(800_000 + i), String.valueOf(900_000 + i)));
            } else {
                out.add(Title.movie("Generated Movie " + i, 1990 + i % 35, key, 5_000_000 + i, "tt" + (7_000_000 + i),
                        String.valueOf(600_000 + i)));
            }
        }
        return out;
    }
}
