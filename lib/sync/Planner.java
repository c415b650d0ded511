package sync;

import config.Config;
import config.Config.Side;
import model.Ids;
import sync.Plan.Action;
import sync.Plan.Kind;
import sync.Plan.Note;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The sync policy, in one place and without I/O: given both reads (as matches), whether a snapshot
 * exists, and the settings, decide what to add and remove on each side.
 *
 * Modes (DESIGN §6): two-way (first run adds only; later runs propagate adds and deletions against
 * the snapshot), mirror with a source of truth, one-way Plex -> SIMKL.
 * Safety: SIMKL titles outside Plan to Watch are never sent to it nor removed; removals from SIMKL
 * only of titles read in Plan to Watch with no watch data and no rating; the deletion guard.
 */
public final class Planner {
    /** Everything the planner looks at. {@code maxDeleteOverride} is --max-delete, or null. */
    public record Input(List<Match> matches, boolean seeded, Config.Sync sync, boolean plexComplete, boolean simklComplete,
                        int plexCount, int simklCount, long snapshotPlexCount, long snapshotSimklCount,
                        List<State.Unresolved> unresolved, Instant now, boolean retryUnresolved, Integer maxDeleteOverride) {}

    private Planner() {}

    public static Plan plan(Input in) {
        Config.Sync s = in.sync();
        List<Action> actions = new ArrayList<>();
        List<Note> skipped = new ArrayList<>();
        List<Note> deferred = new ArrayList<>();
        List<Note> conflicts = new ArrayList<>();
        for (Match m : in.matches()) {
            if (m.conflict() != null) {
                conflicts.add(new Note(m, m.conflict()));
                continue;
            }
            decide(m, in, actions, skipped);
        }
        // enable_add / enable_remove, in every mode
        List<Action> kept = new ArrayList<>();
        for (Action a : actions) {
            if (a.kind() == Kind.ADD && !s.enableAdd()) skipped.add(new Note(a.match(), "adds are off (sync.enable_add): would " + a.describe()));
            else if (a.kind() == Kind.REMOVE && !s.enableRemove()) skipped.add(new Note(a.match(), "removals are off (sync.enable_remove): would " + a.describe()));
            else kept.add(a);
        }
        // unresolved titles wait for their back-off
        List<Action> ready = new ArrayList<>();
        for (Action a : kept) {
            State.Unresolved u = a.kind() == Kind.ADD ? ledgerEntry(in.unresolved(), a) : null;
            if (u != null && !in.retryUnresolved() && u.nextTry() != null && Instant.parse(u.nextTry()).isAfter(in.now())) {
                deferred.add(new Note(a.match(), "not found on " + a.side().display() + " (" + u.reason() + "); next try after "
                        + u.nextTry() + " or with --retry-unresolved"));
            } else {
                ready.add(a);
            }
        }
        // the deletion guard
        List<Action> withheld = new ArrayList<>();
        String guard = DeletionGuard.check(in, ready);
        if (guard != null) {
            for (Action a : ready) if (a.kind() == Kind.REMOVE) withheld.add(a);
            ready.removeAll(withheld);
        } else {
            for (Side side : Side.values()) {
                String sideGuard = DeletionGuard.checkSide(in, ready, side);
                if (sideGuard != null) {
                    for (Action a : ready) if (a.kind() == Kind.REMOVE && a.side() == side) withheld.add(a);
                    guard = guard == null ? sideGuard : guard + " " + sideGuard;
                }
            }
            ready.removeAll(withheld);
        }
        if (withheld.isEmpty()) guard = null;
        return new Plan(ready, skipped, withheld, guard, deferred, conflicts);
    }

    private static void decide(Match m, Input in, List<Action> actions, List<Note> skipped) {
        Config.Sync s = in.sync();
        boolean p = m.onPlex();
        boolean ptw = m.inPlanToWatch();
        boolean other = m.inOtherSimklList();
        State.Entry snap = m.snapshot();
        boolean wasOnPlex = in.seeded() && snap != null && snap.onPlex();
        boolean wasOnSimkl = in.seeded() && snap != null && snap.onSimkl();

        if (!s.bidirectional()) { // one-way Plex -> SIMKL
            if (p && !ptw) addToSimkl(m, other, "on Plex", actions, skipped);
            else if (!p && ptw && wasOnPlex) removeFromSimkl(m, "removed from Plex", actions, skipped);
            return;
        }
        if (s.mode() == Config.Mode.MIRROR) {
            if (s.sourceOfTruth() == Side.PLEX) {
                if (p && !ptw) addToSimkl(m, other, "mirror of Plex", actions, skipped);
                else if (!p && ptw) removeFromSimkl(m, "not on Plex (mirror of Plex)", actions, skipped);
            } else {
                if (ptw && !p) actions.add(new Action(Side.PLEX, Kind.ADD, m, "mirror of SIMKL"));
                else if (p && !ptw) actions.add(new Action(Side.PLEX, Kind.REMOVE, m, "not in SIMKL's Plan to Watch (mirror of SIMKL)"));
            }
            return;
        }
        // two-way
        if (p && !ptw) {
            if (wasOnSimkl) {
                actions.add(new Action(Side.PLEX, Kind.REMOVE, m, other
                        ? "moved on SIMKL from Plan to Watch to " + m.simkl().status() : "removed from SIMKL's Plan to Watch"));
            } else {
                addToSimkl(m, other, in.seeded() ? "new on Plex" : "on Plex (first run: adds only)", actions, skipped);
            }
        } else if (!p && ptw) {
            if (wasOnPlex) removeFromSimkl(m, "removed from Plex", actions, skipped);
            else actions.add(new Action(Side.PLEX, Kind.ADD, m, in.seeded() ? "new on SIMKL" : "on SIMKL (first run: adds only)"));
        }
    }

    private static void addToSimkl(Match m, boolean other, String reason, List<Action> actions, List<Note> skipped) {
        if (other) {
            skipped.add(new Note(m, "SIMKL holds it as " + m.simkl().status() + "; not moved back to Plan to Watch"));
        } else {
            actions.add(new Action(Side.SIMKL, Kind.ADD, m, reason));
        }
    }

    private static void removeFromSimkl(Match m, String reason, List<Action> actions, List<Note> skipped) {
        if (!m.simkl().removable()) {
            skipped.add(new Note(m, "kept on SIMKL: it has " + (m.simkl().rated() ? "a rating" : "watch history")
                    + ", which removal would erase"));
        } else {
            actions.add(new Action(Side.SIMKL, Kind.REMOVE, m, reason));
        }
    }

    private static State.Unresolved ledgerEntry(List<State.Unresolved> ledger, Action a) {
        for (State.Unresolved u : ledger) {
            if (!u.missingOn().equals(a.side().word) || u.type() != a.match().type()) continue;
            Ids ids = Ids.of(u.ids());
            for (var id : ids.matching().entrySet()) {
                if (id.getValue().equals(a.match().ids().get(id.getKey()))) return u;
            }
        }
        return null;
    }
}
