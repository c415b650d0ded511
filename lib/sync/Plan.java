package sync;

import com.fasterxml.jackson.annotation.JsonProperty;
import config.Config.Side;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a run will do: adds and removes per side, each with its rule and reason, plus what it will
 * not do and why (skipped titles, removals withheld by a guard, unresolved titles waiting for a
 * retry, conflicts), the {@code --max-delete} that would release the withheld removals (null
 * when none would: an incomplete read), and the sides whose read this run does not trust (their
 * unseen titles keep their snapshot record).
 */
public record Plan(List<Action> actions, List<Note> skipped, List<Action> withheld, String guard, Integer allowWith,
                   List<Note> deferred, List<Note> conflicts, Set<Side> untrusted) {

    /**
     * What an action does, in files and documents by its word: ADD and REMOVE put a title on or take
     * it off a side; WATCHED moves it on SIMKL out of Plan to Watch as played on Plex (completed, or
     * watching when partly played), which is no removal.
     */
    public enum Kind {
        @JsonProperty("add") ADD("add to ", "added to "),
        @JsonProperty("remove") REMOVE("remove from ", "removed from "),
        @JsonProperty("watched") WATCHED("mark as watched on ", "marked as watched on ");

        /** "add to " / "remove from " / "mark as watched on ", before a side's name. */
        public final String verb;
        /** The same, done: "added to ". */
        public final String done;

        Kind(String verb, String done) {
            this.verb = verb;
            this.done = done;
        }

        /** The journal's and the documents' word for it: "add", "remove", "watched". */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One write: add to or remove from a side, or mark as watched on SIMKL, for a title, by which
     * rule, and why in words; {@code play} is what Plex said of the title's plays (a WATCHED action's).
     */
    public record Action(Side side, Kind kind, Match match, Rule rule, String reason, PlexPlay play) {
        public Action(Side side, Kind kind, Match match, Rule rule, String reason) {
            this(side, kind, match, rule, reason, null);
        }

        public String describe() {
            return kind.verb + side.display() + ": " + match.label() + " (" + reason + ")";
        }
    }

    /**
     * A title the plan leaves alone, the side it would have been written on (null when neither),
     * the rule that keeps it so, and why in words.
     */
    public record Note(Match match, Side side, Rule rule, String reason) {}

    public List<Action> of(Side side, Kind kind) {
        return actions.stream().filter(a -> a.side() == side && a.kind() == kind).toList();
    }

    /**
     * The titles as read, and those this plan acts on that neither list holds (an undo putting back a
     * title gone from both): each counted, and recorded, where the run leaves it.
     */
    public List<Match> withActedOn(List<Match> read) {
        Set<Match> known = Collections.newSetFromMap(new IdentityHashMap<>());
        known.addAll(read);
        List<Match> out = new ArrayList<>(read);
        for (Action a : actions) if (known.add(a.match())) out.add(a.match());
        return out;
    }

    public boolean writes() {
        return !actions.isEmpty();
    }

    /**
     * What the plan decides for one title: its actions, then why it is left alone (skipped,
     * waiting, conflicting, withheld). Empty when the title needs nothing.
     */
    public List<Decision> about(Match m) {
        List<Decision> out = new ArrayList<>();
        for (Action a : actions) if (a.match() == m) out.add(new Decision(a.side(), a.kind(), a.rule(), a.reason()));
        for (Action a : withheld) {
            if (a.match() == m) out.add(new Decision(a.side(), a.kind(), Rule.GUARD, guard));
        }
        for (List<Note> notes : List.of(skipped, deferred, conflicts)) {
            for (Note n : notes) if (n.match() == m) out.add(new Decision(n.side(), null, n.rule(), n.reason()));
        }
        return out;
    }

    /** One decision about a title: a write (kind set) or a reason to leave it (kind null). */
    public record Decision(Side side, Kind kind, Rule rule, String reason) {}
}
