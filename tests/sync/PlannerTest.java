package sync;

import config.Config;
import model.Ids;
import model.MediaItem;
import model.MediaType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import simkl.SimklEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The sync policy, table by table, with no I/O. */
class PlannerTest {
    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    static Config.Sync sync(String mode, boolean add, boolean remove) {
        boolean bi = !mode.equals("one-way");
        Config.Mode m = mode.startsWith("mirror") ? Config.Mode.MIRROR : Config.Mode.TWO_WAY;
        Config.Side sot = mode.equals("mirror-simkl") ? Config.Side.SIMKL : Config.Side.PLEX;
        return new Config.Sync(add, remove, true, bi, m, sot, true, 10, 20);
    }

    /** One title: on Plex? SIMKL status (or -)? snapshot flags (PS, P-, -S, or -)? watched/rated? */
    static Match title(boolean plex, String simklStatus, String snap, boolean watched, boolean rated) {
        Ids ids = Ids.of("imdb", "tt0000042");
        MediaItem p = plex ? new MediaItem(MediaType.MOVIE, "T", 2000, ids.with("plex", "0123456789abcdef01234567")) : null;
        SimklEntry s = simklStatus.equals("-") ? null
                : new SimklEntry(new MediaItem(MediaType.MOVIE, "T", 2000, ids.with("simkl", "42")), "movies", simklStatus, watched, rated, null);
        State.Entry e = snap.equals("-") ? null
                : new State.Entry(MediaType.MOVIE, "T", 2000, Map.of("imdb", "tt0000042"), snap.charAt(0) == 'P', snap.charAt(1) == 'S');
        return new Match(MediaType.MOVIE, "T", 2000, ids, p, s, e, false, null);
    }

    /** A planner input with both reads whole and the last sync's counts as given. */
    static Planner.Input input(List<Match> ms, boolean seeded, Config.Sync s, Planner.Reads reads, long lastPlex, long lastSimkl,
                               List<State.Unresolved> ledger, Instant now, boolean retry, Integer maxDelete) {
        return new Planner.Input(ms, s, reads, new Planner.LastSync(seeded, lastPlex, lastSimkl, ledger),
                new Planner.Choices(now, retry, maxDelete), null);
    }

    static String decide(String mode, boolean seeded, Match m, boolean add, boolean remove) {
        Planner.Input in = input(List.of(m), seeded, sync(mode, add, remove), Planner.Reads.whole(100, 100), 100, 100,
                List.of(), NOW, false, null);
        Plan plan = Planner.plan(in);
        List<String> parts = new ArrayList<>();
        for (Plan.Action a : plan.actions()) parts.add(a.side().word + (a.kind() == Plan.Kind.ADD ? "+" : "-"));
        if (!plan.skipped().isEmpty()) parts.add("skip");
        return parts.isEmpty() ? "none" : String.join(" ", parts);
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
    void modes(String mode, boolean seeded, boolean plex, String simkl, String snap, String expected) {
        assertEquals(expected, decide(mode, seeded, title(plex, simkl, snap, false, false), true, true));
    }

    @Test
    void simklRemovalsOnlyOfTitlesWithoutWatchDataOrRating() {
        assertEquals("skip", decide("two-way", true, title(false, "plantowatch", "PS", true, false), true, true));
        assertEquals("skip", decide("two-way", true, title(false, "plantowatch", "PS", false, true), true, true));
        assertEquals("skip", decide("mirror-plex", true, title(false, "plantowatch", "-", false, true), true, true));
    }

    @Test
    void enableAddAndEnableRemoveApplyInEveryMode() {
        for (String mode : List.of("two-way", "mirror-plex", "one-way")) {
            assertEquals("skip", decide(mode, true, title(true, "-", "-", false, false), false, true), mode);
        }
        assertEquals("skip", decide("two-way", true, title(true, "-", "PS", false, false), true, false));
        assertEquals("skip", decide("mirror-simkl", true, title(true, "-", "-", false, false), true, false));
    }

    @Test
    void conflictsAreReportedAndLeftAlone() {
        Match m = title(true, "-", "-", false, false);
        Match c = new Match(m.type(), m.title(), m.year(), m.ids(), m.plex(), m.simkl(), m.snapshot(), false, "imdb tt1 vs tt2");
        Plan p = Planner.plan(input(List.of(c), true, sync("two-way", true, true), Planner.Reads.whole(1, 1), 1, 1, List.of(), NOW, false, null));
        assertTrue(p.actions().isEmpty());
        assertEquals(1, p.conflicts().size());
    }

    private static List<Match> removals(int n) {
        List<Match> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Ids ids = Ids.of("imdb", "tt10" + (10000 + i));
            out.add(new Match(MediaType.MOVIE, "R" + i, 2000, ids, null,
                    new SimklEntry(new MediaItem(MediaType.MOVIE, "R" + i, 2000, ids), "movies", "plantowatch", false, false, null),
                    new State.Entry(MediaType.MOVIE, "R" + i, 2000, ids.asMap(), true, true), false, null));
        }
        return out;
    }

    /** Removals from SIMKL of the titles {@code ms} (gone from Plex since the last sync). */
    private static Plan guard(List<Match> ms, int plexCount, int simklCount, boolean plexOk, String simklDoubt, Integer override) {
        return Planner.plan(input(ms, true, sync("two-way", true, true), new Planner.Reads(plexCount, simklCount, plexOk, simklDoubt),
                Math.max(plexCount, ms.size()), simklCount, List.of(), NOW, false, override));
    }

    /** Removals from Plex of {@code n} of {@code size} titles (gone from SIMKL), the SIMKL read doubted or not. */
    private static Plan plexRemovals(int n, int size, String simklDoubt, Integer override) {
        List<Match> ms = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Ids ids = Ids.of("imdb", "tt20" + (10000 + i));
            boolean gone = i < n;
            ms.add(new Match(MediaType.MOVIE, "P" + i, 2000, ids, new MediaItem(MediaType.MOVIE, "P" + i, 2000, ids),
                    gone ? null : new SimklEntry(new MediaItem(MediaType.MOVIE, "P" + i, 2000, ids), "movies", "plantowatch", false, false, null),
                    new State.Entry(MediaType.MOVIE, "P" + i, 2000, ids.asMap(), true, true), false, null));
        }
        return Planner.plan(input(ms, true, sync("two-way", true, true), new Planner.Reads(size, size - n, true, simklDoubt),
                size, size, List.of(), NOW, false, override));
    }

    @ParameterizedTest(name = "{1} of {0} titles removed -> {2}")
    @CsvSource({
            // small lists: the share means nothing, only the count (sync.max_delete 10) applies
            "1, 1, allowed", "2, 1, allowed", "3, 1, allowed", "4, 1, allowed", "4, 2, allowed", "5, 1, allowed",
            "8, 3, allowed", "10, 5, allowed", "15, 4, allowed", "19, 1, allowed", "19, 10, allowed", "19, 11, withheld",
            // from 20 titles at the last sync, the share rule (sync.max_delete_percent 20) applies too
            "20, 1, allowed", "20, 4, allowed", "20, 5, withheld", "25, 5, allowed", "25, 6, withheld",
            "30, 1, allowed", "30, 6, allowed", "30, 7, withheld", "30, 11, withheld"})
    void thePercentRuleAppliesFromTwentyTitles(int size, int removed, String expected) {
        Plan p = plexRemovals(removed, size, null, null);
        assertEquals(expected, p.withheld().isEmpty() ? "allowed" : "withheld", p.guard());
        assertEquals(expected.equals("allowed") ? removed : 0, p.of(Config.Side.PLEX, Plan.Kind.REMOVE).size());
    }

    @Test
    void aDoubtedSimklReadWithholdsPlexRemovalsUntilTheNamedCommandAllowsThem() {
        String doubt = "SIMKL answered its shows lists empty twice.";
        Plan withheld = plexRemovals(1, 1, doubt, null);
        assertEquals(1, withheld.withheld().size());
        assertTrue(withheld.guard().contains(doubt) && withheld.guard().endsWith("--max-delete 1."), withheld.guard());
        // the command the message names releases exactly that
        assertEquals(1, plexRemovals(1, 1, doubt, 1).of(Config.Side.PLEX, Plan.Kind.REMOVE).size());
        assertEquals(2, plexRemovals(2, 2, doubt, 1).withheld().size(), "--max-delete 1 does not cover 2");
    }

    @Test
    void deletionGuardTable() {
        // within both limits: 10 of 100
        assertEquals(10, guard(removals(10), 90, 100, true, null, null).of(Config.Side.SIMKL, Plan.Kind.REMOVE).size());
        // 11 > max_delete 10: none
        Plan p = guard(removals(11), 89, 100, true, null, null);
        assertEquals(0, p.actions().size());
        assertEquals(11, p.withheld().size());
        assertTrue(p.guard().contains("--max-delete 11"), p.guard());
        // --max-delete raises the limit for one run
        assertEquals(11, guard(removals(11), 89, 100, true, null, 11).actions().size());
        // 5 of 20 = 25% > 20%: none
        assertTrue(guard(removals(5), 15, 20, true, null, null).guard().contains("max_delete_percent"));
        // an incomplete Plex read: none, whatever the count, and --max-delete does not change that
        assertTrue(guard(removals(1), 99, 100, false, null, null).guard().contains("completely"));
        assertTrue(guard(removals(1), 99, 100, false, null, 1000).guard().contains("completely"));
        // a side read as empty while the snapshot held titles: none, until --max-delete N allows exactly those
        Plan empty = guard(removals(3), 0, 100, true, null, null);
        assertTrue(empty.guard().contains("reads as empty") && empty.guard().contains("--max-delete 3"), empty.guard());
        assertEquals(3, guard(removals(3), 0, 100, true, null, 3).actions().size());
        assertEquals(3, guard(removals(3), 0, 100, true, null, 2).withheld().size());
    }

    @Test
    void unresolvedTitlesWaitForTheirBackOff() {
        Match m = title(false, "plantowatch", "-", false, false);
        State.Unresolved u = new State.Unresolved(MediaType.MOVIE, "T", 2000, Map.of("imdb", "tt0000042"), "plex", "not found",
                NOW.toString(), NOW.toString(), 1, NOW.plusSeconds(3600).toString());
        Planner.Input waiting = input(List.of(m), true, sync("two-way", true, true), Planner.Reads.whole(1, 1), 1, 1, List.of(u), NOW, false, null);
        assertEquals(1, Planner.plan(waiting).deferred().size());
        assertTrue(Planner.plan(waiting).actions().isEmpty());
        Planner.Input retry = input(List.of(m), true, sync("two-way", true, true), Planner.Reads.whole(1, 1), 1, 1, List.of(u), NOW, true, null);
        assertEquals(1, Planner.plan(retry).actions().size());
        Planner.Input later = input(List.of(m), true, sync("two-way", true, true), Planner.Reads.whole(1, 1), 1, 1, List.of(u),
                NOW.plusSeconds(7200), false, null);
        assertEquals(1, Planner.plan(later).actions().size());
    }
}
