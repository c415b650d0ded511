package sync;

import config.Config.Side;
import sync.Plan.Action;
import sync.Plan.Kind;

import java.util.List;

/**
 * When a run may not remove anything (DESIGN §6): a read was incomplete, a side reads empty while
 * the snapshot held titles for it, or the removals from a side exceed sync.max_delete or
 * sync.max_delete_percent of it (--max-delete N raises the limit to N for one run).
 */
final class DeletionGuard {
    private DeletionGuard() {}

    /** A reason to withhold every removal, or null. */
    static String check(Planner.Input in, List<Action> actions) {
        if (actions.stream().noneMatch(a -> a.kind() == Kind.REMOVE)) return null;
        if (!in.plexComplete() || !in.simklComplete()) {
            return "Removals withheld: the " + (!in.plexComplete() ? "Plex" : "SIMKL")
                    + " list could not be read completely, so a missing title may only be unread. Run again when the service answers.";
        }
        if (in.seeded() && in.plexCount() == 0 && in.snapshotPlexCount() > 0) {
            return "Removals withheld: Plex reads as empty while the last sync saw " + in.snapshotPlexCount()
                    + " titles there. If you really emptied it, run once with --max-delete " + in.snapshotPlexCount() + " after checking.";
        }
        if (in.seeded() && in.simklCount() == 0 && in.snapshotSimklCount() > 0) {
            return "Removals withheld: SIMKL's Plan to Watch reads as empty while the last sync saw " + in.snapshotSimklCount()
                    + " titles there. If you really emptied it, run once with --max-delete " + in.snapshotSimklCount() + " after checking.";
        }
        return null;
    }

    /** A reason to withhold the removals from one side, or null. */
    static String checkSide(Planner.Input in, List<Action> actions, Side side) {
        long n = actions.stream().filter(a -> a.kind() == Kind.REMOVE && a.side() == side).count();
        if (n == 0) return null;
        if (in.maxDeleteOverride() != null) {
            if (n <= in.maxDeleteOverride()) return null;
            return "Removals from " + side.display() + " withheld: " + n + " would exceed --max-delete " + in.maxDeleteOverride() + ".";
        }
        int max = in.sync().maxDelete();
        long size = Math.max(side == Side.PLEX ? in.plexCount() : in.simklCount(),
                side == Side.PLEX ? in.snapshotPlexCount() : in.snapshotSimklCount());
        double percent = size == 0 ? 100.0 : 100.0 * n / size;
        if (n > max) {
            return "Removals from " + side.display() + " withheld: " + n + " would exceed sync.max_delete (" + max
                    + "). Check the plan with --dry-run, then allow them with --max-delete " + n + ".";
        }
        if (percent > in.sync().maxDeletePercent()) {
            return "Removals from " + side.display() + " withheld: " + n + " of " + size + " titles (" + Math.round(percent)
                    + "%) would exceed sync.max_delete_percent (" + in.sync().maxDeletePercent()
                    + "%). Check the plan with --dry-run, then allow them with --max-delete " + n + ".";
        }
        return null;
    }
}
