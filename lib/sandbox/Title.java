package sandbox;

import model.MediaType;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A title in the emulators' shared catalogue, with the ids each service knows it by. A null
 * {@code plexKey} means Plex has no such title; a null {@code simkl} id means SIMKL has none.
 * {@code bucket} is SIMKL's list bucket: movies, shows or anime. {@code plexTitle} is the name Plex
 * shows (anime often go by another name there than on SIMKL).
 */
public record Title(MediaType type, String title, int year, String plexKey, Integer simkl, String imdb, String tmdb,
                    String tvdb, String mal, String anidb, String bucket, String animeType, String plexTitle) {

    public static Title movie(String title, int year, String plexKey, Integer simkl, String imdb, String tmdb) {
        return new Title(MediaType.MOVIE, title, year, plexKey, simkl, imdb, tmdb, null, null, null, "movies", null,
                title);
    }

    public static Title show(String title, int year, String plexKey, Integer simkl, String imdb, String tmdb,
            String tvdb) {
        return new Title(MediaType.SHOW, title, year, plexKey, simkl, imdb, tmdb, tvdb, null, null, "shows", null,
                title);
    }

    public static Title anime(String title, int year, String plexKey, Integer simkl, String tvdb, String mal,
            String anidb, String animeType) {
        MediaType type = "movie".equals(animeType) ? MediaType.MOVIE : MediaType.SHOW;
        return new Title(type, title, year, plexKey, simkl, null, null, tvdb, mal, anidb, "anime", animeType, title);
    }

    /** The same title with some ids hidden from Plex (e.g. Plex knows only the tmdb id). */
    public Title withIds(String imdb, String tmdb, String tvdb) {
        return new Title(type, title, year, plexKey, simkl, imdb, tmdb, tvdb, mal, anidb, bucket, animeType, plexTitle);
    }

    /** The same title under another name on Plex. */
    public Title withPlexTitle(String name) {
        return new Title(type, title, year, plexKey, simkl, imdb, tmdb, tvdb, mal, anidb, bucket, animeType, name);
    }

    /** Plex's Guid list: the external ids Plex carries (imdb, tmdb, tvdb). */
    public Map<String, String> plexGuids() {
        Map<String, String> m = new LinkedHashMap<>();
        if (imdb != null) m.put("imdb", imdb);
        if (tmdb != null) m.put("tmdb", tmdb);
        if (tvdb != null) m.put("tvdb", tvdb);
        return m;
    }

    public String slug() {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
