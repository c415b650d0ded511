package sync;

import model.Ids;
import model.MediaItem;
import model.MediaType;
import simkl.SimklEntry;

/**
 * One title across both sides and the snapshot: what Plex holds, what SIMKL holds (in any list),
 * what the last run agreed on, and every id known. {@code conflict} is set when ids disagree.
 */
public record Match(MediaType type, String title, Integer year, Ids ids, MediaItem plex, SimklEntry simkl,
                    State.Entry snapshot, boolean byTitle, String conflict) {

    public boolean onPlex() {
        return plex != null;
    }

    /** On SIMKL's Plan to Watch in this run's read. */
    public boolean inPlanToWatch() {
        return simkl != null && simkl.planToWatch();
    }

    /** Held by SIMKL in another list (watching, completed, hold, dropped). */
    public boolean inOtherSimklList() {
        return simkl != null && simkl.inOtherList();
    }

    /** SIMKL lists it with a status it does not document: nothing is decided about it. */
    public boolean simklStatusUnknown() {
        return simkl != null && !simkl.knownStatus();
    }

    public String label() {
        return year == null ? title : title + " (" + year + ")";
    }

    public MediaItem item() {
        return new MediaItem(type, title, year, ids);
    }
}
