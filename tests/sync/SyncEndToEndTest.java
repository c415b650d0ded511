package sync;

import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import org.junit.jupiter.api.Test;
import sandbox.Emulator.Fault;
import sandbox.Title;
import support.CliRun;
import support.SyncWorld;
import support.WorldTest;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/** The real CLI against both emulators over loopback HTTP, run after run. */
class SyncEndToEndTest extends WorldTest {
    @Test
    void firstRunAddsOnlyBothWaysThenASecondRunWritesNothing() throws Exception {
        w.plexHas(ARRIVAL, SEVERANCE);
        w.simklHas(DUNE, FRIEREN, ARRIVAL);
        CliRun r = w.sync();
        assertEquals(0, r.code, r.toString());
        assertEquals(Set.of("Arrival", "Severance", "Dune: Part Two", "Sousou no Frieren"), plexTitles());
        assertEquals(plexTitles(), simklPtw());
        assertTrue(r.out.contains("Pre-sync counts: Plex=2 vs SIMKL=3"), r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.equals("Post-sync: Plex=4 vs SIMKL=4 → EQUAL")), r.out);
        assertTrue(r.err.contains("first run: adds only"), r.err);
        JsonNode state = w.state();
        assertEquals(4, state.path("snapshot").path("items").size());
        assertEquals(1, state.path("version").asInt());
        try (var s = Files.list(w.dir.resolve("backups"))) {
            assertEquals(1, s.count(), "one backup before the first write");
        }

        w.sb.plex.clearLog();
        w.sb.simkl.clearLog();
        CliRun again = w.sync();
        assertEquals(0, again.code, again.toString());
        assertEquals(0, w.sb.plex.writes() + w.sb.simkl.writes(), "a second run right after writes nothing");
        assertTrue(again.out.contains("Nothing to do"), again.out);
    }

    @Test
    void aDeletionPropagatesEachWayOnTheNextRun() throws Exception {
        w.plexHas(ARRIVAL, SEVERANCE, TERMINATOR, DUNE, PAST_LIVES, THE_BEAR);
        w.simklHas(ARRIVAL, SEVERANCE, TERMINATOR, DUNE, PAST_LIVES, THE_BEAR);
        assertEquals(0, w.sync().code);
        w.sb.plex.watchlistRemove(ARRIVAL.plexKey());
        w.sb.simkl.delete(SEVERANCE.simkl());
        CliRun r = w.sync();
        assertEquals(0, r.code, r.toString());
        assertFalse(simklPtw().contains("Arrival"));
        assertFalse(plexTitles().contains("Severance"));
        assertEquals(4, plexTitles().size());
        assertEquals(plexTitles(), simklPtw());
        assertTrue(r.out.contains("removed from Plex"), r.out);
        // only plan-to-watch titles were erased on SIMKL, and nothing with history
        assertEquals(List.of("Arrival"), w.sb.simkl.erased().stream().map(e -> e.title().title()).toList());
        assertTrue(w.sb.simkl.erased().stream().noneMatch(e -> e.hadWatchData() || e.hadRating()));
    }

    @Test
    void aCompletedTitleIsNeverMovedToPlanToWatchNorRemoved() throws Exception {
        w.plexHas(TERMINATOR, ARRIVAL, DUNE, SEVERANCE, THE_BEAR, SHOGUN);
        w.sb.simkl.put(TERMINATOR.simkl(), "completed");
        w.simklHas(ARRIVAL);
        CliRun r = w.sync();
        assertEquals(0, r.code, r.toString());
        assertEquals("completed", w.sb.simkl.entry(TERMINATOR.simkl()).status);
        assertTrue(r.out.contains("SIMKL holds it as completed"), r.out);
        // the person then moves a Plan to Watch title to completed: it left PTW, so it leaves Plex (as in the original)
        w.sb.simkl.put(ARRIVAL.simkl(), "completed");
        CliRun r2 = w.sync();
        assertEquals(0, r2.code, r2.toString());
        assertFalse(plexTitles().contains("Arrival"));
        assertEquals("completed", w.sb.simkl.entry(ARRIVAL.simkl()).status);
        assertTrue(w.sb.simkl.erased().isEmpty(), "nothing was erased on SIMKL");
    }

    @Test
    void mirrorPlexMakesSimklEqualAndNeverWritesPlex() throws Exception {
        w.config("{\"bidirectional\": {\"enabled\": true, \"mode\": \"mirror\", \"source_of_truth\": \"plex\"}, \"max_delete_percent\": 100}");
        w.plexHas(ARRIVAL, SEVERANCE);
        w.simklHas(DUNE, ARRIVAL);
        CliRun r = w.sync();
        assertEquals(0, r.code, r.toString());
        assertEquals(Set.of("Arrival", "Severance"), simklPtw());
        assertEquals(Set.of("Arrival", "Severance"), plexTitles());
        assertEquals(0, w.sb.plex.writes());
    }

    @Test
    void mirrorSimklMakesPlexEqualAndNeverWritesSimkl() throws Exception {
        w.config("{\"bidirectional\": {\"enabled\": true, \"mode\": \"mirror\", \"source_of_truth\": \"simkl\"}, \"max_delete_percent\": 100}");
        w.plexHas(ARRIVAL, SEVERANCE);
        w.simklHas(DUNE, ARRIVAL, FRIEREN);
        CliRun r = w.sync();
        assertEquals(0, r.code, r.toString());
        assertEquals(Set.of("Arrival", "Dune: Part Two", "Sousou no Frieren"), plexTitles());
        assertEquals(0, w.sb.simkl.writes());
    }

    @Test
    void oneWayPropagatesPlexToSimklAndLeavesSimklOnlyTitlesAlone() throws Exception {
        w.config("{\"bidirectional\": {\"enabled\": false}}");
        w.plexHas(ARRIVAL, SEVERANCE, TERMINATOR, DUNE, PAST_LIVES, THE_BEAR);
        w.simklHas(SHOGUN);
        CliRun r = w.sync();
        assertEquals(0, r.code, r.toString());
        assertEquals(7, simklPtw().size());
        assertTrue(simklPtw().contains("Shogun"));
        assertFalse(plexTitles().contains("Shogun"));
        w.sb.plex.watchlistRemove(ARRIVAL.plexKey());
        w.sb.simkl.delete(SHOGUN.simkl());
        CliRun r2 = w.sync();
        assertEquals(0, r2.code, r2.toString());
        assertFalse(simklPtw().contains("Arrival"));
        assertEquals(0, w.sb.plex.writes(), "one-way never writes Plex");
    }

    @Test
    void animeReachesPlexAndAnimeFilmsCountAsMovies() throws Exception {
        w.simklHas(FRIEREN, SUZUME);
        CliRun r = w.sync();
        assertEquals(0, r.code, r.toString());
        assertEquals(Set.of("Sousou no Frieren", "Suzume"), plexTitles());
    }

    @Test
    void titlesWithOnlyTmdbOnOneSideAndOnlyImdbOnTheOtherAreMatchedOnce() throws Exception {
        w.plexHas(PERFECT_DAYS_PLEX);
        w.simklHas(PERFECT_DAYS_SIMKL);
        CliRun r = w.sync("--debug");
        assertEquals(0, r.code, r.toString());
        assertEquals(0, w.sb.plex.writes() + w.sb.simkl.writes(), "already on both sides: nothing to add");
        assertTrue(r.err.contains("by title and year"), r.err);
        JsonNode item = w.state().path("snapshot").path("items").get(0);
        assertEquals("976893", item.path("ids").path("tmdb").asText());
        assertEquals("tt27503384", item.path("ids").path("imdb").asText());
        CliRun r2 = w.sync("--debug");
        assertFalse(r2.err.contains("by title and year"), "matched by the ids the snapshot learnt");
    }

    @Test
    void aTmdbMovieAndShowWithTheSameNumberAreKeptApart() throws Exception {
        w.plexHas(COLLIDE_MOVIE);
        w.simklHas(COLLIDE_SHOW);
        CliRun r = w.sync();
        assertEquals(0, r.code, r.toString());
        assertEquals(Set.of("Collision (Film)", "Collision (Series)"), plexTitles());
        assertEquals(Set.of("Collision (Film)", "Collision (Series)"), simklPtw());
    }

    @Test
    void anIncompletePlexReadMakesNoRemovals() throws Exception {
        List<Title> many = sandbox.Catalogue.generated(1, 120);
        try (SyncWorld big = new SyncWorld(tmp.resolve("big"), many)) {
            big.bothHave(many);
            assertEquals(0, big.sync().code);
            big.sb.plex.watchlistRemove(many.get(0).plexKey());
            big.sb.plex.injectAfter("GET", "/library/sections/watchlist", Fault.status(503), 1, 10);
            CliRun r = big.sync();
            assertEquals(4, r.code, r.toString());
            assertEquals(120, big.sb.simkl.inStatus("plantowatch").size(), "nothing removed from SIMKL");
            assertTrue(r.all().contains("could not be read completely"), r.all());
            big.sb.plex.clearFaults();
            big.sb.plex.inject("GET", "/library/sections/watchlist", Fault.shortPage(), 1);
            assertEquals(4, big.sync().code);
            assertEquals(120, big.sb.simkl.inStatus("plantowatch").size());
            CliRun ok = big.sync();
            assertEquals(0, ok.code, ok.toString());
            assertEquals(119, big.sb.simkl.inStatus("plantowatch").size(), "removed once the read is whole");
        }
    }

    @Test
    void anEmptyReadAgainstAFullSnapshotRemovesNothing() throws Exception {
        w.plexHas(ARRIVAL, SEVERANCE, DUNE);
        w.simklHas(ARRIVAL, SEVERANCE, DUNE);
        assertEquals(0, w.sync().code);
        w.sb.plex.inject("GET", "/library/sections/watchlist", Fault.empty(), 1);
        CliRun r = w.sync();
        assertEquals(4, r.code, r.toString());
        assertEquals(3, simklPtw().size());
        assertTrue(r.all().contains("reads as empty"), r.all());
    }

    @Test
    void aSimklLibraryThatVanishesTwiceWithNoRemovalRecordedRemovesNothingFromPlex() throws Exception {
        w.plexHas(ARRIVAL, SEVERANCE, DUNE);
        w.simklHas(ARRIVAL, SEVERANCE, DUNE);
        w.config("{\"activity\": {\"use_activity\": false}}"); // every run reads the whole library
        assertEquals(0, w.sync().code);
        w.sb.simkl.inject("GET", "/sync/all-items", Fault.empty(), 2);
        CliRun r = w.sync();
        assertEquals(4, r.code, r.toString());
        assertEquals(3, plexTitles().size());
        assertTrue(r.all().contains("lists empty twice"), r.all());
        assertTrue(r.all().contains("--max-delete"), "the message names the command that releases it: " + r.all());
        // the doubt persists until SIMKL answers with the titles again
        w.sb.simkl.inject("GET", "/sync/all-items", Fault.empty(), 2);
        assertEquals(4, w.sync().code);
        assertEquals(3, plexTitles().size());
        CliRun healthy = w.sync();
        assertEquals(0, healthy.code, healthy.toString());
        assertEquals(3, plexTitles().size(), "nothing was removed: the titles are back in the read");
    }

    @Test
    void aSimklListThatAnswersEmptyOnceIsReadAgainAndTrusted() throws Exception {
        w.plexHas(ARRIVAL, SEVERANCE, DUNE);
        w.simklHas(ARRIVAL, SEVERANCE, DUNE);
        w.config("{\"activity\": {\"use_activity\": false}}");
        assertEquals(0, w.sync().code);
        w.sb.simkl.inject("GET", "/sync/all-items", Fault.empty(), 1);
        w.sb.simkl.clearLog();
        CliRun r = w.sync();
        assertEquals(0, r.code, r.toString());
        assertEquals(3, plexTitles().size(), "a one-off empty answer removes nothing");
        assertEquals(2, w.sb.simkl.requests().stream().filter(l -> l.path().startsWith("/sync/all-items")).count(), "read once more");
    }

    @Test
    void tooManyRemovalsAreAllWithheldUntilAllowed() throws Exception {
        List<Title> many = sandbox.Catalogue.generated(1, 60);
        try (SyncWorld big = new SyncWorld(tmp.resolve("big"), many)) {
            big.bothHave(many);
            assertEquals(0, big.sync().code);
            for (int i = 0; i < 11; i++) big.sb.plex.watchlistRemove(many.get(i).plexKey());
            CliRun r = big.sync();
            assertEquals(4, r.code, r.toString());
            assertEquals(60, big.sb.simkl.inStatus("plantowatch").size());
            assertTrue(r.all().contains("--max-delete 11"), r.all());
            CliRun allowed = big.sync("--max-delete", "11");
            assertEquals(0, allowed.code, allowed.toString());
            assertEquals(49, big.sb.simkl.inStatus("plantowatch").size());
        }
    }

    @Test
    void anUnresolvableTitleIsReportedOnceAndNotRetriedEveryRun() throws Exception {
        w.simklHas(OBSCURE, ARRIVAL);
        CliRun r = w.sync();
        assertEquals(1, r.code, "newly unresolved in this run: " + r);
        assertTrue(r.out.contains("A Very Obscure Documentary"), r.out);
        assertEquals(1, w.state().path("unresolved").size());
        w.sb.plex.clearLog();
        CliRun r2 = w.sync();
        assertEquals(0, r2.code, "a title already known as unresolved does not fail every cron run: " + r2);
        assertEquals(0, w.sb.plex.count("GET", "/library/metadata/matches"), "not looked up again before its back-off");
        assertEquals(0, w.sb.plex.count("GET", "/library/search"));
        assertEquals(List.of("  ? unresolved A Very Obscure Documentary (2019): not found on Plex (Plex has no title with these ids);"
                        + " next try after 2026-11-24T18:01:00Z or with --retry-unresolved"),
                r2.out.lines().filter(l -> l.contains("Obscure")).toList(), "still listed once, with its reason: " + r2.out);
        CliRun r3 = w.sync("--retry-unresolved");
        assertTrue(w.sb.plex.count("GET", "/library/metadata/matches") > 0);
        assertEquals(2, w.state().path("unresolved").get(0).path("attempts").asInt());
        assertEquals(0, r3.code, "a retry that fails again is not news: " + r3);
    }

    @Test
    void aFailedAddIsRetriedOnTheNextRun() throws Exception {
        w.plexHas(ARRIVAL);
        w.sb.simkl.inject("POST", "/sync/add-to-list", Fault.status(500), 10);
        CliRun r = w.sync();
        assertEquals(1, r.code, r.toString());
        assertTrue(simklPtw().isEmpty());
        w.sb.simkl.clearFaults();
        CliRun r2 = w.sync();
        assertEquals(0, r2.code, r2.toString());
        assertEquals(Set.of("Arrival"), simklPtw());
    }

    @Test
    void aDryRunWritesNothingAndLeavesStateAlone() throws Exception {
        w.plexHas(ARRIVAL, SEVERANCE);
        w.simklHas(DUNE);
        CliRun r = w.sync("--dry-run", "--json");
        assertEquals(0, r.code, r.toString());
        assertEquals(0, w.sb.plex.writes() + w.sb.simkl.writes());
        assertFalse(w.hasState());
        JsonNode doc = Json.MAPPER.readTree(r.out);
        assertTrue(doc.path("dry_run").asBoolean());
        assertEquals(3, doc.path("actions").size());
        doc.path("actions").forEach(a -> assertEquals("planned", a.path("outcome").asText()));
        // the real run computes the same plan
        CliRun real = w.sync("--json");
        JsonNode done = Json.MAPPER.readTree(real.out);
        assertEquals(doc.path("actions").size(), done.path("actions").size());
        for (int i = 0; i < 3; i++) {
            assertEquals(doc.path("actions").get(i).path("title"), done.path("actions").get(i).path("title"));
            assertEquals("done", done.path("actions").get(i).path("outcome").asText());
        }
    }

    @Test
    void aRefusedTokenAtStartIsExitThree() throws Exception {
        w.sb.simkl.revokeTokens();
        CliRun r = w.sync();
        assertEquals(3, r.code, r.toString());
        assertTrue(r.err.contains("--init-simkl"), r.err);
        w.sb.plex.revokeTokens();
        CliRun p = w.sync();
        assertEquals(3, p.code);
        assertTrue(p.err.contains("--init-plex"), p.err);
    }

    @Test
    void missingCredentialsAreNamedBeforeAnyRequest() throws Exception {
        CliRun r = w.cli().env("SIMKL_ACCESS_TOKEN", "").env("PLEX_ACCOUNT_TOKEN", "").run("--sync", "--dir", w.dir.toString());
        assertEquals(2, r.code, r.toString());
        assertTrue(r.err.contains("plex.account_token") && r.err.contains("simkl.access_token"), r.err);
        assertEquals(0, w.sb.plex.requests().size() + w.sb.simkl.requests().size());
    }

    @Test
    void aRunStoppedBetweenActionsIsFollowedByARunThatConverges() throws Exception {
        w.plexHas(ARRIVAL, SEVERANCE, TERMINATOR, DUNE, PAST_LIVES, THE_BEAR);
        w.simklHas(ARRIVAL, SEVERANCE, TERMINATOR, DUNE, PAST_LIVES, THE_BEAR);
        assertEquals(0, w.sync().code);
        String before = Files.readString(w.dir.resolve("state.json"));
        w.sb.plex.watchlistRemove(ARRIVAL.plexKey());
        w.simklHas(SHOGUN, FRIEREN);
        w.plexHas(SUZUME);
        // each run is killed after its first action, until a run has nothing left to kill
        int killedRuns = 0;
        for (int i = 0; i < 10; i++) {
            int[] n = {0};
            CliRun killed = w.cli().beforeWrite(a -> { if (n[0]++ >= 1) throw new IllegalStateException("killed"); })
                    .run("--sync", "--dir", w.dir.toString());
            if (n[0] <= 1) break;
            killedRuns++;
            assertNotEquals(0, killed.code);
            assertEquals(before, Files.readString(w.dir.resolve("state.json")), "a killed run leaves the old state");
        }
        assertTrue(killedRuns >= 2, "the scenario needs several actions");
        CliRun r = w.sync();
        assertEquals(0, r.code, r.toString());
        assertEquals(plexTitles(), simklPtw());
        assertEquals(Set.of("Severance", "The Terminator", "Dune: Part Two", "Past Lives", "The Bear", "Shogun",
                "Sousou no Frieren", "Suzume"), plexTitles());
        assertFalse(plexTitles().contains("Arrival"));
        assertEquals(0, w.sync().code);
        assertEquals(0, w.state().path("unresolved").size());
    }

    @Test
    void anUnchangedRunIsPlexPagesAndOneSimklActivitiesCallOnly() throws Exception {
        List<Title> many = sandbox.Catalogue.generated(1, 250);
        try (SyncWorld big = new SyncWorld(tmp.resolve("big"), many)) {
            for (Title t : many) big.plexHas(t);
            for (Title t : many.subList(0, 200)) big.simklHas(t);
            assertEquals(0, big.sync().code, "first run writes to SIMKL and verifies");
            big.sb.plex.clearLog();
            big.sb.simkl.clearLog();
            CliRun r = big.sync();
            assertEquals(0, r.code, r.toString());
            assertEquals(3, big.sb.plex.requests().size(), "3 watchlist pages, nothing else");
            assertEquals(List.of("/sync/activities"), big.sb.simkl.requests().stream().map(l -> l.path()).toList(),
                    "SIMKL lists are not re-read when activities did not move");
            big.sb.simkl.put(many.get(240).simkl(), "completed");
            big.sb.simkl.clearLog();
            big.sync();
            assertEquals(List.of("/sync/activities", "/sync/all-items/" + many.get(240).bucket()),
                    big.sb.simkl.requests().stream().map(l -> l.path()).toList(), "only the bucket that moved is re-read");
        }
    }

    @Test
    void aPlexIdKnownFromTheSnapshotIsReusedWithoutALookup() throws Exception {
        w.config("{\"bidirectional\": {\"enabled\": true, \"mode\": \"mirror\", \"source_of_truth\": \"simkl\"}}");
        w.plexHas(ARRIVAL, SEVERANCE, DUNE, SHOGUN, THE_BEAR, PAST_LIVES);
        w.simklHas(ARRIVAL, SEVERANCE, DUNE, SHOGUN, THE_BEAR, PAST_LIVES);
        assertEquals(0, w.sync().code);
        w.sb.plex.watchlistRemove(DUNE.plexKey());
        w.sb.plex.clearLog();
        CliRun r = w.sync();
        assertEquals(0, r.code, r.toString());
        assertTrue(plexTitles().contains("Dune: Part Two"));
        assertEquals(0, w.sb.plex.count("GET", "/library/metadata/matches"), "the snapshot's ratingKey is reused");
        assertEquals(1, w.sb.plex.count("PUT", "/actions/addToWatchlist"));
    }

    @Test
    void aFailedSimklBatchFailsOnlyItsOwnTitles() throws Exception {
        List<Title> many = sandbox.Catalogue.generated(1, 150);
        try (SyncWorld big = new SyncWorld(tmp.resolve("big"), many)) {
            for (Title t : many) big.plexHas(t);
            big.sb.simkl.injectAfter("POST", "/sync/add-to-list", Fault.status(400), 1, 1);
            CliRun r = big.sync("--json");
            assertEquals(1, r.code, r.toString());
            JsonNode doc = Json.MAPPER.readTree(r.out);
            long done = 0;
            long failed = 0;
            for (JsonNode a : doc.path("actions")) {
                if (a.path("outcome").asText().equals("done")) done++;
                if (a.path("outcome").asText().equals("failed")) failed++;
            }
            assertEquals(100, done);
            assertEquals(50, failed);
            assertEquals(100, big.sb.simkl.inStatus("plantowatch").size());
            assertEquals(0, big.sync().code, "the failed ones are retried next run");
            assertEquals(150, big.sb.simkl.inStatus("plantowatch").size());
        }
    }

    @Test
    void aBackupThatCannotBeWrittenStopsTheRunBeforeAnyWrite() throws Exception {
        w.plexHas(ARRIVAL);
        Files.createDirectories(w.dir);
        Files.writeString(w.dir.resolve("backups"), "not a folder");
        CliRun r = w.sync();
        assertEquals(1, r.code, r.toString());
        assertTrue(r.err.contains("Could not write the backup"), r.err);
        assertEquals(0, w.sb.simkl.writes() + w.sb.plex.writes());
        assertFalse(w.hasState());
    }

    @Test
    void jsonFailuresAreStillOneDocument() throws Exception {
        CliRun r = w.cli().env("SIMKL_ACCESS_TOKEN", "").run("--sync", "--json", "--dir", w.dir.toString());
        assertEquals(2, r.code);
        JsonNode doc = Json.MAPPER.readTree(r.out);
        assertEquals(2, doc.path("exit_code").asInt());
        assertTrue(doc.path("error").asText().contains("simkl.access_token"), r.out);
        w.sb.plex.revokeTokens();
        CliRun auth = w.sync("--json");
        assertEquals(3, Json.MAPPER.readTree(auth.out).path("exit_code").asInt());
    }
}
