package cli;

import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import files.RunLock;
import org.junit.jupiter.api.Test;
import support.CliRun;
import support.WorldTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/** Titles kept apart on purpose: --exclude / --protect and sync.types, end to end. */
class KeepApartTest extends WorldTest {
    private static String lastLine(CliRun r) {
        List<String> lines = r.out.lines().toList();
        return lines.get(lines.size() - 1);
    }

    private JsonNode config() throws Exception {
        return Json.MAPPER.readTree(w.dir.resolve("config.json").toFile());
    }

    @Test
    void aTitlePlexWillNeverHaveIsExcludedAndTheNextRunIsInSyncWithoutAskingForIt() throws Exception {
        Files.createDirectories(w.dir);
        Files.writeString(w.dir.resolve("config.json"), "{\n  \"mine\": {\"keep\": true},\n  \"sync\": {\"mode\": "
                + "\"two-way\"}\n}\n");
        w.plexHas(ARRIVAL);
        w.simklHas(ARRIVAL, OBSCURE);
        CliRun first = w.sync();
        assertEquals(ExitCode.PARTIAL, first.code, "new unresolved: " + first);
        assertEquals(1, w.state().path("unresolved").size());

        CliRun ex = run("--exclude", "very obscure documentary", "--note", "not on Plex");
        assertEquals(ExitCode.OK, ex.code, ex.toString());
        assertTrue(ex.out.startsWith("A Very Obscure Documentary (2019) is excluded: never added or removed (sync.exclude in "), ex.out);
        assertTrue(ex.out.contains("(rule excluded)"), "says what the next sync will do: " + ex.out);
        JsonNode entry = config().at("/sync/exclude/0");
        assertEquals("not on Plex", entry.path("note").asText());
        assertTrue(entry.path("ids").asText().contains("simkl:" + OBSCURE.simkl()), entry.toString());
        assertTrue(config().at("/mine/keep").asBoolean(), "other keys kept");
        assertEquals("two-way", config().at("/sync/mode").asText(), "unknown keys kept too");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                w.dir.resolve("config.json"))));

        w.sb.plex.clearLog();
        CliRun second = w.sync();
        assertEquals(ExitCode.OK, second.code, second.toString());
        assertEquals("Post-sync: Plex=1 vs SIMKL=2 → IN SYNC (1 kept apart: 1 excluded)", lastLine(second));
        assertEquals(1, second.out.lines().filter(l -> l.contains("A Very Obscure Documentary")).count(),
                "named once: " + second.out);
        assertEquals(0, w.state().path("unresolved").size(), "the ledger no longer holds it");
        assertEquals(0, w.sb.plex.count(l -> l.query().values().stream().anyMatch(v -> v.contains(OBSCURE.imdb())
                || v.contains(OBSCURE.tmdb()))), "no request is made for it");

        CliRun again = run("--exclude", "simkl:" + OBSCURE.simkl());
        assertTrue(again.out.contains("already in sync.exclude"), again.out);
        CliRun back = run("--unexclude", "obscure documentary");
        assertEquals(ExitCode.OK, back.code, back.toString());
        assertEquals(0, config().at("/sync/exclude").size());
        assertTrue(back.out.contains("add to Plex (rule "), "taken back, the next sync tries to add it: " + back.out);
    }

    @Test
    void mirrorNeverRemovesAProtectedTitle() throws Exception {
        w.config("{\"bidirectional\": {\"mode\": \"mirror\", \"source_of_truth\": \"plex\"}}");
        w.plexHas(ARRIVAL, DUNE);
        w.simklHas(ARRIVAL, DUNE, SEVERANCE, SHOGUN);
        CliRun p = run("--protect", "severance");
        assertEquals(ExitCode.OK, p.code, p.toString());
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(Set.of("Arrival", "Dune: Part Two", "Severance"), simklPtw(), "Shogun mirrored away, Severance "
                + "protected");
        assertTrue(r.out.contains("protected (sync.protect): not removed from SIMKL"), r.out);
        assertTrue(r.out.contains("→ IN SYNC (1 kept apart: 1 protected)\nTo undo this run: "), r.out);
        CliRun un = run("--unprotect", "severance");
        assertTrue(un.out.contains("remove from SIMKL (rule mirror)"), un.out);
    }

    @Test
    void typesWithoutAnimeLeaveSimklsAnimeAloneBothWays() throws Exception {
        w.config("{}");
        w.bothHave(List.of(ARRIVAL, FRIEREN));
        assertEquals(ExitCode.OK, w.sync().code);
        w.config("{\"types\": [\"movies\", \"shows\"]}");
        w.sb.plex.watchlistRemove(FRIEREN.plexKey()); // gone from Plex: in scope, SIMKL would lose it
        w.simklHas(SUZUME); // an anime film, new on SIMKL: in scope, Plex would get it
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(Set.of("Arrival", "Sousou no Frieren", "Suzume"), simklPtw());
        assertEquals(Set.of("Arrival"), plexTitles());
        assertTrue(r.out.startsWith("Pre-sync counts: Plex=1 vs SIMKL=1"), "anime not counted: " + r.out);
        assertTrue(r.out.contains("= out of scope (sync.types): 2 titles left alone"), r.out);
        assertEquals("Post-sync: Plex=1 vs SIMKL=1 → EQUAL", lastLine(r));
        w.config("{}");
        CliRun back = w.sync();
        assertEquals(Set.of("Arrival", "Suzume"), plexTitles(), "back in scope: the new film is added; Frieren's "
                + "removal on Plex still travels: " + back.out);
        assertFalse(simklPtw().contains("Sousou no Frieren"), back.out);
    }

    @Test
    void aBadIdInAListStopsEveryCommandNamingTheEntry() throws Exception {
        w.config("{\"exclude\": [{\"ids\": \"simkl:1\"}, {\"ids\": \"tmbd:5\", \"note\": \"typo\"}], "
                + "\"types\": [\"films\"]}");
        CliRun r = w.sync();
        assertEquals(ExitCode.USAGE, r.code, r.toString());
        assertTrue(r.err.contains("sync.exclude[1].ids: 'tmbd:5' is not an id"), r.err);
        assertTrue(r.err.contains("sync.types: \"films\" is not a kind of title this tool syncs; use \"movies\", "
                + "\"shows\", \"anime\""), "names the wrong value and the accepted ones: " + r.err);
        assertEquals(0, w.sb.plex.requests().size() + w.sb.simkl.requests().size());
        assertEquals(ExitCode.USAGE, run("--why", "arrival").code);
    }

    @Test
    void anAmbiguousExclusionChangesNothing() throws Exception {
        w.config("{}");
        w.plexHas(COLLIDE_MOVIE);
        w.simklHas(COLLIDE_SHOW);
        String before = Files.readString(w.dir.resolve("config.json"));
        CliRun r = run("--exclude", "collision");
        assertEquals(ExitCode.USAGE, r.code, r.toString());
        assertTrue(r.out.contains("--exclude plex:" + COLLIDE_MOVIE.plexKey()), r.out);
        assertEquals(before, Files.readString(w.dir.resolve("config.json")));
        Path cfg = w.dir.resolve("config.json");
        CliRun picked = run("--exclude", "plex:" + COLLIDE_MOVIE.plexKey(), "--json");
        assertEquals(ExitCode.OK, picked.code, picked.toString());
        JsonNode doc = Json.MAPPER.readTree(picked.out);
        assertTrue(doc.path("changed").asBoolean());
        assertEquals("excluded", doc.at("/next/0/rule").asText(), doc.toString());
        assertEquals("movie", Json.MAPPER.readTree(cfg.toFile()).at("/sync/exclude/0/type").asText(),
                "the type is kept: tmdb 4242 is also a show");
        CliRun sync = w.sync();
        assertEquals(Set.of("Collision (Film)", "Collision (Series)"), plexTitles(), "the show still syncs: "
                + sync.out);
        assertEquals(Set.of("Collision (Series)"), simklPtw(), "the excluded film is not sent to SIMKL");
    }

    /**
     * An --exclude while a sync runs would rewrite config.json beside the sync's own token save,
     * and one of the two writes would be lost: it waits for no one and changes nothing, saying why.
     */
    @Test
    void anotherRunHoldingTheLockStopsAnExclusionBeforeItChangesAnything() throws Exception {
        w.config("{\"enable_remove\": false}");
        w.plexHas(ARRIVAL);
        w.simklHas(ARRIVAL, OBSCURE);
        Path cfg = w.dir.resolve("config.json");
        byte[] before = Files.readAllBytes(cfg);
        try (RunLock sync = RunLock.acquire(w.dir.resolve("state.lock"))) {
            for (String command : List.of("--exclude", "--protect")) {
                CliRun r = run(command, "very obscure documentary");
                assertEquals(ExitCode.USAGE, r.code, r.toString());
                assertTrue(r.err.contains("Another plex_simkl_sync run is using " + w.dir), r.err);
                assertTrue(r.err.contains(cfg + " was not changed."), r.err);
            }
        }
        assertArrayEquals(before, Files.readAllBytes(cfg));
        assertEquals(0, w.sb.plex.requests().size() + w.sb.simkl.requests().size(), "nothing asked either");
        CliRun after = run("--exclude", "very obscure documentary");
        assertEquals(ExitCode.OK, after.code, "once the other run is over: " + after);
        assertTrue(config().at("/sync/exclude/0/ids").asText().contains("simkl:" + OBSCURE.simkl()));
    }
}
