package sync;

import config.Config.Side;
import model.Ids;
import sync.Executor.Outcome;
import sync.Executor.Status;
import sync.Plan.Action;
import sync.Plan.Kind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The snapshot and ledger a run leaves behind, title by title (pure). A title is recorded on a side
 * when it was read there or an action put it there; a removal that did not happen (withheld, off,
 * failed, skipped) keeps the title's previous record, so the next run decides the same way instead
 * of undoing the person's deletion.
 */
public final class StateUpdate {
    /** The new snapshot entries and ledger, and how many titles each side holds now. */
    public record Result(List<State.Entry> snapshot, List<State.Unresolved> ledger, long plexCount, long simklCount,
                         List<Match> unexplained) {}

    private StateUpdate() {}

    public static Result apply(List<Match> matches, Plan plan, List<Outcome> outcomes, boolean plexComplete,
                               boolean simklComplete, boolean bidirectional, List<State.Unresolved> oldLedger, Instant now) {
        Map<Match, List<Outcome>> byMatch = new IdentityHashMap<>();
        for (Outcome o : outcomes) byMatch.computeIfAbsent(o.action().match(), k -> new ArrayList<>()).add(o);
        Map<Match, Boolean> removalPending = new IdentityHashMap<>();
        for (Action a : plan.withheld()) removalPending.put(a.match(), true);
        for (Plan.Note n : plan.skipped()) if (n.match().snapshot() != null) removalPending.put(n.match(), true);
        Map<Match, Boolean> explained = new IdentityHashMap<>();
        for (Plan.Note n : plan.skipped()) explained.put(n.match(), true);
        for (Plan.Note n : plan.deferred()) explained.put(n.match(), true);
        for (Plan.Note n : plan.conflicts()) explained.put(n.match(), true);
        for (Action a : plan.withheld()) explained.put(a.match(), true);

        List<State.Entry> snapshot = new ArrayList<>();
        List<State.Unresolved> ledger = new ArrayList<>();
        List<Match> unexplained = new ArrayList<>();
        long plexCount = 0;
        long simklCount = 0;
        for (Match m : matches) {
            State.Entry old = m.snapshot();
            boolean onPlex = m.onPlex();
            boolean onSimkl = m.inPlanToWatch();
            Ids ids = m.ids();
            boolean keepOld = m.conflict() != null || removalPending.containsKey(m);
            for (Outcome o : byMatch.getOrDefault(m, List.of())) {
                Action a = o.action();
                if (o.resolved() != null) ids = ids.merge(o.resolved().ids());
                if (o.succeeded()) {
                    if (a.side() == Side.PLEX) onPlex = a.kind() == Kind.ADD;
                    else onSimkl = a.kind() == Kind.ADD;
                } else if (a.kind() == Kind.REMOVE) {
                    keepOld = true;
                    explained.put(m, true);
                } else {
                    explained.put(m, true);
                    if (o.status() == Status.NOT_FOUND) ledger.add(ledgerEntry(m, a.side(), o.detail(), oldLedger, now));
                }
            }
            // unread is not absent: an incomplete read keeps what the snapshot knew
            if (!plexComplete && !onPlex && old != null) onPlex = old.onPlex();
            if (!simklComplete && !onSimkl && old != null) onSimkl = old.onSimkl();
            for (Plan.Note n : plan.deferred()) {
                if (n.match() == m) {
                    State.Unresolved u = findLedger(oldLedger, m);
                    if (u != null) ledger.add(u);
                }
            }
            if (onPlex) plexCount++;
            if (onSimkl) simklCount++;
            if (keepOld && old != null) {
                snapshot.add(new State.Entry(old.type(), old.title(), old.year(), ids.merge(Ids.of(old.ids())).matching(),
                        old.onPlex(), old.onSimkl()));
                continue;
            }
            if (onPlex || onSimkl) {
                snapshot.add(new State.Entry(m.type(), m.title(), m.year(), ids.matching(), onPlex, onSimkl));
            }
            boolean oneWaySimklOnly = !bidirectional && !onPlex && onSimkl;
            if (onPlex != onSimkl && !explained.containsKey(m) && !oneWaySimklOnly && !m.inOtherSimklList()) unexplained.add(m);
        }
        return new Result(snapshot, ledger, plexCount, simklCount, unexplained);
    }

    private static State.Unresolved findLedger(List<State.Unresolved> ledger, Match m) {
        for (State.Unresolved u : ledger) {
            for (var id : Ids.of(u.ids()).matching().entrySet()) {
                if (u.type() == m.type() && id.getValue().equals(m.ids().get(id.getKey()))) return u;
            }
        }
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
        return i.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
