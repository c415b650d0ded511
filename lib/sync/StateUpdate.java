package sync;

import config.Config.Side;
import model.Ids;
import sync.Executor.Outcome;
import sync.Executor.Status;
import sync.Plan.Action;
import sync.Plan.Kind;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The snapshot and ledger a run leaves behind, title by title (pure). A title is recorded on a side
 * when it was read there or an action put it there. Its previous record is kept instead when the
 * run must not change what the last sync agreed on: a removal that did not happen (withheld, off,
 * failed, skipped), a conflict, or a side whose read is not trusted and did not show it; so the
 * next run decides the same way instead of undoing the person's deletion. A title whose ids a
 * service failed to give keeps its record and its ledger entry exactly, or gets none. Also lists
 * every title left on one side only, with its reason.
 */
public final class StateUpdate {
    /**
     * A title on one side only after the run, the rule that leaves it so and why in words (both
     * null: nothing explains it, which is a fault). Kept apart when its rule says it is on purpose.
     */
    public record Difference(Match match, Side onlyOn, Rule rule, String reason) {
        public boolean keptApart() {
            return rule != null && rule.keptApart;
        }
    }

    /**
     * The new snapshot entries and ledger, how many titles each side holds now, the titles on one
     * side only (kept apart on purpose, or differences), and the titles that went unresolved for the
     * first time in this run.
     */
    public record Result(List<State.Entry> snapshot, List<State.Unresolved> ledger, long plexCount, long simklCount,
                         List<Difference> differences, List<State.Unresolved> newlyUnresolved) {
        /** The titles on one side only that nothing keeps apart on purpose. */
        public List<Difference> unexplained() {
            return differences.stream().filter(d -> !d.keptApart()).toList();
        }

        /** The titles kept apart on purpose, by a rule. */
        public List<Difference> keptApart() {
            return differences.stream().filter(Difference::keptApart).toList();
        }
    }

    /** Where one title stands after the run's actions, with every id learnt and why it is where it is. */
    private record Standing(boolean onPlex, boolean onSimkl, Ids ids, boolean removalFailed, Rule rule, String reason,
            State.Unresolved unresolved) {}

    private StateUpdate() {}

    public static Result apply(List<Match> matches, Plan plan, List<Outcome> outcomes, boolean oneWay,
                               List<State.Unresolved> oldLedger, Instant now) {
        Map<Match, Plan.Note> planned = plannedReasons(plan);
        Map<Match, List<Outcome>> byMatch = new IdentityHashMap<>();
        for (Outcome o : outcomes) byMatch.computeIfAbsent(o.action().match(), k -> new ArrayList<>()).add(o);

        List<State.Entry> snapshot = new ArrayList<>();
        List<State.Unresolved> ledger = new ArrayList<>();
        List<State.Unresolved> fresh = new ArrayList<>();
        List<Difference> differences = new ArrayList<>();
        long plexCount = 0;
        long simklCount = 0;
        for (Match m : matches) {
            Standing s = standing(m, byMatch.getOrDefault(m, List.of()), planned.get(m), oldLedger, now);
            if (s.unresolved() != null) {
                ledger.add(s.unresolved());
                if (s.unresolved().attempts() == 1) fresh.add(s.unresolved());
            } else if (isDeferred(plan, m) || s.rule() == Rule.LOOKUP_FAILED) {
                State.Unresolved known = findLedger(oldLedger, m);
                if (known != null) ledger.add(known);
            }
            if (s.rule() == Rule.OUT_OF_SCOPE) { // left alone, and not counted
                if (m.snapshot() != null) snapshot.add(oldRecord(m, m.item().ids()));
                continue;
            }
            if (s.onPlex()) plexCount++;
            if (s.onSimkl()) simklCount++;
            if (s.onPlex() != s.onSimkl()) differences.add(difference(m, s, oneWay));
            State.Entry entry = record(m, plan, s);
            if (entry != null) snapshot.add(entry);
        }
        return new Result(snapshot, ledger, plexCount, simklCount, differences, fresh);
    }

    /** A title on one side only after the run, with the rule that leaves it so (one-way mode's, when none). */
    private static Difference difference(Match m, Standing s, boolean oneWay) {
        boolean alone = oneWay && s.onSimkl() && s.rule() == null;
        return new Difference(m, s.onPlex() ? Side.PLEX : Side.SIMKL, alone ? Rule.ONE_WAY_LEFT : s.rule(),
                alone ? "one-way mode leaves titles only on SIMKL alone" : s.reason());
    }

    /** The title's record in the snapshot the run leaves (null: none). */
    private static State.Entry record(Match m, Plan plan, Standing s) {
        // a title whose lookup failed waits as the last run left it: its record, if any, as it was
        if (s.rule() == Rule.LOOKUP_FAILED) return m.snapshot();
        if (keepsOldRecord(m, plan, s)) return oldRecord(m, s.ids());
        return outOfTheSync(s.rule()) ? null : newRecord(m, s);
    }

    /**
     * A title the settings keep out of the sync (excluded, or of a kind not synced): the snapshot
     * keeps what it had of it and learns nothing new, so that taking it back into the sync later
     * judges it from before, and a title never agreed on is added then, never removed.
     */
    private static boolean outOfTheSync(Rule rule) {
        return rule == Rule.EXCLUDED || rule == Rule.OUT_OF_SCOPE;
    }

    /** Why the plan leaves each title it does not act on as it is: skipped, waiting for a retry, a conflict, withheld.
     * */
    private static Map<Match, Plan.Note> plannedReasons(Plan plan) {
        Map<Match, Plan.Note> reason = new IdentityHashMap<>();
        for (Plan.Note n : plan.skipped()) reason.putIfAbsent(n.match(), n);
        for (Plan.Note n : plan.deferred()) reason.putIfAbsent(n.match(), new Plan.Note(n.match(), n.side(), n.rule(),
                "unresolved: " + n.reason()));
        for (Plan.Note n : plan.conflicts()) reason.putIfAbsent(n.match(), new Plan.Note(n.match(), n.side(),
                n.rule(), "conflict: " + n.reason()));
        for (Action a : plan.withheld()) {
            reason.putIfAbsent(a.match(), new Plan.Note(a.match(), a.side(), Rule.GUARD, "removal from "
                    + a.side().display() + " withheld by the deletion guard"));
        }
        return reason;
    }

    /** The title as read, moved by the actions that succeeded; a title not found goes to the ledger. */
    private static Standing standing(Match m, List<Outcome> outcomes, Plan.Note planned,
            List<State.Unresolved> oldLedger, Instant now) {
        boolean onPlex = m.onPlex();
        boolean onSimkl = m.inPlanToWatch();
        Ids ids = m.item().ids();
        boolean removalFailed = false;
        Rule rule = planned == null ? null : planned.rule();
        String reason = planned == null ? null : planned.reason();
        State.Unresolved unresolved = null;
        for (Outcome o : outcomes) {
            Action a = o.action();
            if (o.resolved() != null) ids = ids.merge(o.resolved().ids());
            if (o.succeeded()) {
                if (a.side() == Side.PLEX) onPlex = a.kind() == Kind.ADD;
                // a kept season stays; a title marked as watched has left Plan to Watch
                else onSimkl = a.kind() == Kind.ADD || (a.kind() == Kind.REMOVE && !m.simklKept().isEmpty());
                // an --undo's action leaves the title on one side on purpose
                if (a.rule().keptApart) {
                    rule = a.rule();
                    reason = a.reason();
                }
                continue;
            }
            if (o.status() == Status.NOT_FOUND) {
                unresolved = ledgerEntry(m, a.side(), o.detail(), oldLedger, now);
                // known and waiting for its next try: kept apart; found missing for the first time: a difference
                rule = unresolved.attempts() == 1 ? Rule.NOT_FOUND : Rule.UNRESOLVED;
                reason = "unresolved: not found on " + a.side().display() + " (" + o.detail() + ")";
            } else if (o.status() == Status.UNKNOWN) {
                rule = Rule.UNCONFIRMED;
                reason = "not known whether it was " + a.kind().done + a.side().display() + ": " + o.detail();
            } else {
                rule = Rule.FAILED;
                reason = "could not " + a.kind().verb + a.side().display()
                        + ": " + o.detail() + "; tried again next run";
            }
            if (a.kind() != Kind.ADD) removalFailed = true; // the next run decides again
        }
        return new Standing(onPlex, onSimkl, ids, removalFailed, rule, reason, unresolved);
    }

    /**
     * Whether the last agreed record must stand: a conflict, a removal that did not happen, or a
     * title the snapshot had on a side whose read is not trusted and that the read did not show
     * (unread is not absent: the next good run must still see what the person did on the other side).
     */
    private static boolean keepsOldRecord(Match m, Plan plan, Standing s) {
        if (m.snapshot() == null) return false;
        if (m.conflict() != null || s.removalFailed()) return true;
        boolean removalPending = plan.withheld().stream().anyMatch(a -> a.match() == m)
                || plan.skipped().stream().anyMatch(n -> n.match() == m);
        Set<Side> untrusted = plan.untrusted();
        boolean unseenOnPlex = untrusted.contains(Side.PLEX) && m.snapshot().onPlex() && !m.onPlex();
        boolean unseenOnSimkl = untrusted.contains(Side.SIMKL) && m.snapshot().onSimkl() && !m.inPlanToWatch();
        return removalPending || unseenOnPlex || unseenOnSimkl;
    }

    private static State.Entry oldRecord(Match m, Ids learnt) {
        State.Entry old = m.snapshot();
        return new State.Entry(old.type(), old.title(), old.year(), learnt.merge(Ids.of(old.ids())).matching(),
                old.onPlex(), old.onSimkl());
    }

    /** Where the title stands now, or nothing when it is on neither side. */
    private static State.Entry newRecord(Match m, Standing s) {
        if (!s.onPlex() && !s.onSimkl()) return null;
        return new State.Entry(m.item().type(), m.item().title(), m.item().year(), s.ids().matching(), s.onPlex(),
                s.onSimkl());
    }

    private static boolean isDeferred(Plan plan, Match m) {
        return plan.deferred().stream().anyMatch(n -> n.match() == m);
    }

    private static State.Unresolved findLedger(List<State.Unresolved> ledger, Match m) {
        for (State.Unresolved u : ledger) if (m.item().sameTitle(u.item())) return u;
        return null;
    }

    /** A new or renewed ledger entry: back-off of 6 hours, doubling per failed try, at most a week. */
    private static State.Unresolved ledgerEntry(Match m, Side missingOn, String reason, List<State.Unresolved> old,
            Instant now) {
        State.Unresolved prev = findLedger(old, m);
        int attempts = prev == null ? 1 : prev.attempts() + 1;
        Duration wait = Duration.ofHours(6).multipliedBy(1L << Math.min(attempts - 1, 5));
        if (wait.compareTo(Duration.ofDays(7)) > 0) wait = Duration.ofDays(7);
        return new State.Unresolved(m.item().type(), m.item().title(), m.item().year(), m.item().ids().asMap(),
                missingOn, reason,
                prev == null ? at(now) : prev.firstSeen(), at(now), attempts, at(now.plus(wait)));
    }

    private static String at(Instant i) {
        return i.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
