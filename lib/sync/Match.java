package sync;

import model.MediaItem;
import simkl.SimklEntry;

import java.util.List;

/**
 * One title across both sides and the snapshot: the title as the sync knows it (its name from
 * Plex when Plex has it, with every id known on any side), what Plex holds, what SIMKL holds (in
 * any list), and what the last run agreed on. {@code conflict} is set when ids disagree.
 * {@code simkl} is the SIMKL entry that speaks for the title (one in Plan to Watch, if any);
 * {@code seasons} every SIMKL entry of it: one, or an anime's seasons, which SIMKL lists as titles of
 * their own and Plex as one show.
 */
public record Match(MediaItem item, MediaItem plex, SimklEntry simkl, List<SimklEntry> seasons, State.Entry snapshot,
                    boolean byTitle, String conflict) {
    public Match {
        seasons = List.copyOf(seasons);
    }

    /** A title with at most one SIMKL entry. */
    public Match(MediaItem item, MediaItem plex, SimklEntry simkl, State.Entry snapshot, boolean byTitle,
            String conflict) {
        this(item, plex, simkl, simkl == null ? List.of() : List.of(simkl), snapshot, byTitle, conflict);
    }

    /**
     * What a removal from SIMKL takes away: every SIMKL entry of the title in Plan to Watch that
     * holds no watch data and no rating (an anime's seasons are entries of their own), by its own ids.
     */
    public List<MediaItem> simklRemovals() {
        return seasons.stream().filter(SimklEntry::removable).map(SimklEntry::item).toList();
    }

    /** The entries in Plan to Watch that a removal must leave: watched or rated. */
    public List<SimklEntry> simklKept() {
        return seasons.stream().filter(e -> e.planToWatch() && !e.removable()).toList();
    }

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
