package sync;

import config.Config.Side;
import model.Plural;
import sync.Plan.Action;
import sync.Plan.Kind;

import java.util.ArrayList;
import java.util.List;

/**
 * When a run may not remove anything from a side. Adds always go ahead.
 * <ul>
 * <li>The Plex read was incomplete (a failed or short page): a missing title may only be unread.
 *     Nothing releases this; the next whole read does.</li>
 * <li>Plex reads empty while the last sync saw titles there (removals from SIMKL), or SIMKL's read
 *     is doubted (removals from Plex): a list that vanished at once with no removal recorded by
 *     SIMKL, and still did when read again ({@link SimklRead}). SIMKL records removals, so a list
 *     the person emptied there is told from a glitch; Plex records none.</li>
 * <li>More removals than sync.max_delete, or, on a side that held {@link #PERCENT_FROM} titles or
 *     more, a larger share than sync.max_delete_percent. On a small list every single removal is a
 *     large share, so there only the count applies.</li>
 * </ul>
 * {@code --max-delete N} allows up to N removals per side for one run and so releases every rule
 * but the first: each message names the exact command.
 */
final class DeletionGuard {
    /** The percent rule applies only to sides that held at least this many titles. */
    static final int PERCENT_FROM = 20;

    /** The removals withheld and why (null reason: none withheld). */
    record Verdict(List<Action> withheld, String reason) {}

    private DeletionGuard() {}

    static Verdict check(Planner.Input in, List<Action> ready) {
        List<Action> removals = ready.stream().filter(a -> a.kind() == Kind.REMOVE).toList();
        if (removals.isEmpty()) return new Verdict(List.of(), null);
        if (!in.reads().plexComplete()) {
            return new Verdict(removals, "Removals withheld: the Plex list could not be read completely, so a missing title"
                    + " may only be unread. Run again when the service answers.");
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
        return new Verdict(withheld, reasons.isEmpty() ? null : String.join(" ", reasons));
    }

    private static String sideReason(Planner.Input in, Side side, int n) {
        Integer allowed = in.choices().maxDelete();
        String release = " If that is what you did, allow them once with --max-delete " + n + ".";
        boolean covered = allowed != null && n <= allowed;
        if (side == Side.SIMKL && in.last().seeded() && in.reads().plexCount() == 0 && in.last().plexCount() > 0 && !covered) {
            return "Removals from SIMKL withheld: the Plex watchlist reads as empty while the last sync saw "
                    + Plural.of(in.last().plexCount(), "title") + " there." + release;
        }
        if (side == Side.PLEX && in.reads().simklDoubt() != null && !covered) {
            return "Removals from " + side.display() + " withheld: " + in.reads().simklDoubt() + release;
        }
        if (allowed != null) {
            return covered ? null : "Removals from " + side.display() + " withheld: " + n + " would exceed --max-delete " + allowed + ".";
        }
        int max = in.sync().maxDelete();
        if (n > max) {
            return "Removals from " + side.display() + " withheld: " + n + " would exceed sync.max_delete (" + max
                    + "). Check the plan with --dry-run, then allow them once with --max-delete " + n + ".";
        }
        long size = Math.max(side == Side.PLEX ? in.reads().plexCount() : in.reads().simklCount(), in.last().count(side));
        double percent = 100.0 * n / size;
        if (size >= PERCENT_FROM && percent > in.sync().maxDeletePercent()) {
            return "Removals from " + side.display() + " withheld: " + n + " of " + Plural.of(size, "title") + " (" + Math.round(percent)
                    + "%) would exceed sync.max_delete_percent (" + in.sync().maxDeletePercent()
                    + "%). Check the plan with --dry-run, then allow them once with --max-delete " + n + ".";
        }
        return null;
    }
}
