package sync;

import config.Config.Side;
import model.Ids;
import model.MediaItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import plex.PlexClient;
import sandbox.Emulator.Fault;
import sandbox.Title;
import simkl.SimklClient;
import support.Sandbox;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/** Re-reading the written sides to confirm each action, against both emulators, waiting on the shared clock. */
class VerifierTest {
    private Sandbox sb;
    private PlexClient plex;
    private SimklClient simkl;

    @BeforeEach
    void open() {
        sb = new Sandbox();
        plex = sb.plexClient();
        simkl = sb.simklClient();
    }

    @AfterEach
    void close() {
        sb.close();
    }

    private static Executor.Outcome done(Side side, Plan.Kind kind, Title t) {
        MediaItem item = new MediaItem(t.type(), t.title(), t.year(), Ids.of("imdb", t.imdb(), "plex", t.plexKey(),
                "simkl", String.valueOf(t.simkl())));
        Match m = new Match(item, null, null, null, false, null);
        return new Executor.Outcome(new Plan.Action(side, kind, m, Rule.MIRROR, "test"), Executor.Status.DONE, null,
                null);
    }

    private Verifier.Checked verify(List<Executor.Outcome> outcomes) throws Exception {
        return Verifier.verify(outcomes, plex, new SimklRead(simkl, true, s -> { }), null, sb.sleeper, s -> { });
    }

    @Test
    void writesTheSidesShowAreConfirmedWithoutWaiting() throws Exception {
        sb.plex.watchlistAdd(DUNE.plexKey());
        sb.simkl.put(ARRIVAL.simkl(), "plantowatch");
        Verifier.Checked c = verify(List.of(done(Side.PLEX, Plan.Kind.ADD, DUNE),
                done(Side.SIMKL, Plan.Kind.ADD, ARRIVAL)));
        assertTrue(c.outcomes().stream().allMatch(o -> o.status() == Executor.Status.DONE));
        assertTrue(sb.slept.isEmpty());
        assertNotNull(c.simklCopy(), "the copy read to confirm the writes is kept");
    }

    @Test
    void aWriteShownOnlyAfterAFewSecondsIsConfirmedAfterTheWaits() throws Exception {
        sb.simkl.listLag(Duration.ofSeconds(3));
        sb.simkl.put(ARRIVAL.simkl(), "plantowatch");
        Verifier.Checked c = verify(List.of(done(Side.SIMKL, Plan.Kind.ADD, ARRIVAL)));
        assertEquals(Executor.Status.DONE, c.outcomes().get(0).status());
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(4)),
                sb.slept.stream().filter(d -> d.toSeconds() >= 2).toList());
    }

    @Test
    void aWriteStillContradictedAfterTheLastWaitFailsAndItsCopyIsNotKept() throws Exception {
        Verifier.Checked c = verify(List.of(done(Side.PLEX, Plan.Kind.ADD, DUNE),
                done(Side.SIMKL, Plan.Kind.ADD, ARRIVAL)));
        assertTrue(c.outcomes().stream().allMatch(o -> o.status() == Executor.Status.FAILED));
        assertEquals("not confirmed when re-read after the write", c.outcomes().get(0).detail());
        assertNull(c.simklCopy(), "a copy that contradicts a write is not kept");
    }

    @Test
    void aReReadThatFailsLeavesTheServicesAnswersStanding() throws Exception {
        sb.plex.inject("GET", "/library/sections/watchlist", Fault.status(503), 100);
        sb.simkl.inject("GET", "/sync/activities", Fault.status(503), 100);
        Verifier.Checked c = verify(List.of(done(Side.PLEX, Plan.Kind.ADD, DUNE),
                done(Side.SIMKL, Plan.Kind.REMOVE, ARRIVAL)));
        assertTrue(c.outcomes().stream().allMatch(o -> o.status() == Executor.Status.DONE),
                "unknown is not contradicted");
        assertNull(c.simklCopy());
    }
}
