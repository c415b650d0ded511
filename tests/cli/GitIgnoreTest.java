package cli;

import org.junit.jupiter.api.Test;
import support.WorldTest;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/**
 * The config folder is the checkout by default: every file a person's runs leave there (tokens, state,
 * journal, reports, plans, backups, the pace and lock files) must be ignored by git, so none is committed.
 */
class GitIgnoreTest extends WorldTest {
    @Test
    void everyFileTheRunsLeaveInTheConfigFolderIsIgnoredByGit() throws Exception {
        w.config("{\"max_delete\": 1}");
        w.plexHas(ARRIVAL, SEVERANCE, DUNE);
        w.simklHas(ARRIVAL, SEVERANCE, DUNE);
        assertEquals(ExitCode.OK, w.sync().code);
        assertEquals(ExitCode.OK, w.sync().code, "an unchanged run: its stamps beside state.json");
        w.sb.plex.watchlistRemove(SEVERANCE.plexKey(), DUNE.plexKey());
        assertEquals(ExitCode.GUARD, w.sync().code, "a plan held back is kept");
        assertEquals(ExitCode.OK, w.cli().run("--reset-state", "--dir", w.dir.toString()).code);
        List<String> ignore = Files.readAllLines(Path.of(".gitignore")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        List<String> kept = new ArrayList<>();
        try (Stream<Path> files = Files.list(w.dir)) {
            files.forEach(f -> {
                String name = f.getFileName().toString() + (Files.isDirectory(f) ? "/" : "");
                if (ignore.stream().noneMatch(p -> matches(p, name))) kept.add(name);
            });
        }
        assertEquals(List.of(), kept, "files a run leaves that git would commit");
        assertTrue(Files.exists(w.dir.resolve("plans")) && Files.exists(w.dir.resolve("state.run.json")),
                "the runs above left what this test is about");
    }

    private static boolean matches(String pattern, String name) {
        boolean dir = pattern.endsWith("/");
        if (dir != name.endsWith("/")) return false;
        String bare = dir ? pattern.substring(0, pattern.length() - 1) : pattern;
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + bare);
        return m.matches(Path.of(dir ? name.substring(0, name.length() - 1) : name));
    }
}
