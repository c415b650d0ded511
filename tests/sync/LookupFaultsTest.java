package sync;

import cli.ExitCode;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import sandbox.Emulator.Fault;
import sandbox.Title;
import support.CliRun;
import support.SyncWorld;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/**
 * A lookup of a title's ids that fails for a fault of the service (an error status, throttling
 * that does not end, no answer, an answer that is not one) is not an answer that the title does
 * not exist: the title waits for the next run, which finds it. Only a clean answer without it
 * files it in the unresolved ledger.
 */
class LookupFaultsTest {
    /** One fault on Plex's lookup routes for a whole run, and how the report names it. */
    record Case(String name, Fault fault, String said) {
        @Override public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(new Case("503", Fault.status(503), "(HTTP 503)"),
                new Case("429 storm", Fault.status(429, "1"), "(HTTP 429)"),
                new Case("no answer", Fault.truncated(), "(no answer)"),
                new Case("html", Fault.notAList("html"), "(an answer it could not read)"));
    }

    @TempDir Path tmp;
    private SyncWorld w;

    /** Lists synced once. */
    @BeforeEach
    void seeded() {
        w = new SyncWorld(tmp);
        w.bothHave(List.of(DUNE, PAST_LIVES));
        CliRun first = w.sync();
        assertEquals(ExitCode.OK, first.code, first.toString());
    }

    @AfterEach
    void close() {
        w.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aTitleWhoseLookupFailedWaitsForTheNextRunAndIsNotFiledAsNotFound(Case c) throws Exception {
        // new on Plex, listed without ids: Plex's metadata gives them, or answers that it has none (The Terminator)
        w.sb.plex.listedWithoutIds(ARRIVAL.plexKey());
        w.sb.plex.listedWithoutIds(TERMINATOR.plexKey());
        w.sb.plex.metadataMissing(TERMINATOR.plexKey());
        w.plexHas(ARRIVAL, TERMINATOR);
        w.simklHas(SEVERANCE); // new on SIMKL: looked up on Plex by its ids before it is added there
        w.sb.plex.inject("GET", "/library/metadata/" + ARRIVAL.plexKey(), c.fault(), 1000);
        w.sb.plex.inject("GET", "/library/metadata/matches", c.fault(), 1000);

        CliRun faulted = w.sync();
        assertEquals(ExitCode.PARTIAL, faulted.code, faulted.toString());
        assertTrue(faulted.out.contains("Arrival (2016): Plex did not answer the lookup of its ids " + c.said()
                + "; nothing was sent for it, it is tried again on the next run"), faulted.toString());
        assertTrue(faulted.out.contains("Severance (2022)  [new on SIMKL] -> failed: "), faulted.toString());
        assertFalse(faulted.all().contains("Exception"), faulted.toString());
        assertEquals(Set.of("The Terminator"), ledger(), "only the title Plex answered it lacks is unresolved");
        assertEquals("simkl", w.state().path("unresolved").get(0).path("missing_on").asText());
        assertFalse(simklPtw().contains("Arrival"));
        assertEquals(0, addsOf(ARRIVAL), "SIMKL was sent nothing for it");
        assertNull(record(ARRIVAL), "no record of it");

        w.sb.plex.clearFaults();
        CliRun clean = w.sync();
        assertEquals(ExitCode.OK, clean.code, clean.toString());
        assertTrue(simklPtw().contains("Arrival"), clean.toString());
        assertEquals(1, addsOf(ARRIVAL), "added by its full ids, once");
        assertTrue(plexTitles().contains("Severance"), clean.toString());
        assertEquals(Set.of("The Terminator"), ledger(), clean.toString());
        assertEquals(1, w.state().path("unresolved").get(0).path("attempts").asInt(), "not tried again yet");
    }

    /** A title both lists had: while its lookup fails, its record stands and the person's removal waits. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aSyncedTitleWhoseLookupFailedKeepsItsRecordAndItsRemovalWaits(Case c) throws Exception {
        JsonNode recordBefore = record(PAST_LIVES);
        assertNotNull(recordBefore);
        w.sb.simkl.delete(PAST_LIVES.simkl());
        w.sb.plex.listedWithoutIds(PAST_LIVES.plexKey());
        w.sb.plex.inject("GET", "/library/metadata/" + PAST_LIVES.plexKey(), c.fault(), 1000);

        CliRun faulted = w.sync();
        assertEquals(ExitCode.PARTIAL, faulted.code, faulted.toString());
        assertTrue(faulted.out.contains("Past Lives (2023): Plex did not answer the lookup of its ids " + c.said()),
                faulted.toString());
        assertTrue(plexTitles().contains("Past Lives"), "not removed while its lookup fails: " + faulted);
        assertEquals(recordBefore, record(PAST_LIVES), "its record as it was");
        assertEquals(0, w.state().path("unresolved").size());

        w.sb.plex.clearFaults();
        CliRun clean = w.sync();
        assertEquals(ExitCode.OK, clean.code, clean.toString());
        assertEquals(Set.of("Dune: Part Two"), plexTitles(), "the removal carried over: " + clean);
        assertNull(record(PAST_LIVES));
    }

    /** The snapshot's record of a title, found by its Plex id; null when there is none. */
    private JsonNode record(Title t) throws Exception {
        for (JsonNode e : w.state().path("snapshot").path("items")) {
            if (t.plexKey().equals(e.path("ids").path("plex").asText())) return e;
        }
        return null;
    }

    /** SIMKL writes that carried the title by its IMDb id (which only the lookup gives). */
    private long addsOf(Title t) {
        return w.sb.simkl.count(l -> l.is("POST", "/sync/add-to-list") && l.body().contains(t.imdb()));
    }

    private Set<String> ledger() throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode u : w.state().path("unresolved")) out.add(u.path("title").asText());
        return Set.copyOf(out);
    }

    private Set<String> simklPtw() {
        return w.sb.simkl.inStatus("plantowatch").stream().map(Title::title).collect(Collectors.toSet());
    }

    private Set<String> plexTitles() {
        return w.sb.plex.watchlist().stream().map(Title::title).collect(Collectors.toSet());
    }
}
