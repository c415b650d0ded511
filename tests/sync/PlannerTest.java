package sync;

import config.Config.Side;
import model.MediaType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static support.PlanBuilder.NOW;
import static support.PlanBuilder.mode;
import static support.PlanBuilder.title;

/** The sync policy, table by table, with no I/O. The deletion guard has its own table (DeletionGuardTest). */
class PlannerTest {
    /** One title's decision in a run whose reads are large and whole, so that no guard steps in. */
    private static String decide(String mode, boolean seeded, boolean onPlex, String simkl, String snapshot,
            boolean add, boolean remove,
                                 boolean watched, boolean rated) {
        return mode(mode).seeded(seeded).adds(add).removals(remove).plexRead(100, true).simklRead(100).lastSync(100,
                100)
                .title(title(0, onPlex, simkl, snapshot, watched, rated)).decision();
    }

    @ParameterizedTest(name = "{0} seeded={1} plex={2} simkl={3} snap={4} -> {5}")
    @CsvSource({
            // two-way, first run: adds only
            "two-way, false, true,  -,           -,  simkl+",
            "two-way, false, false, plantowatch, -,  plex+",
            "two-way, false, true,  plantowatch, -,  none",
            "two-way, false, true,  completed,   -,  skip",
            "two-way, false, true,  -,           PS, simkl+",
            // two-way, later runs: deltas against the snapshot
            "two-way, true,  true,  -,           -,  simkl+",
            "two-way, true,  false, plantowatch, -,  plex+",
            "two-way, true,  false, plantowatch, PS, simkl-",
            "two-way, true,  true,  -,           PS, plex-",
            "two-way, true,  true,  completed,   PS, plex-",
            "two-way, true,  true,  completed,   P-, skip",
            "two-way, true,  true,  -,           P-, simkl+",
            "two-way, true,  false, plantowatch, -S, plex+",
            "two-way, true,  false, -,           PS, none",
            "two-way, true,  true,  plantowatch, PS, none",
            // a status SIMKL does not document is left alone on both sides, in every mode
            "two-way, true,  true,  1,           PS, skip",
            "two-way, true,  false, archived,    -,  skip",
            "mirror-plex, true, true, 1,         -,  skip",
            "mirror-simkl, true, true, 1,        -,  skip",
            "one-way, true,  true,  archived,    PS, skip",
            // mirror(plex): SIMKL made equal to Plex; Plex never written
            "mirror-plex, true, true,  -,           -,  simkl+",
            "mirror-plex, true, false, plantowatch, -,  simkl-",
            "mirror-plex, true, true,  completed,   -,  skip",
            "mirror-plex, false, false, plantowatch, -, simkl-",
            // mirror(simkl): Plex made equal to SIMKL's Plan to Watch; SIMKL never written
            "mirror-simkl, true, false, plantowatch, -, plex+",
            "mirror-simkl, true, true,  -,           -, plex-",
            "mirror-simkl, true, true,  completed,   -, plex-",
            // one-way Plex -> SIMKL: Plex never written, SIMKL-only titles left alone
            "one-way, true,  true,  -,           -,  simkl+",
            "one-way, true,  false, plantowatch, -,  none",
            "one-way, true,  false, plantowatch, PS, simkl-",
            "one-way, false, false, plantowatch, PS, none",
            "one-way, true,  true,  completed,   -,  skip",
    })
    void modes(String mode, boolean seeded, boolean onPlex, String simkl, String snapshot, String expected) {
        assertEquals(expected, decide(mode, seeded, onPlex, simkl, snapshot, true, true, false, false));
    }

    @ParameterizedTest(name = "{0}: watched={1} rated={2} -> {3}")
    @CsvSource({
            "two-way,     true,  false, skip",
            "two-way,     false, true,  skip",
            "two-way,     false, false, simkl-",
            "mirror-plex, false, true,  skip",
            "one-way,     true,  false, skip",
    })
    void simklRemovalsOnlyOfTitlesWithoutWatchDataOrRating(String mode, boolean watched, boolean rated,
            String expected) {
        assertEquals(expected, decide(mode, true, false, "plantowatch", mode.equals("mirror-plex") ? "-" : "PS", true,
                true, watched, rated));
    }

    @ParameterizedTest(name = "{0} plex={1} snap={2}, adds={3} removals={4} -> {5}")
    @CsvSource({
            "two-way,      true,  -,  false, true,  skip",
            "mirror-plex,  true,  -,  false, true,  skip",
            "one-way,      true,  -,  false, true,  skip",
            "two-way,      true,  PS, true,  false, skip",
            "mirror-simkl, true,  -,  true,  false, skip",
            "two-way,      true,  -,  true,  false, simkl+",
            "two-way,      true,  PS, false, true,  plex-",
    })
    void enableAddAndEnableRemoveApplyInEveryMode(String mode, boolean onPlex, String snapshot, boolean add,
            boolean remove, String expected) {
        assertEquals(expected, decide(mode, true, onPlex, "-", snapshot, add, remove, false, false));
    }

    @Test
    void conflictsAreReportedAndLeftAlone() {
        Match m = title(true, "-", "-");
        Match conflict = new Match(m.item(), m.plex(), m.simkl(), m.snapshot(), false, "imdb tt1 vs tt2");
        Plan p = mode("two-way").title(conflict).plan();
        assertTrue(p.actions().isEmpty());
        assertEquals(1, p.conflicts().size());
    }

    @Test
    void unresolvedTitlesWaitForTheirBackOff() {
        Match m = title(false, "plantowatch", "-");
        State.Unresolved u = new State.Unresolved(MediaType.MOVIE, "T0", 2000,
                Map.of("imdb", m.item().ids().get("imdb")), Side.PLEX,
                "not found", NOW.toString(), NOW.toString(), 1, NOW.plusSeconds(3600).toString());
        Plan waiting = mode("two-way").title(m).unresolved(u).plan();
        assertEquals(1, waiting.deferred().size());
        assertTrue(waiting.actions().isEmpty());
        List<Plan.Action> retried = mode("two-way").title(m).unresolved(u).retryUnresolved().plan().actions();
        assertEquals(1, retried.size(), "--retry-unresolved");
        assertEquals("retry: not found on Plex before (1 try)", retried.get(0).reason(),
                "a title SIMKL always had is not called new on SIMKL");
        assertEquals(1, mode("two-way").title(m).unresolved(u).at(NOW.plusSeconds(7200)).plan().actions().size(),
                "after the back-off");
    }

    @Test
    void restoreMakesTheTargetEqualToTheBackupWithTheSameSimklSafety() {
        // a restore carries the backup's list on the side it is not restoring
        List<Match> titles = List.of(title(1, false, "plantowatch", "-", false, false),
                title(2, true, "-", "-", false, false),
                title(3, true, "completed", "-", false, false));
        Planner.Input in = mode("two-way").titles(titles).input();
        Planner.Input restorePlex = new Planner.Input(in.matches(), in.sync(), in.reads(), Planner.LastSync.NONE,
                in.choices(),
                new Planner.Restore(config.Config.Side.PLEX, "b.json"));
        Plan p = Planner.plan(restorePlex);
        assertEquals(List.of("plex+ T1", "plex- T2", "plex- T3"), p.actions().stream()
                .map(a -> a.side().word + (a.kind() == Plan.Kind.ADD ? "+ " : "- ")
                        + a.match().item().title()).sorted().toList());
        Planner.Input restoreSimkl = new Planner.Input(in.matches(), in.sync(), in.reads(), Planner.LastSync.NONE,
                in.choices(),
                new Planner.Restore(config.Config.Side.SIMKL, "b.json"));
        Plan q = Planner.plan(restoreSimkl);
        assertEquals(List.of("simkl+ T2", "simkl- T1"), q.actions().stream()
                .map(a -> a.side().word + (a.kind() == Plan.Kind.ADD ? "+ " : "- ")
                        + a.match().item().title()).sorted().toList());
        assertEquals(1, q.skipped().size(), "T3 is held as completed: not moved back to Plan to Watch");
    }
}
