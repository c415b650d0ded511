package sync;

import cli.ExitCode;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sandbox.Emulator.Fault;
import sandbox.Emulator.Logged;
import support.CliRun;
import support.WorldTest;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/**
 * SIMKL's stamps can move for a change that no read shows: a title added and deleted between two
 * runs, a rating gone with its title. Asking again every run would be the polling SIMKL suspends
 * apps for; so a change is asked for again only while a read could still show it, and a few runs
 * or an hour at most. Then the stamps are taken and the runs settle to one request.
 */
class SettlingReadsTest extends WorldTest {
    @BeforeEach
    void synced() {
        w.bothHave(List.of(ARRIVAL, DUNE, SEVERANCE, THE_BEAR));
        assertEquals(ExitCode.OK, w.sync().code);
    }

    private List<String> simklPaths() {
        return w.sb.simkl.requests().stream().map(Logged::path).toList();
    }

    @Test
    void aTitleAddedAndDeletedBetweenTwoRunsIsSettledByTheRunThatSeesIt() {
        w.sb.simkl.put(SHOGUN.simkl(), "plantowatch");
        w.sb.simkl.delete(SHOGUN.simkl());
        w.sb.simkl.clearLog();
        CliRun seen = w.sync();
        assertEquals(ExitCode.OK, seen.code, seen.toString());
        assertEquals(List.of("/sync/activities", "/sync/all-items/shows", "/sync/all-items/shows"), simklPaths(),
                "what is still there (minified) and what changed (delta), once");
        for (int run = 0; run < 5; run++) {
            w.sb.simkl.clearLog();
            CliRun r = w.sync();
            assertEquals(ExitCode.OK, r.code, r.toString());
            assertEquals(List.of("/sync/activities"), simklPaths(),
                    "run " + run + ": the minified read showed every title and no other, so nothing is pending");
        }
        assertEquals(List.of("Arrival", "Dune: Part Two", "Severance", "The Bear"),
                plexTitles().stream().sorted().toList());
    }

    @Test
    void aTitleTheMinifiedReadShowsButTheDeltaDoesNotIsAskedForAgain() throws Exception {
        w.sb.simkl.delete(SEVERANCE.simkl());
        w.sb.simkl.put(SHOGUN.simkl(), "plantowatch");
        // the minified read already shows Shogun; the delta right after it does not yet (SIMKL's lists trail)
        w.sb.simkl.injectAfter("GET", "/sync/all-items/shows", Fault.empty(), 1, 1);
        CliRun lagging = w.sync();
        assertEquals(ExitCode.OK, lagging.code, lagging.toString());
        assertFalse(plexTitles().contains("Severance"), "the deletion is taken: " + lagging.out);
        assertFalse(plexTitles().contains("Shogun"));
        JsonNode pending = w.state().path("simkl").path("retries").path("shows");
        assertEquals(1, pending.path("runs").asInt(), "state.json counts the retry: " + w.state().path("simkl"));

        CliRun next = w.sync();
        assertEquals(ExitCode.OK, next.code, next.toString());
        assertTrue(plexTitles().contains("Shogun"), "the next run asks again and finds it: " + next.out);
        assertTrue(w.state().path("simkl").path("retries").isEmpty(), w.state().path("simkl").toString());
    }

    @Test
    void aRatingGoneWithItsTitleIsAskedAboutForAFewRunsThenTheRunsSettle() throws Exception {
        w.sb.simkl.rate(SEVERANCE.simkl(), 7);
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.simkl.delete(SEVERANCE.simkl());
        w.sb.simkl.clearLog();
        for (int run = 0; run < 10; run++) {
            CliRun r = w.sync();
            assertEquals(ExitCode.OK, r.code, "run " + run + ": " + r);
        }
        assertFalse(plexTitles().contains("Severance"));
        long ratingReads = w.sb.simkl.count("GET", "/sync/ratings");
        assertEquals(ReadRetries.RUNS, ratingReads, "no ratings read can show a rating deleted with its title: "
                + "asked " + ReadRetries.RUNS + " times, not every run");
        List<Logged> wholeReads = w.sb.simkl.requests().stream()
                .filter(l -> l.is("GET", "/sync/all-items") && !l.query().containsKey("date_from")
                        && !l.query().containsKey("extended")).toList();
        assertEquals(List.of("/sync/all-items/shows"), wholeReads.stream().map(Logged::path).toList(),
                "then the list is read whole once, which settles it");
        w.sb.simkl.clearLog();
        assertEquals(ExitCode.OK, w.sync().code);
        assertEquals(List.of("/sync/activities"), simklPaths());
        assertTrue(w.state().path("simkl").path("retries").isEmpty(), w.state().path("simkl").toString());
        assertEquals(0, w.sb.simkl.count(l -> l.status() == 429), "nothing refused");
    }

    @Test
    void aChangeNoReadShowsIsNotAskedForPastAnHour() {
        w.sb.simkl.rate(THE_BEAR.simkl(), 9);
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.simkl.delete(THE_BEAR.simkl());
        w.sb.simkl.clearLog();
        for (int run = 0; run < 6; run++) { // cron every 30 minutes
            w.sb.clock.advance(Duration.ofMinutes(29));
            CliRun r = w.sync();
            assertEquals(ExitCode.OK, r.code, "run " + run + ": " + r);
        }
        assertEquals(2, w.sb.simkl.count("GET", "/sync/ratings"),
                "asked at the first run and half an hour later; an hour after the first, the list is read whole");
    }
}
