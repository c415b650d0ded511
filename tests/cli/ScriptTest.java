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
