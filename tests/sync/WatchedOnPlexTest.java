package sync;

import cli.ExitCode;
import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import org.junit.jupiter.api.Test;
import sandbox.Emulator;
import sandbox.SimklEmulator;
import sandbox.Title;
import support.CliRun;
import support.WorldTest;

import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/**
 * A title that leaves the Plex watchlist because it was played there becomes watched on SIMKL
 * (completed with its play date, or watching for a show played in part), never erased; through the
 * real CLI against both emulators.
 */
class WatchedOnPlexTest extends WorldTest {
    private static final Instant PLAYED = Instant.parse("2026-11-30T20:15:00Z");

    private long userStateReads(Title t) {
        return w.sb.plex.count("GET", "/library/metadata/" + t.plexKey() + "/userState");
    }

    private long erasures() {
        return w.sb.simkl.count("POST", "/sync/history/remove");
    }

    private SimklEmulator.Entry onSimkl(Title t) {
        return w.sb.simkl.entry(t.simkl());
    }

    private List<JsonNode> journal() throws Exception {
        return Files.readAllLines(w.dir.resolve("journal.jsonl")).stream().map(l -> {
            try {
                return Json.MAPPER.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void aMoviePlayedOnPlexIsCompletedOnSimklWithItsPlayDateAndNeverErased() throws Exception {
        w.bothHave(List.of(ARRIVAL, DUNE, PAST_LIVES));
        assertEquals(ExitCode.OK, w.sync().code);
        assertEquals(0, userStateReads(ARRIVAL), "an unchanged run asks Plex nothing about plays");
        w.sb.plex.played(ARRIVAL.plexKey(), PLAYED);
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals("completed", onSimkl(ARRIVAL).status, r.toString());
        assertEquals("2026-11-30T20:15:00Z", onSimkl(ARRIVAL).lastWatchedAt, "SIMKL keeps the Plex play date");
        assertEquals(0, erasures(), "nothing is erased from SIMKL: " + r);
        assertEquals(1, userStateReads(ARRIVAL), "one request for the title that left");
        assertTrue(r.out.contains("* SIMKL  Arrival (2016)  [played on Plex on 2026-11-30 20:15:00: completed on "
                + "SIMKL with that date] -> done"), r.out);
        JsonNode entry = journal().get(journal().size() - 1);
        assertEquals("watched", entry.path("action").asText(), entry.toString());
        assertEquals("watched-on-plex", entry.path("rule").asText(), entry.toString());
        assertEquals(Set.of("Dune: Part Two", "Past Lives"), simklPtw());

        CliRun again = w.sync();
        assertEquals(ExitCode.OK, again.code, again.toString());
        assertEquals(1, userStateReads(ARRIVAL), "the next run does not ask again");
        assertEquals("completed", onSimkl(ARRIVAL).status);
    }

    @Test
    void aShowWithEveryEpisodePlayedIsCompletedLikewise() throws Exception {
        w.bothHave(List.of(SEVERANCE, ARRIVAL));
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.episodesPlayed(SEVERANCE.plexKey(), 19, 19, PLAYED);
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals("completed", onSimkl(SEVERANCE).status, r.toString());
        assertEquals("2026-11-30T20:15:00Z", onSimkl(SEVERANCE).lastWatchedAt);
        assertEquals(0, erasures(), r.toString());
        assertEquals(1, w.sb.simkl.count("POST", "/sync/history"), "one history write");
    }

    @Test
    void aShowPlayedInPartMovesToWatching() throws Exception {
        w.bothHave(List.of(THE_BEAR, ARRIVAL));
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.episodesPlayed(THE_BEAR.plexKey(), 3, 28, PLAYED);
        w.sb.plex.watchlistRemove(THE_BEAR.plexKey());
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals("watching", onSimkl(THE_BEAR).status, r.toString());
        assertEquals(0, erasures(), r.toString());
        assertTrue(r.out.contains("[partly played on Plex (3 episodes, last on 2026-11-30 20:15:00): moved to "
                + "watching on SIMKL] -> done"), r.out);
        String body = w.sb.simkl.requests().stream().filter(l -> l.is("POST", "/sync/add-to-list"))
                .reduce((a, b) -> b).orElseThrow().body();
        assertTrue(body.contains("\"to\":\"watching\""), body);
    }

    @Test
    void anUnplayedTitleThatLeftPlexIsRemovedAsBefore() throws Exception {
        w.bothHave(List.of(ARRIVAL, DUNE, PAST_LIVES));
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.watchlistRemove(DUNE.plexKey());
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertNull(onSimkl(DUNE), "removed from SIMKL: " + r);
        assertEquals(1, userStateReads(DUNE));
        assertTrue(r.out.contains("- SIMKL  Dune: Part Two (2024)  [removed from Plex] -> done"), r.out);
    }

    @Test
    void plexWatchedRemoveKeepsTheOldRuleAndAsksPlexNothing() throws Exception {
        w.config("{\"plex_watched\": \"remove\"}");
        w.bothHave(List.of(ARRIVAL, DUNE, PAST_LIVES));
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.played(ARRIVAL.plexKey(), PLAYED);
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertNull(onSimkl(ARRIVAL), "removed, as before: " + r);
        assertEquals(0, userStateReads(ARRIVAL));
        assertFalse(r.all().contains("unknown key"), "sync.plex_watched is a setting the tool reads: " + r);
    }

    @Test
    void anotherWordForPlexWatchedIsAConfigurationError() throws Exception {
        w.config("{\"plex_watched\": \"erase\"}");
        w.bothHave(List.of(ARRIVAL));
        CliRun r = w.sync();
        assertEquals(ExitCode.USAGE, r.code, r.toString());
        assertTrue(r.all().contains("sync.plex_watched must be one of \"complete\", \"remove\""), r.toString());
        assertEquals("plantowatch", onSimkl(ARRIVAL).status);
    }

    @Test
    void aFailedPlayReadLeavesTheTitleAsItWasAndTheNextRunAsksAgain() throws Exception {
        w.bothHave(List.of(ARRIVAL, DUNE, PAST_LIVES));
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.played(ARRIVAL.plexKey(), PLAYED);
        w.sb.plex.inject("GET", "/library/metadata/" + ARRIVAL.plexKey() + "/userState",
                new Emulator.Fault.Status(503, null), 100);
        CliRun r = w.sync();
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertEquals("plantowatch", onSimkl(ARRIVAL).status, "neither removed nor marked: " + r);
        assertEquals(0, erasures());
        assertEquals(0, w.sb.simkl.count("POST", "/sync/history"));
        assertTrue(r.out.contains("Plex did not say whether it was played"), r.out);

        w.sb.plex.clearFaults();
        CliRun next = w.sync();
        assertEquals(ExitCode.OK, next.code, next.toString());
        assertEquals("completed", onSimkl(ARRIVAL).status, next.toString());
        assertEquals(0, erasures());
    }

    @Test
    void aPlayedTitleIsNoRemovalForTheDeletionGuard() throws Exception {
        w.bothHave(List.of(ARRIVAL));
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.played(ARRIVAL.plexKey(), PLAYED); // the watchlist is now empty: a removal would be withheld
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals("completed", onSimkl(ARRIVAL).status, r.toString());
    }

    @Test
    void oneWayAndMirrorFromPlexMarkPlayedTitlesToo() throws Exception {
        for (String sync : List.of("{\"bidirectional\": {\"enabled\": false}}",
                "{\"bidirectional\": {\"mode\": \"mirror\", \"source_of_truth\": \"plex\"}}")) {
            w.close();
            Files.deleteIfExists(w.dir.resolve("state.json"));
            w = new support.SyncWorld(tmp.resolve(sync.contains("mirror") ? "mirror" : "oneway"));
            w.config(sync);
            w.bothHave(List.of(ARRIVAL, DUNE, PAST_LIVES));
            assertEquals(ExitCode.OK, w.sync().code);
            w.sb.plex.played(DUNE.plexKey(), PLAYED);
            CliRun r = w.sync();
            assertEquals(ExitCode.OK, r.code, sync + ": " + r);
            assertEquals("completed", onSimkl(DUNE).status, sync + ": " + r);
            assertEquals(0, erasures(), sync);
        }
    }

    @Test
    void whyNamesTheRuleAndThePlayDate() throws Exception {
        w.bothHave(List.of(ARRIVAL, DUNE, PAST_LIVES));
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.played(ARRIVAL.plexKey(), PLAYED);
        CliRun r = w.cli().run("--why", "arrival", "--dir", w.dir.toString());
        assertTrue(r.out.contains("mark as watched on SIMKL (rule watched-on-plex): played on Plex on 2026-11-30 "
                + "20:15:00"), r.out);
        assertEquals("plantowatch", onSimkl(ARRIVAL).status, "--why writes nothing");
    }

    @Test
    void jsonJournalAndDoctorSayTheTitleWasMarkedAsWatched() throws Exception {
        w.bothHave(List.of(ARRIVAL, DUNE, PAST_LIVES));
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.played(ARRIVAL.plexKey(), PLAYED);
        CliRun r = w.sync("--json");
        assertEquals(ExitCode.OK, r.code, r.toString());
        JsonNode doc = Json.MAPPER.readTree(r.out);
        assertEquals(1, doc.path("counts").path("simkl").path("marked_watched").asInt(), doc.toString());
        assertEquals(0, doc.path("counts").path("simkl").path("removed").asInt(), "no removal: " + doc);
        JsonNode a = doc.path("actions").get(0);
        assertEquals("watched", a.path("action").asText(), a.toString());
        assertEquals("watched-on-plex", a.path("rule").asText(), a.toString());
        assertEquals("done", a.path("outcome").asText(), a.toString());

        CliRun journal = w.cli().run("--journal", "--dir", w.dir.toString());
        assertTrue(journal.out.contains("* SIMKL  Arrival (2016)  [played on Plex on 2026-11-30"), journal.out);
        assertTrue(journal.out.contains("completed on SIMKL with that date]  done  (rule watched-on-plex"),
                journal.out);

        w.config("{}");
        CliRun doctor = w.cli().run("--doctor", "--dir", w.dir.toString());
        assertTrue(doctor.out.contains("[ok]   played on plex: a title played on Plex that leaves its watchlist is "
                + "marked as watched on SIMKL"), doctor.out);
        w.config("{\"plex_watched\": \"remove\"}");
        CliRun old = w.cli().run("--doctor", "--dir", w.dir.toString());
        assertTrue(old.out.contains("leaves its watchlist is removed from SIMKL like any other"), old.out);
    }
}
