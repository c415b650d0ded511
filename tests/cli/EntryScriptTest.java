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

    @Test
    void noGlobAnywhereInTheSourcesList() throws IOException {
        for (String l : directives("SOURCES")) assertFalse(l.contains("*"), l);
    }
}
