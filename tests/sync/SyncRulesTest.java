package sync;

import cli.ExitCode;
import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import org.junit.jupiter.api.Test;
import support.CliRun;
import support.WorldTest;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/** The rules a person's ordinary edits must never trip, through the real CLI against both emulators. */
class SyncRulesTest extends WorldTest {
    private static String lastLine(CliRun r) {
        List<String> lines = r.out.lines().filter(l -> l.startsWith("Post-sync")).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    /**
     * SIMKL stamps user_rated_at on every row and last_watched_at on never-watched shows and anime in
     * Plan to Watch (its own sample does): a removal on Plex still reaches SIMKL, and a real rating
     * still keeps a title there.
     */
    @Test
    void stampsWithoutARatingOrAWatchDoNotBlockRemovalsButARatingDoes() throws Exception {
        w.bothHave(List.of(ARRIVAL, SEVERANCE, FRIEREN, SHOGUN));
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.simkl.rate(SHOGUN.simkl(), 8);
        w.sb.plex.watchlistRemove(SEVERANCE.plexKey(), FRIEREN.plexKey(), SHOGUN.plexKey());
        CliRun r = w.sync("--max-delete", "3");
        assertEquals(Set.of("Arrival", "Shogun"), simklPtw(), r.toString());
        assertTrue(r.out.contains("skipped Shogun (2024): kept on SIMKL: it has a rating"),
                "the rated title is kept and the report says why: " + r.out);
    }

    @Test
    void removingOneOfFourTitlesPropagates() throws Exception {
        w.plexHas(ARRIVAL, SEVERANCE, DUNE, PAST_LIVES);
        w.simklHas(ARRIVAL, SEVERANCE, DUNE, PAST_LIVES);
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.watchlistRemove(DUNE.plexKey());
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, "1 of 4 is a large share of a small list, not a mass deletion: " + r);
        assertEquals(Set.of("Arrival", "Severance", "Past Lives"), simklPtw());
        assertEquals("Post-sync: Plex=3 vs SIMKL=3 → EQUAL", lastLine(r));
    }

    @Test
    void theLastShowRemovedFromSimklLeavesPlexToo() throws Exception {
        w.plexHas(ARRIVAL, DUNE, SEVERANCE);
        w.simklHas(ARRIVAL, DUNE, SEVERANCE);
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.simkl.delete(SEVERANCE.simkl()); // the person's only show: the shows list is now empty
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(Set.of("Arrival", "Dune: Part Two"), plexTitles());
        assertTrue(r.out.contains("- Plex   Severance (2022)  [removed from SIMKL's Plan to Watch] -> done"), r.out);
        assertEquals(ExitCode.OK, w.sync().code, "and the next run is quiet");
    }

    @Test
    void aWithheldRemovalNamesTheOneCommandThatReleasesIt() throws Exception {
        w.plexHas(ARRIVAL);
        w.simklHas(ARRIVAL);
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.watchlistRemove(ARRIVAL.plexKey()); // the person empties their Plex watchlist
        CliRun r = w.sync();
        assertEquals(ExitCode.GUARD, r.code, r.toString());
        String allow = "To allow them once: plex_simkl_sync --dir " + w.dir + " --sync --max-delete 1";
        assertEquals(List.of("Removals from SIMKL withheld: the Plex watchlist reads as empty while the last sync saw "
                        + "1 title there.",
                "  - SIMKL  Arrival (2016)  [removed from Plex] -> withheld", allow),
                r.out.lines().dropWhile(l -> !l.startsWith("Removals from")).limit(3).toList(),
                "the reason, the title, then the one command: " + r.out);
        assertEquals(1, r.all().lines().filter(l -> l.contains("--max-delete")).count(), "no doubled advice: " + r);
        CliRun json = w.sync("--json");
        assertEquals(ExitCode.GUARD, json.code);
        assertTrue(json.err.contains("Removals from SIMKL withheld: the Plex watchlist reads as empty while the last "
                + "sync saw 1 title there. To allow them once: plex_simkl_sync --dir " + w.dir
                        + " --sync --max-delete 1"), "a --json run says it on stderr, with the command: " + json.err);
        assertFalse(r.out.contains("Nothing to do"), "nothing to do, yet removals withheld, reads as a contradiction");
        assertEquals(1, r.all().lines().filter(l -> l.contains("withheld: the Plex watchlist reads as empty")).count(),
                "said once: " + r);
        assertEquals(ExitCode.GUARD, w.sync().code, "withheld again until the person says so");
        CliRun allowed = w.sync("--max-delete", "1");
        assertEquals(ExitCode.OK, allowed.code, allowed.toString());
        assertTrue(simklPtw().isEmpty());
        assertEquals(ExitCode.OK, w.sync().code);
    }

    @Test
    void inSyncWhenEveryDifferenceIsKeptApartByARuleAndEqualWhenThereIsNone() throws Exception {
        w.plexHas(TERMINATOR, ARRIVAL);
        w.sb.simkl.put(TERMINATOR.simkl(), "completed");
        w.simklHas(ARRIVAL);
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals("Post-sync: Plex=2 vs SIMKL=1 → IN SYNC (1 kept apart: 1 held-in-another-simkl-list)",
                lastLine(r));
        assertEquals(1, r.out.lines().filter(l -> l.contains("The Terminator")).count(), "said once: " + r.out);
        assertTrue(r.out.contains("  = skipped The Terminator (1984): SIMKL holds it as completed; not moved back "
                + "to Plan to Watch"), r.out);
        w.sb.plex.watchlistRemove(TERMINATOR.plexKey());
        assertEquals("Post-sync: Plex=1 vs SIMKL=1 → EQUAL", lastLine(w.sync()));
    }

    @Test
    void aWithheldRemovalIsNotEqual() throws Exception {
        w.plexHas(ARRIVAL);
        w.simklHas(ARRIVAL);
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.watchlistRemove(ARRIVAL.plexKey());
        CliRun r = w.sync();
        assertEquals(ExitCode.GUARD, r.code);
        assertEquals("Post-sync: Plex=0 vs SIMKL=1 → NOT EQUAL (1 difference)", lastLine(r));
        assertEquals(1, r.out.lines().filter(l -> l.contains("Arrival")).count(), "named once, withheld: " + r.out);
    }

    @Test
    void oneWayIsEqualWhenEveryPlexTitleIsOnSimklAndSaysWhatItLeavesAlone() throws Exception {
        w.config("{\"bidirectional\": {\"enabled\": false}}");
        w.plexHas(ARRIVAL);
        w.simklHas(SHOGUN, DUNE);
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals("Post-sync: Plex=1 vs SIMKL=3 → IN SYNC (2 kept apart: 2 only-on-simkl-one-way)", lastLine(r));
    }

    @Test
    void jsonCountsSummariseEachSide() throws Exception {
        w.plexHas(ARRIVAL, SEVERANCE, TERMINATOR);
        w.sb.simkl.put(TERMINATOR.simkl(), "completed");
        w.simklHas(DUNE, OBSCURE);
        CliRun r = w.sync("--json");
        assertEquals(ExitCode.PARTIAL, r.code, "Obscure is newly unresolved: " + r);
        JsonNode doc = Json.MAPPER.readTree(r.out);
        JsonNode plex = doc.path("counts").path("plex");
        JsonNode simkl = doc.path("counts").path("simkl");
        assertEquals(1, plex.path("added").asInt(), r.out);   // Dune
        assertEquals(1, plex.path("failed").asInt(), r.out);  // Obscure: not on Plex
        assertEquals(0, plex.path("removed").asInt());
        assertEquals(2, simkl.path("added").asInt(), r.out);  // Arrival, Severance
        assertEquals(1, simkl.path("skipped").asInt(), r.out); // Terminator is completed there
        assertEquals(0, simkl.path("withheld").asInt());
        assertEquals("partial", doc.path("status").asText());
        assertFalse(doc.path("equal").asBoolean());
        assertFalse(doc.path("in_sync").asBoolean(), "a title missing from Plex for the first time wants a look");
        assertEquals(1, doc.path("differences").size(), r.out);
        assertEquals("not-found", doc.path("differences").get(0).path("rule").asText(), r.out);
        assertEquals(1, doc.path("kept_apart").size(), r.out);
        assertEquals("held-in-another-simkl-list", doc.path("kept_apart").get(0).path("rule").asText(), r.out);
    }
}
