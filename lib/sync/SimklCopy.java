package sync;

import model.Ids;
import model.MediaItem;
import simkl.SimklEntry;
import simkl.SimklRating;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The copy of the SIMKL library kept in state.json, and how each kind of read changes it (pure):
 * a delta is merged by SIMKL id, the minified read drops what left, the ratings read marks titles
 * rated or not.
 */
final class SimklCopy {
    private SimklCopy() {}

    /** The copy with each changed title put in its new state (matched by SIMKL id), new titles added. */
    static List<SimklEntry> merge(List<SimklEntry> copy, List<SimklEntry> changed) {
        List<SimklEntry> out = new ArrayList<>(copy);
        Finder find = new Finder(out);
        for (SimklEntry c : changed) {
            int at = find.indexOf(c.item());
            if (at >= 0) {
                out.set(at, c);
            } else {
                out.add(c);
                find.added(out.size() - 1, c);
            }
        }
        return out;
    }

    /** The copy's titles that the minified read still shows (a title without a SIMKL id is kept: it cannot be
     * checked). */
    static List<SimklEntry> stillThere(List<SimklEntry> copy, Set<String> present) {
        List<SimklEntry> out = new ArrayList<>();
        for (SimklEntry e : copy) {
            String id = e.item().ids().get("simkl");
            if (id == null || present.contains(id)) out.add(e);
        }
        return out;
    }

    /** The SIMKL ids the minified read shows that the copy does not hold: titles no read has brought yet. */
    static Set<String> notInCopy(List<SimklEntry> copy, Set<String> present) {
        Set<String> held = new HashSet<>();
        for (SimklEntry e : copy) {
            String id = e.item().ids().get("simkl");
            if (id != null) held.add(id);
        }
        Set<String> out = new TreeSet<>(present);
        out.removeAll(held);
        return out;
    }

    /**
     * The entries with their ratings as the ratings read gives them: marked rated, or no longer
     * rated where SIMKL says so. A rated title not in the lists is left to the list delta, which
     * carries it whole.
     */
    static List<SimklEntry> withRatings(List<SimklEntry> entries, List<SimklRating> ratings) {
        List<SimklEntry> out = new ArrayList<>(entries);
        Finder find = new Finder(out);
        for (SimklRating r : ratings) {
            int at = find.indexOf(r.item());
            if (at >= 0) out.set(at, out.get(at).withRated(r.rated()));
        }
        return out;
    }

    /**
     * Finds an entry of a list by SIMKL id, else (for a title without one) as the same title, in
     * constant time for lists of thousands: the first such entry, as a scan in order would.
     */
    private static final class Finder {
        private final Map<String, Integer> bySimklId = new HashMap<>();
        private final List<SimklEntry> entries;

        Finder(List<SimklEntry> entries) {
            this.entries = entries;
            for (int i = entries.size() - 1; i >= 0; i--) added(i, entries.get(i));
        }

        void added(int at, SimklEntry e) {
            String id = e.item().ids().get("simkl");
            if (id != null) bySimklId.merge(id, at, Math::min);
        }

        int indexOf(MediaItem wanted) {
            String id = wanted.ids().get("simkl");
            if (id != null) return bySimklId.getOrDefault(id, -1);
            for (int i = 0; i < entries.size(); i++) if (entries.get(i).item().sameTitle(wanted)) return i;
            return -1;
        }
    }

    static List<SimklEntry> fromCache(String bucket, List<State.CachedSimklItem> cached) {
        List<SimklEntry> entries = new ArrayList<>();
        for (State.CachedSimklItem c : cached) {
            entries.add(new SimklEntry(new MediaItem(c.type(), c.title(), c.year(), Ids.of(c.ids())), bucket,
                    c.status(), c.watched(), c.rated(), c.animeType()));
        }
        return entries;
    }

    static List<State.CachedSimklItem> toCache(List<SimklEntry> entries) {
        List<State.CachedSimklItem> cached = new ArrayList<>();
        for (SimklEntry e : entries) {
            cached.add(new State.CachedSimklItem(e.item().type(), e.item().title(), e.item().year(),
                    e.item().ids().matching(), e.status(), e.watched(), e.rated(), e.animeType()));
        }
        return cached;
    }
}
