package cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import support.CliRun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class FlagsTest {
    @TempDir Path home;

    private static final String[] EVERY_FLAG = {"--sync", "--init-simkl", "--bind", "--open", "--init-plex",
            "--plex-account-token", "--reset-state", "--debug", "--version", "--dry-run", "--json", "--dir", "--demo",
            "--max-delete", "--retry-unresolved", "--list", "--format", "--restore", "--side", "--doctor", "--watch",
                    "--help",
            "--quiet", "--serve", "--support-bundle", "--no-titles", "--replay", "--undo", "--apply",
            "--plan-out"};

    /** The commands that read only files begin no TLS set-up (TlsWarmUpTest runs them); the others do at once. */
    @Test
    void theCommandsThatAskTheServicesAreKnownFromTheirVerb() {
        for (Verb v : List.of(Verb.VERSION, Verb.HELP, Verb.SETUP, Verb.JOURNAL, Verb.HEALTH, Verb.RESET_STATE)) {
            assertFalse(v.asksServices(), v.word());
        }
        for (Verb v : List.of(Verb.SYNC, Verb.WATCH, Verb.LIST, Verb.WHY, Verb.DOCTOR, Verb.RESTORE, Verb.UNDO)) {
            assertTrue(v.asksServices(), v.word());
        }
    }

    @Test
    void helpNamesEveryFlagOfTheDesignAndExitsZero() {
        CliRun r = new CliRun.Builder(home).run("--help");
        assertEquals(ExitCode.OK, r.code, r.toString());
        for (String f : EVERY_FLAG) assertTrue(r.out.contains(f), "help lacks " + f);
        assertTrue(r.out.contains("plex_simkl_sync --init-simkl redirect --bind 0.0.0.0:8787"),
                "help lacks the seed's examples");
        assertFalse(r.out.lines().anyMatch(l -> l.endsWith(" ")), "help lines carry trailing spaces");
        assertEquals(List.of(), r.out.lines().filter(l -> l.length() > 80).toList(), "help fits 80 columns");
        for (String section : List.of("Sync:", "Sign in:", "Look, repair, try:", "Everywhere:", "Environment:",
                "README.md")) {
            assertTrue(r.out.contains(section), "help lacks " + section);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--list  | --list needs SIDE: print one side's list as read: 'plex' or 'simkl'.",
        "--watch | --watch needs INTERVAL: sync every INTERVAL (e.g. 30m, 1h; 5m at least) until stopped.",
        "--dir   | --dir needs DIR: folder holding config.json and state.json.",
        "--init-simkl | --init-simkl needs MODE: SIMKL sign-in: 'redirect' (local OAuth redirect helper) or 'pin'"})
    void aFlagWithoutItsValueSaysWhatValueInWords(String flag, String message) {
        CliRun r = new CliRun.Builder(home).run(flag);
        assertEquals(ExitCode.USAGE, r.code);
        assertTrue(r.err.contains("plex_simkl_sync: " + message), r.err);
        assertFalse(r.err.contains("Missing argument"), "not Commons CLI's words: " + r.err);
    }

    @Test
    void helpEndsWithWhereTheReadmeIs(@org.junit.jupiter.api.io.TempDir Path elsewhere) throws Exception {
        String hosted = new CliRun.Builder(elsewhere).env("PLEX_SIMKL_SYNC_CATALOG",
                "https://example.org/tools/pss/jbang-catalog.json").run("--help").out;
        assertEquals("  https://example.org/tools/pss/README.md",
                hosted.strip().lines().reduce((a, b) -> b).orElse(""));
        String alias = new CliRun.Builder(elsewhere).env("PLEX_SIMKL_SYNC_COMMAND",
                "jbang plex_simkl_sync@https://example.org/pss/jbang-catalog.json").run("--help").out;
        assertTrue(alias.endsWith("  https://example.org/pss/README.md\n"), alias);
        Path checkout = Files.createDirectories(elsewhere.resolve("checkout"));
        Files.writeString(checkout.resolve("plex_simkl_sync.java"), "//");
        Files.writeString(checkout.resolve("README.md"), "#");
        String local = new CliRun.Builder(elsewhere).env("PLEX_SIMKL_SYNC_HOME", checkout.toString()).run("--help").out;
        assertTrue(local.endsWith("  " + checkout.resolve("README.md") + "\n"), local);
    }

    @Test
    void helpAndHintsUseTheCommandThePersonTyped() {
        CliRun r = new CliRun.Builder(home).env("PLEX_SIMKL_SYNC_COMMAND",
                "scripts/jbang plex_simkl_sync.java").run("--help");
        assertTrue(r.out.startsWith("Usage: scripts/jbang plex_simkl_sync.java COMMAND"), r.out);
        assertEquals(List.of(), r.out.lines().filter(l -> l.length() > 80).toList(), "still 80 columns");
        CliRun sync = new CliRun.Builder(home).env("PLEX_SIMKL_SYNC_COMMAND",
                "/opt/pss/scripts/jbang plex_simkl_sync.java")
                .run("--sync", "--dir", home.resolve("cfg").toString());
        assertTrue(sync.err.contains("run /opt/pss/scripts/jbang plex_simkl_sync.java --dir " + home.resolve("cfg")
                + " --init-plex"), sync.err);
        CliRun installed = new CliRun.Builder(home).run("--sync", "--dir", home.resolve("cfg").toString());
        assertTrue(installed.err.contains("run plex_simkl_sync --dir " + home.resolve("cfg") + " --init-plex"),
                installed.err);
    }

    @ParameterizedTest
    @CsvSource({"--synk, did you mean --sync?", "--dryrun, did you mean --dry-run?", "sync, did you mean --sync?",
            "login, did you mean --init-plex or --init-simkl pin?", "doctor, did you mean --doctor?",
                    "--verison, did you mean --version?"})
    void typosAndBareWordsGetTheNearestFlag(String typed, String hint) {
        CliRun r = new CliRun.Builder(home).run(typed);
        assertEquals(ExitCode.USAGE, r.code);
        assertTrue(r.err.contains("(" + hint + ")"), r.err);
    }

    @ParameterizedTest
    @CsvSource({"--mode, sync.bidirectional.mode", "--source-of-truth, sync.bidirectional.source_of_truth",
            "--verify-after-write, sync.verify_after_write"})
    void aFlagThatIsAConfigSettingSaysWhereTheSettingLives(String typed, String key) {
        CliRun r = new CliRun.Builder(home).run("--sync", typed, "mirror");
        assertEquals(ExitCode.USAGE, r.code);
        assertTrue(r.err.contains("(" + key + " is set in config.json, not on the command line"), r.err);
        assertFalse(r.err.contains("did you mean --note"), r.err);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--bogus", "--init-simkl=magic", "--max-delete=-1", "--max-delete=many", "--list=trakt",
            "--watch=soon", "--watch=5s", "--format=xml", "--bind=nohost", "--sync --version", "extra", "--side=plex",
            "--version --sync", "--init-simkl=pin --bind=0.0.0.0:99999", "--open"})
    void badCommandLinesAreAOneLineErrorWithUsageAndExitTwo(String line) {
        CliRun r = new CliRun.Builder(home).run(line.split(" "));
        assertEquals(ExitCode.USAGE, r.code, r.toString());
        // stderr is not a terminal here, so each line starts with the time
        assertTrue(r.err.matches("(?s)\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ plex_simkl_sync: .*"), r.err);
        assertTrue(r.err.contains("Z Usage: plex_simkl_sync"), r.err);
        assertEquals("", r.out, "nothing on stdout for a usage error");
        assertFalse(r.err.contains("Exception"), r.err);
    }

    /** alias pss='plex_simkl_sync --dir ~/pss --json': every command takes what the alias always passes. */
    @Test
    void anAliasWithDirJsonAndDebugWorksForEveryCommand() throws Exception {
        Path dir = home.resolve("pss");
        CliRun help = new CliRun.Builder(home).run("--dir", dir.toString(), "--debug", "--help");
        assertEquals(ExitCode.OK, help.code, help.toString());
        assertTrue(help.out.startsWith("Usage: "), help.out);
        CliRun version = new CliRun.Builder(home).run("--dir", dir.toString(), "--version");
        assertEquals(ExitCode.OK, version.code, version.toString());
        CliRun jsonHelp = new CliRun.Builder(home).run("--dir", dir.toString(), "--json", "--help");
        assertEquals(ExitCode.OK, jsonHelp.code, jsonHelp.toString());
        com.fasterxml.jackson.databind.JsonNode doc = files.Json.MAPPER.readTree(jsonHelp.out);
        assertTrue(doc.path("ok").asBoolean(), "stdout is one document: " + jsonHelp.out);
        assertTrue(jsonHelp.err.contains("Usage: "), "the help itself went to stderr");
        CliRun demo = new CliRun.Builder(home).run("--dir", dir.toString(), "--demo");
        assertEquals(ExitCode.OK, demo.code, demo.toString());
        assertTrue(demo.err.contains("--dir is not used by --demo"), demo.toString());
        assertFalse(Files.exists(dir.resolve("state.json")), "the demo never touches the folder");
    }

    @Test
    void intervalsParse() throws Exception {
        assertEquals(Duration.ofMinutes(30), FlagValues.interval("30m"));
        assertEquals(Duration.ofMinutes(90), FlagValues.interval("1h30m"));
        assertEquals(Duration.ofSeconds(45), FlagValues.interval("45s"));
        assertThrows(UsageException.class, () -> FlagValues.interval("3"));
    }

    @Test
    void versionNamesToolJavaAndLibraries() {
        CliRun r = new CliRun.Builder(home).run("--version");
        assertEquals(ExitCode.OK, r.code);
        assertTrue(r.out.startsWith("plex_simkl_sync " + VersionInfo.TOOL), r.out);
        assertTrue(r.out.contains("Java 1") || r.out.contains("Java 2"), r.out);
        assertTrue(r.out.matches("(?s).*Jackson 2\\.\\d+.*Unirest 4\\.\\d+.*Commons CLI 1\\.\\d+.*"), r.out);
    }

    @Test
    void versionAsJson() throws Exception {
        CliRun r = new CliRun.Builder(home).run("--version", "--json");
        var doc = files.Json.MAPPER.readTree(r.out);
        for (String k : new String[] {"plex_simkl_sync", "java", "jackson", "unirest",
                "commons-cli"}) assertTrue(doc.has(k), k);
        assertFalse(doc.path("unirest").asText().equals("unknown"), r.out);
    }

    /** A folder laid out as git lays out a checkout's .git: HEAD, and {@code files} (path, content) under it. */
    private static Path gitFolder(Path git, String head, String... files) throws Exception {
        Files.createDirectories(git);
        Files.writeString(git.resolve("HEAD"), head + "\n");
        for (int i = 0; i < files.length; i += 2) {
            Files.createDirectories(git.resolve(files[i]).getParent());
            Files.writeString(git.resolve(files[i]), files[i + 1]);
        }
        return git;
    }

    @Test
    void versionNamesTheCommitOfTheCheckoutItRunsFromWithoutAskingGit() throws Exception {
        String a = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
        String b = "ffeeddccbbaa99887766554433221100ffeeddcc";
        Path branch = home.resolve("branch");
        gitFolder(branch.resolve(".git"), "ref: refs/heads/main", "refs/heads/main", a + "\n");
        Path packed = home.resolve("packed");
        gitFolder(packed.resolve(".git"), "ref: refs/heads/main", "packed-refs",
                "# pack-refs with: peeled fully-peeled sorted\n" + b + " refs/heads/main\n");
        Path detached = home.resolve("detached");
        gitFolder(detached.resolve(".git"), b);
        // a worktree: .git is a file naming its folder, whose commondir leads to the shared refs
        Path worktree = Files.createDirectories(home.resolve("worktree"));
        gitFolder(packed.resolve(".git/worktrees/wt"), "ref: refs/heads/main", "commondir", "../..\n");
        Files.writeString(worktree.resolve(".git"), "gitdir: " + packed.resolve(".git/worktrees/wt") + "\n");
        for (var c : Map.of(branch, a, packed, b, detached, b, worktree, b).entrySet()) {
            CliRun r = new CliRun.Builder(home).env("PLEX_SIMKL_SYNC_HOME", c.getKey().toString()).run("--version");
            assertEquals(ExitCode.OK, r.code, r.toString());
            assertTrue(r.out.startsWith("plex_simkl_sync " + VersionInfo.TOOL + " (commit "
                    + c.getValue().substring(0, 12) + ")\n"), c.getKey() + ": " + r.out);
            CliRun json = new CliRun.Builder(home).env("PLEX_SIMKL_SYNC_HOME", c.getKey().toString())
                    .run("--version", "--json");
            assertEquals(c.getValue(), files.Json.MAPPER.readTree(json.out).path("commit").asText(), json.out);
        }
        Path notACheckout = Files.createDirectories(home.resolve("export"));
        CliRun none = new CliRun.Builder(home).env("PLEX_SIMKL_SYNC_HOME", notACheckout.toString())
                .run("--version", "--json");
        assertTrue(files.Json.MAPPER.readTree(none.out).path("commit").isNull(), "unknown, said so: " + none.out);
    }

    @Test
    void noArgumentsCreatesConfigAndPrintsHelp() {
        Path dir = home.resolve("cfg");
        CliRun r = new CliRun.Builder(home).env("PLEX_SIMKL_SYNC_DIR", dir.toString()).run();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(dir.resolve("config.json").toFile().isFile());
        assertTrue(r.out.contains("--sync"));
        assertTrue(r.err.contains(dir.toString()), "says which folder it uses: " + r.err);
    }

    @Test
    void onAScreenWhatToDoNextComesAfterTheHelpNotScrolledAwayAboveIt() {
        Path dir = home.resolve("fresh");
        CliRun r = new CliRun.Builder(home).env("PLEX_SIMKL_SYNC_DIR", dir.toString()).runOnOneScreen();
        assertEquals(ExitCode.OK, r.code, r.toString());
        int help = r.out.indexOf("--sync");
        int next = r.out.indexOf("Next, in this order: 1. create an app");
        assertTrue(help >= 0 && next > help, r.out);
        assertTrue(r.out.substring(next).lines().count() <= 2, "the steps end the output: " + r.out.substring(next));
    }
}
