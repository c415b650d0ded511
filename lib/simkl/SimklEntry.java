package simkl;

import model.MediaItem;

import java.time.Instant;
import java.util.List;

/**
 * A title in one of the person's SIMKL lists: the bucket it is read from (movies, shows, anime),
 * its status, and whether removing it would destroy watch data or a rating. A status SIMKL does
 * not document (a number, an unknown word, none at all) is kept as read, and the title is left
 * alone: it is neither in Plan to Watch nor known to be anywhere else. {@code addedAt} is SIMKL's
 * {@code added_to_watchlist_at}: when it was put in the library, as the row read says (null: the row
 * did not say, as SIMKL's older answers do not, or the entry comes from the copy in state.json).
 */
public record SimklEntry(MediaItem item, String bucket, String status, boolean watched, boolean rated,
        String animeType, Instant addedAt) {
    /** An entry whose added-at time is not known. */
    public SimklEntry(MediaItem item, String bucket, String status, boolean watched, boolean rated, String animeType) {
        this(item, bucket, status, watched, rated, animeType, null);
    }

    /** The lists SIMKL documents; every title is in exactly one of them. */
    public static final List<String> STATUSES = List.of("plantowatch", "watching", "completed", "hold", "dropped");

    public boolean planToWatch() {
        return "plantowatch".equals(status);
    }

    /** A status SIMKL documents. */
    public boolean knownStatus() {
        return STATUSES.contains(status);
    }

    /** Held in a documented list other than Plan to Watch (watching, completed, hold, dropped). */
    public boolean inOtherList() {
        return knownStatus() && !planToWatch();
    }

    /** Safe to remove with history/remove: in Plan to Watch, never watched, never rated. */
    public boolean removable() {
        return planToWatch() && !watched && !rated;
    }

    /** The same title in list {@code s}. */
    public SimklEntry withStatus(String s) {
        return new SimklEntry(item, bucket, s, watched, rated, animeType, addedAt);
    }

    /** The same title, rated or not. */
    public SimklEntry withRated(boolean r) {
        return new SimklEntry(item, bucket, status, watched, r, animeType, addedAt);
    }

    /** The status as a person reads it: the list's name, or the unknown value as SIMKL sent it. */
    public String statusLabel() {
        return status == null || status.isEmpty() ? "no status" : status;
    }

    /**
     * Whether {@code a} and {@code b} are one SIMKL entry: by SIMKL id when both have one, else by any
     * shared id. An anime's seasons are entries of their own that share the series' TVDB id.
     */
    public static boolean sameEntry(MediaItem a, MediaItem b) {
        String x = a.ids().get("simkl");
        String y = b.ids().get("simkl");
        return x != null && y != null ? x.equals(y) && a.type() == b.type() : a.sameTitle(b);
    }
}
