package sync;

import http.AuthException;
import http.ServiceException;
import model.MediaType;
import plex.PlexClient;
import plex.PlexUserState;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The step between the two plans of a run (see {@link Planner}): asks Plex, one request per title,
 * whether the account played the titles that left its watchlist, and answers in the planner's
 * terms. A read that fails is an answer too: the planner leaves that title as it was.
 */
final class WatchedOnPlex {
    private WatchedOnPlex() {}

    /** What Plex says of each title's plays, by its Plex id. A refused token stops the run (thrown). */
    static Map<String, PlexPlay> ask(PlexClient plex, List<Match> titles, Consumer<String> debug)
            throws AuthException {
        Map<String, PlexPlay> out = new LinkedHashMap<>();
        for (Match m : titles) {
            String key = Planner.plexKey(m);
            try {
                PlexPlay play = play(m.item().type(), plex.userState(key));
                debug.accept("Plex plays of " + m.label() + ": " + play.played().name().toLowerCase(Locale.ROOT)
                        + (play.at() == null ? "" : ", last " + play.at()));
                out.put(key, play);
            } catch (ServiceException e) {
                debug.accept("Plex plays of " + m.label() + " could not be read: " + e.getMessage());
                out.put(key, PlexPlay.unread(e.getMessage()));
            }
        }
        return out;
    }

    /** A movie is played or not; a show wholly (Plex counts it viewed), partly (some episodes) or not. */
    static PlexPlay play(MediaType type, PlexUserState s) {
        if (s.playedWhole()) return new PlexPlay(PlexPlay.Played.WHOLLY, s.lastViewedAt(), s.viewedLeafCount(), null);
        if (type == MediaType.SHOW && s.playedPart()) {
            return new PlexPlay(PlexPlay.Played.PARTLY, s.lastViewedAt(), s.viewedLeafCount(), null);
        }
        return PlexPlay.NONE;
    }
}
