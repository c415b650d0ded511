package sync;

import model.MediaItem;
import simkl.SimklEntry;

/**
 * One title across both sides and the snapshot: the title as the sync knows it (its name from
 * Plex when Plex has it, with every id known on any side), what Plex holds, what SIMKL holds (in
 * any list), and what the last run agreed on. {@code conflict} is set when ids disagree.
 */
public record Match(MediaItem item, MediaItem plex, SimklEntry simkl, State.Entry snapshot, boolean byTitle,
        String conflict) {

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

    /** What the last sync agreed on, as far as this run may use it (null: nothing). */
    public boolean wasOnPlex() {
        return snapshot != null && snapshot.onPlex();
    }

    public boolean wasOnSimkl() {
        return snapshot != null && snapshot.onSimkl();
    }

    /** "Title (2001)" for people. */
    public String label() {
        return item.label();
    }
}
