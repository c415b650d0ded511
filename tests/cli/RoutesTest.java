package cli;

import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import support.FileServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The README's ways to get the tool, run as a new user would: a home folder that starts empty,
 * Java and Maven but no JBang, and the checkout served over HTTP on a loopback port standing in
 * for the web host of the catalog. The first install fetches JBang and every library from Maven
 * Central into that home; later routes reuse what it fetched, as the same person's would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("acceptance")
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
        host = new FileServer(publishedCopy(tmp.resolve("www")));
        catalog = host.url() + "/jbang-catalog.json";
        webHome = Files.createDirectories(tmp.resolve("web-home"));
        webInstall = shell(webHome, tmp, "curl -fsSL " + host.url() + "/scripts/install | bash -s -- " + catalog,
                Map.of());
    }

    static String head() throws Exception {
        Process git = new ProcessBuilder("git", "rev-parse", "HEAD").directory(ROOT.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, git.waitFor(), "the tests run from a git checkout");
        return head;
    }

    /**
     * What the README says to publish: the files git tracks, as {@code git archive HEAD} exports them
     * (here with the working tree's content, so that uncommitted edits are tested too, and HEAD's
     * commit written into lib/cli/commit.txt as git archive's export-subst writes it), never the
     * checkout's config.json, state.json, backups or journal.
     */
    static Path publishedCopy(Path www) throws Exception {
        Process git = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
                .directory(ROOT.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String names = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, git.waitFor(), "the tests run from a git checkout");
        for (String name : names.split("\0")) {
            Path from = ROOT.resolve(name);
            if (name.isEmpty() || !Files.isRegularFile(from)) continue;
            Path to = www.resolve(name);
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
        assertFalse(Files.exists(www.resolve("config.json")), "git ignores config.json");
        Path commit = www.resolve("lib/cli/commit.txt");
        Files.writeString(commit, Files.readString(commit).replace("$Format:%H$", head()));
        return www;
    }

    @AfterAll
    void stop() throws IOException {
        host.close();
        try (var s = Files.walk(tmp)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
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
        env.putAll(extra); // no JBANG_NO_VERSION_CHECK: the launcher sets it, as it must for a new user
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
        assertEquals(ExitCode.OK, webInstall.code(), webInstall.out());
        assertTrue(webInstall.out().contains(webHome.resolve(".local/bin") + " is not on your PATH"), webInstall.out());
        assertTrue(webInstall.out().contains("Added it to " + webHome.resolve(".bashrc") + " "
                + webHome.resolve(".profile")), webInstall.out());
        assertFalse(Files.exists(webHome.resolve(".zshrc")), "no zsh config is created");
        Run version = shell(webHome, Path.of("/"), "plex_simkl_sync --version", Map.of());
        assertEquals(ExitCode.OK, version.code(), version.out());
        Run help = shell(webHome, Path.of("/"), "plex_simkl_sync --help | tail -n 1 | xargs curl -fsS -o /dev/null "
                + "-w '%{http_code}'", Map.of());
        assertEquals("200", help.out().strip(), "--help ends with the hosted README's address, which answers");
        String named = "plex_simkl_sync " + VersionInfo.TOOL + " (commit " + head().substring(0, 12) + ")";
        assertTrue(version.out().contains(named + "\n"), "the commit the host's copy was made from: "
                + version.out());
        assertTrue(webInstall.out().contains("Installed " + webHome.resolve(".local/bin/plex_simkl_sync")
                + " (runs the catalog at " + catalog + "): " + named + "."), webInstall.out());
        Run folder = shell(webHome, Path.of("/"), "plex_simkl_sync --reset-state", Map.of());
        assertEquals(ExitCode.OK, folder.code(), folder.out());
        assertTrue(folder.out().contains("Using folder " + webHome.resolve(".config/plex_simkl_sync")
                + " (your config folder"), folder.out());
    }

    /**
     * The installer run again after the host published a newer copy: the command runs the new copy
     * (not the one JBang fetched the first time), and the installer says from which to which.
     */
    @Test
    void reRunningTheWebInstallerUpdatesTheCommandAndSaysFromWhichToWhich() throws Exception {
        Path www = publishedCopy(tmp.resolve("www-updated"));
        Path commit = www.resolve("lib/cli/commit.txt");
        Path version = www.resolve("lib/cli/VersionInfo.java");
        String older = "a".repeat(40);
        String newer = "b".repeat(40);
        Files.writeString(commit, older + "\n");
        Path home = Files.createDirectories(tmp.resolve("update-home"));
        Path command = home.resolve(".local/bin/plex_simkl_sync");
        try (FileServer site = new FileServer(www)) {
            String at = site.url() + "/jbang-catalog.json";
            String install = "curl -fsSL " + site.url() + "/scripts/install | bash -s -- " + at;
            Run first = shell(home, tmp, install, sharedDownloads());
            assertEquals(ExitCode.OK, first.code(), first.out());
            String before = "plex_simkl_sync " + VersionInfo.TOOL + " (commit aaaaaaaaaaaa)";
            assertTrue(first.out().contains("Installed " + command + " (runs the catalog at " + at + "): " + before
                    + "."), first.out());
            Run again = shell(home, tmp, install, sharedDownloads());
            assertEquals(ExitCode.OK, again.code(), again.out());
            assertTrue(again.out().contains("Installed " + command + " again (runs the catalog at " + at + "): "
                    + before + ", as before."), again.out());
            // the host publishes a newer copy: another commit, another version
            Files.writeString(commit, newer + "\n");
            Files.writeString(version, Files.readString(version).replace("TOOL = \"" + VersionInfo.TOOL + "\"",
                    "TOOL = \"" + VersionInfo.TOOL + "-next\""));
            Run update = shell(home, tmp, install, sharedDownloads());
            assertEquals(ExitCode.OK, update.code(), update.out());
            String after = "plex_simkl_sync " + VersionInfo.TOOL + "-next (commit bbbbbbbbbbbb)";
            assertTrue(update.out().contains("Updated " + command + " (runs the catalog at " + at + ") from " + before
                    + " to " + after + "."), update.out());
            Run now = shell(home, Path.of("/"), "plex_simkl_sync --version", sharedDownloads());
            assertEquals(ExitCode.OK, now.code(), now.out());
            assertTrue(now.out().contains(after + "\n"), "the command runs the new copy: " + now.out());
        }
    }

    @Test
    void theHostedCatalogRunsTheToolAndTheDemo() throws Exception {
        Path jbang = webHome.resolve(".local/share/plex_simkl_sync/jbang");
        Run version = shell(webHome, tmp, jbang + " plex_simkl_sync@" + catalog + " --version", Map.of());
        assertEquals(ExitCode.OK, version.code(), version.out());
        Run demo = shell(webHome, tmp, jbang + " plex_simkl_sync-demo@" + catalog, Map.of());
        assertEquals(ExitCode.OK, demo.code(), demo.out());
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
        assertEquals(ExitCode.OK, install.code(), install.out());
        String expected = "Using folder " + co + " (beside plex_simkl_sync.java in the checkout this command runs)";
        Map<String, String> routes = Map.of(
                "the installed command", "plex_simkl_sync --reset-state",
                "cron without cd", co + "/scripts/jbang " + co + "/plex_simkl_sync.java --reset-state",
                "the catalog alias from another folder", co + "/scripts/jbang plex_simkl_sync@" + co
                        + " --reset-state");
        for (var route : routes.entrySet()) {
            Run r = shell(home, home, route.getValue(), sharedDownloads());
            assertEquals(ExitCode.OK, r.code(), route.getKey() + ": " + r.out());
            assertTrue(r.out().contains(expected), route.getKey() + ": " + r.out());
        }
        Run hint = shell(home, Path.of("/"), "plex_simkl_sync --sync", sharedDownloads());
        assertTrue(hint.out().contains("run plex_simkl_sync --init-plex"), "hints in the form the person uses: "
                + hint.out());
    }

    /** The repository Maven itself uses (Central, or the mirror of its settings), as scripts/jbang asks it. */
    static String mavensRepository() throws Exception {
        Path pom = Files.createTempFile("probe", ".xml");
        Files.writeString(pom, "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0"
                + "</modelVersion><groupId>t</groupId><artifactId>p</artifactId><version>1</version><packaging>pom"
                + "</packaging></project>");
        Process p = new ProcessBuilder("mvn", "-X", "-B", "-f", pom.toString(), "validate").redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Files.delete(pom);
        Matcher m = Pattern.compile("Repositories \\(dependencies\\): \\[\\S+ \\(([^,)]+)").matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }

    /**
     * Without Maven: JBang's pinned jars come with curl from the repository in
     * PLEX_SIMKL_SYNC_MAVEN_REPO (a failing mvn stands first on PATH, as if none were usable).
     */
    @Test
    void withoutMavenCurlFetchesJBangFromTheRepositoryGiven() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("curl-home"));
        Path bin = Files.createDirectories(tmp.resolve("no-maven-bin"));
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\necho 'this mvn is broken' >&2\nexit 1\n");
        mvn.toFile().setExecutable(true);
        Run r = shell(home, home, "export PATH=" + bin + ":$PATH; " + ROOT + "/scripts/jbang "
                + ROOT + "/plex_simkl_sync.java --version", Map.of("PLEX_SIMKL_SYNC_MAVEN_REPO", mavensRepository()));
        assertEquals(ExitCode.OK, r.code(), r.out());
        assertTrue(r.out().contains("plex_simkl_sync " + VersionInfo.TOOL), r.out());
        assertFalse(r.out().contains("this mvn is broken"), "Maven was not needed: " + r.out());
        try (var dirs = Files.list(home.resolve(".cache/plex_simkl_sync"))) {
            Path jbang = dirs.filter(d -> d.getFileName().toString().startsWith("jbang-cli-")).findFirst()
                    .orElseThrow();
            assertTrue(Files.exists(jbang.resolve("complete")), "JBang in place");
        }
    }

    /** A repository curl cannot use (here: none answers) leaves the install to Maven's own resolution. */
    @Test
    void aRepositoryCurlCannotUseFallsBackToMaven() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("fallback-home"));
        Run r = shell(home, home, ROOT + "/scripts/jbang " + ROOT + "/plex_simkl_sync.java --version",
                Map.of("PLEX_SIMKL_SYNC_MAVEN_REPO", "http://127.0.0.1:9/nothing-here"));
        assertEquals(ExitCode.OK, r.code(), r.out());
        assertTrue(r.out().contains("could not download JBang's libraries from http://127.0.0.1:9/nothing-here"),
                "says why it turned to Maven: " + r.out());
        assertTrue(Files.isDirectory(home.resolve(".m2/repository/dev/jbang/jbang-cli")), "fetched by Maven");
    }

    /**
     * Maven's route is held to the same pins as curl's: a jar in the local Maven repository that differs
     * from scripts/jbang.lock (the curl route cannot reach its repository, so Maven resolves, and takes
     * that copy) is refused, and nothing is left in the cache.
     */
    @Test
    void aJarFromMavenThatDiffersFromItsPinIsRefused() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("altered-home"));
        String pinned = Files.readAllLines(ROOT.resolve("scripts/jbang.lock")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst().orElseThrow().split(" ")[0];
        String[] gav = pinned.split(":");
        Path jar = home.resolve(".m2/repository/" + gav[0].replace('.', '/') + "/" + gav[1] + "/" + gav[2] + "/"
                + gav[1] + "-" + gav[2] + ".jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "not the jar Maven Central serves");
        Run r = shell(home, home, ROOT + "/scripts/jbang " + ROOT + "/plex_simkl_sync.java --version",
                Map.of("PLEX_SIMKL_SYNC_MAVEN_REPO", "http://127.0.0.1:9/nothing-here"));
        assertEquals(4, r.code(), r.out());
        assertTrue(r.out().contains("scripts/jbang: REFUSED: the jars of JBang from Maven (its local repository "
                + home.resolve(".m2/repository")), r.out());
        assertTrue(r.out().contains("scripts/jbang:   " + pinned + ": SHA-256 "), "names the jar: " + r.out());
        assertFalse(r.out().contains("plex_simkl_sync " + VersionInfo.TOOL), "the tool did not run: " + r.out());
        assertFalse(Files.exists(home.resolve(".cache")), "nothing half-installed in the cache");
    }

    /**
     * The systemd unit, run as systemd would (%h is the home folder): its ExecStart is the installed
     * command, and without a sign-in it stops with a code the unit does not restart on.
     */
    @Test
    void theSystemdUnitRunsTheInstalledCommandAndStopsForASignIn() throws Exception {
        Map<String, List<String>> unit = unitFile(ROOT.resolve("docs/systemd/plex_simkl_sync.service"));
        String exec = unit.get("ExecStart").get(0).replace("%h", webHome.toString());
        Run r = shell(webHome, webHome, exec, Map.of());
        assertEquals(ExitCode.USAGE, r.code(), "tokens missing from config.json: " + r.out());
        assertTrue(r.out().contains("run plex_simkl_sync --init-plex"), r.out());
        assertTrue(words(unit, "RestartPreventExitStatus").contains(String.valueOf(ExitCode.AUTH)),
                "no restart loop on a refused sign-in");
        assertTrue(words(unit, "RestartPreventExitStatus").contains(String.valueOf(ExitCode.USAGE)),
                "nor on a broken config.json");
        assertTrue(words(unit, "SuccessExitStatus").contains("143"), "SIGTERM ends the JVM with 143: a clean stop");
        Invocation inv = Flags.parse(exec.substring(exec.indexOf(" --") + 1).split(" "));
        assertTrue(inv.get(Flags.WATCH).compareTo(WatchCommand.FLOOR) >= 0,
                "the unit's interval is allowed against the real SIMKL");
        assertTrue(Integer.parseInt(unit.get("TimeoutStopSec").get(0)) > 120,
                "longer than a round is given to finish after SIGTERM");
    }

    /** Each file under {@code dir} with its size and time: what a run would change if it fetched anything. */
    static List<String> snapshot(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> {
                try {
                    return dir.relativize(p) + " " + Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().toList();
        }
    }

    /**
     * The image without a container engine: the Dockerfile's COPY into a folder standing in for /app,
     * its build step (the RUN that starts the tool) with /opt/plex_simkl_sync in a folder of its own,
     * then the entrypoint's command with the image's environment and an empty folder for the /data
     * volume. The entrypoint is told it runs as user 1000 already (a stand-in id), so that it changes
     * no user of this machine (its user and folder logic is ImageTest's). A container then starts
     * with nothing to fetch: curl and Maven fail if asked, and nothing under /opt changes.
     */
    @Test
    void theImageFetchesAndCompilesAtBuildAndAContainerRunsWithNoDownloadKeepingOnlyItsFilesInTheVolume()
            throws Exception {
        Map<String, List<String>> docker = dockerfile(ROOT.resolve("Dockerfile"));
        assertEquals(List.of("/data"), docker.get("VOLUME"));
        Path image = Files.createDirectories(tmp.resolve("image"));
        Path app = Files.createDirectories(image.resolve("app"));
        for (String part : List.of("lib", "scripts")) copyTree(ROOT.resolve(part), app.resolve(part));
        for (String file : List.of("plex_simkl_sync.java", "jbang-catalog.json")) {
            Files.copy(ROOT.resolve(file), app.resolve(file));
        }
        Path opt = image.resolve("opt");
        Path data = Files.createDirectories(image.resolve("data"));
        java.util.function.UnaryOperator<String> in = text -> text.replace("/opt/plex_simkl_sync", opt.toString())
                .replace("/app", app.toString()).replace("/data", data.toString());
        Map<String, String> env = new HashMap<>();
        for (String kv : docker.get("ENV")) {
            int eq = kv.indexOf('=');
            String value = kv.substring(eq + 1);
            env.put(kv.substring(0, eq), value.startsWith("/") ? in.apply(value) : value);
        }
        String build = docker.get("RUN").stream().filter(r -> r.contains("/app/scripts/jbang")).findFirst()
                .orElseThrow();
        Map<String, String> buildEnv = new HashMap<>(env);
        buildEnv.remove("HOME");
        buildEnv.put("PLEX_SIMKL_SYNC_COMMIT", "");
        Path buildHome = Files.createDirectories(image.resolve("build-home"));
        Run built = shell(buildHome, image, in.apply(build), buildEnv);
        assertEquals(ExitCode.OK, built.code(), built.out());
        assertTrue(built.out().contains("plex_simkl_sync " + VersionInfo.TOOL), built.out());
        assertEquals(List.of(), snapshot(buildHome), "the build keeps nothing in a home folder");
        assertEquals(List.of(), snapshot(data), "nor in the volume");
        assertTrue(Files.isDirectory(opt.resolve("m2/com/fasterxml/jackson")), "the libraries are in the image");

        List<String> before = snapshot(opt);
        Path stand = Files.createDirectories(image.resolve("stand-ins"));
        Files.writeString(stand.resolve("id"), "#!/bin/sh\necho 1000\n");
        for (String tool : List.of("curl", "mvn")) {
            Files.writeString(stand.resolve(tool), "#!/bin/sh\necho '" + tool + " was called: a download' >&2\n"
                    + "exit 1\n");
        }
        for (Path p : List.of(stand.resolve("id"), stand.resolve("curl"), stand.resolve("mvn"))) {
            p.toFile().setExecutable(true);
        }
        env.put("PLEX_SIMKL_SYNC_MAVEN_REPO", "http://127.0.0.1:9/no-downloads");
        String entry = String.join(" ", docker.get("ENTRYPOINT").stream().map(in).toList());
        String container = "export PATH=" + stand + ":$PATH; export HOME=" + env.get("HOME") + "; ";
        Run demo = shell(data, data, container + entry + " --demo", env);
        assertEquals(ExitCode.OK, demo.code(), demo.out());
        assertTrue(demo.out().contains("== Run 3"), demo.out());
        Run sync = shell(data, data, container + entry + " --sync", env);
        assertTrue(sync.out().contains("Using folder " + data + " (from PLEX_SIMKL_SYNC_DIR)"), sync.out());
        assertTrue(sync.out().contains("run docker run --rm -it -v plex_simkl_sync:/data plex_simkl_sync --init-plex"),
                "hints name the docker command: " + sync.out());
        // the image's health check, through the entrypoint too, reads what that run recorded: it failed
        String check = docker.get("HEALTHCHECK").get(0);
        List<String> health = new ArrayList<>();
        for (JsonNode n : Json.MAPPER.readTree(check.substring(check.indexOf('[')))) health.add(in.apply(n.asText()));
        assertEquals("--health", health.get(4), check);
        Run probe = shell(data, data, container + String.join(" ", health), env);
        assertEquals(ExitCode.PARTIAL, probe.code(), probe.out());
        assertTrue(probe.out().contains("failed: the last sync") && probe.out().contains("ended with exit 2"),
                probe.out());
        for (Run r : List.of(demo, sync, probe)) assertFalse(r.out().contains("was called: a download"), r.out());
        assertEquals(before, snapshot(opt), "a container fetches, compiles and writes nothing in the image");
        try (var files = Files.list(data)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            // the failed sync's error is its report
            assertEquals(List.of("last_report.txt", "last_run.json"), names, "only the tool's files in the volume");
        }
    }

    private static List<String> words(Map<String, List<String>> unit, String key) {
        return List.of(String.join(" ", unit.getOrDefault(key, List.of())).split("\\s+"));
    }

    /** key=value lines of a systemd unit (sections and comments skipped), values per key in order. */
    static Map<String, List<String>> unitFile(Path file) throws IOException {
        Map<String, List<String>> m = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#") || t.startsWith("[")) continue;
            int eq = t.indexOf('=');
            m.computeIfAbsent(t.substring(0, eq), k -> new ArrayList<>()).add(t.substring(eq + 1));
        }
        return m;
    }

    /** The instructions of a Dockerfile this simple one uses: ENV pairs, and the JSON forms of the others. */
    static Map<String, List<String>> dockerfile(Path file) throws IOException {
        Map<String, List<String>> m = new HashMap<>();
        String text = Files.readString(file).replaceAll("(?m)^#.*\\n", "").replaceAll("\\\\\\n\\s*", " ");
        for (String line : text.split("\\n")) {
            String t = line.strip();
            if (t.isEmpty()) continue;
            String op = t.split("\\s+", 2)[0];
            String rest = t.substring(op.length()).strip();
            List<String> values = m.computeIfAbsent(op, k -> new ArrayList<>());
            if (op.equals("ENV")) {
                Matcher kv = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)").matcher(rest);
                while (kv.find()) values.add(kv.group(1) + "=" + kv.group(2).replaceAll("^\"|\"$", ""));
            } else if (rest.startsWith("[")) {
                for (JsonNode n : Json.MAPPER.readTree(rest)) values.add(n.asText());
            } else {
                values.add(rest);
            }
        }
        return m;
    }

    static void copyTree(Path from, Path to) throws IOException {
        List<Path> all = new ArrayList<>();
        try (var s = Files.walk(from)) {
            s.forEach(all::add);
        }
        for (Path p : all) {
            Path t = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) Files.createDirectories(t);
            else Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }
}
