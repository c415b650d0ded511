package sync;

import cli.ExitCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import sandbox.Emulator;
import sandbox.Emulator.Fault;
import sandbox.Title;
import support.CliRun;
import support.SyncWorld;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/**
 * The general rule, over the whole sync engine: whatever one read route of either service does
 * wrong for a whole run (answers empty, short, 5xx, not a list, 429 again and again), after the
 * person's edits on both sides, that run removes nothing the person did not remove; the next clean
 * run converges to exactly the lists the person meant (their removals kept, their adds made); and
 * the run after that writes nothing.
 */
class ReadFaultsTest {
    /** One fault on one read route for the faulted run; {@code skip} lets that many matching requests through first. */
    record Case(String name, String service, String path, Fault fault, int skip) {
        @Override public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        List<Case> c = new ArrayList<>();
        String watchlist = "/library/sections/watchlist";
        c.add(new Case("Plex watchlist empty", "plex", watchlist, Fault.empty(), 0));
        c.add(new Case("Plex watchlist short page 1", "plex", watchlist, Fault.shortPage(), 0));
        c.add(new Case("Plex watchlist short page 2", "plex", watchlist, Fault.shortPage(), 1));
        c.add(new Case("Plex watchlist 503 on page 1", "plex", watchlist, Fault.status(503), 0));
        c.add(new Case("Plex watchlist 503 on page 2", "plex", watchlist, Fault.status(503), 1));
        c.add(new Case("Plex watchlist 429 storm", "plex", watchlist, Fault.status(429, "1"), 0));
        for (String odd : List.of("html", "wrong-shape", "no-content", "empty-body", "redirect-away")) {
            c.add(new Case("Plex watchlist " + odd, "plex", watchlist, Fault.notAList(odd), 0));
            c.add(new Case("SIMKL activities " + odd, "simkl", "/sync/activities", Fault.notAList(odd), 0));
            c.add(new Case("SIMKL all-items " + odd, "simkl", "/sync/all-items", Fault.notAList(odd), 0));
        }
        c.add(new Case("Plex watchlist html on page 2", "plex", watchlist, Fault.notAList("html"), 1));
        String matches = "/library/metadata/matches";
        c.add(new Case("Plex matches 503", "plex", matches, Fault.status(503), 0));
        c.add(new Case("Plex matches 429 storm", "plex", matches, Fault.status(429), 0));
        c.add(new Case("Plex matches html", "plex", matches, Fault.notAList("html"), 0));
        c.add(new Case("SIMKL activities 500", "simkl", "/sync/activities", Fault.status(500), 0));
        c.add(new Case("SIMKL activities 429 storm", "simkl", "/sync/activities", Fault.status(429, "2"), 0));
        c.add(new Case("SIMKL all-items empty", "simkl", "/sync/all-items", Fault.empty(), 0));
        c.add(new Case("SIMKL all-items 503", "simkl", "/sync/all-items", Fault.status(503), 0));
        c.add(new Case("SIMKL all-items 429 storm", "simkl", "/sync/all-items", Fault.status(429), 0));
        c.add(new Case("SIMKL ratings 503", "simkl", "/sync/ratings", Fault.status(503), 0));
        c.add(new Case("SIMKL ratings 429 storm", "simkl", "/sync/ratings", Fault.status(429), 0));
        c.add(new Case("SIMKL ratings html", "simkl", "/sync/ratings", Fault.notAList("html"), 0));
        // the run's own reads go through (Plex: two pages; SIMKL: the shows bucket and the anime delta); the re-reads
        // that
        // verify its writes fail
        c.add(new Case("Plex watchlist 503 when verifying", "plex", watchlist, Fault.status(503), 2));
        c.add(new Case("Plex watchlist empty when verifying", "plex", watchlist, Fault.empty(), 2));
        c.add(new Case("SIMKL all-items 503 when verifying", "simkl", "/sync/all-items", Fault.status(503), 2));
        c.add(new Case("SIMKL all-items empty when verifying", "simkl", "/sync/all-items", Fault.empty(), 2));
        return c.stream();
    }

    /** The person's titles, on both sides at the start; enough background titles that Plex reads two pages. */
    private static final List<Title> MINE = List.of(ARRIVAL, DUNE, PAST_LIVES, SEVERANCE, THE_BEAR, SHOGUN, FRIEREN);
    private static final List<Title> BACKGROUND = generated(1, 110);

    @TempDir Path tmp;
    private SyncWorld w;

    @BeforeEach
    void seeded() {
        List<Title> all = new ArrayList<>(demo());
        all.addAll(BACKGROUND);
        w = new SyncWorld(tmp, all);
        w.bothHave(MINE);        // older: on the Plex watchlist's second page
        w.bothHave(BACKGROUND);
        CliRun first = w.sync();
        assertEquals(ExitCode.OK, first.code, first.toString());
    }

    @AfterEach
    void close() {
        w.close();
    }

    /** The edits: on SIMKL two shows removed, an anime film added, a title rated; on Plex two titles removed, one
     * added. */
    private void edits() {
        w.sb.simkl.delete(THE_BEAR.simkl());
        w.sb.simkl.delete(SHOGUN.simkl());
        w.sb.simkl.put(SUZUME.simkl(), "plantowatch");
        w.sb.simkl.rate(PAST_LIVES.simkl(), 9);
        w.sb.plex.watchlistRemove(ARRIVAL.plexKey(), PAST_LIVES.plexKey());
        w.sb.plex.watchlistAdd(TERMINATOR.plexKey());
    }

    /** What the person meant each side to hold: their removals carried over, their adds too; a rated title stays on
     * SIMKL. */
    private static Set<String> intended(boolean plexSide) {
        Set<String> out = names(MINE);
        out.addAll(names(BACKGROUND));
        out.removeAll(Set.of("Arrival", "The Bear", "Shogun"));
        if (plexSide) out.remove("Past Lives");
        out.addAll(Set.of("The Terminator", "Suzume"));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aFaultedRunRemovesNothingThePersonKeptAndTheNextCleanRunConverges(Case c) {
        edits();
        Emulator target = c.service().equals("plex") ? w.sb.plex : w.sb.simkl;
        target.injectAfter("GET", c.path(), c.fault(), c.skip(), 1000);
        Set<String> plexBefore = plex();
        Set<String> simklBefore = simkl();
        CliRun faulted = w.sync();
        assertFalse(faulted.all().contains("Exception") || faulted.all().contains("Unexpected error"),
                faulted.toString());

        Set<String> removedFromPlex = minus(plexBefore, plex());
        Set<String> removedFromSimkl = minus(simklBefore, simkl());
        assertTrue(Set.of("The Bear", "Shogun").containsAll(removedFromPlex), "removed from Plex: " + removedFromPlex
                + "\n" + faulted);
        assertTrue(Set.of("Arrival").containsAll(removedFromSimkl), "removed from SIMKL: " + removedFromSimkl + "\n"
                + faulted);
        assertTrue(w.sb.simkl.erased().stream().noneMatch(e -> e.hadRating() || e.hadWatchData()
                || !e.status().equals("plantowatch")),
                "no history or rating erased: " + w.sb.simkl.erased());

        target.clearFaults();
        CliRun clean = w.sync();
        assertEquals(ExitCode.OK, clean.code, clean.toString());
        assertEquals(intended(true), plex(), clean.toString());
        assertEquals(intended(false), simkl(), clean.toString());
        assertEquals(9, w.sb.simkl.entry(PAST_LIVES.simkl()).userRating, "the rating is kept");

        long writes = w.sb.plex.writes() + w.sb.simkl.writes();
        CliRun quiet = w.sync();
        assertEquals(ExitCode.OK, quiet.code, quiet.toString());
        assertEquals(writes, w.sb.plex.writes() + w.sb.simkl.writes(), "the run after writes nothing: " + quiet);
    }

    private Set<String> plex() {
        return names(w.sb.plex.watchlist());
    }

    private Set<String> simkl() {
        return names(w.sb.simkl.inStatus("plantowatch"));
    }

    private static Set<String> names(List<Title> titles) {
        return titles.stream().map(Title::title).collect(Collectors.toCollection(HashSet::new));
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.removeAll(b);
        return out;
    }
}
