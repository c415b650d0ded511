package sync;

import java.time.Instant;

/**
 * What Plex says the account played of one title that left its watchlist (pure data, read by
 * {@link WatchedOnPlex}): nothing, part of a show, or all of it (a movie played, a show whose every
 * episode is), with the last play time when Plex gives one; or why Plex could not say.
 */
public record PlexPlay(Played played, Instant at, int episodes, String failure) {
    public enum Played { NOT, PARTLY, WHOLLY }

    public static final PlexPlay NONE = new PlexPlay(Played.NOT, null, 0, null);

    /** Plex did not answer (a limit, an error, a timeout): nothing is known, and nothing is decided. */
    public static PlexPlay unread(String why) {
        return new PlexPlay(Played.NOT, null, 0, why);
    }

    public boolean known() {
        return failure == null;
    }
}
