package sync;

import cli.ExitCode;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sandbox.Emulator.Fault;
import support.CliRun;
import support.WorldTest;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/**
 * A read that is not a list is a failed read, never an empty list: a redirect elsewhere, a 204, an
 * empty 200, a web page or JSON of another shape, on any read of either service. The run exits 1
 * and writes nothing; a redirect on the service's own host is followed.
 */
class NotAListTest extends WorldTest {

    /** Both sides seeded with three titles; then the person removes Dune on Plex and adds Past Lives on SIMKL. */
    private JsonNode seededThenEdited() throws Exception {
        w.bothHave(List.of(ARRIVAL, DUNE, SEVERANCE));
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.watchlistRemove(DUNE.plexKey());
        w.simklHas(PAST_LIVES);
        return w.state();
    }

    @ParameterizedTest(name = "{0} on {1} {2}")
    @CsvSource({
            "redirect-away, plex, /library/sections/watchlist",
            "no-content, plex, /library/sections/watchlist",
            "empty-body, plex, /library/sections/watchlist",
            "html, plex, /library/sections/watchlist",
            "wrong-shape, plex, /library/sections/watchlist",
            "redirect-away, simkl, /sync/all-items",
            "no-content, simkl, /sync/all-items",
            "empty-body, simkl, /sync/all-items",
            "html, simkl, /sync/all-items",
            "wrong-shape, simkl, /sync/all-items",
            "redirect-away, simkl, /sync/activities",
            "no-content, simkl, /sync/activities",
            "empty-body, simkl, /sync/activities",
            "html, simkl, /sync/activities",
            "wrong-shape, simkl, /sync/activities",
    })
    void aReadThatIsNotAListFailsTheRunAndChangesNothing(String answer, String service, String path) throws Exception {
        JsonNode before = seededThenEdited();
        long writesBefore = w.sb.plex.writes() + w.sb.simkl.writes();
        (service.equals("plex") ? w.sb.plex : w.sb.simkl).inject("GET", path, Fault.notAList(answer), 10);
        CliRun r = w.sync();
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertEquals(writesBefore, w.sb.plex.writes() + w.sb.simkl.writes(), "nothing written: " + r);
        assertEquals(Set.of("Arrival", "Severance"), plexTitles(), "Past Lives was not added to Plex");
        assertEquals(Set.of("Arrival", "Dune: Part Two", "Severance", "Past Lives"), simklPtw(),
                "Dune was not removed from SIMKL");
        assertEquals(before, w.state(), "state.json as it was");
        assertFalse(r.all().contains("Exception"), r.all());
    }

    @ParameterizedTest(name = "a same-host redirect on {0} {1} is followed")
    @CsvSource({"plex, /library/sections/watchlist", "simkl, /sync/all-items", "simkl, /sync/activities"})
    void aRedirectOnTheServicesOwnHostIsFollowed(String service, String path) throws Exception {
        seededThenEdited();
        (service.equals("plex") ? w.sb.plex : w.sb.simkl).inject("GET", path, Fault.notAList("redirect"), 1);
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(Set.of("Arrival", "Severance", "Past Lives"), plexTitles());
        assertEquals(Set.of("Arrival", "Severance", "Past Lives"), simklPtw());
    }
}
