package model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What a title is, for matching: SIMKL anime counts as a show, or as a movie when its anime type is movie. */
public enum MediaType {
    MOVIE, SHOW;

    /** The lower-case word used in files and output ("movie", "show"). */
    @JsonValue
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Plex's numeric type for the matches and search endpoints. */
    public int plexTypeNumber() {
        return this == MOVIE ? 1 : 2;
    }

    @JsonCreator
    public static MediaType parse(String s) {
        if (s == null) throw new IllegalArgumentException("missing media type");
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "movie": case "movies": case "film": return MOVIE;
            case "show": case "shows": case "tv": case "series": case "tv_shows": return SHOW;
            default: throw new IllegalArgumentException("unknown media type: " + s);
        }
    }
}
