package cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The entry script names every file under lib/ in its //SOURCES lines, without a glob: JBang cannot
 * expand a glob when the script comes from a web host (scripts/sources rewrites the list).
 */
class EntryScriptTest {
    static final Path ROOT = Path.of(System.getProperty("user.dir"));

    static List<String> directives(String word) throws IOException {
        return Files.readAllLines(ROOT.resolve("plex_simkl_sync.java")).stream().filter(l -> l.startsWith("//" + word
                + " ")).toList();
    }

    @Test
    void everyFileUnderLibIsListedAndNothingElse() throws IOException {
        Set<String> listed = directives("SOURCES").stream()
                .flatMap(l -> Arrays.stream(l.substring(10).trim().split("\\s+")))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> files;
        try (Stream<Path> s = Files.walk(ROOT.resolve("lib"))) {
            files = s.filter(p -> p.toString().endsWith(".java")).map(p -> ROOT.relativize(p).toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> missing = new TreeSet<>(files);
        missing.removeAll(listed);
        Set<String> stale = new TreeSet<>(listed);
        stale.removeAll(files);
        assertTrue(missing.isEmpty(), "not in plex_simkl_sync.java's //SOURCES (run scripts/sources): " + missing);
        assertTrue(stale.isEmpty(), "listed but gone: " + stale);
    }

    /** The README's file map is how a person finds the planner or the SIMKL client: it names every file. */
    @Test
    void theReadmesMapNamesEveryFileUnderLib() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Set<String> unnamed = new TreeSet<>();
        try (Stream<Path> s = Files.walk(ROOT.resolve("lib"))) {
            s.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
                String name = p.getFileName().toString().replace(".java", "");
                if (!readme.contains("`" + name + "`") && !readme.contains("`" + name + " ")) {
                    unnamed.add(ROOT.relativize(p).toString());
                }
            });
        }
        assertEquals(Set.of(), unnamed, "README.md's map of lib/ does not name these");
    }

    @Test
    void theSourcesScriptChecksWithoutChanging(@org.junit.jupiter.api.io.TempDir Path copy) throws Exception {
        Files.createDirectories(copy.resolve("scripts"));
        Files.copy(ROOT.resolve("scripts/sources"), copy.resolve("scripts/sources"));
        Files.copy(ROOT.resolve("plex_simkl_sync.java"), copy.resolve("plex_simkl_sync.java"));
        try (Stream<Path> s = Files.walk(ROOT.resolve("lib"))) {
            for (Path p : s.toList()) {
                Path to = copy.resolve(ROOT.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to);
            }
        }
        assertEquals(0, run(copy, "--check"), "the list is up to date");
        Files.writeString(copy.resolve("lib/model/Extra.java"), "package model;\nfinal class Extra {}\n");
        String before = Files.readString(copy.resolve("plex_simkl_sync.java"));
        assertEquals(1, run(copy, "--check"), "a file not listed");
        assertEquals(before, Files.readString(copy.resolve("plex_simkl_sync.java")), "--check changes nothing");
        assertEquals(0, run(copy));
        assertTrue(Files.readString(copy.resolve("plex_simkl_sync.java")).contains("lib/model/Extra.java"));
        assertEquals(0, run(copy, "--help"));
        assertEquals(2, run(copy, "--bogus"));
    }

    private static int run(Path dir, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", dir.resolve("scripts/sources").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor();
    }

    @Test
    void noGlobAnywhereInTheSourcesList() throws IOException {
        for (String l : directives("SOURCES")) assertFalse(l.contains("*"), l);
    }
}
