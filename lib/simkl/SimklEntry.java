package simkl;

import model.MediaItem;

/**
 * A title in one of the person's SIMKL lists: the bucket it is read from (movies, shows, anime),
 * its status, and whether removing it would destroy watch data or a rating.
 */
public record SimklEntry(MediaItem item, String bucket, String status, boolean watched, boolean rated, String animeType) {
    public boolean planToWatch() {
        return "plantowatch".equals(status);
    }

    /** Safe to remove with history/remove: in Plan to Watch, never watched, never rated. */
    public boolean removable() {
        return planToWatch() && !watched && !rated;
    }
}
