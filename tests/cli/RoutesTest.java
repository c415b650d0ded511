package cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import support.FileServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The README's ways to get the tool, run as a new user would: a home folder that starts empty,
 * Java and Maven but no JBang, and the checkout served over HTTP on a loopback port standing in
 * for the web host of the catalog. The first install fetches JBang and every library from Maven
 * Central into that home; later routes reuse what it fetched, as the same person's would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutesTest {
    static final Path ROOT = Path.of(System.getProperty("user.dir"));
    record Run(int code, String out) {}

    Path tmp;
    FileServer host;
    String catalog;
    Path webHome;
    Run webInstall;

    @BeforeAll
    void installFromTheWebHost() throws Exception {
        tmp = Files.createTempDirectory("routes");
        host = new FileServer(ROOT);
        catalog = host.url() + "/jbang-catalog.json";
        webHome = Files.createDirectories(tmp.resolve("web-home"));
        webInstall = shell(webHome, tmp, "curl -fsSL " + host.url() + "/scripts/install | bash -s -- " + catalog, Map.of());
    }

    @AfterAll
    void stop() throws IOException {
        host.close();
        try (var s = Files.walk(tmp)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A login-less new shell: only HOME and a system PATH, reading ~/.bashrc as an interactive bash does. */
    Run shell(Path home, Path cwd, String script, Map<String, String> extra) throws Exception {
        List<String> cmd = List.of("bash", "-c", "source \"$HOME/.bashrc\" 2>/dev/null; " + script);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        String javaHome = System.getenv("JAVA_HOME");
        env.clear();
        env.put("HOME", home.toString());
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        if (javaHome != null) env.put("JAVA_HOME", javaHome);
        env.put("JBANG_NO_VERSION_CHECK", "true");
        env.putAll(extra);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "timed out: " + script);
        return new Run(p.exitValue(), out);
    }

    /** The downloads of the web-host user, so that the checkout route does not fetch them all again. */
    Map<String, String> sharedDownloads() {
        Map<String, String> m = new HashMap<>();
        m.put("JBANG_REPO", webHome.resolve(".m2/repository").toString());
        m.put("PLEX_SIMKL_SYNC_CACHE", webHome.resolve(".cache/plex_simkl_sync").toString());
        return m;
    }

    @Test
    void aWebHostInstallLeavesAWorkingCommandInANewShell() throws Exception {
        assertEquals(0, webInstall.code(), webInstall.out());
        assertTrue(webInstall.out().contains("Added " + webHome.resolve(".local/bin") + " to PATH in: " + webHome.resolve(".bashrc")
                + " " + webHome.resolve(".profile")), webInstall.out());
        assertFalse(Files.exists(webHome.resolve(".zshrc")), "no zsh config is created");
        Run version = shell(webHome, Path.of("/"), "plex_simkl_sync --version", Map.of());
        assertEquals(0, version.code(), version.out());
        assertTrue(version.out().contains("plex_simkl_sync " + VersionInfo.TOOL), version.out());
        Run folder = shell(webHome, Path.of("/"), "plex_simkl_sync --reset-state", Map.of());
        assertEquals(0, folder.code(), folder.out());
        assertTrue(folder.out().contains("Using folder " + webHome.resolve(".config/plex_simkl_sync") + " (your config folder"), folder.out());
    }

    @Test
    void theHostedCatalogRunsTheToolAndTheDemo() throws Exception {
        Path jbang = webHome.resolve(".local/share/plex_simkl_sync/jbang");
        Run version = shell(webHome, tmp, jbang + " plex_simkl_sync@" + catalog + " --version", Map.of());
        assertEquals(0, version.code(), version.out());
        Run demo = shell(webHome, tmp, jbang + " plex_simkl_sync-demo@" + catalog, Map.of());
        assertEquals(0, demo.code(), demo.out());
        assertTrue(demo.out().contains("== Run 3"), demo.out());
    }

    @Test
    void aCheckoutInstallUsesTheCheckoutsFolderFromEveryRoute() throws Exception {
        Path co = Files.createDirectories(tmp.resolve("opt/plex_simkl_sync"));
        for (String part : List.of("lib", "scripts")) copyTree(ROOT.resolve(part), co.resolve(part));
        Files.copy(ROOT.resolve("plex_simkl_sync.java"), co.resolve("plex_simkl_sync.java"));
        Files.copy(ROOT.resolve("jbang-catalog.json"), co.resolve("jbang-catalog.json"));
        Path home = Files.createDirectories(tmp.resolve("checkout-home"));
        Run install = shell(home, co, "scripts/install", sharedDownloads());
        assertEquals(0, install.code(), install.out());
        String expected = "Using folder " + co + " (beside plex_simkl_sync.java in the checkout this command runs)";
        Map<String, String> routes = Map.of(
                "the installed command", "plex_simkl_sync --reset-state",
                "cron without cd", co + "/scripts/jbang " + co + "/plex_simkl_sync.java --reset-state",
                "the catalog alias from another folder", co + "/scripts/jbang plex_simkl_sync@" + co + " --reset-state");
        for (var route : routes.entrySet()) {
            Run r = shell(home, home, route.getValue(), sharedDownloads());
            assertEquals(0, r.code(), route.getKey() + ": " + r.out());
            assertTrue(r.out().contains(expected), route.getKey() + ": " + r.out());
        }
        Run hint = shell(home, Path.of("/"), "plex_simkl_sync --sync", sharedDownloads());
        assertTrue(hint.out().contains("run plex_simkl_sync --init-plex"), "hints in the form the person uses: " + hint.out());
    }

    static void copyTree(Path from, Path to) throws IOException {
        List<Path> all = new ArrayList<>();
        try (var s = Files.walk(from)) {
            s.forEach(all::add);
        }
        for (Path p : all) {
            Path t = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) Files.createDirectories(t);
            else Files.copy(p, t, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
    }
}
