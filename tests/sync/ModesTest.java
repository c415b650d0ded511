package sync;

import cli.ExitCode;
import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import org.junit.jupiter.api.Test;
import support.CliRun;
import support.WorldTest;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/** Each mode end to end: first run adds only, later runs carry changes both ways, mirror, one-way, dry run. */
class ModesTest extends WorldTest {
    @Test
    void firstRunAddsOnlyBothWaysThenASecondRunWritesNothing() throws Exception {
        w.plexHas(ARRIVAL, SEVERANCE);
        w.simklHas(DUNE, FRIEREN, ARRIVAL);
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(Set.of("Arrival", "Severance", "Dune: Part Two", "Sousou no Frieren"), plexTitles());
        assertEquals(plexTitles(), simklPtw());
        assertTrue(r.out.contains("Pre-sync counts: Plex=2 vs SIMKL=3"), r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.equals("Post-sync: Plex=4 vs SIMKL=4 → EQUAL")), r.out);
        assertTrue(r.err.contains("first run: adds only"), r.err);
        JsonNode state = w.state();
        assertEquals(4, state.path("snapshot").path("items").size());
        assertEquals(1, state.path("version").asInt());
        try (var s = Files.list(w.dir.resolve("backups"))) {
            assertEquals(1, s.count(), "one backup before the first write");
        }

        w.sb.plex.clearLog();
        w.sb.simkl.clearLog();
        CliRun again = w.sync();
        assertEquals(ExitCode.OK, again.code, again.toString());
        assertEquals(0, w.sb.plex.writes() + w.sb.simkl.writes(), "a second run right after writes nothing");
        assertTrue(again.out.contains("Nothing to do"), again.out);
    }

    @Test
    void aDeletionPropagatesEachWayOnTheNextRun() throws Exception {
        w.plexHas(ARRIVAL, SEVERANCE, TERMINATOR, DUNE, PAST_LIVES, THE_BEAR);
        w.simklHas(ARRIVAL, SEVERANCE, TERMINATOR, DUNE, PAST_LIVES, THE_BEAR);
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.watchlistRemove(ARRIVAL.plexKey());
        w.sb.simkl.delete(SEVERANCE.simkl());
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertFalse(simklPtw().contains("Arrival"));
        assertFalse(plexTitles().contains("Severance"));
        assertEquals(4, plexTitles().size());
        assertEquals(plexTitles(), simklPtw());
        assertTrue(r.out.contains("removed from Plex"), r.out);
        // only plan-to-watch titles were erased on SIMKL, and nothing with history
        assertEquals(List.of("Arrival"), w.sb.simkl.erased().stream().map(e -> e.title().title()).toList());
        assertTrue(w.sb.simkl.erased().stream().noneMatch(e -> e.hadWatchData() || e.hadRating()));
    }

    @Test
    void aCompletedTitleIsNeverMovedToPlanToWatchNorRemoved() throws Exception {
        w.plexHas(TERMINATOR, ARRIVAL, DUNE, SEVERANCE, THE_BEAR, SHOGUN);
        w.sb.simkl.put(TERMINATOR.simkl(), "completed");
        w.simklHas(ARRIVAL);
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals("completed", w.sb.simkl.entry(TERMINATOR.simkl()).status);
        assertTrue(r.out.contains("SIMKL holds it as completed"), r.out);
        // the person then moves a Plan to Watch title to completed: it left PTW, so it leaves Plex (as in the original)
        w.sb.simkl.put(ARRIVAL.simkl(), "completed");
        CliRun r2 = w.sync();
        assertEquals(ExitCode.OK, r2.code, r2.toString());
        assertFalse(plexTitles().contains("Arrival"));
        assertEquals("completed", w.sb.simkl.entry(ARRIVAL.simkl()).status);
        assertTrue(w.sb.simkl.erased().isEmpty(), "nothing was erased on SIMKL");
    }

    @Test
    void mirrorPlexMakesSimklEqualAndNeverWritesPlex() throws Exception {
        w.config("{\"bidirectional\": {\"enabled\": true, \"mode\": \"mirror\", \"source_of_truth\": \"plex\"}, "
                + "\"max_delete_percent\": 100}");
        w.plexHas(ARRIVAL, SEVERANCE);
        w.simklHas(DUNE, ARRIVAL);
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(Set.of("Arrival", "Severance"), simklPtw());
        assertEquals(Set.of("Arrival", "Severance"), plexTitles());
        assertEquals(0, w.sb.plex.writes());
    }

    @Test
    void mirrorSimklMakesPlexEqualAndNeverWritesSimkl() throws Exception {
        w.config("{\"bidirectional\": {\"enabled\": true, \"mode\": \"mirror\", \"source_of_truth\": \"simkl\"}, "
                + "\"max_delete_percent\": 100}");
        w.plexHas(ARRIVAL, SEVERANCE);
        w.simklHas(DUNE, ARRIVAL, FRIEREN);
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(Set.of("Arrival", "Dune: Part Two", "Sousou no Frieren"), plexTitles());
        assertEquals(0, w.sb.simkl.writes());
    }

    @Test
    void oneWayPropagatesPlexToSimklAndLeavesSimklOnlyTitlesAlone() throws Exception {
        w.config("{\"bidirectional\": {\"enabled\": false}}");
        w.plexHas(ARRIVAL, SEVERANCE, TERMINATOR, DUNE, PAST_LIVES, THE_BEAR);
        w.simklHas(SHOGUN);
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(7, simklPtw().size());
        assertTrue(simklPtw().contains("Shogun"));
        assertFalse(plexTitles().contains("Shogun"));
        w.sb.plex.watchlistRemove(ARRIVAL.plexKey());
        w.sb.simkl.delete(SHOGUN.simkl());
        CliRun r2 = w.sync();
        assertEquals(ExitCode.OK, r2.code, r2.toString());
        assertFalse(simklPtw().contains("Arrival"));
        assertEquals(0, w.sb.plex.writes(), "one-way never writes Plex");
    }

    @Test
    void aDryRunWritesNothingAndLeavesStateAlone() throws Exception {
        w.plexHas(ARRIVAL, SEVERANCE);
        w.simklHas(DUNE);
        CliRun r = w.sync("--dry-run", "--json");
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(0, w.sb.plex.writes() + w.sb.simkl.writes());
        assertFalse(w.hasState());
        JsonNode doc = Json.MAPPER.readTree(r.out);
        assertTrue(doc.path("dry_run").asBoolean());
        assertEquals(3, doc.path("actions").size());
        doc.path("actions").forEach(a -> assertEquals("planned", a.path("outcome").asText()));
        // the real run computes the same plan
        CliRun real = w.sync("--json");
        JsonNode done = Json.MAPPER.readTree(real.out);
        assertEquals(doc.path("actions").size(), done.path("actions").size());
        for (int i = 0; i < 3; i++) {
            assertEquals(doc.path("actions").get(i).path("title"), done.path("actions").get(i).path("title"));
            assertEquals("done", done.path("actions").get(i).path("outcome").asText());
        }
    }
}
