package cli;

import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import org.junit.jupiter.api.Test;
import support.CliRun;
import support.WorldTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/** --demo, --list, --json, --restore, --doctor, --watch, driven in-process against the emulators. */
class EverydayUseTest extends WorldTest {
    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--dir");
        all.add(w.dir.toString());
        return w.cli().run(all.toArray(new String[0]));
    }



    @Test
    void theDemoRunsBothSyncsAndEndsWithBothListsEqual() {
        CliRun r = new CliRun.Builder(tmp).run("--demo");
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(r.out.contains("== Run 1"), r.out);
        assertTrue(r.out.contains("Pre-sync counts: Plex=6 vs SIMKL=9"), r.out);
        assertTrue(r.out.contains("- SIMKL  Severance (2022)  [removed from Plex] -> done"), r.out);
        assertTrue(r.out.contains("- Plex   Dune: Part Two (2024)  [moved on SIMKL from Plan to Watch to "
                + "completed] -> done"), r.out);
        assertTrue(r.out.contains("+ Plex   Sousou no Frieren"), "anime reaches Plex");
        assertTrue(r.out.contains("unresolved A Very Obscure Documentary"), r.out);
        // run 1: the documentary is missing from Plex for the first time; the person then excludes it
        assertTrue(r.out.contains("Post-sync: Plex=11 vs SIMKL=11 → NOT EQUAL (1 difference; 1 kept apart: 1 "
                + "held-in-another-simkl-list)"), r.out);
        assertTrue(r.out.contains("Excluded A Very Obscure Documentary (2019)"), r.out);
        assertEquals(2, r.out.lines().filter(l -> l.equals("Post-sync: Plex=11 vs SIMKL=11 → IN SYNC (2 kept apart: "
                + "1 held-in-another-simkl-list, 1 excluded)")).count(), r.out);
        assertTrue(r.out.contains("(rule moved-on-simkl, backup "), "--why names the run that removed it: " + r.out);
        assertTrue(r.out.contains("  = skipped The Terminator (1984): SIMKL holds it as completed"), r.out);
        assertFalse(r.out.contains("≠"), "a title kept apart is named once per run, with its reason: " + r.out);
        assertTrue(r.out.contains("Plex watchlist") && r.out.contains("SIMKL Plan to Watch"));
        assertFalse(r.out.contains("conflict"), "an anime's two SIMKL seasons are one Plex show: " + r.out);
        assertFalse(Files.exists(tmp.resolve(".config")), "no real config touched");
    }

    @Test
    void listInEachFormatParsesBackToTheEmulatorsList() throws Exception {
        w.plexHas(ARRIVAL, SEVERANCE, FRIEREN);
        w.simklHas(DUNE, SUZUME, SHOGUN, ARRIVAL);
        CliRun tsv = run("--list", "simkl", "--format", "tsv");
        assertEquals(ExitCode.OK, tsv.code, tsv.toString());
        Set<String> fromTsv = tsv.out.lines().map(l -> l.split("\t")[1]).collect(Collectors.toSet());
        assertEquals(simklPtw(), fromTsv);
        tsv.out.lines().forEach(l -> assertEquals(4, l.split("\t", -1).length, l));
        CliRun csv = run("--list", "plex", "--format", "csv");
        assertEquals(plexNames(), csv.out.lines().map(l -> l.split(",")[1]).collect(Collectors.toSet()));
        CliRun json = run("--list", "plex", "--format", "json");
        JsonNode arr = Json.MAPPER.readTree(json.out);
        assertEquals(3, arr.size());
        for (JsonNode n : arr) {
            assertTrue(n.has("type") && n.has("title") && n.has("year") && n.has("ids"));
            assertTrue(n.path("ids").has("plex"));
        }
        w.sb.simkl.clearLog();
        CliRun json2 = run("--list", "simkl", "--json");
        assertEquals(4, Json.MAPPER.readTree(json2.out).size());
        assertEquals(3, w.sb.simkl.count("GET", "/sync/all-items"), "one request per list (movies, shows, anime)");
        assertFalse(tsv.out.contains("[i]"), "logs stay on stderr");
    }

    @Test
    void csvQuotesTitlesWithCommas() {
        String csv = ListCommand.render(List.of(new model.MediaItem(model.MediaType.MOVIE,
                "Crouching Tiger, Hidden \"Dragon\"", 2000,
                model.Ids.of("imdb", "tt0190332"))), ListCommand.Format.CSV);
        assertEquals("movie,\"Crouching Tiger, Hidden \"\"Dragon\"\"\",2000,imdb:tt0190332\n", csv);
    }

    @Test
    void syncJsonHasTheDocumentedKeys() throws Exception {
        w.plexHas(ARRIVAL);
        CliRun r = w.sync("--json");
        JsonNode doc = Json.MAPPER.readTree(r.out);
        for (String k : List.of("command", "mode", "dry_run", "first_run", "before", "after", "equal", "actions",
                "skipped",
                "conflicts", "unresolved", "guard", "read_problem", "exit_code")) {
            assertTrue(doc.has(k), "missing " + k);
        }
        JsonNode a = doc.path("actions").get(0);
        for (String k : List.of("side", "action", "type", "title", "year", "ids", "reason", "outcome",
                "detail")) assertTrue(a.has(k), k);
        assertEquals(r.code, doc.path("exit_code").asInt());
    }

    @Test
    void restorePutsASideBackAndItsDryRunWritesNothing() throws Exception {
        w.plexHas(ARRIVAL, SEVERANCE, DUNE, SHOGUN, THE_BEAR, PAST_LIVES);
        w.simklHas(ARRIVAL, SEVERANCE, DUNE, SHOGUN, THE_BEAR, PAST_LIVES, FRIEREN);
        assertEquals(ExitCode.OK, w.sync().code, "a first sync writes a backup");
        Path backup;
        try (var s = Files.list(w.dir.resolve("backups"))) {
            backup = s.findFirst().orElseThrow();
        }
        // something goes wrong on SIMKL
        w.sb.simkl.delete(DUNE.simkl());
        w.sb.simkl.put(COLLIDE_SHOW.simkl(), "plantowatch");
        w.sb.simkl.clearLog();
        CliRun dry = run("--restore", backup.getFileName().toString(), "--side", "simkl", "--dry-run");
        assertEquals(ExitCode.OK, dry.code, dry.toString());
        assertEquals(0, w.sb.simkl.writes());
        assertTrue(dry.out.contains("+ SIMKL  Dune: Part Two (2024)  [in backup " + backup.getFileName() + "]"),
                dry.out);
        assertTrue(dry.out.contains("- SIMKL  Collision (Series) (2009)  [not in backup " + backup.getFileName()
                + "]"), dry.out);
        assertFalse(dry.out.contains("mirror"), dry.out);
        CliRun real = run("--restore", "latest", "--side", "simkl", "--json");
        assertEquals(ExitCode.OK, real.code, real.toString());
        Set<String> restored = Set.of("Arrival", "Severance", "Dune: Part Two", "Shogun", "The Bear", "Past Lives",
                "Sousou no Frieren");
        assertEquals(restored, simklPtw());
        JsonNode doc = Json.MAPPER.readTree(real.out);
        assertEquals("restore", doc.path("command").asText());
        assertEquals(0, doc.path("next_sync").size(), "the next sync has nothing to undo: " + real.out);
        assertFalse(w.state().path("snapshot").isNull(), "state.json is kept");
        CliRun next = w.sync();
        assertEquals(ExitCode.OK, next.code, next.toString());
        assertEquals(restored, simklPtw(), "the next sync does not undo the restore");
        assertTrue(plexTitles().contains("Dune: Part Two"), "nothing deleted on the other side");
        assertFalse(plexTitles().contains("Collision (Series)"));
    }

    @Test
    void aRestoreTellsWhatTheNextSyncWillCarryOverAndItDoes() throws Exception {
        w.plexHas(ARRIVAL, SEVERANCE, DUNE, SHOGUN, THE_BEAR, PAST_LIVES);
        w.simklHas(ARRIVAL, SEVERANCE, DUNE, SHOGUN, THE_BEAR, PAST_LIVES, FRIEREN);
        assertEquals(ExitCode.OK, w.sync().code, "adds Frieren to Plex, after a backup of both lists without it there");
        CliRun r = run("--restore", "latest", "--side", "plex");
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertFalse(plexTitles().contains("Sousou no Frieren"));
        assertTrue(r.out.contains("The next --sync (two-way) will carry on from here"), r.out);
        assertTrue(r.out.contains("  - SIMKL  Sousou no Frieren (2023)  [removed from Plex]"), r.out);
        CliRun next = w.sync();
        assertEquals(ExitCode.OK, next.code, next.toString());
        assertFalse(simklPtw().contains("Sousou no Frieren"), "as announced");
        assertFalse(plexTitles().contains("Sousou no Frieren"), "the restore stands");
    }

    @Test
    void doctorPassesThenFailsTheRightLine() throws Exception {
        assertEquals(ExitCode.OK, run().code);
        CliRun ok = run("--doctor");
        assertEquals(ExitCode.OK, ok.code, ok.toString());
        assertFalse(ok.out.contains("[FAIL]"), ok.out);
        assertTrue(ok.out.contains("[ok]   plex token"), ok.out);

        CliRun badToken = w.cli().env("PLEX_ACCOUNT_TOKEN", "wrong-token-123456").run("--doctor", "--dir",
                w.dir.toString());
        assertEquals(ExitCode.PARTIAL, badToken.code);
        assertTrue(badToken.out.contains("[FAIL] plex token: refused by plex.tv: run plex_simkl_sync --dir " + w.dir + " --init-plex"),
                badToken.out);
        assertFalse(badToken.out.contains("[FAIL] simkl"), badToken.out);

        CliRun badUrl = w.cli().env("PLEX_SIMKL_SYNC_SIMKL_API_URL", "http://127.0.0.1:9").run("--doctor", "--dir",
                w.dir.toString());
        assertEquals(ExitCode.PARTIAL, badUrl.code);
        assertTrue(badUrl.out.contains("[FAIL] simkl token: SIMKL at http://127.0.0.1:9 did not answer"), badUrl.out);

        Files.setPosixFilePermissions(w.dir.resolve("config.json"), PosixFilePermissions.fromString("rw-r--r--"));
        CliRun open = run("--doctor", "--json");
        assertEquals(ExitCode.PARTIAL, open.code);
        JsonNode doc = Json.MAPPER.readTree(open.out);
        assertFalse(doc.path("ok").asBoolean());
        boolean modeFailed = false;
        for (JsonNode c : doc.path("checks")) if (c.path("check").asText()
                .equals("file mode")) modeFailed = !c.path("ok").asBoolean();
        assertTrue(modeFailed, open.out);
    }

    @Test
    void watchRunsEveryIntervalAndStopsCleanly() throws Exception {
        w.plexHas(ARRIVAL);
        int[] sleeps = {0};
        CliRun r = w.cli().sleeper(d -> {
            // SIGTERM during the second wait: the shutdown hook interrupts the sleeping loop
            if (d.getSeconds() == 600 && ++sleeps[0] == 2) throw new InterruptedException("SIGTERM");
        }).run("--watch", "10m", "--dir", w.dir.toString());
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(2, r.out.lines().filter(l -> l.contains(" sync: exit 0")).count(), r.out);
        assertTrue(r.err.contains("Watch stopped"), r.err);
        assertEquals(Set.of("Arrival"), simklPtw());
        try (var s = Files.list(w.dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no partial state file");
        }
    }

    /** The standing list of titles kept apart is said once, not every round; what is new is said when it comes. */
    @Test
    void watchRoundsSayWhatChangedNotTheStandingListAgain() throws Exception {
        w.plexHas(ARRIVAL, TERMINATOR);
        w.sb.simkl.put(TERMINATOR.simkl(), "completed");
        int[] sleeps = {0};
        CliRun r = w.cli().sleeper(d -> {
            if (d.getSeconds() != 600) return;
            if (++sleeps[0] == 2) w.plexHas(SEVERANCE); // a change before the third round
            if (sleeps[0] == 3) throw new InterruptedException("SIGTERM");
        }).run("--watch", "10m", "--dir", w.dir.toString());
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(3, r.out.lines().filter(l -> l.contains(" sync: exit 0")).count(), r.out);
        assertEquals(1, r.out.lines().filter(l -> l.contains("= skipped The Terminator")).count(),
                "kept apart, said in the first round only: " + r.out);
        assertEquals(1, r.out.lines().filter(l -> l.contains("+ SIMKL  Severance (2022)  [new on Plex] -> done"))
                .count(), r.out);
        assertTrue(r.out.contains("IN SYNC"), r.out);
    }
}
