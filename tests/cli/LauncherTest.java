package cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.FileServer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * scripts/jbang and scripts/install where they decide something on their own: no version check
 * against jbang.dev, no install from a host that publishes a working checkout's secrets, and no
 * command left behind by an install that failed. A stand-in JBang keeps these fast and offline.
 */
class LauncherTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir"));

    @TempDir
    Path tmp;

    record Run(int code, String out) {}

    private Run bash(Path home, String script, Map<String, String> extra) throws Exception {
        assumeTrue(Files.isRegularFile(ROOT.resolve("scripts/install")), "not run from a checkout");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(tmp.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        String javaHome = System.getenv("JAVA_HOME");
        env.clear();
        env.put("HOME", home.toString());
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        if (javaHome != null) env.put("JAVA_HOME", javaHome);
        env.putAll(extra);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + script);
        return new Run(p.exitValue(), out);
    }

    private static Path executable(Path file, String... lines) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/usr/bin/env bash\n" + String.join("\n", lines) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void theLauncherTurnsJBangsVersionCheckOffUnlessThePersonSetIt() throws Exception {
        Path bin = tmp.resolve("bin");
        executable(bin.resolve("jbang"), "echo \"check=${JBANG_NO_VERSION_CHECK:-unset}\"");
        String path = bin + ":/usr/local/bin:/usr/bin:/bin";
        Run quiet = bash(tmp, "bash " + ROOT.resolve("scripts/jbang") + " --version", Map.of("PATH", path));
        assertEquals("check=true", quiet.out.strip(), quiet.out);
        Run asked = bash(tmp, "bash " + ROOT.resolve("scripts/jbang") + " --version",
                Map.of("PATH", path, "JBANG_NO_VERSION_CHECK", "false"));
        assertEquals("check=false", asked.out.strip(), asked.out);
    }

    /** A folder laid out as a published copy of the repository, with a stand-in scripts/jbang. */
    private Path host(String... fakeJBang) throws Exception {
        Path site = tmp.resolve("site");
        Files.createDirectories(site.resolve("scripts"));
        Files.copy(ROOT.resolve("scripts/install"), site.resolve("scripts/install"));
        Files.copy(ROOT.resolve("scripts/jbang.lock"), site.resolve("scripts/jbang.lock"));
        Files.copy(ROOT.resolve("jbang-catalog.json"), site.resolve("jbang-catalog.json"));
        executable(site.resolve("scripts/jbang"), fakeJBang);
        return site;
    }

    private Run install(Path site, Path home) throws Exception {
        try (FileServer server = new FileServer(site)) {
            return bash(home, "curl -fsSL " + server.url() + "/scripts/install | bash -s -- " + server.url()
                    + "/jbang-catalog.json", Map.of());
        }
    }

    @Test
    void aHostThatServesAWorkingCheckoutsConfigIsRefusedAndNothingIsInstalled() throws Exception {
        Path site = host("echo \"jbang $*\" >&2", "exit 0");
        Path home = Files.createDirectories(tmp.resolve("home"));
        for (String published : List.of("config.json", "state.json")) {
            Files.writeString(site.resolve(published), "{\"plex\": {\"account_token\": \"secret-plex-token\"}}");
            Run r = install(site, home);
            assertNotEquals(0, r.code, r.out);
            assertTrue(r.out.contains("WARNING: http://127.0.0.1:") && r.out.contains("/" + published
                    + " is published on that web host"), r.out);
            assertTrue(r.out.contains("git archive HEAD"), "says what to serve instead: " + r.out);
            assertTrue(r.out.contains("install: not installed: the catalog's folder serves " + published + "."),
                    r.out);
            assertFalse(r.out.contains("secret-plex-token"), r.out);
            assertFalse(r.out.contains("jbang trust"), "stops before JBang: " + r.out);
            assertFalse(Files.exists(home.resolve(".local/bin/plex_simkl_sync")), "no command");
            assertFalse(Files.exists(home.resolve(".local/share/plex_simkl_sync")), "nothing downloaded");
            assertFalse(Files.exists(home.resolve(".bashrc")), "no shell file edited");
            Files.delete(site.resolve(published));
        }
    }

    @Test
    void aFirstRunThatFailsLeavesNoCommandAndShowsJBangsOwnMessages() throws Exception {
        Path site = host("if [ \"$1\" = trust ]; then echo \"[jbang] Adding $3 to trusted sources\" >&2; exit 0; fi",
                "echo '[jbang] [ERROR] Could not resolve dependencies' >&2", "exit 1");
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path bin = home.resolve(".local/bin");
        Run r = install(site, home);
        assertEquals(1, r.code, r.out);
        assertTrue(r.out.contains("[jbang] Adding http://127.0.0.1:"), "JBang's output is shown: " + r.out);
        assertTrue(r.out.contains("[jbang] [ERROR] Could not resolve dependencies"), r.out);
        assertTrue(r.out.contains("install: the new command failed its first run (--version; see the messages "
                + "above), so " + bin.resolve("plex_simkl_sync") + " was not written."), r.out);
        try (var left = Files.list(bin)) {
            assertEquals(List.of(), left.toList(), "no command, no temporary file");
        }
        assertFalse(r.out.contains("Installed "), r.out);
    }

    @Test
    void aTrustThatFailsIsReportedAndStopsTheInstall() throws Exception {
        Path site = host("echo '[jbang] [ERROR] cannot write trusted-sources.json' >&2", "exit 2");
        Path home = Files.createDirectories(tmp.resolve("home"));
        Run r = install(site, home);
        assertEquals(1, r.code, r.out);
        assertTrue(r.out.contains("[jbang] [ERROR] cannot write trusted-sources.json"), r.out);
        assertTrue(r.out.matches("(?s).*install: JBang could not add http://127\\.0\\.0\\.1:\\d+/ to its trusted "
                + "sources \\(see the messages above\\); nothing was installed\\..*"), r.out);
        assertFalse(Files.exists(home.resolve(".local/bin/plex_simkl_sync")));
    }
}
