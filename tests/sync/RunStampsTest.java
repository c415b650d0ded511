package sync;

import config.Config.Side;
import model.MediaType;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What a run may leave in state.run.json instead of state.json: its stamps and nothing else. Every
 * other difference, in any component of the state, makes it write state.json whole.
 */
class RunStampsTest {
    private static final State.Entry ARRIVAL = new State.Entry(MediaType.MOVIE, "Arrival", 2016,
            Map.of("tmdb", "329865", "plex", "5d776b83fb0d55001f56a04b"), true, true);
    private static final State.CachedSimklItem ARRIVAL_COPY = new State.CachedSimklItem(MediaType.MOVIE, "Arrival",
            2016, Map.of("simkl", "1000101", "tmdb", "329865"), "plantowatch", false, false, null);

    private static State state() {
        return State.empty()
                .withSnapshot(new State.Snapshot("2026-11-24T12:00:00Z", List.of(ARRIVAL)))
                .withSimkl(new State.SimklCache(Map.of("movies.plantowatch", "2026-11-24T11:00:00Z"),
                        Map.of("movies", List.of(ARRIVAL_COPY))))
                .withPlexPingedAt("2026-11-24T12:00:00Z")
                .withPlexWatchlist(State.PlexWatchlist.ofAccount("12345", "Demo", "a-token-0123456789"))
                .withSimklAccount(new State.SimklAccount("51", "Demo", State.tag("sign-in-0123456789"), "free"))
                .withSavedAt("2026-11-24T12:00:00Z")
                .withSimklRequests(new State.Budget("2026-11-24", 3, "America/New_York", null));
    }

    @Test
    void theStampsAloneMayDiffer() {
        State later = state().withSavedAt("2026-11-24T12:30:00Z")
                .withSnapshot(new State.Snapshot("2026-11-24T12:30:00Z", List.of(ARRIVAL)))
                .withSimklRequests(new State.Budget("2026-11-24", 4, "America/New_York", null));
        assertTrue(RunStamps.onlyStampsDiffer(state(), later));
        assertTrue(RunStamps.onlyStampsDiffer(State.empty(), State.empty().withSavedAt("2026-11-24T12:30:00Z")));
        RunStamps stamps = RunStamps.of(later, "1:00000000");
        assertEquals(later, stamps.over(state()), "the stamps put back what the run moved");
    }

    @Test
    void anyOtherDifferenceIsAChange() {
        State.Entry renamed = new State.Entry(MediaType.MOVIE, "Arrival (2016)", 2016, ARRIVAL.ids(), true, true);
        State.Entry learnt = new State.Entry(MediaType.MOVIE, "Arrival", 2016, Map.of("tmdb", "329865", "plex",
                "5d776b83fb0d55001f56a04b", "imdb", "tt2543164"), true, true);
        State.Entry onPlexOnly = new State.Entry(MediaType.MOVIE, "Arrival", 2016, ARRIVAL.ids(), true, false);
        State.CachedSimklItem watched = new State.CachedSimklItem(MediaType.MOVIE, "Arrival", 2016,
                ARRIVAL_COPY.ids(), "completed", true, false, null);
        Map<String, UnaryOperator<State>> changes = Map.ofEntries(
                Map.entry("a title renamed", s -> s.withSnapshot(new State.Snapshot(null, List.of(renamed)))),
                Map.entry("an id learnt", s -> s.withSnapshot(new State.Snapshot(null, List.of(learnt)))),
                Map.entry("a side left", s -> s.withSnapshot(new State.Snapshot(null, List.of(onPlexOnly)))),
                Map.entry("a title more", s -> s.withSnapshot(new State.Snapshot(null, List.of(ARRIVAL, learnt)))),
                Map.entry("no snapshot", s -> s.withSnapshot(null)),
                Map.entry("the copy moved on", s -> s.withSimkl(new State.SimklCache(s.simkl().activities(),
                        Map.of("movies", List.of(watched))))),
                Map.entry("new SIMKL stamps", s -> s.withSimkl(new State.SimklCache(Map.of("movies.plantowatch",
                        "2026-11-24T12:10:00Z"), s.simkl().buckets()))),
                Map.entry("a retry counted", s -> s.withSimkl(new State.SimklCache(s.simkl().activities(),
                        s.simkl().buckets(), Map.of("movies", new State.Retry("2026-11-24T12:00:00Z", 1))))),
                Map.entry("no copy", s -> s.withSimkl(null)),
                Map.entry("an unresolved title", s -> s.withUnresolved(List.of(new State.Unresolved(MediaType.SHOW,
                        "Obscure", 1999, Map.of("simkl", "12"), Side.PLEX, "no Plex match", "2026-11-24T12:00:00Z",
                        "2026-11-24T12:00:00Z", 1, "2026-11-24T18:00:00Z")))),
                Map.entry("a ping", s -> s.withPlexPingedAt("2026-11-25T12:00:00Z")),
                Map.entry("another watchlist", s -> s.withPlexWatchlist(State.PlexWatchlist.ofHomeUser("7", "Kid"))),
                Map.entry("the account's plan", s -> s.withSimklAccount(new State.SimklAccount("51", "Demo",
                        s.simklAccount().tokenTag(), "vip"))),
                Map.entry("a Home user's token", s -> s.withPlexHomeToken(new State.HomeToken("7", "abc",
                        "2026-11-24T12:00:00Z"))),
                Map.entry("a title an undo left", s -> s.withUndone(List.of(onPlexOnly))));
        changes.forEach((what, change) -> assertFalse(RunStamps.onlyStampsDiffer(state(), change.apply(state())),
                what));
    }

    /** onlyStampsDiffer compares these records component by component: a new component must be compared there. */
    @Test
    void everyComponentOfTheStateIsOneItCompares() {
        assertEquals(List.of("version", "savedAt", "snapshot", "simkl", "unresolved", "plexPingedAt", "simklRequests",
                "plexWatchlist", "simklAccount", "plexHomeToken", "undone"), names(State.class));
        assertEquals(List.of("takenAt", "items"), names(State.Snapshot.class));
        assertEquals(List.of("type", "title", "year", "ids", "onPlex", "onSimkl"), names(State.Entry.class));
        assertEquals(List.of("activities", "buckets", "retries"), names(State.SimklCache.class));
        assertEquals(List.of("type", "title", "year", "ids", "status", "watched", "rated", "animeType"),
                names(State.CachedSimklItem.class));
    }

    private static List<String> names(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    @Test
    void theStampsFileIsNamedAfterTheStateFile() {
        assertEquals("state.run.json", RunStamps.fileFor(Path.of("/x/state.json")).getFileName()
                .toString());
        assertEquals("3:352441c2", RunStamps.identify("abc".getBytes(StandardCharsets.UTF_8)));
    }

    private static State.Budget count(String day, int count, String refusedUntil) {
        return new State.Budget(day, count, "America/New_York", refusedUntil);
    }

    @Test
    void besideAnotherStateJsonTheDaysCountOnlyEverGoesUp() {
        State.Budget own = count("2026-11-24", 7, null);
        assertSame(own, RunStamps.higher(own, null));
        assertEquals(own, RunStamps.higher(null, own), "none of its own: the stamps' count");
        assertEquals(count("2026-11-24", 9, null), RunStamps.higher(own, count("2026-11-24", 9, null)),
                "the same day counted higher beside it");
        assertSame(own, RunStamps.higher(own, count("2026-11-24", 5, null)), "nor lower");
        assertEquals(count("2026-11-25", 2, null), RunStamps.higher(own, count("2026-11-25", 2, null)),
                "a later day: state.json's count is of a day gone by");
        assertSame(own, RunStamps.higher(own, count("2026-11-23", 400, null)), "an earlier day counts for nothing");
        assertSame(own, RunStamps.higher(own, count("not a day", 400, null)));
        assertSame(own, RunStamps.higher(own, new State.Budget("2026-11-24", 400, null, null)),
                "a day of another zone (UTC, an older version's) is not compared");
        assertEquals(count("2026-11-24", 7, "2026-11-25T05:00:00Z"),
                RunStamps.higher(own, count("2026-11-24", 3, "2026-11-25T05:00:00Z")),
                "SIMKL's refusal beside it is kept, with state.json's higher count");
        assertEquals(count("2026-11-24", 9, "2026-11-25T05:00:00Z"),
                RunStamps.higher(count("2026-11-24", 1, "2026-11-25T05:00:00Z"),
                        count("2026-11-24", 9, "2026-11-24T13:00:00Z")), "the later refusal of the two");
    }
}
