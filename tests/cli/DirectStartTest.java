package cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * scripts/jbang's direct start: a run whose script and sources are as JBang last built them starts JBang's
 * command itself; anything changed, and JBang is asked again, so that no run ever starts an old build; the
 * class-data archive a sync writes is used only once the JVM found it whole. A stand-in JBang (the real
 * one's launcher protocol: exit code 255 and the command on stdout) "builds" a script into a folder named
 * after its sources' contents, and logs each call; the command it prints runs a small program that says
 * which build it is and what it was given.
 */
class DirectStartTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir"));

    @TempDir
    Path tmp;

    private Path launcher;
    private Path script;
    private Path source;
    private Path log;
    private Path builds;
    private Path cache;
    /** The stand-in's settings and the launcher's cache, for every run. */
    private Map<String, String> env;

    record Run(int code, String out) {}

    @BeforeEach
    void standIn() throws Exception {
        assumeTrue(Files.isRegularFile(ROOT.resolve("scripts/jbang")), "not run from a checkout");
        Path bin = Files.createDirectories(tmp.resolve("launcher"));
        launcher = Files.copy(ROOT.resolve("scripts/jbang"), bin.resolve("jbang"));
        Path lock = Files.copy(ROOT.resolve("scripts/jbang.lock"), bin.resolve("jbang.lock"));
        Matcher version = Pattern.compile("(?m)^JBANG_CLI_VERSION=(\\S+)$").matcher(Files.readString(launcher));
        assertTrue(version.find());
        // an installed JBang as scripts/jbang leaves it, but with a stand-in for its jars
        cache = tmp.resolve("cache");
        Path installed = Files.createDirectories(cache.resolve("jbang-cli-" + version.group(1) + "-"
                + sha256(Files.readAllBytes(lock)).substring(0, 12)).resolve("lib"));
        Files.createFile(installed.resolveSibling("complete"));
        compileInto(installed.resolve("standin.jar"), "dev/jbang/Main", """
                package dev.jbang;
                public class Main {
                    public static void main(String[] args) throws Exception {
                        var cmd = new java.util.ArrayList<>(java.util.List.of("bash", System.getenv("STANDIN_JBANG")));
                        cmd.addAll(java.util.List.of(args));
                        System.exit(new ProcessBuilder(cmd).inheritIO().start().waitFor());
                    }
                }
                """);
        Path app = compileInto(tmp.resolve("app.jar"), "App", """
                public class App {
                    public static void main(String[] args) throws Exception {
                        String build = System.getProperty("standin.build");
                        StringBuilder out = new StringBuilder("ran ")
                                .append(java.nio.file.Files.readString(java.nio.file.Path.of(build, "marker")).strip());
                        for (String a : args) out.append(" [").append(a).append(']');
                        for (String v : new String[] {"JBANG_RUNTIME_SHELL", "JBANG_STDIN_NOTTY", "JBANG_LAUNCH_CMD",
                                "PLEX_SIMKL_SYNC_IN_WRAPPER", "PLEX_SIMKL_SYNC_COMMAND"}) {
                            out.append(' ').append(v).append('=').append(System.getenv(v));
                        }
                        System.out.println(out);
                        for (String o : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                            if (o.contains("SharedArchiveFile") || o.contains("ArchiveClassesAtExit")) {
                                System.out.println("cds " + o);
                            }
                        }
                    }
                }
                """);
        log = tmp.resolve("jbang.log");
        builds = tmp.resolve("builds");
        Files.writeString(tmp.resolve("standin-jbang"), String.join("\n",
                "echo \"jbang $*\" >>\"$STANDIN_LOG\"",
                "script=$1; shift",
                "cd \"${script%/*}\" || exit 1",
                "sources=$(sed -n 's#^//SOURCES##p' \"$script\")",
                "build=\"$STANDIN_BUILDS/$(cat \"$script\" $sources | sha256sum | cut -c1-16)\"",
                "mkdir -p \"$build\" && cp \"$STANDIN_APP\" \"$build/app.jar\" || exit 1",
                "cat $sources >\"$build/marker\" || exit 1",
                "printf '%q ' \"$(readlink -f \"$(command -v java)\")\" \"-Dstandin.build=$build\" -classpath "
                        + "\"$build/app.jar\" App \"$@\"",
                "exit 255", ""));
        Path project = Files.createDirectories(tmp.resolve("project"));
        script = project.resolve("app.java");
        Files.writeString(script, "//SOURCES lib/a/A.java\nclass app {}\n");
        source = Files.createDirectories(project.resolve("lib/a")).resolve("A.java");
        Files.writeString(source, "build one\n");
        env = Map.of("STANDIN_JBANG", tmp.resolve("standin-jbang").toString(), "STANDIN_LOG", log.toString(),
                "STANDIN_BUILDS", builds.toString(), "STANDIN_APP", app.toString(),
                "PLEX_SIMKL_SYNC_CACHE", cache.toString(), "PLEX_SIMKL_SYNC_USE_PATH_JBANG", "0");
    }

    /** Compiles one class from {@code code} into a jar of its own. */
    private Path compileInto(Path jar, String name, String code) throws Exception {
        Path src = tmp.resolve("src-" + jar.getFileName()).resolve(name + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, code);
        Path classes = Files.createDirectories(tmp.resolve("classes-" + jar.getFileName()));
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                src.toString()), "compiles " + name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files =
                Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** scripts/jbang (a copy) run on the script with {@code args}, in a clean environment plus {@code extra}. */
    private Run launch(Map<String, String> extra, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", launcher.toString(), script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true);
        Map<String, String> e = pb.environment();
        String javaHome = System.getenv("JAVA_HOME");
        e.clear();
        e.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
        e.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        if (javaHome != null) e.put("JAVA_HOME", javaHome);
        e.putAll(env);
        e.putAll(extra);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out");
        return new Run(p.exitValue(), out);
    }

    private Run launch(String... args) throws Exception {
        return launch(Map.of(), args);
    }

    /** How often the stand-in JBang was asked so far. */
    private long jbangCalls() throws Exception {
        return Files.exists(log) ? Files.readAllLines(log).size() : 0;
    }

    private Path buildFolder() throws Exception {
        try (Stream<Path> s = Files.list(cache.resolve("direct"))) {
            List<Path> all = s.toList();
            assertEquals(1, all.size(), "one build kept: " + all);
            return all.get(0);
        }
    }

    @Test
    void aRunLikeTheLastBuildStartsJBangsCommandItselfAndTheProgramSeesTheSame() throws Exception {
        Run first = launch("--why", "it's \"dune\"", "*");
        assertEquals(0, first.code, first.out);
        assertEquals(1, jbangCalls());
        assertTrue(first.out.startsWith("ran build one [--why] [it's \"dune\"] [*] JBANG_RUNTIME_SHELL=bash "
                + "JBANG_STDIN_NOTTY=true JBANG_LAUNCH_CMD=" + launcher + " PLEX_SIMKL_SYNC_IN_WRAPPER=1"), first.out);
        Run second = launch("--why", "it's \"dune\"", "*");
        assertEquals(1, jbangCalls(), "the second run did not ask JBang");
        assertEquals(first, second, "the program got the same arguments and environment");
        Run other = launch("--journal");
        assertEquals(1, jbangCalls(), "other arguments, the same build");
        assertTrue(other.out.startsWith("ran build one [--journal] "), other.out);
        Run asked = launch(Map.of("PLEX_SIMKL_SYNC_DIRECT", "0"), "--journal");
        assertEquals(2, jbangCalls(), "PLEX_SIMKL_SYNC_DIRECT=0 goes through JBang");
        assertEquals(other, asked);
    }

    @Test
    void theArgumentsAreNotKept() throws Exception {
        Run r = launch("--sync", "--plex-account-token", "secret-plex-token-0123");
        assertTrue(r.out.startsWith("ran build one [--sync] [--plex-account-token] [secret-plex-token-0123]"), r.out);
        try (Stream<Path> s = Files.walk(cache.resolve("direct"))) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)
                        .contains("secret-plex-token"), f.toString());
            }
        }
    }

    @Test
    void aChangedSourceIsBuiltByJBangAndTheOldBuildNeverRunsAgain() throws Exception {
        launch("--version");
        assertTrue(launch("--version").out.startsWith("ran build one"));
        assertEquals(1, jbangCalls());

        Files.writeString(source, "build two\n");
        Run changed = launch("--version");
        assertEquals(2, jbangCalls(), "a changed source goes through JBang");
        assertTrue(changed.out.startsWith("ran build two"), changed.out);
        assertTrue(launch("--version").out.startsWith("ran build two"));
        assertEquals(2, jbangCalls(), "and the new build is started directly next time");

        // the same size, the same modification time, other contents
        FileTime time = Files.getLastModifiedTime(source);
        Files.writeString(source, "build six\n");
        Files.setLastModifiedTime(source, time);
        Run same = launch("--version");
        assertEquals(3, jbangCalls(), "the contents count, not only the file's times");
        assertTrue(same.out.startsWith("ran build six"), same.out);

        // back to contents built before: that build, not the last one
        Files.writeString(source, "build one\n");
        Run back = launch("--version");
        assertTrue(back.out.startsWith("ran build one"), back.out);

        long before = jbangCalls();
        Files.writeString(script, "//SOURCES lib/a/A.java\nclass app { /* edited */ }\n");
        launch("--version");
        assertEquals(before + 1, jbangCalls(), "the script itself is a source");
    }

    @Test
    void aKeptCommandWhoseJarChangedOrWentAwayGoesThroughJBang() throws Exception {
        launch("--version");
        launch("--version");
        assertEquals(1, jbangCalls());
        Path jar;
        try (Stream<Path> s = Files.list(builds)) {
            jar = s.findFirst().orElseThrow().resolve("app.jar");
        }
        try (OutputStream out = Files.newOutputStream(jar, java.nio.file.StandardOpenOption.APPEND)) {
            out.write(0);
        }
        assertTrue(launch("--version").out.startsWith("ran build one"));
        assertEquals(2, jbangCalls(), "the class path is not as it was kept");
        launch("--version");
        assertEquals(2, jbangCalls());
        Files.delete(jar);
        assertTrue(launch("--version").out.startsWith("ran build one"));
        assertEquals(3, jbangCalls(), "a class-path entry is missing");
    }

    @Test
    void jbangSettingsAreAPartOfTheBuild() throws Exception {
        launch("--version");
        launch(Map.of("JBANG_REPO", tmp.resolve("elsewhere").toString()), "--version");
        assertEquals(2, jbangCalls(), "another JBANG_REPO may resolve other jars");
        Files.writeString(tmp.resolve("jbang.properties"), "run.java-options=-Dx=1\n");
        launch("--version");
        assertEquals(3, jbangCalls(), "a jbang.properties in the working folder is JBang's configuration");
        launch("--version");
        assertEquals(3, jbangCalls());
    }

    @Test
    void aScriptWhoseSourcesCannotBeListedExactlyGoesThroughJBangEveryTime() throws Exception {
        launch("--version");
        launch("--version");
        assertEquals(1, jbangCalls());
        Files.move(source, script.resolveSibling("lib/A.java"));
        Files.writeString(script, "//SOURCES lib/*.java\nclass app {}\n");
        assertTrue(launch("--version").out.startsWith("ran build one"));
        // a new file the glob matches: no file the script names has changed
        Files.writeString(script.resolveSibling("lib/B.java"), "and B\n");
        Run added = launch("--version");
        assertTrue(added.out.startsWith("ran build one\nand B"), added.out);
        assertEquals(3, jbangCalls(), "a glob: JBang decides what it matches, each time");
    }

    @Test
    void theFirstSyncWritesAClassDataArchiveThatLaterRunsUseOnceTheJvmFoundItWhole() throws Exception {
        launch("--version");
        Run sync = launch("--sync");
        assertEquals(0, sync.code, sync.out);
        assertTrue(sync.out.contains("cds -XX:ArchiveClassesAtExit=" + buildFolder().resolve("train.")), sync.out);
        assertEquals(1, archives(buildFolder(), "train.").size(), "written under a name of its own");

        Run next = launch("--version");
        assertEquals(0, next.code, next.out);
        assertTrue(next.out.contains("cds -XX:SharedArchiveFile=" + buildFolder().resolve("app.jsa")), next.out);
        assertEquals(List.of(), archives(buildFolder(), "train."));
        Run again = launch("--sync");
        assertTrue(again.out.contains("cds -XX:SharedArchiveFile="), "written once: " + again.out);
        assertEquals(1, jbangCalls());
    }

    @Test
    void anArchiveCutShortIsNeverUsedAndNotWrittenAgain() throws Exception {
        launch("--version");
        launch("--sync");
        Path written = archives(buildFolder(), "train.").get(0);
        byte[] whole = Files.readAllBytes(written);
        // as a run killed while writing it leaves it: Java 17 crashes on such an archive
        Files.write(written, java.util.Arrays.copyOf(whole, whole.length / 2));
        Run next = launch("--version");
        assertEquals(0, next.code, next.out);
        assertTrue(next.out.startsWith("ran build one [--version]"), next.out);
        assertFalse(next.out.contains("cds "), "no archive: " + next.out);
        assertEquals(List.of(), archives(buildFolder(), ""), "the broken archive is gone");
        Run sync = launch("--sync");
        assertEquals(0, sync.code, sync.out);
        assertFalse(sync.out.contains("cds "), "this build writes none again: " + sync.out);
    }

    private static List<Path> archives(Path dir, String prefix) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(".jsa")).toList();
        }
    }
}
