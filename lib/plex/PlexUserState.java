package plex;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One title's state for the account, from Discover's {@code library/metadata/{id}/userState}
 * (docs/services.md): how often it was played ({@code viewCount}; for a show, Plex's count of
 * whole plays), how many of a show's episodes were ({@code viewedLeafCount}), the last play
 * ({@code lastViewedAt}, epoch seconds) and Plex's word for it ({@code viewState}). Plex answers the
 * UserState as an object or as a one-element list, and leaves out what does not apply.
 */
public record PlexUserState(int viewCount, int viewedLeafCount, Instant lastViewedAt, String viewState) {
    public static final PlexUserState UNPLAYED = new PlexUserState(0, 0, null, null);

    /** The state in a userState answer; unplayed when it carries none. */
    static PlexUserState parse(JsonNode root) {
        JsonNode us = root.path("MediaContainer").path("UserState");
        if (us.isArray()) us = us.path(0);
        if (!us.isObject()) return UNPLAYED;
        JsonNode at = us.path("lastViewedAt");
        Instant last = at.canConvertToLong() && at.asLong() > 0 ? Instant.ofEpochSecond(at.asLong()) : null;
        String state = us.path("viewState").isTextual() ? us.path("viewState").asText() : null;
        return new PlexUserState(us.path("viewCount").asInt(0), us.path("viewedLeafCount").asInt(0), last, state);
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
