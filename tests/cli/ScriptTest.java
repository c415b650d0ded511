package cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs the real entry script through scripts/jbang, as a user would. */
@Tag("acceptance")
class ScriptTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir"));

    private record Result(int code, String out) {}

    private Result run(String... args) throws Exception {
        assumeTrue(Files.isRegularFile(ROOT.resolve("scripts/jbang")), "not run from a checkout");
        List<String> cmd = new ArrayList<>(List.of("bash", "scripts/jbang"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(false)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("JBANG_NO_VERSION_CHECK", "true");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out");
        return new Result(p.exitValue(), out);
    }

    @Test
    void theEntryScriptPrintsHelpThroughTheBootstrapLauncher() throws Exception {
        Result r = run("plex_simkl_sync.java", "--help");
        assertEquals(ExitCode.OK, r.code, r.out);
        assertTrue(r.out.contains("--init-simkl"), r.out);
    }

    @Test
    void theCatalogAliasRunsFromTheCheckout() throws Exception {
        Result r = run("plex_simkl_sync@.", "--version");
        assertEquals(ExitCode.OK, r.code, r.out);
        assertTrue(r.out.startsWith("plex_simkl_sync " + VersionInfo.TOOL), r.out);
        Process git = new ProcessBuilder("git", "rev-parse", "HEAD").directory(ROOT.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assumeTrue(git.waitFor() == 0 && !head.isEmpty(), "not run from a git checkout");
        assertTrue(r.out.startsWith("plex_simkl_sync " + VersionInfo.TOOL + " (commit " + head.substring(0, 12)
                + ")\n"), "the checkout's commit, read from its .git: " + r.out);
    }

    @Test
    void theTestCommandCallsAnUnknownTestClassAnErrorAndShowsProgress() throws Exception {
        assumeTrue(Files.isRegularFile(ROOT.resolve("scripts/test")), "not run from a checkout");
        Process p = new ProcessBuilder("bash", "scripts/test", "FlagsTset", "IdsTest").directory(ROOT.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out");
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("ERROR no test class named FlagsTset (did you mean FlagsTest?)"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("ok +IdsTest +\\d+ passed, 0 failed .*")),
                "a line per finished class: " + out);
        assertTrue(out.strip().matches("(?s).*\\n\\d+ passed, 1 failed"), "the typo counts as a failure: " + out);
    }

    /**
     * scripts/jbang's direct start with the real JBang, in a copy of the checkout with a copy of JBang's jars
     * that can be taken away: a run like the last build needs no JBang; after a change the old build never
     * answers (without JBang the run fails), and JBang builds the new one.
     */
    @Test
    void theDirectStartRunsTheLastBuildWithoutJBangAndNeverAnOldOne(@TempDir Path tmp) throws Exception {
        Result installed = run("--version"); // installs JBang where scripts/jbang keeps it, if it is not yet
        assertEquals(ExitCode.OK, installed.code, installed.out);
        Path checkout = tmp.resolve("checkout");
        for (String f : List.of("plex_simkl_sync.java", "jbang-catalog.json", "scripts/jbang", "scripts/jbang.lock")) {
            Files.createDirectories(checkout.resolve(f).getParent());
            Files.copy(ROOT.resolve(f), checkout.resolve(f));
        }
        try (var files = Files.walk(ROOT.resolve("lib"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = checkout.resolve(ROOT.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
        Path jbang = copyOfInstalledJBang(tmp.resolve("cache"));
        Path away = tmp.resolve("jbang-jars-away");
        String version = "plex_simkl_sync " + VersionInfo.TOOL;

        Result built = runCopy(checkout, tmp, "--version");
        assertEquals(ExitCode.OK, built.code, built.out);
        // the version line, with the commit it was built from when one is known
        java.util.function.Predicate<String> says = l -> l.equals(version) || l.startsWith(version + " (commit ");
        assertTrue(built.out.lines().anyMatch(says), built.out);
        Files.move(jbang, away);
        Result direct = runCopy(checkout, tmp, "--version");
        assertEquals(ExitCode.OK, direct.code, "no JBang needed: " + direct.out);
        assertTrue(direct.out.lines().anyMatch(says), direct.out);

        Path info = checkout.resolve("lib/cli/VersionInfo.java");
        Files.writeString(info, Files.readString(info).replace("TOOL = \"" + VersionInfo.TOOL + "\"",
                "TOOL = \"9.9.9-changed\""));
        Result changed = runCopy(checkout, tmp, "--version");
        assertNotEquals(ExitCode.OK, changed.code, "only JBang may answer a changed source: " + changed.out);
        assertFalse(changed.out.lines().anyMatch(l -> l.startsWith("plex_simkl_sync ")), "the old build did not "
                + "answer: " + changed.out);
        Files.move(away, jbang);
        Result rebuilt = runCopy(checkout, tmp, "--version");
        assertTrue(rebuilt.out.lines().anyMatch(l -> l.startsWith("plex_simkl_sync 9.9.9-changed")), rebuilt.out);
        Files.move(jbang, away);
        Result again = runCopy(checkout, tmp, "--version");
        assertTrue(again.out.lines().anyMatch(l -> l.startsWith("plex_simkl_sync 9.9.9-changed")), "the new build, "
                + "directly: "
                + again.out);
    }

    /** A copy of the JBang scripts/jbang installed, in {@code cache}; returns the folder of its jars. */
    private static Path copyOfInstalledJBang(Path cache) throws Exception {
        String home = System.getenv("HOME");
        Path root = System.getenv("PLEX_SIMKL_SYNC_CACHE") != null ? Path.of(System.getenv("PLEX_SIMKL_SYNC_CACHE"))
                : Path.of(System.getenv().getOrDefault("XDG_CACHE_HOME", home + "/.cache"), "plex_simkl_sync");
        String lock = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(ROOT.resolve("scripts/jbang.lock")))).substring(0, 12);
        Path installed;
        try (var dirs = Files.list(root)) {
            installed = dirs.filter(d -> d.getFileName().toString().matches("jbang-cli-.*-" + lock)).findFirst()
                    .orElseThrow(() -> new AssertionError("JBang is not installed in " + root));
        }
        Path copy = cache.resolve(installed.getFileName());
        Files.createDirectories(copy.resolve("lib"));
        Files.createFile(copy.resolve("complete"));
        try (var jars = Files.list(installed.resolve("lib"))) {
            for (Path jar : jars.toList()) Files.copy(jar, copy.resolve("lib").resolve(jar.getFileName()));
        }
        return copy.resolve("lib");
    }

    /** The copy's entry script through the copy's launcher, with JBang's cache and the launcher's in {@code tmp}. */
    private static Result runCopy(Path checkout, Path tmp, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", checkout.resolve("scripts/jbang").toString(),
                checkout.resolve("plex_simkl_sync.java").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true);
        pb.environment().put("JBANG_NO_VERSION_CHECK", "true");
        pb.environment().put("JBANG_DIR", tmp.resolve("jbang-home").toString());
        pb.environment().put("PLEX_SIMKL_SYNC_CACHE", tmp.resolve("cache").toString());
        pb.environment().put("PLEX_SIMKL_SYNC_USE_PATH_JBANG", "0");
        pb.environment().remove("PLEX_SIMKL_SYNC_DIRECT");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out");
        return new Result(p.exitValue(), out);
    }

    @Test
    void exitCodesPassThroughTheLauncher() throws Exception {
        Result r = run("plex_simkl_sync.java", "--no-such-flag");
        assertEquals(ExitCode.USAGE, r.code);
    }

    @Test
    void watchRunsTwiceThenStopsOnSigtermWithAWholeStateFile(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isRegularFile(ROOT.resolve("scripts/jbang")), "not run from a checkout");
        try (support.Sandbox sb = new support.Sandbox()) {
            // the script runs in real time, so the emulators keep real time too
            sb.plex.clock(java.time.Clock.systemUTC());
            sb.simkl.clock(java.time.Clock.systemUTC());
            sb.plex.watchlistAdd(sandbox.Catalogue.ARRIVAL.plexKey());
            ProcessBuilder pb = new ProcessBuilder("bash", "scripts/jbang", "plex_simkl_sync.java", "--watch", "10s",
                    "--dir", tmp.toString())
                    .directory(ROOT.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().putAll(sb.env());
            pb.environment().put("JBANG_NO_VERSION_CHECK", "true");
            Process p = pb.start();
            p.getOutputStream().close();
            StringBuffer out = new StringBuffer();
            Thread reader = new Thread(() -> {
                try (var r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) out.append(line).append('\n');
                } catch (IOException ignored) {
                    // process ended
                }
            });
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (out.toString().split(" sync: exit", -1).length - 1 < 2 && System.nanoTime() < deadline
                    && p.isAlive()) Thread.sleep(100);
            // two rounds at least: a third may have begun, 10 s on, while this thread waited its turn
            assertTrue(out.toString().split(" sync: exit", -1).length - 1 >= 2, out.toString());
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stops on SIGTERM");
            reader.join(5000);
            assertEquals(143, p.exitValue(), "a JVM ended by SIGTERM exits 143 (the systemd unit counts it as "
                    + "success): " + out);
            var state = files.Json.MAPPER.readTree(tmp.resolve("state.json").toFile());
            assertEquals(1, state.path("version").asInt());
            try (var files = Files.list(tmp)) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no partial state file");
            }
        }
    }

    /**
     * Colour and the absence of time stamps follow stderr alone: {@code sync | less} keeps them on the
     * terminal, {@code sync 2>>log} drops them from the log although stdout is still a terminal.
     */
    @Test
    void colourAndTimeStampsFollowWhereStderrGoes(@TempDir Path tmp) throws Exception {
        assumeTrue(new File("/usr/bin/script").canExecute(), "needs script(1) for a terminal");
        String tool = "bash scripts/jbang plex_simkl_sync.java --reset-state --dir " + tmp;
        String piped = terminal(tool + " | cat");
        assertTrue(piped.contains("\u001b[36m[i] \u001b[0mUsing folder"), "colour on the terminal: " + piped);
        assertFalse(piped.matches("(?s).*\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\[i\\].*"),
                "no time stamps on a terminal: " + piped);
        Path log = tmp.resolve("err.log");
        terminal(tool + " 2>>" + log);
        String logged = Files.readString(log);
        assertTrue(logged.matches("(?s).*\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\[i\\] Using folder.*"),
                "time stamps in a log: " + logged);
        assertFalse(logged.contains("\u001b["), "no colour codes in a log: " + logged);
    }

    /** What a command prints on a terminal (a pseudo-terminal made by script(1)). */
    private static String terminal(String command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", command, "/dev/null").directory(ROOT.toFile())
                .redirectErrorStream(true);
        pb.environment().put("JBANG_NO_VERSION_CHECK", "true");
        pb.environment().remove("NO_COLOR");
        pb.environment().put("TERM", "xterm");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out");
        return out;
    }

    @Test
    void theCatalogNamesEveryAliasWithADescription() throws Exception {
        String catalog = Files.readString(ROOT.resolve("jbang-catalog.json"));
        var node = files.Json.MAPPER.readTree(catalog).get("aliases");
        assertTrue(node.has("plex_simkl_sync"));
        node.properties().forEach(e -> {
            assertFalse(e.getValue().path("description").asText().isBlank(), e.getKey());
            assertTrue(new File(ROOT.toFile(), e.getValue().path("script-ref").asText()).isFile(), e.getKey());
        });
    }
}
