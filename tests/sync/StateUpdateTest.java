package sync;

import config.Config.Side;
import model.Ids;
import model.MediaItem;
import model.MediaType;
import org.junit.jupiter.api.Test;
import simkl.SimklEntry;
import sync.Executor.Outcome;
import sync.Executor.Status;
import sync.Plan.Action;
import sync.Plan.Kind;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The state a run leaves behind, title by title, with no I/O. */
class StateUpdateTest {
    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static final Ids IDS = Ids.of("imdb", "tt0000042");

    static Match match(boolean plex, boolean ptw, String snap) {
        MediaItem p = plex ? new MediaItem(MediaType.MOVIE, "T", 2000, IDS.with("plex", "0123456789abcdef01234567"))
                : null;
        SimklEntry s = ptw ? new SimklEntry(new MediaItem(MediaType.MOVIE, "T", 2000, IDS), "movies", "plantowatch",
                false, false, null) : null;
        State.Entry e = snap == null ? null : new State.Entry(MediaType.MOVIE, "T", 2000, IDS.asMap(),
                snap.charAt(0) == 'P', snap.charAt(1) == 'S');
        return new Match(new MediaItem(MediaType.MOVIE, "T", 2000, IDS), p, s, e, false, null);
    }

    static Plan plan(List<Action> actions, List<Action> withheld) {
        return plan(actions, withheld, Set.of());
    }

    /** A plan whose reads of {@code untrusted} sides are not trusted (incomplete, empty, doubted). */
    static Plan plan(List<Action> actions, List<Action> withheld, Set<Side> untrusted) {
        return new Plan(actions, List.of(), withheld, withheld.isEmpty() ? null : "guard", null, List.of(), List.of(),
                untrusted);
    }

    static StateUpdate.Result apply(Match m, Plan plan, List<Outcome> outcomes, List<State.Unresolved> ledger) {
        return StateUpdate.apply(List.of(m), plan, outcomes, false, ledger, NOW);
    }

    @Test
    void aDoneRemovalDropsTheTitleFromTheSnapshot() {
        Match m = match(false, true, "PS");
        Action a = new Action(Side.SIMKL, Kind.REMOVE, m, Rule.REMOVED_ON_PLEX, "removed from Plex");
        StateUpdate.Result r = apply(m, plan(List.of(a), List.of()), List.of(new Outcome(a, Status.DONE, null, null)),
                List.of());
        assertTrue(r.snapshot().isEmpty());
        assertTrue(r.differences().isEmpty());
    }

    @Test
    void aWithheldRemovalKeepsTheOldRecordSoTheNextRunDecidesTheSame() {
        Match m = match(false, true, "PS");
        Action a = new Action(Side.SIMKL, Kind.REMOVE, m, Rule.REMOVED_ON_PLEX, "removed from Plex");
        StateUpdate.Result r = apply(m, plan(List.of(), List.of(a)), List.of(), List.of());
        assertEquals(1, r.snapshot().size());
        assertTrue(r.snapshot().get(0).onPlex(), "still recorded on Plex: the next run sees the removal again");
        assertEquals(Side.SIMKL, r.differences().get(0).onlyOn());
        assertTrue(r.differences().get(0).reason().contains("withheld"), r.differences().get(0).reason());
    }

    @Test
    void aFailedRemovalKeepsTheOldRecordAndExplainsTheDifference() {
        Match m = match(false, true, "PS");
        Action a = new Action(Side.SIMKL, Kind.REMOVE, m, Rule.REMOVED_ON_PLEX, "removed from Plex");
        StateUpdate.Result r = apply(m, plan(List.of(a), List.of()),
                List.of(new Outcome(a, Status.FAILED, "HTTP 500", null)), List.of());
        assertTrue(r.snapshot().get(0).onPlex());
        assertTrue(r.differences().get(0).reason().startsWith("could not remove from SIMKL: HTTP 500"),
                r.differences().get(0).reason());
    }

    @Test
    void aTitleNotFoundGoesToTheLedgerWithADoublingBackOff() {
        Match m = match(false, true, null);
        Action a = new Action(Side.PLEX, Kind.ADD, m, Rule.NEW_ON_SIMKL, "new on SIMKL");
        List<Outcome> notFound = List.of(new Outcome(a, Status.NOT_FOUND, "Plex has no title with these ids", null));
        StateUpdate.Result first = apply(m, plan(List.of(a), List.of()), notFound, List.of());
        State.Unresolved u = first.ledger().get(0);
        assertEquals(1, u.attempts());
        assertEquals("2026-11-24T18:00:00Z", u.nextTry());
        assertEquals(List.of(u), first.newlyUnresolved());
        StateUpdate.Result second = apply(m, plan(List.of(a), List.of()), notFound, first.ledger());
        assertEquals(2, second.ledger().get(0).attempts());
        assertEquals("2026-11-25T00:00:00Z", second.ledger().get(0).nextTry(), "12 h after the second try");
        assertEquals(u.firstSeen(), second.ledger().get(0).firstSeen());
        assertTrue(second.newlyUnresolved().isEmpty(), "known already: not news");
    }

    @Test
    void anUntrustedPlexReadKeepsWhatTheSnapshotKnew() {
        Match m = match(false, true, "PS");
        StateUpdate.Result r = apply(m, plan(List.of(), List.of(), Set.of(Side.PLEX)), List.of(), List.of());
        assertTrue(r.snapshot().get(0).onPlex(), "unread is not absent");
        assertEquals(0, r.plexCount(), "counted as read: the report tells what the service showed");
    }

    @Test
    void aDoubtedSimklReadKeepsWhatTheSnapshotKnew() {
        Match m = match(true, false, "PS");
        StateUpdate.Result r = apply(m, plan(List.of(), List.of(), Set.of(Side.SIMKL)), List.of(), List.of());
        assertTrue(r.snapshot().get(0).onSimkl());
    }

    /**
     * Removed on SIMKL by the person while Plex read empty: the untrusted run keeps the title's whole
     * record (on both sides), so the next good run removes it from Plex instead of adding it back.
     */
    @Test
    void aTitleUnseenOnAnUntrustedSideKeepsItsWholeRecordWhateverTheOtherSideShows() {
        Match gone = match(false, false, "PS");
        StateUpdate.Result r = apply(gone, plan(List.of(), List.of(), Set.of(Side.PLEX)), List.of(), List.of());
        assertEquals(1, r.snapshot().size());
        assertTrue(r.snapshot().get(0).onPlex() && r.snapshot().get(0).onSimkl(), "the last agreed record, unchanged");
        StateUpdate.Result trusted = apply(gone, plan(List.of(), List.of()), List.of(), List.of());
        assertTrue(trusted.snapshot().isEmpty(), "a trusted read that shows it nowhere forgets it");
    }

    @Test
    void aDifferenceNothingExplainsIsReportedWithoutAReason() {
        Match m = match(true, false, null);
        StateUpdate.Result r = apply(m, plan(List.of(), List.of()), List.of(), List.of());
        assertEquals(1, r.differences().size());
        assertNull(r.differences().get(0).reason());
    }

    @Test
    void oneWayCountsSimklOnlyTitlesAsLeftAloneNotAsDifferences() {
        Match m = match(false, true, null);
        StateUpdate.Result r = StateUpdate.apply(List.of(m), plan(List.of(), List.of()), List.of(), true, List.of(),
                NOW);
        assertTrue(r.unexplained().isEmpty());
        assertEquals(List.of(Rule.ONE_WAY_LEFT), r.keptApart().stream().map(StateUpdate.Difference::rule).toList());
        assertEquals(Map.of("imdb", "tt0000042"), r.snapshot().get(0).ids());
    }
}
