package sync;

import config.Config.Side;
import http.AuthException;
import model.MediaItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import plex.PlexClient;
import sandbox.Catalogue;
import sandbox.Emulator.Fault;
import sandbox.Title;
import simkl.SimklClient;
import support.Sandbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/** Carrying a plan out against both emulators: batches, lookups, what each outcome says. */
class ExecutorTest {
    private Sandbox sb;
    private PlexClient plex;
    private SimklClient simkl;
    private final List<String> hooked = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void open() {
        List<Title> titles = new ArrayList<>(Catalogue.demo());
        titles.addAll(Catalogue.generated(1, 150));
        sb = new Sandbox(titles);
        plex = sb.plexClient();
        simkl = sb.simklClient();
    }

    @AfterEach
    void close() {
        sb.close();
    }

    private Executor executor() {
        return new Executor(plex, simkl, 4, s -> { }, a -> hooked.add(a.match().label()), s -> { });
    }

    private static Plan.Action action(Side side, Plan.Kind kind, Title t, boolean onPlex) {
        MediaItem item = side == Side.SIMKL || kind == Plan.Kind.ADD
                ? new MediaItem(t.type(), t.title(), t.year(),
                        model.Ids.of("imdb", t.imdb(), "tmdb", t.tmdb(), "tvdb", t.tvdb(),
                        "simkl", t.simkl() == null ? null : String.valueOf(t.simkl())))
                : null;
        MediaItem plexItem = onPlex ? new MediaItem(t.type(), t.plexTitle(), t.year(),
                model.Ids.of("plex", t.plexKey())) : null;
        Match m = new Match(item != null ? item : plexItem, plexItem, null, null, false, null);
        return new Plan.Action(side, kind, m, Rule.MIRROR, "test");
    }

    private static Plan plan(List<Plan.Action> actions) {
        return new Plan(actions, List.of(), List.of(), null, null, List.of(), List.of(), Set.of());
    }

    @Test
    void simklWritesGoAHundredTitlesARequestAndAFailedRequestFailsOnlyItsOwn() throws Exception {
        List<Plan.Action> adds = new ArrayList<>();
        for (Title t : Catalogue.generated(1, 150)) adds.add(action(Side.SIMKL, Plan.Kind.ADD, t, false));
        sb.simkl.injectAfter("POST", "/sync/add-to-list", Fault.status(400), 1, 1);
        List<Executor.Outcome> out = executor().execute(plan(adds), Set.of());
        assertEquals(2, sb.simkl.count("POST", "/sync/add-to-list"));
        assertEquals(100, out.stream().filter(o -> o.status() == Executor.Status.DONE).count());
        assertEquals(50, out.stream().filter(o -> o.status() == Executor.Status.FAILED).count());
        assertEquals(150, hooked.size(), "the hook sees every action before it is sent");
    }

    @Test
    void aTitleSimklCannotFindIsNotFoundWhenAddedAndAlreadyGoneWhenRemoved() throws Exception {
        Title nowhere = Title.movie("Nowhere", 2001, null, 42_424_242, "tt0404040", "404040");
        List<Executor.Outcome> added = executor().execute(plan(List.of(action(Side.SIMKL, Plan.Kind.ADD, nowhere,
                false))), Set.of());
        assertEquals(Executor.Status.NOT_FOUND, added.get(0).status());
        List<Executor.Outcome> removed = executor().execute(plan(List.of(action(Side.SIMKL, Plan.Kind.REMOVE, ARRIVAL,
                false))), Set.of());
        assertEquals(Executor.Status.ALREADY, removed.get(0).status(), "not in the library: already gone");
    }

    @Test
    void plexProgressCountsTitlesDoneAndOnlyGoesUp() throws Exception {
        List<Plan.Action> adds = new ArrayList<>();
        for (Title t : Catalogue.generated(1, 12)) adds.add(action(Side.PLEX, Plan.Kind.ADD, t, false));
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        new Executor(plex, simkl, 4, s -> { }, null, lines::add).execute(plan(adds), Set.of());
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 12; i++) expected.add("Plex: " + i + " of 12 titles added");
        assertEquals(expected, lines);
    }

    @Test
    void aPlexAddIsLookedUpByIdsAndItsPlexIdReturned() throws Exception {
        List<Executor.Outcome> out = executor().execute(plan(List.of(action(Side.PLEX, Plan.Kind.ADD, DUNE, false))),
                Set.of());
        assertEquals(Executor.Status.DONE, out.get(0).status());
        assertEquals(DUNE.plexKey(), out.get(0).resolved().ids().get("plex"));
        assertEquals(1, sb.plex.count("GET", "/library/metadata/matches"));
        assertTrue(sb.plex.watchlist().contains(DUNE));
    }

    @Test
    void aTitleAlreadyOnTheWatchlistIsNotAddedAgainAndOneNotOnPlexIsNotFound() throws Exception {
        sb.plex.watchlistAdd(DUNE.plexKey());
        List<Executor.Outcome> out = executor().execute(plan(List.of(action(Side.PLEX, Plan.Kind.ADD, DUNE, false),
                action(Side.PLEX, Plan.Kind.ADD, OBSCURE, false))), Set.of(DUNE.plexKey()));
        assertEquals(Executor.Status.ALREADY, out.get(0).status());
        assertEquals(Executor.Status.NOT_FOUND, out.get(1).status());
        assertEquals(0, sb.plex.count("PUT", "/actions/addToWatchlist"));
    }

    @Test
    void plexWritesRunAFewAtATimeAndKeepTheirOrder() throws Exception {
        List<Title> many = Catalogue.generated(1, 20);
        List<Plan.Action> removals = new ArrayList<>();
        for (Title t : many) {
            sb.plex.watchlistAdd(t.plexKey());
            removals.add(action(Side.PLEX, Plan.Kind.REMOVE, t, true));
        }
        sb.plex.latency(20);
        List<Executor.Outcome> out = executor().execute(plan(removals), Set.of());
        assertEquals(removals, out.stream().map(Executor.Outcome::action).toList());
        assertTrue(out.stream().allMatch(o -> o.status() == Executor.Status.DONE));
        assertTrue(sb.plex.watchlist().isEmpty());
    }

    @Test
    void aRefusedTokenStopsTheRunAtOnce() {
        sb.plex.revokeTokens();
        assertThrows(AuthException.class, () -> executor().execute(plan(List.of(action(Side.PLEX, Plan.Kind.ADD, DUNE,
                false),
                action(Side.PLEX, Plan.Kind.ADD, SHOGUN, false))), Set.of()));
        sb.simkl.revokeTokens();
        assertThrows(AuthException.class, () -> executor().execute(plan(List.of(action(Side.SIMKL, Plan.Kind.ADD,
                DUNE, false))), Set.of()));
    }
    /**
     * SIMKL writes go out in groups that are one request each (an anime removal sends each of its
     * seasons): a request that fails, or that a stop keeps back, is the outcome of its own titles only.
     */
    @Test
    void simklWritesAreGroupedOneRequestAGroup() {
        List<Plan.Action> actions = new ArrayList<>();
        for (Title t : Catalogue.generated(1, 4)) actions.add(action(Side.SIMKL, Plan.Kind.REMOVE, t, false));
        java.util.Map<Plan.Action, Integer> sent = new java.util.IdentityHashMap<>();
        sent.put(actions.get(0), 60);
        sent.put(actions.get(1), 50);
        sent.put(actions.get(2), 30);
        sent.put(actions.get(3), 120);
        assertEquals(List.of(List.of(actions.get(0)), List.of(actions.get(1), actions.get(2)),
                List.of(actions.get(3))), Executor.requests(actions, sent::get));
    }
}
