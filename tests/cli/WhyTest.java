package cli;

import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import org.junit.jupiter.api.Test;
import support.CliRun;
import support.WorldTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/** --why and --journal end to end: each situation a person asks about, answered from the same planner. */
class WhyTest extends WorldTest {
    private CliRun why(String... more) {
        String[] args = new String[more.length + 2];
        System.arraycopy(more, 0, args, 0, more.length);
        args[more.length] = "--dir";
        args[more.length + 1] = w.dir.toString();
        return w.cli().run(args);
    }

    /** What --why must leave as it was: both files and both services. */
    private record Before(String state, String config, long plexWrites, long simklWrites) {}

    private Before before() throws Exception {
        return new Before(Files.readString(w.dir.resolve("state.json")), Files.readString(w.dir.resolve("config.json")),
                w.sb.plex.writes(), w.sb.simkl.writes());
    }

    private void assertUnchanged(Before b) throws Exception {
        assertEquals(b, before(), "--why writes nothing anywhere");
    }

    private void seed() throws Exception {
        w.config("{}");
        w.bothHave(List.of(ARRIVAL, DUNE, SEVERANCE));
        assertEquals(ExitCode.OK, w.sync().code);
    }

    @Test
    void aTitleInSyncSaysWhereItIsAndThatNothingIsToBeDone() throws Exception {
        seed();
        Before b = before();
        CliRun r = why("--why", "arrival");
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(r.out.startsWith("Arrival (2016), movie\n"), r.out);
        assertTrue(r.out.contains("  Plex:  on the watchlist (plex:" + ARRIVAL.plexKey() + ")"), r.out);
        assertTrue(r.out.contains("  SIMKL: in Plan to Watch (not watched, not rated, simkl:" + ARRIVAL.simkl()),
                r.out);
        assertTrue(r.out.contains("Last sync: on Plex and in SIMKL's Plan to Watch"), r.out);
        assertTrue(r.out.contains("Next sync: nothing to do; it is on both sides"), r.out);
        assertUnchanged(b);
    }

    @Test
    void aTitleAnEarlierRunRemovedNamesThatRunItsReasonAndItsBackup() throws Exception {
        seed();
        w.sb.plex.watchlistRemove(SEVERANCE.plexKey());
        CliRun removal = w.sync();
        assertEquals(ExitCode.OK, removal.code, removal.toString());
        String backup = Files.list(w.dir.resolve("backups")).map(p -> p.getFileName().toString()).sorted()
                .reduce((a, c) -> c).orElseThrow();
        Before b = before();
        CliRun r = why("--why", "severance");
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(r.out.contains("- SIMKL  Severance (2022)  [removed from Plex]  done  (rule removed-on-plex, backup "
                + backup + ", run "), r.out);
        assertTrue(r.out.contains("Plex:  not on the watchlist") && r.out.contains("SIMKL: in no list"), r.out);
        assertUnchanged(b);
        JsonNode doc = Json.MAPPER.readTree(why("--why", "simkl:" + SEVERANCE.simkl(), "--json").out);
        assertEquals("why", doc.path("command").asText());
        assertEquals("removed-on-plex", doc.at("/journal/0/rule").asText(), doc.toString());
        assertEquals(backup, doc.at("/journal/0/backup").asText());
        assertFalse(doc.at("/plex/on_watchlist").asBoolean());
    }

    @Test
    void aTitleMovedToCompletedOnSimklIsExplainedBothWays() throws Exception {
        seed();
        w.sb.simkl.put(DUNE.simkl(), "completed");
        w.sb.simkl.watched(DUNE.simkl(), 1);
        Before b = before();
        CliRun pending = why("--why", "dune part two");
        assertTrue(pending.out.contains("Next sync:\n  remove from Plex (rule moved-on-simkl): moved on SIMKL from "
                + "Plan to Watch to completed"), pending.out);
        assertUnchanged(b);
        assertEquals(ExitCode.OK, w.sync().code);
        CliRun after = why("--why", "dune 2024");
        assertTrue(after.out.contains("SIMKL: completed (watched"), after.out);
        assertTrue(after.out.contains("(rule moved-on-simkl, backup "), after.out);
    }

    @Test
    void anUnresolvedTitleShowsItsTriesAndNextTry() throws Exception {
        w.config("{}");
        w.simklHas(OBSCURE);
        w.plexHas(ARRIVAL);
        assertEquals(ExitCode.PARTIAL, w.sync().code);
        CliRun r = why("--why", "a very obscure documentary");
        assertEquals(ExitCode.OK, r.code, r.toString());
        // the first sync ends a second later than it began: its last POST (whose SIMKL account this is) is paced
        assertTrue(r.out.matches("(?s).*Unresolved: not found on plex \\(.*\\), first seen .*, 1 try, next try in "
                + "5 h 58 min, "
                + "at 18:01:00\n.*"), r.out);
        assertTrue(r.out.contains("(rule unresolved-waiting)"), r.out);
        assertTrue(r.out.contains("not-found") || r.out.contains("  + Plex   A Very Obscure Documentary (2019)  [on "
                + "SIMKL (first run: adds only)]  not found"), "the journal has the failed add: " + r.out);
    }

    @Test
    void aRemovalTheGuardWithholdsNamesTheExactMaxDelete() throws Exception {
        seed();
        for (var t : List.of(ARRIVAL, DUNE, SEVERANCE)) w.sb.plex.watchlistRemove(t.plexKey());
        CliRun r = why("--why", "arrival");
        assertTrue(r.out.contains("withheld: remove from SIMKL (rule deletion-guard)"), r.out);
        assertTrue(r.out.contains("To allow it once: plex_simkl_sync --dir " + w.dir + " --sync --max-delete 3"),
                r.out);
    }

    @Test
    void anAmbiguousQueryListsEachTitleWithTheCommandThatPicksIt() throws Exception {
        w.config("{}");
        w.plexHas(COLLIDE_MOVIE);
        w.simklHas(COLLIDE_SHOW);
        assertEquals(ExitCode.OK, w.sync().code);
        CliRun r = why("--why", "collision");
        assertEquals(ExitCode.USAGE, r.code, r.toString());
        assertTrue(r.out.contains(". Collision (Film) (2013), movie") && r.out.contains(". Collision (Series) "
                + "(2009), show"), r.out);
        assertTrue(r.out.contains("plex_simkl_sync --dir " + w.dir + " --why simkl:" + COLLIDE_MOVIE.simkl()), r.out);
        assertTrue(r.out.contains("--why simkl:" + COLLIDE_SHOW.simkl()), r.out);
        assertTrue(r.err.contains("names 2 titles"), r.err);
        CliRun picked = why("--why", "simkl:" + COLLIDE_SHOW.simkl());
        assertEquals(ExitCode.OK, picked.code, picked.toString());
        assertTrue(picked.out.startsWith("Collision (Series) (2009), show"), picked.out);
        CliRun byTmdb = why("--why", "tmdb:4242");
        assertEquals(ExitCode.USAGE, byTmdb.code, "a tmdb id names a movie and a show: " + byTmdb.out);
    }

    @Test
    void anUnknownTitleIsOneLineAndExitOne() throws Exception {
        seed();
        CliRun r = why("--why", "no such film");
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertEquals("", r.out);
        assertTrue(r.err.contains("Nothing named \"no such film\""), r.err);
        assertEquals(ExitCode.USAGE, why("--why", "!!").code, "a query of no words is a usage error");
    }

    @Test
    void offlineAsksNoServiceAndStillTellsTheJournal() throws Exception {
        seed();
        w.sb.plex.watchlistRemove(SEVERANCE.plexKey());
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.clearLog();
        w.sb.simkl.clearLog();
        CliRun r = why("--why", "severance", "--offline");
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(0, w.sb.plex.requests().size() + w.sb.simkl.requests().size(), "no request at all");
        assertTrue(r.out.contains("Now: not read (--offline)"), r.out);
        assertTrue(r.out.contains("[removed from Plex]  done"), r.out);
        assertTrue(r.out.contains("Next sync: not worked out offline"), r.out);
    }

    @Test
    void theJournalListsTheLastActionsNewestFirstInEachFormat() throws Exception {
        seed();
        w.sb.plex.watchlistRemove(SEVERANCE.plexKey());
        w.plexHas(SHOGUN);
        assertEquals(ExitCode.OK, w.sync().code);
        Path journal = w.dir.resolve("journal.jsonl");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(journal)));
        CliRun two = why("--journal", "2");
        assertEquals(2, two.out.lines().count(), two.out);
        CliRun one = why("--journal", "1");
        assertEquals(1, one.out.lines().count(), one.out);
        assertTrue(one.out.contains("Severance"), "newest first: the removal came after the add: " + one.out);
        w.sb.simkl.put(DUNE.simkl(), "completed");
        assertEquals(ExitCode.OK, w.sync().code);
        CliRun all = why("--journal");
        assertEquals(3, all.out.lines().count(), all.out);
        assertTrue(all.out.lines().findFirst().orElseThrow().contains("Dune"), "newest first: " + all.out);
        String tsv = why("--journal", "--format", "tsv").out;
        tsv.lines().forEach(l -> assertEquals(13, l.split("\t", -1).length, l));
        JsonNode doc = Json.MAPPER.readTree(why("--journal", "1", "--json").out);
        assertEquals(1, doc.path("entries").size());
        assertEquals(0, doc.path("unreadable").asInt());
    }

    @Test
    void aRunKilledMidWritesLeavesAWholeJournalThatTheNextRunExtends() throws Exception {
        seed();
        for (var t : List.of(SHOGUN, FRIEREN, SUZUME, THE_BEAR)) w.simklHas(t); // four Plex writes, one by one
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        CliRun killed = w.cli().beforeWrite(a -> {
            if (n.getAndIncrement() >= 2) throw new IllegalStateException("killed");
        })
                .run("--sync", "--dir", w.dir.toString());
        assertNotEquals(ExitCode.OK, killed.code);
        Path journal = w.dir.resolve("journal.jsonl");
        // the kill also cut a line short, as a kill during a write may
        Files.writeString(journal, "{\"at\":\"2026-11-24T12:09:00Z\",\"run\":\"x\",\"si", StandardOpenOption.APPEND);
        JsonNode cut = Json.MAPPER.readTree(why("--journal", "50", "--json").out);
        assertEquals(1, cut.path("unreadable").asInt());
        assertEquals(2, cut.path("entries").size(), "the two adds before the kill, read whole");
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        for (String line : Files.readAllLines(journal)) Json.MAPPER.readTree(line); // every line whole again
        CliRun listed = why("--journal", "50", "--json");
        JsonNode doc = Json.MAPPER.readTree(listed.out);
        assertEquals(0, doc.path("unreadable").asInt());
        assertEquals(4, doc.path("entries").size(), "the two adds before the kill and the two after: " + listed.out);
    }
}
