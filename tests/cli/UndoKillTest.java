package cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sandbox.Catalogue;
import sandbox.Emulator.Fault;
import sandbox.Title;
import support.CliRun;
import support.SyncWorld;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * An --undo stopped in the middle of its writes (a process of its own, against emulators that hold
 * back or slow its writes), by SIGKILL or by SIGTERM: a plain sync then writes nothing, and the same
 * --undo finishes. Starts processes and waits for them, so it is in the acceptance tier.
 */
@Tag("acceptance")
class UndoKillTest {
    @TempDir Path tmp;

    @Test
    void anUndoKilledMidWritesConvergesOnTheNextRuns() throws Exception {
        List<Title> titles = Catalogue.generated(1, 12);
        try (SyncWorld w = new SyncWorld(tmp, titles)) {
            for (Title t : titles) w.simklHas(t);
            CliRun first = w.sync();
            assertEquals(ExitCode.OK, first.code, first.toString());
            assertEquals(titles.size(), w.sb.plex.watchlist().size());
            Path journal = w.dir.resolve("journal.jsonl");
            int synced = Files.readAllLines(journal).size();
            String run = Files.readAllLines(journal).get(0).replaceAll(".*\"run\":\"([^\"]+)\".*", "$1");
            w.sb.plex.injectAfter("PUT", "/actions/removeFromWatchlist", Fault.held(new CountDownLatch(1)), 2,
                    Integer.MAX_VALUE);
            Process p = w.process(tmp.resolve("undo.log"), "--undo", run, "--max-delete", "20", "--dir",
                    w.dir.toString());
            writingWhen(p, journal, synced + 2, tmp.resolve("undo.log"),
                    "the undo must still be writing when it is killed: ");
            p.destroyForcibly().waitFor();
            w.sb.plex.clearFaults();
            int left = w.sb.plex.watchlist().size();
            assertTrue(left < titles.size() && left > 0, "killed midway: " + left);
            w.sb.simkl.clearLog();
            CliRun quiet = w.sync();
            assertEquals(ExitCode.OK, quiet.code, quiet.toString());
            assertEquals(0, w.sb.simkl.writes(), "what the undo took back is not carried over: " + quiet.out);
            assertEquals(left, w.sb.plex.watchlist().size(), "nor redone: " + quiet.out);
            sameUndoFinishesAndTheNextSyncIsQuiet(w, run, titles.size());
        }
    }

    /**
     * SIGTERM (docker stop, systemd, Ctrl-C's SIGINT alike) while the undo removes titles from Plex: the
     * removals under way finish and are journaled, one line says how far it came and what finishes it,
     * exit 143; a plain sync then writes nothing and the same --undo finishes.
     */
    @Test
    void anUndoStoppedBySigtermFinishesItsWritesUnderWayAndTheSameUndoFinishes() throws Exception {
        List<Title> titles = Catalogue.generated(1, 12);
        try (SyncWorld w = new SyncWorld(tmp, titles)) {
            for (Title t : titles) w.simklHas(t);
            CliRun first = w.sync();
            assertEquals(ExitCode.OK, first.code, first.toString());
            Path journal = w.dir.resolve("journal.jsonl");
            int synced = Files.readAllLines(journal).size();
            String run = Files.readAllLines(journal).get(0).replaceAll(".*\"run\":\"([^\"]+)\".*", "$1");
            // every removal answered, a little slowly: the stop comes while some are under way, and they finish
            w.sb.plex.inject("PUT", "/actions/removeFromWatchlist", Fault.latency(300), Integer.MAX_VALUE);
            Path log = tmp.resolve("undo.log");
            Process p = w.process(log, "--undo", run, "--max-delete", "20", "--dir", w.dir.toString());
            writingWhen(p, journal, synced + 2, log, "the undo must still be writing when it is stopped: ");
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stops promptly");
            String said = Files.readString(log);
            assertEquals(143, p.exitValue(), said);
            List<String> lines = said.lines().filter(l -> l.contains("Stopped after")).toList();
            assertEquals(1, lines.size(), "one line: " + said);
            Matcher m = Pattern.compile("\\[!] Stopped after (\\d+) of 12 actions \\(removed from Plex: .+\\); the "
                    + "same --undo " + Pattern.quote(run) + " finishes the rest\\. --journal lists each\\.$")
                    .matcher(lines.get(0));
            assertTrue(m.find(), lines.get(0));
            int n = Integer.parseInt(m.group(1));
            assertTrue(n >= 2 && n < 12, lines.get(0));
            assertEquals(synced + n, Files.readAllLines(journal).size(), "the count is the journal's");
            for (int i = 0; i < 3_000 && w.sb.plex.inFlight() > 0; i++) Thread.sleep(10);
            assertEquals(titles.size() - n, w.sb.plex.watchlist().size(), "every removal Plex received is journaled");
            w.sb.plex.clearFaults();
            w.sb.simkl.clearLog();
            w.sb.plex.clearLog();
            CliRun quiet = w.sync();
            assertEquals(ExitCode.OK, quiet.code, quiet.toString());
            assertEquals(0, w.sb.simkl.writes() + w.sb.plex.writes(), "what the undo took back stays so: " + quiet.out);
            sameUndoFinishesAndTheNextSyncIsQuiet(w, run, titles.size());
        }
    }

    /**
     * SIGTERM while --apply carries out a withheld plan of removals from Plex: the writes under way
     * finish and are journaled, and the stopped line says the truth for a plan marked applied before its
     * first write: it is used up, and the next --sync plans what is left (the guard holding it back again,
     * with a new plan to apply), which then ends with Plex as the person left SIMKL.
     */
    @Test
    void anApplyStoppedBySigtermSaysThePlanIsUsedUpAndTheNextSyncPlansTheRest() throws Exception {
        List<Title> all = Catalogue.generated(1, 15);
        List<Title> titles = all.subList(0, 12); // a movie and a show stay on both: no SIMKL list reads as empty
        try (SyncWorld w = new SyncWorld(tmp, all)) {
            w.config("{\"max_delete\": 1}");
            for (Title t : all) w.simklHas(t);
            assertEquals(ExitCode.OK, w.sync().code);
            for (Title t : titles) w.sb.simkl.delete(t.simkl());
            CliRun guarded = w.sync();
            assertEquals(ExitCode.GUARD, guarded.code, guarded.toString());
            Path plan = keptPlan(guarded);
            Path journal = w.dir.resolve("journal.jsonl");
            int before = Files.readAllLines(journal).size();
            w.sb.plex.inject("PUT", "/actions/removeFromWatchlist", Fault.latency(300), Integer.MAX_VALUE);
            Path log = tmp.resolve("apply.log");
            Process p = w.process(log, "--apply", plan.toString(), "--dir", w.dir.toString());
            writingWhen(p, journal, before + 2, log, "the apply must still be writing when it is stopped: ");
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stops promptly");
            String said = Files.readString(log);
            assertEquals(143, p.exitValue(), said);
            List<String> lines = said.lines().filter(l -> l.contains("Stopped after")).toList();
            assertEquals(1, lines.size(), "one line: " + said);
            assertTrue(lines.get(0).contains("; this plan is used up: the next --sync plans what is left again"),
                    lines.get(0));
            assertFalse(said.contains("the next run finishes the rest"), said);
            for (int i = 0; i < 3_000 && w.sb.plex.inFlight() > 0; i++) Thread.sleep(10);
            w.sb.plex.clearFaults();
            int left = w.sb.plex.watchlist().size();
            assertTrue(left > 3 && left < all.size(), "stopped midway: " + left);
            assertEquals(ExitCode.USAGE, w.cli().run("--apply", plan.toString(), "--dir", w.dir.toString()).code,
                    "the plan is used up");
            CliRun next = w.sync();
            Path again = left > 4 ? keptPlan(next) : null;
            if (again != null) {
                assertEquals(ExitCode.GUARD, next.code, next.toString());
                CliRun applied = w.cli().run("--apply", again.toString(), "--dir", w.dir.toString());
                assertEquals(ExitCode.OK, applied.code, applied.toString());
            } else {
                assertEquals(ExitCode.OK, next.code, next.toString());
            }
            assertEquals(3, w.sb.plex.watchlist().size(), "Plex as the person left SIMKL");
        }
    }

    private static Path keptPlan(CliRun guarded) {
        String line = guarded.out.lines().filter(l -> l.startsWith("The plan held back is kept in ")).findFirst()
                .orElseThrow(() -> new AssertionError(guarded.toString()));
        return Path.of(line.substring(line.indexOf(" --apply ") + " --apply ".length()));
    }

    /** Waits until the journal of the process {@code p} holds {@code lines} lines; it must still be writing then. */
    private static void writingWhen(Process p, Path journal, int lines, Path log, String why) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(until) && p.isAlive() && Files.readAllLines(journal).size() < lines) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), why + Files.readString(log));
    }

    /** The same --undo RUN takes back what is left; SIMKL is as the person had it, and a sync then writes nothing. */
    private static void sameUndoFinishesAndTheNextSyncIsQuiet(SyncWorld w, String run, int titles) {
        CliRun finish = w.cli().run("--undo", run, "--max-delete", "20", "--dir", w.dir.toString());
        assertEquals(ExitCode.OK, finish.code, finish.toString());
        assertEquals(0, w.sb.plex.watchlist().size(), finish.out);
        assertEquals(titles, w.sb.simkl.inStatus("plantowatch").size(), "SIMKL as the person had it");
        w.sb.simkl.clearLog();
        CliRun after = w.sync();
        assertEquals(ExitCode.OK, after.code, after.toString());
        assertEquals(0, w.sb.simkl.writes(), after.out);
        assertEquals(0, w.sb.plex.watchlist().size(), after.out);
    }
}
