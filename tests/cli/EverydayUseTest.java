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


    @Test
    void theDemoRunsBothSyncsAndEndsWithBothListsEqual() {
        CliRun r = new CliRun.Builder(tmp).run("--demo");
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(r.out.contains("== Run 1"), r.out);
        assertTrue(r.out.contains("To undo this run: plex_simkl_sync --undo "), r.out);
        assertFalse(r.all().contains("--dir "), "no hint names the demo's folder, which is gone once it ends: " + r);
        assertTrue(r.out.contains("Pre-sync counts: Plex=6 vs SIMKL=9"), r.out);
        assertTrue(r.out.contains("- SIMKL  Severance (2022)  [removed from Plex] -> done"), r.out);
        assertTrue(r.out.contains("- Plex   Dune: Part Two (2024)  [moved on SIMKL from Plan to Watch to "
                + "completed] -> done"), r.out);
        assertTrue(r.out.contains("+ Plex   Sousou no Frieren"), "anime reaches Plex");
        assertTrue(r.out.contains("unresolved A Very Obscure Documentary"), r.out);
        // run 1: the documentary is missing from Plex for the first time; the person then excludes it
        assertTrue(r.out.contains("Post-sync: Plex=11 vs SIMKL=11 → NOT EQUAL (1 difference; 1 kept apart: 1 "
                + "held-in-another-simkl-list)"), r.out);
        assertTrue(r.out.contains("A Very Obscure Documentary (2019) is excluded: never added or removed (sync.exclude in "), r.out);
        // Arrival, played on Plex and so gone from its watchlist, becomes completed on SIMKL, not erased
        assertTrue(r.out.lines().anyMatch(l -> l.startsWith("  * SIMKL  Arrival (2016)  [played on Plex on ")
                && l.endsWith(": completed on SIMKL with that date] -> done")), r.out);
        assertFalse(r.out.contains("- SIMKL  Arrival"), r.out);
        assertEquals(2, r.out.lines().filter(l -> l.equals("Post-sync: Plex=10 vs SIMKL=10 → IN SYNC (2 kept apart: "
                + "1 held-in-another-simkl-list, 1 excluded)")).count(), r.out);
        assertTrue(r.out.contains("(rule moved-on-simkl, backup "), "--why names the run that removed it: " + r.out);
        assertTrue(r.out.contains("  = skipped The Terminator (1984): SIMKL holds it as completed"), r.out);
        assertFalse(r.out.contains("≠"), "a title kept apart is named once per run, with its reason: " + r.out);
        assertTrue(r.out.contains("Plex watchlist") && r.out.contains("SIMKL Plan to Watch"));
        assertTrue(r.out.lines().anyMatch(l -> l.matches("Jujutsu Kaisen +Jujutsu Kaisen \\+ Jujutsu Kaisen 2nd Season")),
                "an anime's seasons share the row of the one Plex show: " + r.out);
        assertFalse(r.out.contains("conflict"), "an anime's two SIMKL seasons are one Plex show: " + r.out);
        assertFalse(Files.exists(tmp.resolve(".config")), "no real config touched");
        // it ends by taking run 2 back: what it carried over is undone, the title played on Plex stays watched
        String undo = r.out.substring(r.out.indexOf("(plex_simkl_sync --undo) =="));
        assertTrue(undo.contains("+ SIMKL  Severance (2022)  [undo of run "), undo);
        assertTrue(undo.contains("Arrival (2016): marked as watched on SIMKL (rule watched-on-plex): never undone"), undo);
        assertTrue(undo.contains("→ IN SYNC ("), undo);
    }

    @Test
    void listInEachFormatParsesBackToTheEmulatorsList() throws Exception {
        w.plexHas(ARRIVAL, SEVERANCE, FRIEREN);
        w.simklHas(DUNE, SUZUME, SHOGUN, ARRIVAL);
        CliRun tsv = run("--list", "simkl", "--format", "tsv");
        assertEquals(ExitCode.OK, tsv.code, tsv.toString());
        assertTrue(tsv.err.contains("SIMKL Plan to Watch: 4 entries (an anime's seasons are one each)"),
                "SIMKL's entries, not the sync's titles: " + tsv.err);
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
    void syncJsonHasTheDocumentedKeysInOneShapeForARunAndADryRun() throws Exception {
        w.plexHas(ARRIVAL, TERMINATOR);
        w.sb.simkl.put(TERMINATOR.simkl(), "completed");
        w.simklHas(OBSCURE, SEVERANCE);
        CliRun r = w.sync("--json");
        JsonNode doc = Json.MAPPER.readTree(r.out);
        assertEquals(r.code, doc.path("exit_code").asInt());
        assertEquals(List.of("plex", "simkl"), fieldNames(doc.path("before")), "before and after: plex, then simkl");
        assertEquals(List.of("plex", "simkl"), fieldNames(doc.path("after")));
        JsonNode a = doc.path("actions").get(0);
        for (String k : List.of("side", "action", "type", "title", "year", "ids", "rule", "reason", "outcome",
                "detail")) assertTrue(a.has(k), k);
        CliRun dry = w.sync("--dry-run", "--json");
        CliRun again = w.sync("--json");
        JsonNode dryDoc = Json.MAPPER.readTree(dry.out);
        JsonNode againDoc = Json.MAPPER.readTree(again.out);
        assertEquals(fieldNames(doc), fieldNames(dryDoc), "a dry run's document has the same fields");
        for (JsonNode d : List.of(doc, dryDoc, againDoc)) {
            assertEquals(1, d.path("unresolved").size(), d.toString());
            assertEquals(fieldNames(doc.path("unresolved").get(0)), fieldNames(d.path("unresolved").get(0)),
                    "one shape for an unresolved title: " + d.path("unresolved"));
        }
        assertTrue(dryDoc.path("unresolved").get(0).path("next_try").isTextual(), dry.out);

        // every field a program may meet is named in the README's JSON section
        String readme = Files.readString(Path.of(System.getProperty("user.dir"), "README.md"));
        String section = readme.substring(readme.indexOf("### JSON output")).split("\n#{2,3} ")[0];
        java.util.Set<String> keys = new java.util.TreeSet<>();
        for (JsonNode d : List.of(doc, dryDoc, againDoc)) collectKeys(d, keys);
        List<String> missing = keys.stream().filter(k -> !section.contains("\"" + k + "\"")
                && !section.contains("`" + k + "`")).toList();
        assertEquals(List.of(), missing, "fields the README's JSON section does not name");
    }

    @Test
    void aCommandLineThatCannotRunStillPrintsOneJsonDocument() throws Exception {
        CliRun r = w.cli().run("--snyc", "--json");
        assertEquals(ExitCode.USAGE, r.code);
        JsonNode doc = Json.MAPPER.readTree(r.out); // one document, nothing else on stdout
        assertTrue(doc.path("command").isNull(), r.out);
        assertFalse(doc.path("ok").asBoolean(true));
        assertEquals("plex_simkl_sync: unknown flag --snyc (did you mean --sync?)", doc.path("error").asText());
        assertEquals(2, doc.path("exit_code").asInt());
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.properties().forEach(e -> names.add(e.getKey()));
        return names;
    }

    /** Every object key in the document, but not the id namespaces under "ids". */
    private static void collectKeys(JsonNode n, java.util.Set<String> keys) {
        if (n.isObject()) {
            n.properties().forEach(e -> {
                keys.add(e.getKey());
                if (!e.getKey().equals("ids")) collectKeys(e.getValue(), keys);
            });
        } else if (n.isArray()) {
            n.forEach(c -> collectKeys(c, keys));
        }
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
        assertTrue(r.out.startsWith("Before the restore: Plex=7 now, the backup's Plex list=6\n"),
                "the backup's count is not called SIMKL's: " + r.out);
        assertTrue(r.out.contains("The next --sync (two-way) will carry on from here"), r.out);
        List<String> preview = r.out.lines().dropWhile(l -> !l.startsWith("The next --sync")).skip(1)
                .takeWhile(l -> l.startsWith("  ")).toList();
        assertEquals(List.of("  - SIMKL  Sousou no Frieren (2023)  [removed from Plex]"), preview, r.out);
        CliRun dry = w.sync("--dry-run");
        assertEquals(preview, dry.out.lines().filter(l -> l.endsWith(" -> planned"))
                .map(l -> l.substring(0, l.length() - " -> planned".length())).toList(),
                "the preview is what the next sync then plans: " + dry.out);
        CliRun next = w.sync();
        assertEquals(ExitCode.OK, next.code, next.toString());
        assertFalse(simklPtw().contains("Sousou no Frieren"), "as announced");
        assertFalse(plexTitles().contains("Sousou no Frieren"), "the restore stands");
    }

    @Test
    void aRestoreNamesTheCommandThatUndoesItAndThatCommandDoes() throws Exception {
        w.plexHas(ARRIVAL, SEVERANCE);
        w.simklHas(ARRIVAL, SEVERANCE, FRIEREN);
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.clock.advance(java.time.Duration.ofMinutes(5));
        CliRun r = run("--restore", "latest", "--side", "plex");
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertFalse(plexTitles().contains("Sousou no Frieren"));
        String undo = r.out.lines().filter(l -> l.startsWith("To undo this restore: ")).findFirst().orElseThrow()
                .substring("To undo this restore: ".length());
        assertEquals("plex_simkl_sync --dir " + w.dir + " --restore 20261124T120700Z --side plex", undo);
        List<String> words = new java.util.ArrayList<>(List.of(undo.split(" ")));
        words.remove(0);
        assertEquals(ExitCode.OK, w.cli().run(words.toArray(String[]::new)).code);
        assertTrue(plexTitles().contains("Sousou no Frieren"), "the undo puts back what the restore took");
    }

    @Test
    void restoreWithoutANameListsTheBackupsAndAWrongNameListsThemToo() throws Exception {
        CliRun none = run("--restore");
        assertEquals(ExitCode.OK, none.code, none.toString());
        assertEquals("There are no backups in " + w.dir.resolve("backups") + " yet: a sync saves both lists there "
                + "before its first change.", none.out.strip());
        w.plexHas(ARRIVAL);
        w.simklHas(ARRIVAL, FRIEREN);
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.clock.advance(java.time.Duration.ofHours(2));
        w.sb.simkl.put(SEVERANCE.simkl(), "plantowatch");
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.clock.advance(java.time.Duration.ofMinutes(30));
        List<String> expected = List.of("The backups in " + w.dir.resolve("backups") + ", newest first:",
                "  20261124T140300Z  taken 31 min ago, at 14:03:00: Plex 2 titles, SIMKL Plan to Watch 3 entries (an "
                        + "anime's seasons are one each)",
                "  20261124T120200Z  taken 2 h 32 min ago, at 12:02:00: Plex 1 title, SIMKL Plan to Watch 2 entries "
                        + "(an anime's seasons are one each)",
                "Put one side back with: plex_simkl_sync --dir " + w.dir + " --restore 20261124T140300Z --side plex  "
                        + "('latest' is the newest; --side plex or simkl; --dry-run first to see the plan)");
        CliRun list = run("--restore");
        assertEquals(ExitCode.OK, list.code, list.toString());
        assertEquals(expected, list.out.lines().toList());
        long writes = w.sb.plex.writes() + w.sb.simkl.writes();
        CliRun wrong = run("--restore", "yesterday", "--side", "plex");
        assertEquals(ExitCode.USAGE, wrong.code, wrong.toString());
        assertTrue(wrong.err.contains("No backup named yesterday. " + expected.get(0)), wrong.err);
        assertTrue(wrong.err.contains("  20261124T140300Z  taken 32 min ago, at 14:03:00: Plex 2 titles, SIMKL Plan "
                + "to Watch 3 entries")
                && wrong.err.contains("  20261124T120200Z  taken 2 h 33 min ago"), "a minute later: " + wrong.err);
        assertEquals(writes, w.sb.plex.writes() + w.sb.simkl.writes(), "a wrong name writes nothing");
        JsonNode doc = Json.MAPPER.readTree(run("--restore", "--json").out);
        assertEquals("20261124T140300Z", doc.path("backups").path(0).path("name").asText());
        assertEquals(3, doc.path("backups").path(0).path("simkl").asInt());
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
        assertTrue(badToken.out.contains("[FAIL] plex token: refused by plex.tv: The refused token comes from "
                + "PLEX_ACCOUNT_TOKEN (or --plex-account-token), which wins over config.json: put a fresh one there, or "
                + "unset it and run plex_simkl_sync --dir " + w.dir + " --init-plex."),
                "a new sign-in would not help while the variable is set: " + badToken.out);
        assertFalse(badToken.out.contains("[FAIL] simkl"), badToken.out);

        CliRun badUrl = w.cli().env("PLEX_SIMKL_SYNC_SIMKL_API_URL", "http://127.0.0.1:9").run("--doctor", "--dir",
                w.dir.toString());
        assertEquals(ExitCode.PARTIAL, badUrl.code);
        assertTrue(badUrl.out.contains("[FAIL] simkl token: Could not reach SIMKL (127.0.0.1: connection refused) for "
                + "GET /sync/activities, 4 tries. Check your network or try again later (address http://127.0.0.1:9, "
                + "set by PLEX_SIMKL_SYNC_SIMKL_API_URL)."), "said once, in words: " + badUrl.out);

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
        assertTrue(r.err.contains("the first round now, the next in 10 min, at "), "says when the next round is: "
                + r.err);
        assertFalse(r.err.contains("Reading the Plex watchlist"), "a quiet round is its one line: " + r.err);
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

    @Test
    void resetStateKeepsACopyOfWhatItTakesOutOfUseAndNamesIt() throws Exception {
        w.plexHas(ARRIVAL);
        assertEquals(ExitCode.OK, w.sync().code);
        String before = Files.readString(w.dir.resolve("state.json"));
        CliRun r = w.cli().run("--reset-state", "--dir", w.dir.toString());
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertFalse(w.hasState());
        List<Path> copies;
        try (var s = Files.list(w.dir)) {
            copies = s.filter(p -> p.getFileName().toString().startsWith("state-reset-")).toList();
        }
        assertEquals(1, copies.size(), copies.toString());
        assertEquals(before, Files.readString(copies.get(0)), "the snapshot and ledger, as they were");
        assertTrue(r.err.contains(copies.get(0).getFileName().toString()), "named: " + r);
        assertEquals(ExitCode.OK, w.sync().code, "the next sync re-seeds");
    }

    @Test
    void resetStateNamesTheKeptCountOnlyWhenThereIsOne() throws Exception {
        Files.createDirectories(w.dir);
        Files.writeString(w.dir.resolve("state.json"), "{\"version\": 1}");
        CliRun r = w.cli().run("--reset-state", "--dir", w.dir.toString());
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertFalse(Files.exists(w.dir.resolve("state.run.json")), "no count to keep");
        assertFalse(r.err.contains("state.run.json"), "names no file that is not there: " + r.err);
    }

    /** A refused token the environment gave: a new sign-in alone would change nothing, so the hint says so. */
    @Test
    void aRefusedTokenFromTheEnvironmentNamesTheVariable() throws Exception {
        w.plexHas(ARRIVAL);
        w.sb.simkl.revokeTokens();
        CliRun fromEnv = w.sync();
        assertEquals(ExitCode.AUTH, fromEnv.code, fromEnv.toString());
        assertTrue(fromEnv.err.contains("The refused token comes from SIMKL_ACCESS_TOKEN, which wins over config.json: "
                + "put a fresh one there, or unset it and run plex_simkl_sync --dir " + w.dir + " --init-simkl pin."),
                fromEnv.err);
        Files.writeString(w.dir.resolve("config.json"), "{\"simkl\": {\"client_id\": \"" + support.Sandbox.SIMKL_CLIENT_ID
                + "\", \"access_token\": \"a-revoked-token-0123456789\"}}");
        CliRun fromFile = w.cli().without("SIMKL_ACCESS_TOKEN").run("--sync", "--dir", w.dir.toString());
        assertEquals(ExitCode.AUTH, fromFile.code, fromFile.toString());
        assertFalse(fromFile.err.contains("SIMKL_ACCESS_TOKEN"), fromFile.err);
        assertTrue(fromFile.err.contains("run plex_simkl_sync --dir " + w.dir + " --init-simkl pin"), fromFile.err);
    }
}
