package cli;

import org.junit.jupiter.api.Test;
import support.CliRun;
import support.WorldTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/** How the tool behaves under cron, a pipe or a service manager: --quiet, time stamps, --watch rounds. */
class CronTest extends WorldTest {
    /** The interval of the --watch runs here: the sleeps the tests count. */
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    private void writeConfig(String text) {
        try {
            Files.writeString(w.dir.resolve("config.json"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void quietPrintsNothingWhenNothingChangedAndTheReportWhenSomethingDid() {
        w.bothHave(List.of(ARRIVAL, DUNE));
        assertEquals(ExitCode.OK, w.sync().code);

        CliRun calm = w.sync("--quiet");
        assertEquals(ExitCode.OK, calm.code, calm.toString());
        assertEquals("", calm.out, "nothing on stdout when nothing changed");
        assertEquals("", calm.err, "nothing on stderr either");

        w.plexHas(SEVERANCE);
        CliRun busy = w.sync("-q");
        assertEquals(ExitCode.OK, busy.code, busy.toString());
        assertTrue(busy.out.contains("+ SIMKL  Severance (2022)"), busy.out);
        assertTrue(busy.out.contains("→ EQUAL"), busy.out);
        assertFalse(busy.err.contains("Using folder") || busy.err.contains("====="),
                "no banner, no information lines: " + busy.err);
    }

    @Test
    void quietStillReportsAWithheldRemoval() {
        w.bothHave(List.of(ARRIVAL, DUNE, SEVERANCE));
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.watchlistRemove(ARRIVAL.plexKey(), DUNE.plexKey(), SEVERANCE.plexKey());
        CliRun r = w.sync("--quiet");
        assertEquals(ExitCode.GUARD, r.code, r.toString());
        assertTrue(r.out.contains("withheld"), r.out);
    }

    @Test
    void logLinesOutsideATerminalStartWithTheTime() {
        w.plexHas(ARRIVAL);
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        for (String line : r.err.lines().toList()) {
            assertTrue(line.matches("2026-11-24T12:\\d\\d:\\d\\dZ .*"), "every stderr line is stamped: " + line);
        }
    }

    @Test
    void watchPrintsEachRoundsActionsAndReadsConfigJsonAgainEveryRound() throws Exception {
        w.bothHave(List.of(ARRIVAL, DUNE));
        assertEquals(ExitCode.OK, w.sync().code);
        int[] sleeps = {0};
        CliRun r = w.cli().sleeper(d -> {
            if (!d.equals(TEN_MINUTES)) return; // the watch's own wait, not a pause of a round's requests
            switch (++sleeps[0]) {
                case 1 -> w.plexHas(SEVERANCE);
                case 2 -> {
                    // the person turns removals off in config.json and removes a title on Plex
                    writeConfig("{\"sync\": {\"enable_remove\": false}}");
                    w.sb.plex.watchlistRemove(DUNE.plexKey());
                }
                default -> throw new InterruptedException("SIGTERM");
            }
        }).run("--watch", "10m", "--dir", w.dir.toString());
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(r.out.contains("  + SIMKL  Severance (2022)"), "round 2's action line: " + r.out);
        assertTrue(r.err.contains("config.json changed: this round uses the new settings"), r.err);
        assertTrue(simklPtw().contains("Dune: Part Two"), "round 3 read enable_remove=false and removed nothing");
        assertEquals(3, r.out.lines().filter(l -> l.contains(" sync: exit 0")).count(), r.out);
    }

    @Test
    void watchKeepsTheLastGoodSettingsWhenConfigJsonBreaksMidEdit() throws Exception {
        w.config("{\"enable_remove\": false}");
        w.bothHave(List.of(ARRIVAL, DUNE));
        assertEquals(ExitCode.OK, w.sync().code);
        int[] sleeps = {0};
        CliRun r = w.cli().sleeper(d -> {
            if (!d.equals(TEN_MINUTES)) return;
            if (++sleeps[0] == 1) {
                writeConfig("{\"sync\": {\"enable_remove\": tru");
                w.sb.plex.watchlistRemove(DUNE.plexKey());
            } else {
                throw new InterruptedException("SIGTERM");
            }
        }).run("--watch", "10m", "--dir", w.dir.toString());
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(r.err.contains("keeps the settings that were in effect before the edit"), r.err);
        assertTrue(simklPtw().contains("Dune: Part Two"), "the old enable_remove=false still held");
    }

    @Test
    void quietWatchPrintsOnlyRoundsThatDidSomething() throws Exception {
        w.bothHave(List.of(ARRIVAL));
        assertEquals(ExitCode.OK, w.sync().code);
        int[] sleeps = {0};
        CliRun r = w.cli().sleeper(d -> {
            if (!d.equals(TEN_MINUTES)) return; // the watch's own wait, not a pause of a round's requests
            switch (++sleeps[0]) {
                case 1 -> { }
                case 2 -> w.plexHas(DUNE);
                default -> throw new InterruptedException("SIGTERM");
            }
        }).run("--watch", "10m", "--quiet", "--dir", w.dir.toString());
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(1, r.out.lines().filter(l -> l.contains(" sync: exit 0, 1 action,")).count(), r.out);
        assertEquals(2, r.out.lines().count(), "one round line and its action line: " + r.out);
        assertEquals("", r.err, "no start or stop lines with --quiet");
    }

    @Test
    void watchRefusesAnIntervalUnderTheFloorAgainstTheRealSimkl() {
        CliRun r = w.cli().env("PLEX_SIMKL_SYNC_SIMKL_API_URL", "https://api.simkl.com").run("--watch", "1m", "--dir",
                w.dir.toString());
        assertEquals(ExitCode.USAGE, r.code, r.toString());
        assertTrue(r.err.contains("--watch 1m is too often for SIMKL") && r.err.contains("use 5m or more"), r.err);
        assertTrue(w.sb.simkl.requests().isEmpty() && w.sb.plex.requests().isEmpty(), "nothing was called");
    }

    @Test
    void countsAreSingularForOne() {
        w.sb.simkl.put(DUNE.simkl(), "plantowatch");
        w.plexHas(ARRIVAL);
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.watchlistRemove(ARRIVAL.plexKey());
        CliRun r = w.cli().run("--list", "plex", "--dir", w.dir.toString());
        assertTrue(r.err.contains("Plex watchlist: 1 title") && !r.err.contains("1 titles"), r.err);
        assertEquals(Set.of("Dune: Part Two"), plexTitles());
    }
}
