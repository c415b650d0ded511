package sync;

import model.Ids;
import model.MediaItem;
import model.TitleQuery;
import simkl.SimklEntry;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every title the tool knows of, for a person's query (--why, --exclude): the titles read on
 * either side and in the snapshot (as matches), each with its unresolved-ledger entry and its
 * journal lines; titles known only to the ledger or the journal stand on their own. Pure.
 */
public final class KnownTitles {
    /** One title: its match (sides and snapshot; empty sides for one known only from the files), ledger, journal. */
    public record Known(Match match, State.Unresolved unresolved, List<Journal.Entry> journal) {
        /** Every id known of it, on any side, in the snapshot, the ledger or the journal. */
        public Ids ids() {
            Ids ids = match.item().ids();
            if (match.plex() != null) ids = ids.merge(match.plex().ids());
            for (SimklEntry e : match.seasons()) ids = ids.merge(e.item().ids());
            if (match.snapshot() != null) ids = ids.merge(Ids.of(match.snapshot().ids()));
            if (unresolved != null) ids = ids.merge(unresolved.item().ids());
            for (Journal.Entry j : journal) ids = ids.merge(j.item().ids());
            return ids;
        }

        /** Every name it goes by: Plex's, SIMKL's (each season's), the snapshot's, the journal's. */
        public List<String> names() {
            Set<String> n = new LinkedHashSet<>();
            n.add(match.item().title());
            if (match.plex() != null) n.add(match.plex().title());
            for (SimklEntry e : match.seasons()) n.add(e.item().title());
            if (match.snapshot() != null) n.add(match.snapshot().title());
            if (unresolved != null) n.add(unresolved.item().title());
            for (Journal.Entry j : journal) if (j.title() != null) n.add(j.title());
            return List.copyOf(n);
        }

        public TitleQuery.Candidate candidate() {
            return new TitleQuery.Candidate(match.item().type(), names(), match.item().year(), ids());
        }

        /** "Dune: Part Two (2024)". */
        public String label() {
            return match.item().label();
        }
    }

    private KnownTitles() {}

    /** {@code journal} oldest first, as read; each title's lines stay in that order. */
    public static List<Known> of(List<Match> matches, List<State.Unresolved> ledger, List<Journal.Entry> journal) {
        List<Match> all = new ArrayList<>(matches);
        List<State.Unresolved> byTitle = new ArrayList<>();
        List<List<Journal.Entry>> lines = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            byTitle.add(null);
            lines.add(new ArrayList<>());
        }
        for (State.Unresolved u : ledger) {
            int at = find(all, u.item());
            if (at < 0) {
                all.add(alone(u.item()));
                byTitle.add(u);
                lines.add(new ArrayList<>());
            } else if (byTitle.get(at) == null) {
                byTitle.set(at, u);
            }
        }
        for (Journal.Entry j : journal) {
            MediaItem item = j.item();
            int at = find(all, item);
            if (at < 0) {
                all.add(alone(item));
                byTitle.add(null);
                lines.add(new ArrayList<>());
                at = all.size() - 1;
            }
            lines.get(at).add(j);
        }
        List<Known> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) out.add(new Known(all.get(i), byTitle.get(i), List.copyOf(lines.get(i))));
        return out;
    }

    /** The title on neither side, known from a file only. */
    private static Match alone(MediaItem item) {
        return new Match(item, null, null, null, false, null);
    }

    private static int find(List<Match> all, MediaItem item) {
        for (int i = 0; i < all.size(); i++) {
            Match m = all.get(i);
            if (m.item().sameTitle(item) || (m.plex() != null && m.plex().sameTitle(item))) return i;
            for (SimklEntry e : m.seasons()) if (e.item().sameTitle(item)) return i;
            if (m.snapshot() != null && item.sameTitle(m.snapshot().type(), Ids.of(m.snapshot().ids()))) return i;
        }
        return -1;
    }
}
