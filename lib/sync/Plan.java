package sync;

import config.Config.Side;

import java.util.List;
import java.util.Set;

/**
 * What a run will do: adds and removes per side, each with its reason, plus what it will not do
 * and why (skipped titles, removals withheld by a guard, unresolved titles waiting for a retry),
 * and the sides whose read this run does not trust (their unseen titles keep their snapshot record).
 */
public record Plan(List<Action> actions, List<Note> skipped, List<Action> withheld, String guard, List<Note> deferred,
                   List<Note> conflicts, Set<Side> untrusted) {

    public enum Kind { ADD, REMOVE }

    /** One write: add to or remove from a side, for a title, and why. */
    public record Action(Side side, Kind kind, Match match, String reason) {
        public String describe() {
            return (kind == Kind.ADD ? "add to " : "remove from ") + side.display() + ": " + match.label() + " ("
                    + reason + ")";
        }
    }

    /** A title the plan leaves alone, the side it would have been written on (null for a conflict), and why. */
    public record Note(Match match, Side side, String reason) {}

    public List<Action> of(Side side, Kind kind) {
        return actions.stream().filter(a -> a.side() == side && a.kind() == kind).toList();
    }

    public boolean writes() {
        return !actions.isEmpty();
    }
}
