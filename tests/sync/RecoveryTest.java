package sync;

import cli.ExitCode;
import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import org.junit.jupiter.api.Test;
import sandbox.Emulator.Fault;
import sandbox.Title;
import support.CliRun;
import support.SyncWorld;
import support.WorldTest;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/** What goes wrong in a run (a title not found, a failed write, a kill, a backup that cannot be written) is mended by
 * the next. */
class RecoveryTest extends WorldTest {
    @Test
    void anUnresolvableTitleIsReportedOnceAndNotRetriedEveryRun() throws Exception {
        w.simklHas(OBSCURE, ARRIVAL);
        CliRun r = w.sync();
        assertEquals(ExitCode.PARTIAL, r.code, "newly unresolved in this run: " + r);
        assertTrue(r.out.contains("A Very Obscure Documentary"), r.out);
        assertEquals(1, w.state().path("unresolved").size());
        w.sb.plex.clearLog();
        CliRun r2 = w.sync();
        assertEquals(ExitCode.OK, r2.code, "a title already known as unresolved does not fail every cron run: " + r2);
        assertEquals(0, w.sb.plex.count("GET", "/library/metadata/matches"), "not looked up again before its back-off");
        assertEquals(0, w.sb.plex.count("GET", "/library/search"));
        assertEquals(List.of("  ? unresolved A Very Obscure Documentary (2019): not found on Plex (Plex has no "
                + "title with these ids);"
                        + " next try in 5 h 59 min, at 18:01:00, or now with --retry-unresolved"),
                r2.out.lines().filter(l -> l.contains("Obscure")).toList(), "still listed once, with its reason: "
                        + r2.out);
        CliRun r3 = w.sync("--retry-unresolved");
        assertTrue(r3.out.contains("  + Plex   A Very Obscure Documentary (2019)  [retry: not found on Plex before (1 "
                + "try)] -> not found"), r3.out);
        assertTrue(w.sb.plex.count("GET", "/library/metadata/matches") > 0);
        assertEquals(2, w.state().path("unresolved").get(0).path("attempts").asInt());
        assertEquals(ExitCode.OK, r3.code, "a retry that fails again is not news: " + r3);
    }

    /** A person reads their own clock; --json and the files keep ISO-8601 UTC for programs. */
    @Test
    void timesAreLocalForPeopleAndUtcForPrograms() throws Exception {
        w.simklHas(OBSCURE, ARRIVAL);
        java.time.ZoneId berlin = java.time.ZoneId.of("Europe/Berlin");
        CliRun r = w.cli().clock(w.sb.clock.withZone(berlin)).run("--sync", "--dir", w.dir.toString());
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertTrue(r.out.contains("next try in 6 h, at 19:01:00 (new)"), "12:01 UTC + 6 h, in Berlin: " + r.out);
        CliRun json = w.cli().clock(w.sb.clock.withZone(berlin)).run("--sync", "--dir", w.dir.toString(), "--json");
        JsonNode doc = Json.MAPPER.readTree(json.out);
        assertEquals("2026-11-24T18:01:00Z", doc.path("unresolved").path(0).path("next_try").asText(), json.out);
        assertEquals("2026-11-24T18:01:00Z", w.state().path("unresolved").path(0).path("next_try").asText());
        CliRun watch = w.cli().clock(w.sb.clock.withZone(berlin)).sleeper(d -> {
            throw new InterruptedException("stop");
        }).run("--watch", "5m", "--dir", w.dir.toString());
        assertTrue(watch.out.lines().anyMatch(l -> l.startsWith("2026-11-24 13:03:00 sync: exit 0")), watch.out);
    }

    @Test
    void aFailedAddIsRetriedOnTheNextRun() throws Exception {
        w.plexHas(ARRIVAL);
        w.sb.simkl.inject("POST", "/sync/add-to-list", Fault.status(500), 10);
        CliRun r = w.sync();
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertTrue(simklPtw().isEmpty());
        w.sb.simkl.clearFaults();
        CliRun r2 = w.sync();
        assertEquals(ExitCode.OK, r2.code, r2.toString());
        assertEquals(Set.of("Arrival"), simklPtw());
    }

    @Test
    void aRunStoppedBetweenActionsIsFollowedByARunThatConverges() throws Exception {
        w.plexHas(ARRIVAL, SEVERANCE, TERMINATOR, DUNE, PAST_LIVES, THE_BEAR);
        w.simklHas(ARRIVAL, SEVERANCE, TERMINATOR, DUNE, PAST_LIVES, THE_BEAR);
        assertEquals(ExitCode.OK, w.sync().code);
        String before = Files.readString(w.dir.resolve("state.json"));
        w.sb.plex.watchlistRemove(ARRIVAL.plexKey());
        w.simklHas(SHOGUN, FRIEREN);
        w.plexHas(SUZUME);
        // each run is killed after its first action, until a run has nothing left to kill
        int killedRuns = 0;
        for (int i = 0; i < 10; i++) {
            int[] n = {0};
            CliRun killed = w.cli().beforeWrite(a -> { if (n[0]++ >= 1) throw new IllegalStateException("killed"); })
                    .run("--sync", "--dir", w.dir.toString());
            if (n[0] <= 1) break;
            killedRuns++;
            assertNotEquals(ExitCode.OK, killed.code);
            assertEquals(before, Files.readString(w.dir.resolve("state.json")), "a killed run leaves the old state");
        }
        assertTrue(killedRuns >= 2, "the scenario needs several actions");
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(plexTitles(), simklPtw());
        assertEquals(Set.of("Severance", "The Terminator", "Dune: Part Two", "Past Lives", "The Bear", "Shogun",
                "Sousou no Frieren", "Suzume"), plexTitles());
        assertFalse(plexTitles().contains("Arrival"));
        assertEquals(ExitCode.OK, w.sync().code);
        assertEquals(0, w.state().path("unresolved").size());
    }

    @Test
    void aFailedSimklBatchFailsOnlyItsOwnTitles() throws Exception {
        List<Title> many = sandbox.Catalogue.generated(1, 150);
        try (SyncWorld big = new SyncWorld(tmp.resolve("big"), many)) {
            for (Title t : many) big.plexHas(t);
            big.sb.simkl.injectAfter("POST", "/sync/add-to-list", Fault.status(400), 1, 1);
            CliRun r = big.sync("--json");
            assertEquals(ExitCode.PARTIAL, r.code, r.toString());
            JsonNode doc = Json.MAPPER.readTree(r.out);
            long done = 0;
            long failed = 0;
            for (JsonNode a : doc.path("actions")) {
                if (a.path("outcome").asText().equals("done")) done++;
                if (a.path("outcome").asText().equals("failed")) failed++;
            }
            assertEquals(100, done);
            assertEquals(50, failed);
            assertEquals(100, big.sb.simkl.inStatus("plantowatch").size());
            assertEquals(ExitCode.OK, big.sync().code, "the failed ones are retried next run");
            assertEquals(150, big.sb.simkl.inStatus("plantowatch").size());
        }
    }

    @Test
    void aBackupThatCannotBeWrittenStopsTheRunBeforeAnyWrite() throws Exception {
        w.plexHas(ARRIVAL);
        Files.createDirectories(w.dir);
        Files.writeString(w.dir.resolve("backups"), "not a folder");
        CliRun r = w.sync();
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertTrue(r.err.contains("Could not write the backup"), r.err);
        assertEquals(0, w.sb.simkl.writes() + w.sb.plex.writes());
        assertFalse(w.hasState());
    }
}
