package sync;

import config.Config.Side;
import model.MediaItem;
import sync.Plan.Action;
import sync.Plan.Kind;
import sync.Plan.Note;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * --undo: the plan that takes back the actions one run carried out, from the journal and both lists
 * as read now (pure). A title added is removed from that side, a title removed is added back where
 * it was removed. Left alone and named: a title marked as watched by the watched rule (its undo would
 * erase the play), one SIMKL now holds as watched or rated, and one changed since, by a later run
 * or by the person (it is no longer as the run left it, or the service says it was put on its list
 * again after the run added it: {@link AddedAt}, asked only for the titles the undo would remove).
 */
final class Undo {
    private Undo() {}

    /** The run --undo RUN names: {@code wanted} itself when the journal has it, the newest for "last"; else null. */
    static String pick(List<Journal.Entry> journal, String wanted) {
        if (wanted == null || wanted.isEmpty() || wanted.equals("last")) {
            return journal.isEmpty() ? null : journal.get(journal.size() - 1).run();
        }
        return journal.stream().anyMatch(e -> wanted.equals(e.run())) ? wanted : null;
    }

    /** When the service says a title was put on its list, for a journal line whose undo would remove it. */
    interface Added extends BiFunction<Journal.Entry, Match, AddedAt> {}

    /**
     * The titles the undo of {@code run} would remove, by the journal line that added each, before
     * the services are asked when each was put on its list: what {@link AddedAt#read} asks about.
     */
    static Map<Journal.Entry, Match> removals(Planner.Input in, String run, List<Journal.Entry> journal) {
        Map<Journal.Entry, Match> out = new LinkedHashMap<>();
        walk(in, run, journal, (e, m) -> {
            out.put(e, m);
            return AddedAt.NOT_ASKED;
        }, new ArrayList<>(), new ArrayList<>());
        return out;
    }

    /**
     * The undo of run {@code run}, whose entries {@code journal} holds, against the lists {@code in} reads;
     * {@code sync} is what a sync would plan from them, whose reasons to leave the other titles alone stand;
     * {@code added} says when each title it would remove was put on its list.
     */
    static Plan plan(Planner.Input in, Plan sync, String run, List<Journal.Entry> journal, Added added) {
        List<Action> actions = new ArrayList<>();
        List<Note> skipped = new ArrayList<>();
        walk(in, run, journal, added, actions, skipped);
        skipped.addAll(sync.skipped());
        DeletionGuard.Verdict verdict = DeletionGuard.check(in, actions);
        actions.removeAll(verdict.withheld());
        return new Plan(actions, skipped, verdict.withheld(), verdict.reason(), verdict.allowWith(), sync.deferred(),
                sync.conflicts(), verdict.untrusted());
    }

    /** What takes back each action of {@code run} that may have been carried out, in journal order. */
    private static void walk(Planner.Input in, String run, List<Journal.Entry> journal, Added added,
            List<Action> actions, List<Note> skipped) {
        int last = -1;
        for (int i = 0; i < journal.size(); i++) if (run.equals(journal.get(i).run())) last = i;
        List<Journal.Entry> later = journal.subList(last + 1, journal.size());
        for (Journal.Entry e : mayHaveDone(journal, run)) {
            Journal.Entry since = later.stream()
                    .filter(l -> l.done() && l.item().sameTitle(e.item()) && doneInTheEnd(journal, l))
                    .reduce((a, b) -> b).orElse(null);
            Match m = find(in.matches(), e);
            if (since == null && !confirmed(journal, e) && !shows(m, e)) {
                // sent with no answer, and the lists do not show it: there is nothing of it to take back
                skipped.add(new Note(m, e.side(), Rule.UNDO, "not " + e.action().done + e.side().display()
                        + " by run " + run + ": its write got no answer, and " + e.side().display()
                        + " does not show it done"));
                continue;
            }
            inverse(e, m, since, "undo of run " + run, added, actions, skipped);
        }
    }

    /**
     * The actions of run {@code run} that may have been carried out, each once (its first line, when its
     * write went out), judged by its last line (the run's re-read after its writes journals an action
     * again when it settles it): those that ended done, and those whose write went out with no answer
     * and that nothing settled (unknown), which may have landed. One the re-read showed was not carried
     * out ("failed" after "unknown", or after "done": not confirmed) is not among them.
     */
    static List<Journal.Entry> mayHaveDone(List<Journal.Entry> journal, String run) {
        List<Journal.Entry> out = new ArrayList<>();
        for (Journal.Entry e : journal) {
            if (!run.equals(e.run()) || out.stream().anyMatch(o -> same(o, e))) continue;
            if (mayHaveLanded(journal, e)) out.add(e);
        }
        return out;
    }

    /** Whether the action of {@code e} may have been carried out: its last line says done, or unknown. */
    private static boolean mayHaveLanded(List<Journal.Entry> journal, Journal.Entry e) {
        Journal.Entry last = lastLine(journal, e);
        return last.done() || last.outcome() == Executor.Status.UNKNOWN;
    }

    /** The last line of the journal about the action of {@code e} (its own run's, the same side, kind and title). */
    private static Journal.Entry lastLine(List<Journal.Entry> journal, Journal.Entry e) {
        Journal.Entry last = e;
        for (Journal.Entry l : journal) if (same(l, e)) last = l;
        return last;
    }

    /** Whether the action of {@code e} ended done, as its last line says. */
    private static boolean doneInTheEnd(List<Journal.Entry> journal, Journal.Entry e) {
        return e.done() && lastLine(journal, e).done();
    }

    /** Whether two lines are about one action: the same run, side, kind of action and title. */
    private static boolean same(Journal.Entry a, Journal.Entry b) {
        return a.run() != null && a.run().equals(b.run()) && a.side() == b.side() && a.action() == b.action()
                && a.item().sameTitle(b.item());
    }

    /** Whether the journal says the action of {@code e} was done (its last line). */
    private static boolean confirmed(List<Journal.Entry> journal, Journal.Entry e) {
        return lastLine(journal, e).done();
    }

    /** Whether the lists as read now show what the action of {@code e} did. */
    private static boolean shows(Match m, Journal.Entry e) {
        if (e.action() == Kind.WATCHED) return m.simkl() != null && !m.inPlanToWatch();
        boolean there = e.side() == Side.PLEX ? m.onPlex() : m.inPlanToWatch();
        return there == e.added();
    }

    /** What takes back {@code e} on {@code m} as read now: an action, or a note saying why it is left. */
    private static void inverse(Journal.Entry e, Match m, Journal.Entry since, String why, Added added,
            List<Action> actions, List<Note> skipped) {
        if (e.action() == Kind.WATCHED) {
            skipped.add(new Note(m, Side.SIMKL, Rule.WATCHED_ON_PLEX, "marked as watched on SIMKL (rule "
                    + Rule.WATCHED_ON_PLEX.word + "): never undone, that would erase its play"));
        } else if (since != null && undid(since, e)) {
            skipped.add(new Note(m, e.side(), Rule.UNDO, "already undone (run " + since.run() + ")"));
        } else if (since != null) {
            skipped.add(new Note(m, e.side(), Rule.UNDO, "changed since: " + since.action().word() + " on "
                    + since.side().display() + " at " + since.at() + " (run " + since.run() + ")"));
        } else if (e.added()) {
            boolean there = e.side() == Side.PLEX ? m.onPlex() : m.inPlanToWatch();
            if (!there) {
                skipped.add(new Note(m, e.side(), Rule.UNDO, "changed since: no longer on " + e.side().display()));
            } else if (e.side() == Side.SIMKL && !m.simklKept().isEmpty()) {
                skipped.add(new Note(m, e.side(), Rule.KEEPS_HISTORY, "changed since: watched or rated on SIMKL; "
                        + "a removal would erase it"));
            } else {
                removal(e, m, added.apply(e, m), why, actions, skipped);
            }
        } else if (e.side() == Side.PLEX ? m.onPlex() : m.simkl() != null) {
            skipped.add(new Note(m, e.side(), Rule.UNDO, "changed since: back on " + e.side().display()
                    + (e.side() == Side.SIMKL && m.simkl() != null ? " (" + m.simkl().statusLabel() + ")" : "")));
        } else {
            actions.add(new Action(e.side(), Kind.ADD, m, Rule.UNDO, why + ", which removed it"));
        }
    }

    /**
     * The removal of a title run {@code e} added, unless its side says it was put there again after
     * that write, or cannot say when it was (then it may have been: it is left, and named).
     */
    private static void removal(Journal.Entry e, Match m, AddedAt added, String why, List<Action> actions,
            List<Note> skipped) {
        String unknown = added.uncomparable(e.at());
        if (unknown != null) {
            skipped.add(new Note(m, e.side(), Rule.UNDO, "maybe changed since: " + unknown + "; left alone, as it "
                    + "may have been added again by hand (the same --undo takes it back once this is known)"));
        } else if (added.after(e.at())) {
            skipped.add(new Note(m, e.side(), Rule.UNDO, "changed since: put on " + e.side().display() + " again at "
                    + added.at() + ", after the run added it at " + e.at()));
        } else {
            actions.add(new Action(e.side(), Kind.REMOVE, m, Rule.UNDO, why + ", which added it"));
        }
    }

    /**
     * The titles an undo leaves on one side only, as it leaves them: those of {@code before} it did not
     * touch, and each its {@code outcomes} put on or took off one side (a later sync leaves them so).
     * A write of unknown fate counts as done: if it landed, the next sync leaves the title as the undo
     * left it (and neither undoes it nor carries the old agreement over it); if it did not, both sides
     * no longer read as this record says, and the next sync ignores the record.
     */
    static List<State.Entry> leftApart(List<State.Entry> before, List<Executor.Outcome> outcomes) {
        List<State.Entry> out = new ArrayList<>();
        List<State.Entry> made = new ArrayList<>();
        for (Executor.Outcome o : outcomes) {
            if (!o.succeeded() && o.status() != Executor.Status.UNKNOWN) continue;
            Match m = o.action().match();
            boolean plex = o.action().side() == Side.PLEX ? o.action().kind() == Kind.ADD : m.onPlex();
            boolean simkl = o.action().side() == Side.SIMKL ? o.action().kind() == Kind.ADD : m.inPlanToWatch();
            if (plex == simkl) continue;
            MediaItem item = o.resolved() != null ? o.resolved() : m.item();
            made.add(new State.Entry(item.type(), item.title(), item.year(), item.ids().matching(), plex, simkl));
        }
        for (State.Entry e : before) {
            if (outcomes.stream().noneMatch(o -> o.action().match().item().sameTitle(e.item()))) out.add(e);
        }
        out.addAll(made);
        return out;
    }

    /** Whether {@code later} is the undo of {@code e}: by an undo of its run, on its side, the other way. */
    private static boolean undid(Journal.Entry later, Journal.Entry e) {
        return Rule.UNDO.word.equals(later.rule()) && later.reason() != null
                && later.reason().startsWith("undo of run " + e.run() + ",") && later.side() == e.side()
                && later.added() != e.added() && later.action() != Kind.WATCHED;
    }

    /**
     * The titles an earlier undo of {@code run} took back (one a kill cut short before state.json was
     * saved) that stand on one side only now, as it left them: recorded again, so the next sync leaves them.
     */
    static List<State.Entry> alreadyUndone(List<Match> matches, String run, List<Journal.Entry> journal) {
        List<State.Entry> out = new ArrayList<>();
        for (Journal.Entry e : mayHaveDone(journal, run)) {
            boolean undone = journal.stream().anyMatch(l -> undid(l, e) && l.item().sameTitle(e.item())
                    && mayHaveLanded(journal, l));
            Match m = find(matches, e);
            if (!undone || m.onPlex() == m.inPlanToWatch()) continue;
            MediaItem i = m.item();
            out.add(new State.Entry(i.type(), i.title(), i.year(), i.ids().matching(), m.onPlex(), m.inPlanToWatch()));
        }
        return out;
    }

    private static Match find(List<Match> matches, Journal.Entry e) {
        for (Match m : matches) if (m.item().sameTitle(e.item())) return m;
        return new Match(e.item(), null, null, null, false, null);
    }
}
