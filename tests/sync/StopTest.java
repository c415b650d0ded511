package sync;

import config.Config;
import config.ConfigDir;
import config.ConfigFile;
import http.HttpPolicy;
import http.Redactor;
import http.Sleeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plex.PlexClient;
import sandbox.Emulator.Fault;
import simkl.SimklClient;
import support.Sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/**
 * A run asked to stop (what Ctrl-C and SIGTERM do through the run's {@link SyncJob.Writes}) while a
 * write waits to be sent again: the wait ends, the write is not sent again, and its outcome says so
 * (not done, or of unknown fate when an earlier try may have landed). The job runs in this JVM
 * against the emulators; the stop comes from the sleeper, as soon as a service has received a
 * write: no real waiting.
 */
class StopTest {
    @TempDir Path tmp;
    private Sandbox sb;
    private final AtomicReference<SyncJob.Writes> writes = new AtomicReference<>();
    private final List<Duration> slept = Collections.synchronizedList(new ArrayList<>());
    private final List<String> said = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void open() {
        sb = new Sandbox();
    }

    @AfterEach
    void close() {
        sb.close();
    }

    /** A stop asked for as soon as the run begins, before any read (SIGTERM while it reads). */
    private boolean stopAtOnce;

    /** A --watch round's stop: the gate stays open, and the run ends with its report. */
    private boolean gateStaysOpen;

    /** Waits no real time; once a service has received a write, the first wait asks the run to stop. */
    private final Sleeper sleeper = d -> {
        slept.add(d);
        sb.clock.advance(d);
        if (sb.plex.writes() + sb.simkl.writes() == 0) return;
        if (gateStaysOpen) writes.get().stopSending(Duration.ofSeconds(25));
        else writes.get().stop(Duration.ofSeconds(25));
    };

    private Report sync() throws Exception {
        return job(job -> job.sync(new SyncJob.Options(false, null, false, null)));
    }

    /** What a test does with the job, which it builds against the emulators with this test's sleeper. */
    private interface Use {
        Report with(SyncJob job) throws Exception;
    }

    /** A job a minute after whatever came before, as runs from cron are. */
    private Report job(Use use) throws Exception {
        sb.clock.advance(Duration.ofMinutes(1));
        Path dir = tmp.resolve("cfg");
        Files.createDirectories(dir);
        if (!Files.exists(dir.resolve("config.json"))) {
            Files.writeString(dir.resolve("config.json"), "{\"sync\": {\"verify_after_write\": false}}");
        }
        Config config = ConfigFile.read(dir.resolve("config.json")).resolve(sb.env());
        HttpPolicy policy = new HttpPolicy(Duration.ofSeconds(5), Duration.ofSeconds(5), 4, Duration.ofMillis(500),
                Duration.ofSeconds(60), sb.clock, sleeper, new Redactor(), s -> { }, "plex_simkl_sync/test",
                ConcurrentHashMap.newKeySet());
        PlexClient plex = new PlexClient(sb.plexConfig(), sb.endpoints(), policy, "test");
        SimklClient simkl = new SimklClient(sb.simklConfig(), sb.endpoints(), policy, "test");
        try (SyncJob.Clients clients = new SyncJob.Clients(plex, simkl, plex, Sandbox.SIMKL_TOKEN, List::of)) {
            SyncJob.Setting setting = new SyncJob.Setting(sb.clock, sleeper, log(), UnaryOperator.identity(), false,
                    null);
            return use.with(new SyncJob(config, new ConfigDir(dir, "test", List.of()), clients, setting)
                    .listening(new SyncJob.Listener() {
                        @Override
                        public void writing(SyncJob.Writes w) {
                            writes.set(w);
                            if (stopAtOnce) w.stop(Duration.ofSeconds(25));
                        }
                    }));
        }
    }

    private SyncJob.Log log() {
        return new SyncJob.Log() {
            public void info(String line) { said.add(line); }

            public void warn(String line) { said.add(line); }

            public void error(String line) { said.add(line); }

            public void debug(String line) { }

            public void progress(String line) { }
        };
    }

    private static Executor.Outcome only(Report r) {
        assertEquals(1, r.outcomes().size(), r.outcomes().toString());
        return r.outcomes().get(0);
    }

    @Test
    void aSimklWriteWaitingToBeSentAgainIsNotSentOnceTheRunIsAskedToStop() throws Exception {
        sb.plex.watchlistAdd(SHOGUN.plexKey());
        sb.simkl.inject("POST", "/sync/add-to-list", Fault.status(429, "3"), 1);
        Executor.Outcome o = only(sync());
        assertEquals(List.of(Duration.ofSeconds(3)), slept, "the wait SIMKL asked for began, and the stop ended it");
        assertEquals(1, sb.simkl.count("POST", "/sync/add-to-list"), "not sent again after the stop");
        assertEquals(Executor.Status.FAILED, o.status(), "a 429 is a write refused: not done");
        assertTrue(o.detail().contains("POST /sync/add-to-list was not sent again to SIMKL: the run was asked to "
                + "stop"), o.detail());
    }

    @Test
    void aPlexWriteThatMayHaveLandedIsNotTriedAgainAndIsOfUnknownFate() throws Exception {
        sb.simkl.put(DUNE.simkl(), "plantowatch");
        sb.plex.inject("PUT", "/actions/addToWatchlist", Fault.status(503), 1);
        Executor.Outcome o = only(sync());
        assertEquals(1, sb.plex.count("PUT", "/actions/addToWatchlist"), "not tried again after the stop");
        assertEquals(1, slept.size(), "one back-off began, and the stop ended it: " + slept);
        assertEquals(Executor.Status.UNKNOWN, o.status(), o.detail());
        assertTrue(o.detail().contains("was not sent again to Plex: the run was asked to stop; Plex may have "
                + "carried it out"), o.detail());
    }
    /**
     * A --watch round stopped: its clients send nothing more, but its gate stays open, so the round
     * ends with its report (state.json saved) and each write it had left is reported as not sent.
     */
    @Test
    void aWatchRoundStoppedSendsNothingMoreAndEndsWithItsReport() throws Exception {
        for (var t : List.of(ARRIVAL, DUNE)) {
            sb.plex.watchlistAdd(t.plexKey());
            sb.simkl.put(t.simkl(), "plantowatch");
        }
        assertEquals(Report.Status.IN_SYNC, sync().status());
        sb.plex.watchlistRemove(DUNE.plexKey());
        sb.plex.watchlistAdd(SHOGUN.plexKey());
        sb.simkl.clearLog();
        sb.simkl.inject("POST", "/sync/add-to-list", Fault.status(429, "3"), 1);
        gateStaysOpen = true;
        Report r = sync();
        assertEquals(1, sb.simkl.writes(), "the add went out once; the removal not at all");
        assertEquals(List.of(Executor.Status.FAILED, Executor.Status.FAILED),
                r.outcomes().stream().map(Executor.Outcome::status).toList());
        assertTrue(r.outcomes().get(1).detail().contains("POST /sync/history/remove was not sent to SIMKL: the "
                + "run was asked to stop"), r.outcomes().get(1).detail());
        assertEquals(Report.Status.PARTIAL, r.status());
    }

    /**
     * --apply stopped before its first write goes out (SIGTERM while it reads): nothing is sent, the plan
     * is not marked applied and may be applied again, and the stopped line says nothing was written.
     */
    @Test
    void anApplyStoppedBeforeItsFirstWriteLeavesThePlanToApplyAgain() throws Exception {
        for (var t : List.of(ARRIVAL, DUNE)) {
            sb.plex.watchlistAdd(t.plexKey());
            sb.simkl.put(t.simkl(), "plantowatch");
        }
        assertEquals(Report.Status.IN_SYNC, sync().status());
        sb.plex.watchlistRemove(DUNE.plexKey());
        Path plan = tmp.resolve("review.json");
        job(job -> job.sync(new SyncJob.Options(true, null, false, plan)));
        assertTrue(Files.exists(plan));
        sb.simkl.clearLog();
        stopAtOnce = true;
        assertThrows(WriteTally.Stopped.class, () -> job(job -> job.apply(new SyncJob.Options(false, null, false,
                null), plan)));
        assertEquals(0, sb.simkl.writes() + sb.plex.writes(), "nothing sent");
        assertNull(PlanFile.load(plan).appliedAt(), "the plan is not used up");
        assertEquals("Stopped before any change: nothing was written.", writes.get().stoppedLine());
        stopAtOnce = false;
        Report applied = job(job -> job.apply(new SyncJob.Options(false, null, false, null), plan));
        assertEquals(Report.Status.IN_SYNC, applied.status(), applied.outcomes() + " " + said);
        assertNotNull(PlanFile.load(plan).appliedAt());
        assertFalse(sb.simkl.inStatus("plantowatch").contains(DUNE), "the plan was carried out");
    }
}
