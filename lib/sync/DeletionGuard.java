package sync;

import config.Config.Side;
import model.Plural;
import sync.Plan.Action;
import sync.Plan.Kind;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * When a run may not remove anything from a side, and which reads it does not trust. Adds always
 * go ahead.
 * <ul>
 * <li>The Plex read was incomplete (a failed or short page): a missing title may only be unread.
 *     Nothing releases this; the next whole read does.</li>
 * <li>Plex reads empty while the last sync saw titles there (removals from SIMKL), or SIMKL's read
 *     is doubted (removals from Plex): a list that answered empty twice although it held titles
 *     ({@link SimklRead}).</li>
 * <li>More removals than sync.max_delete, or, on a side that held {@link #PERCENT_FROM} titles or
 *     more, a larger share than sync.max_delete_percent. On a small list every single removal is a
 *     large share, so there only the count applies.</li>
 * </ul>
 * {@code --max-delete N} allows up to N removals per side for one run and so releases every rule
 * but the first; whoever shows the reason adds the exact command (the reasons name none). A read that is not released
 * is untrusted:
 * the run keeps the snapshot's record of every title it could not see there, so the next good
 * run still knows what the person did.
 */
final class DeletionGuard {
    /** The percent rule applies only to sides that held at least this many titles. */
    static final int PERCENT_FROM = 20;

    /**
     * The removals withheld and why (null reason: none withheld), the --max-delete that releases
     * them (null: none does, the read was not whole), and the sides whose read is not trusted.
     */
    record Verdict(List<Action> withheld, String reason, Integer allowWith, Set<Side> untrusted) {}

    private DeletionGuard() {}

    static Verdict check(Planner.Input in, List<Action> ready) {
        List<Action> removals = ready.stream().filter(a -> a.kind() == Kind.REMOVE).toList();
        Set<Side> untrusted = untrusted(in, removals);
        if (removals.isEmpty()) return new Verdict(List.of(), null, null, untrusted);
        if (!in.reads().plexComplete()) {
            return new Verdict(removals, "Removals withheld: the Plex list could not be read completely, so a "
                    + "missing title"
                    + " may only be unread. Run again when the service answers.", null, untrusted);
        }
        List<Action> withheld = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (Side side : Side.values()) {
            List<Action> fromSide = removals.stream().filter(a -> a.side() == side).toList();
            String reason = fromSide.isEmpty() ? null : sideReason(in, side, fromSide.size());
            if (reason != null) {
                withheld.addAll(fromSide);
                reasons.add(reason);
            }
        }
        int most = 0;
        for (Side side : Side.values()) {
            most = (int) Math.max(most, withheld.stream().filter(a -> a.side() == side).count());
        }
        return new Verdict(withheld, reasons.isEmpty() ? null : String.join(" ", reasons),
                withheld.isEmpty() ? null : most, untrusted);
    }

    /**
     * The sides whose read this run does not trust: Plex read incomplete, or empty against a
     * snapshot that held titles there; SIMKL doubted. --max-delete covering the removals the
     * read would cause is the person saying that the read is right.
     */
    private static Set<Side> untrusted(Planner.Input in, List<Action> removals) {
        Set<Side> out = EnumSet.noneOf(Side.class);
        if (!in.reads().plexComplete() || (plexReadsEmpty(in)
                && !covered(in, removals, Side.SIMKL))) out.add(Side.PLEX);
        if (in.reads().simklDoubt() != null && !covered(in, removals, Side.PLEX)) out.add(Side.SIMKL);
        return out;
    }

    private static boolean plexReadsEmpty(Planner.Input in) {
        return in.last().seeded() && in.reads().plexCount() == 0 && in.last().plexCount() > 0;
    }

    private static boolean covered(Planner.Input in, List<Action> removals, Side from) {
        Integer allowed = in.choices().maxDelete();
        return allowed != null && removals.stream().filter(a -> a.side() == from).count() <= allowed;
    }

    private static String sideReason(Planner.Input in, Side side, int n) {
        Integer allowed = in.choices().maxDelete();
        boolean covered = allowed != null && n <= allowed;
        if (side == Side.SIMKL && plexReadsEmpty(in) && !covered) {
            return "Removals from SIMKL withheld: the Plex watchlist reads as empty while the last sync saw "
                    + Plural.of(in.last().plexCount(), "title") + " there.";
        }
        if (side == Side.PLEX && in.reads().simklDoubt() != null && !covered) {
            return "Removals from " + side.display() + " withheld: " + in.reads().simklDoubt();
        }
        if (allowed != null) {
            return covered ? null : "Removals from " + side.display() + " withheld: " + n
                    + " would exceed --max-delete " + allowed + ".";
        }
        int max = in.sync().maxDelete();
        if (n > max) {
            return "Removals from " + side.display() + " withheld: " + n + " would exceed sync.max_delete (" + max
                    + ").";
        }
        long size = Math.max(side == Side.PLEX ? in.reads().plexCount() : in.reads().simklCount(),
                in.last().count(side));
        double percent = 100.0 * n / size;
        if (size >= PERCENT_FROM && percent > in.sync().maxDeletePercent()) {
            return "Removals from " + side.display() + " withheld: " + n + " of " + Plural.of(size, "title") + " ("
                    + Math.round(percent)
                    + "%) would exceed sync.max_delete_percent (" + in.sync().maxDeletePercent()
                    + "%).";
        }
        return null;
    }
}
