package plex;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One title's state for the account, from Discover's {@code library/metadata/{id}/userState}
 * (docs/services.md): how often it was played ({@code viewCount}; for a show, Plex's count of
 * whole plays), how many of a show's episodes were ({@code viewedLeafCount}), the last play
 * ({@code lastViewedAt}, epoch seconds), Plex's word for it ({@code viewState}), and when it was put on
 * the watchlist ({@code watchlistedAt}, epoch seconds; given only while it is there). Plex answers the
 * UserState as an object or as a one-element list, and leaves out what does not apply.
 */
public record PlexUserState(int viewCount, int viewedLeafCount, Instant lastViewedAt, String viewState,
        Instant watchlistedAt) {
    public static final PlexUserState UNPLAYED = new PlexUserState(0, 0, null, null, null);

    /** The state in a userState answer; unplayed when it carries none. */
    static PlexUserState parse(JsonNode root) {
        JsonNode us = root.path("MediaContainer").path("UserState");
        if (us.isArray()) us = us.path(0);
        if (!us.isObject()) return UNPLAYED;
        String state = us.path("viewState").isTextual() ? us.path("viewState").asText() : null;
        return new PlexUserState(us.path("viewCount").asInt(0), us.path("viewedLeafCount").asInt(0),
                epochSeconds(us.path("lastViewedAt")), state, epochSeconds(us.path("watchlistedAt")));
    }

    /** A time Plex gives in epoch seconds (a number, or digits in a string); null: none given. */
    private static Instant epochSeconds(JsonNode at) {
        long s = at.isNumber() && at.canConvertToLong() ? at.asLong()
                : at.isTextual() && at.asText().matches("\\d{1,12}") ? Long.parseLong(at.asText()) : 0;
        return s > 0 ? Instant.ofEpochSecond(s) : null;
    }

    /** Played through at least once: a movie played, a show Plex counts as viewed (every episode played). */
    public boolean playedWhole() {
        return viewCount > 0 || "complete".equalsIgnoreCase(viewState);
    }

    /** Some of a show played, not all of it. */
    public boolean playedPart() {
        return !playedWhole() && viewedLeafCount > 0;
    }
}
