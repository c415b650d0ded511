package sandbox;

import model.MediaType;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Plex emulator's plays, per account (the owner, or a Home user by name) and title: a movie's
 * play count and last play, a show's played episodes out of how many it has. Answers Discover's
 * {@code userState} for them, shaped as Plex's (docs/services.md).
 */
final class PlexPlays {
    /** One account's plays of one title. */
    private record Played(int count, int episodes, int leafCount, Instant at) {}

    private final Map<String, Played> plays = new ConcurrentHashMap<>();

    /** The account {@code who} ("" the owner) played the movie, or the whole show, once more at {@code at}. */
    void played(String who, Title t, Instant at) {
        Played before = plays.get(who + "/" + t.plexKey());
        int count = before == null ? 1 : before.count() + 1;
        plays.put(who + "/" + t.plexKey(), new Played(count, 0, 0, at));
    }

    /** The account played {@code played} of the show's {@code total} episodes, the last at {@code at}. */
    void episodes(String who, Title t, int played, int total, Instant at) {
        plays.put(who + "/" + t.plexKey(), new Played(played >= total ? 1 : 0, played, total, at));
    }

    /**
     * The userState body: viewCount and lastViewedAt once played, a show's viewedLeafCount, and
     * watchlistedAt (when it was put there) while it is on that account's watchlist (null: it is not).
     * Plex answers UserState as a list here.
     */
    Map<String, Object> userState(String who, Title t, Instant watchlistedAt) {
        Map<String, Object> us = new LinkedHashMap<>();
        us.put("ratingKey", t.plexKey());
        us.put("type", t.type() == MediaType.MOVIE ? "movie" : "show");
        Played p = plays.get(who + "/" + t.plexKey());
        if (p != null) {
            if (t.type() == MediaType.SHOW) us.put("viewedLeafCount", p.episodes() > 0 ? p.episodes() : 1);
            if (p.count() > 0) us.put("viewCount", p.count());
            us.put("lastViewedAt", p.at().getEpochSecond());
            us.put("viewState", p.count() > 0 ? "complete" : "partial");
        }
        if (watchlistedAt != null) us.put("watchlistedAt", watchlistedAt.getEpochSecond());
        Map<String, Object> mc = new LinkedHashMap<>();
        mc.put("size", 1);
        mc.put("identifier", "tv.plex.provider.metadata");
        mc.put("UserState", List.of(us));
        return Map.of("MediaContainer", mc);
    }
}
