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
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The snapshot and ledger a run leaves behind, title by title (pure). A title is recorded on a side
 * when it was read there or an action put it there; a removal that did not happen (withheld, off,
 * failed, skipped) keeps the title's previous record, so the next run decides the same way instead
 * of undoing the person's deletion. Also lists every title left on one side only, with its reason.
 */
public final class StateUpdate {
    /** A title on one side only after the run, and why (null: nothing explains it, which is a fault). */
    public record Difference(Match match, Side onlyOn, String reason) {}

    /**
     * The new snapshot entries and ledger, how many titles each side holds now, the differences,
     * the titles that went unresolved for the first time in this run, and how many SIMKL-only titles
     * one-way mode leaves alone on purpose.
     */
    public record Result(List<State.Entry> snapshot, List<State.Unresolved> ledger, long plexCount, long simklCount,
                         List<Difference> differences, List<State.Unresolved> newlyUnresolved, int leftAlone) {}

    private StateUpdate() {}

    public static Result apply(List<Match> matches, Plan plan, List<Outcome> outcomes, boolean oneWay,
                               List<State.Unresolved> oldLedger, Instant now) {
        Map<Match, List<Outcome>> byMatch = new IdentityHashMap<>();
        for (Outcome o : outcomes) byMatch.computeIfAbsent(o.action().match(), k -> new ArrayList<>()).add(o);
        Map<Match, String> reason = new IdentityHashMap<>();
        Map<Match, Boolean> removalPending = new IdentityHashMap<>();
        for (Plan.Note n : plan.skipped()) {
            reason.putIfAbsent(n.match(), n.reason());
            if (n.match().snapshot() != null) removalPending.put(n.match(), true);
        }
        for (Plan.Note n : plan.deferred()) reason.putIfAbsent(n.match(), "unresolved: " + n.reason());
        for (Plan.Note n : plan.conflicts()) reason.putIfAbsent(n.match(), "conflict: " + n.reason());
        for (Action a : plan.withheld()) {
            removalPending.put(a.match(), true);
            reason.putIfAbsent(a.match(), "removal from " + a.side().display() + " withheld by the deletion guard");
        }

        List<State.Entry> snapshot = new ArrayList<>();
        List<State.Unresolved> ledger = new ArrayList<>();
        List<State.Unresolved> fresh = new ArrayList<>();
        List<Difference> differences = new ArrayList<>();
        long plexCount = 0;
        long simklCount = 0;
        int leftAlone = 0;
        for (Match m : matches) {
            State.Entry old = m.snapshot();
            boolean onPlex = m.onPlex();
            boolean onSimkl = m.inPlanToWatch();
            Ids ids = m.ids();
            // unread is not absent: a title the snapshot had on a side whose read is not trusted, and
            // that the read did not show, keeps its whole record, so the next good run still sees
            // what the person did on the other side (a removal there is not undone by an add back)
            boolean unseenPlex = plan.untrusted().contains(Side.PLEX) && old != null && old.onPlex() && !m.onPlex();
            boolean unseenSimkl = plan.untrusted().contains(Side.SIMKL) && old != null && old.onSimkl() && !m.inPlanToWatch();
            boolean keepOld = m.conflict() != null || removalPending.containsKey(m) || unseenPlex || unseenSimkl;
            for (Outcome o : byMatch.getOrDefault(m, List.of())) {
                Action a = o.action();
                if (o.resolved() != null) ids = ids.merge(o.resolved().ids());
                if (o.succeeded()) {
                    if (a.side() == Side.PLEX) onPlex = a.kind() == Kind.ADD;
                    else onSimkl = a.kind() == Kind.ADD;
                    continue;
                }
                if (o.status() == Status.NOT_FOUND) {
                    State.Unresolved u = ledgerEntry(m, a.side(), o.detail(), oldLedger, now);
                    ledger.add(u);
                    if (u.attempts() == 1) fresh.add(u);
                    reason.put(m, "unresolved: not found on " + a.side().display() + " (" + o.detail() + ")");
                } else {
                    reason.put(m, "could not " + (a.kind() == Kind.ADD ? "add to " : "remove from ") + a.side().display()
                            + ": " + o.detail() + "; tried again next run");
                }
                if (a.kind() == Kind.REMOVE) keepOld = true;
            }
            for (Plan.Note n : plan.deferred()) {
                State.Unresolved known = n.match() == m ? findLedger(oldLedger, m) : null;
                if (known != null) ledger.add(known);
            }
            if (onPlex) plexCount++;
            if (onSimkl) simklCount++;
            if (onPlex != onSimkl) {
                if (oneWay && onSimkl) leftAlone++;
                else differences.add(new Difference(m, onPlex ? Side.PLEX : Side.SIMKL, reason.get(m)));
            }
            if (keepOld && old != null) {
                snapshot.add(new State.Entry(old.type(), old.title(), old.year(), ids.merge(Ids.of(old.ids())).matching(),
                        old.onPlex(), old.onSimkl()));
            } else if (onPlex || onSimkl) {
                snapshot.add(new State.Entry(m.type(), m.title(), m.year(), ids.matching(), onPlex, onSimkl));
            }
        }
        return new Result(snapshot, ledger, plexCount, simklCount, differences, fresh, leftAlone);
    }

    private static State.Unresolved findLedger(List<State.Unresolved> ledger, Match m) {
        for (State.Unresolved u : ledger) if (m.item().sameTitle(u.item())) return u;
        return null;
    }

    /** A new or renewed ledger entry: back-off of 6 hours, doubling per failed try, at most a week. */
    private static State.Unresolved ledgerEntry(Match m, Side missingOn, String reason, List<State.Unresolved> old, Instant now) {
        State.Unresolved prev = findLedger(old, m);
        int attempts = prev == null ? 1 : prev.attempts() + 1;
        Duration wait = Duration.ofHours(6).multipliedBy(1L << Math.min(attempts - 1, 5));
        if (wait.compareTo(Duration.ofDays(7)) > 0) wait = Duration.ofDays(7);
        Map<String, String> ids = new HashMap<>(m.ids().asMap());
        return new State.Unresolved(m.type(), m.title(), m.year(), ids, missingOn.word, reason,
                prev == null ? at(now) : prev.firstSeen(), at(now), attempts, at(now.plus(wait)));
    }

    private static String at(Instant i) {
        return i.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
