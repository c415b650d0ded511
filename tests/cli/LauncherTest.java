package cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.FileServer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * scripts/jbang and scripts/install where they decide something on their own: no version check
 * against jbang.dev, no install over plain http from another machine nor from a host that publishes
 * a working checkout's secrets, no JBang jar that differs from its pin, nothing left behind by an
 * install that was refused or failed, and a PATH hint. A stand-in JBang, or a stand-in Maven
 * repository on loopback, keeps these fast and offline.
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
            return install(server, home, server.url() + "/jbang-catalog.json", Map.of());
        }
    }

    /** The README's one-line install: the installer as served by {@code server}, given {@code catalog}. */
    private Run install(FileServer server, Path home, String catalog, Map<String, String> env) throws Exception {
        return bash(home, "curl -fsSL " + server.url() + "/scripts/install | bash -s -- '" + catalog + "'", env);
    }

    private static List<Path> contents(Path dir) throws Exception {
        try (var s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).toList();
        }
    }

    @Test
    void aHostThatServesAWorkingCheckoutsConfigIsRefusedAndNothingIsInstalled() throws Exception {
        Path site = host("echo \"jbang $*\" >&2", "exit 0");
        Path home = Files.createDirectories(tmp.resolve("home"));
        for (String published : List.of("config.json", "state.json")) {
            Files.writeString(site.resolve(published), "{\"plex\": {\"account_token\": \"secret-plex-token\"}}");
            Run r = install(site, home);
            assertEquals(4, r.code, r.out);
            assertTrue(r.out.contains("WARNING: http://127.0.0.1:") && r.out.contains("/" + published
                    + " is published on that web host"), r.out);
            assertTrue(r.out.contains("git archive HEAD"), "says what to serve instead: " + r.out);
            assertTrue(r.out.contains("install: not installed: the catalog's folder serves " + published + "."),
                    r.out);
            assertFalse(r.out.contains("secret-plex-token"), r.out);
            assertFalse(r.out.contains("jbang trust"), "stops before JBang: " + r.out);
            assertEquals(List.of(), contents(home), "nothing created, not even ~/.local/bin");
            Files.delete(site.resolve(published));
        }
    }

    /** Some hosts answer HEAD with 405 and serve the file to a GET all the same: the check asks as a reader would. */
    @Test
    void aHostThatRefusesHeadButServesConfigToAGetIsRefused() throws Exception {
        Path site = host("echo \"jbang $*\" >&2", "exit 0");
        Files.writeString(site.resolve("config.json"), "{\"plex\": {\"account_token\": \"secret-plex-token\"}}");
        Path home = Files.createDirectories(tmp.resolve("home"));
        Run r;
        try (FileServer server = new FileServer(site, Set.of("GET"))) {
            r = install(server, home, server.url() + "/jbang-catalog.json", Map.of());
        }
        assertEquals(4, r.code, r.out);
        assertTrue(r.out.contains("/config.json is published on that web host"), r.out);
        assertTrue(r.out.contains("install: not installed: the catalog's folder serves config.json."), r.out);
        assertFalse(r.out.contains("secret-plex-token"), r.out);
        assertFalse(r.out.contains("jbang trust"), "stops before JBang: " + r.out);
        assertEquals(List.of(), contents(home), "nothing created");
    }

    /**
     * Plain http is refused unless it stays on this machine, before anything is written; the loopback
     * forms go on to the next checks (here: a port where nothing answers, and the stand-in host by name).
     */
    @Test
    void plainHttpToAnotherMachineIsRefusedAndCreatesNothing() throws Exception {
        Path site = host("echo \"jbang $*\" >&2", "exit 0");
        Path home = Files.createDirectories(tmp.resolve("home"));
        try (FileServer server = new FileServer(site)) {
            for (String url : List.of("http://plex-simkl-sync.invalid/jbang-catalog.json",
                    "http://localhost.plex-simkl-sync.invalid/jbang-catalog.json",
                    "http://127.0.0.1.plex-simkl-sync.invalid/jbang-catalog.json",
                    "http://127.0.0.1:80@plex-simkl-sync.invalid/jbang-catalog.json")) {
                Run r = install(server, home, url, Map.of());
                assertEquals(4, r.code, url + ": " + r.out);
                assertTrue(r.out.contains("install: refused: " + url + " is plain http"), r.out);
                assertTrue(r.out.contains("anyone on the way") && r.out.contains("could change the installer's "
                        + "files and what the"), "says why: " + r.out);
                assertTrue(r.out.contains("Use the catalog's https:// address"), "says what to do: " + r.out);
                assertEquals(List.of(), contents(home), url + ": nothing created, not even ~/.local/bin");
            }
            for (String url : List.of("http://[::1]:9/jbang-catalog.json", "http://127.1.2.3:9/jbang-catalog.json")) {
                Run r = install(server, home, url, Map.of());
                assertEquals(1, r.code, url + ": " + r.out);
                assertFalse(r.out.contains("refused"), url + ": " + r.out);
                assertTrue(r.out.contains("install: could not ask " + url.replace("jbang-catalog.json", "config.json")
                        + " (no answer)"), r.out);
                assertEquals(List.of(), contents(home), url + ": nothing created");
            }
            Run local = install(server, home, server.url().replace("127.0.0.1", "localhost") + "/jbang-catalog.json",
                    Map.of());
            assertEquals(0, local.code, local.out);
            assertTrue(Files.isExecutable(home.resolve(".local/bin/plex_simkl_sync")), local.out);
        }
    }

    /** A stand-in Maven repository on loopback, and a lock pinning three jars of it, one of which it serves altered. */
    private Map<String, String> alteredRepository(Path launcherDir) throws Exception {
        Path repo = tmp.resolve("repo");
        Map<String, String> served = new LinkedHashMap<>();
        served.put("first", "the first jar");
        served.put("second", "the second jar");
        served.put("third", "the third jar, altered");
        StringBuilder lock = new StringBuilder("# a stand-in lock\n");
        for (var jar : served.entrySet()) {
            String pinned = jar.getValue().replace(", altered", "");
            Path file = repo.resolve("test/altered/" + jar.getKey() + "/1.0/" + jar.getKey() + "-1.0.jar");
            Files.createDirectories(file.getParent());
            Files.writeString(file, jar.getValue());
            lock.append("test.altered:").append(jar.getKey()).append(":1.0 ").append(sha256(pinned)).append('\n');
        }
        Files.createDirectories(launcherDir);
        Files.copy(ROOT.resolve("scripts/jbang"), launcherDir.resolve("jbang"));
        Files.writeString(launcherDir.resolve("jbang.lock"), lock);
        // Maven must not be asked instead: a broken one stands first on PATH
        Path bin = executable(tmp.resolve("tools/mvn"), "echo 'this mvn is broken' >&2", "exit 1").getParent();
        Path temp = Files.createDirectories(tmp.resolve("temp"));
        return Map.of("PATH", bin + ":/usr/local/bin:/usr/bin:/bin", "TMPDIR", temp.toString(),
                "PLEX_SIMKL_SYNC_USE_PATH_JBANG", "0");
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private void assertAlteredJarRefused(Run r, String repo) {
        assertTrue(r.out.contains("scripts/jbang: REFUSED: the jars of JBang from " + repo
                + " are not the ones scripts/jbang.lock pins:"), r.out);
        assertTrue(r.out.contains("test.altered:third:1.0: SHA-256 "), "names the altered jar: " + r.out);
        assertFalse(r.out.contains("test.altered:first") || r.out.contains("test.altered:second"),
                "names only the altered jar: " + r.out);
        assertTrue(r.out.contains("JBang was not installed."), r.out);
        assertFalse(r.out.contains("this mvn is broken"), "no other route is tried: " + r.out);
    }

    @Test
    void anAlteredJBangJarIsRefusedAndNothingIsLeftInTheCache() throws Exception {
        Path launcher = tmp.resolve("launcher");
        Map<String, String> env = new LinkedHashMap<>(alteredRepository(launcher));
        Path home = Files.createDirectories(tmp.resolve("home"));
        try (FileServer repo = new FileServer(tmp.resolve("repo"))) {
            env.put("PLEX_SIMKL_SYNC_MAVEN_REPO", repo.url());
            Run r = bash(home, "bash " + launcher.resolve("jbang") + " --version", env);
            assertEquals(4, r.code, r.out);
            assertAlteredJarRefused(r, repo.url());
        }
        assertEquals(List.of(), contents(home), "no cache folder, no half-installed JBang");
    }

    @Test
    void theWebInstallerStopsAtAnAlteredJBangJarAndCreatesNothing() throws Exception {
        Path site = tmp.resolve("site");
        Map<String, String> env = new LinkedHashMap<>(alteredRepository(site.resolve("scripts")));
        Files.copy(ROOT.resolve("scripts/install"), site.resolve("scripts/install"));
        Files.copy(ROOT.resolve("jbang-catalog.json"), site.resolve("jbang-catalog.json"));
        Path home = Files.createDirectories(tmp.resolve("home"));
        try (FileServer repo = new FileServer(tmp.resolve("repo")); FileServer host = new FileServer(site)) {
            env.put("PLEX_SIMKL_SYNC_MAVEN_REPO", repo.url());
            Run r = install(host, home, host.url() + "/jbang-catalog.json", env);
            assertEquals(1, r.code, r.out);
            assertAlteredJarRefused(r, repo.url());
            assertTrue(r.out.contains("nothing was installed."), r.out);
        }
        assertEquals(List.of(), contents(home), "no command, no ~/.local, no cache");
        assertEquals(List.of(), contents(tmp.resolve("temp")), "no temporary folder left");
    }

    @Test
    void whenTheCommandsFolderIsNotOnPathTheInstallerSaysSoAndPrintsTheLine() throws Exception {
        Path site = host("exit 0");
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path bin = home.resolve(".local/bin");
        String line = "export PATH=\"" + bin + ":$PATH\"";
        try (FileServer server = new FileServer(site)) {
            String catalog = server.url() + "/jbang-catalog.json";
            Run r = install(server, home, catalog, Map.of());
            assertEquals(0, r.code, r.out);
            assertTrue(r.out.contains(bin + " is not on your PATH, so a shell will not find plex_simkl_sync yet."),
                    r.out);
            assertTrue(r.out.lines().anyMatch(l -> l.strip().equals(line)), "the exact line to add: " + r.out);
            assertTrue(r.out.contains("Added it to " + home.resolve(".bashrc") + " " + home.resolve(".profile")),
                    r.out);
            assertTrue(Files.readAllLines(home.resolve(".bashrc")).contains(line + "  # added by plex_simkl_sync "
                    + "install"), "the same line in ~/.bashrc");
            Run onPath = install(server, home, catalog, Map.of("PATH", bin + ":/usr/local/bin:/usr/bin:/bin"));
            assertEquals(0, onPath.code, onPath.out);
            assertFalse(onPath.out.contains("not on your PATH"), onPath.out);
            assertTrue(onPath.out.contains("Done: run plex_simkl_sync --help"), onPath.out);
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
        assertEquals(List.of(), contents(home), "no command, no folder for it, no launcher copy");
        assertFalse(r.out.contains("Installed "), r.out);
    }

    @Test
    void aTrustThatFailsIsReportedAndStopsTheInstall() throws Exception {
        Path site = host("echo '[jbang] [ERROR] cannot write trusted-sources.json' >&2", "exit 2");
        Path home = Files.createDirectories(tmp.resolve("home"));
        Run r = install(site, home);
        assertEquals(1, r.code, r.out);
        assertTrue(r.out.contains("[jbang] [ERROR] cannot write trusted-sources.json"), r.out);
        assertTrue(r.out.matches("(?s).*install: JBang did not start, or could not add http://127\\.0\\.0\\.1:\\d+/ to "
                + "its trusted sources \\(see the messages above\\); nothing was installed\\..*"), r.out);
        assertEquals(List.of(), contents(home), "nothing created");
    }
}
