package sync;

import cli.ExitCode;
import org.junit.jupiter.api.Test;
import sandbox.Title;
import support.CliRun;
import support.SyncWorld;
import support.WorldTest;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/** The fewest requests: an unchanged run reads Plex pages and asks SIMKL one question; known Plex ids are reused. */
class RequestCountTest extends WorldTest {
    @Test
    void anUnchangedRunIsPlexPagesAndOneSimklActivitiesCallOnly() throws Exception {
        List<Title> many = sandbox.Catalogue.generated(1, 250);
        try (SyncWorld big = new SyncWorld(tmp.resolve("big"), many)) {
            for (Title t : many) big.plexHas(t);
            for (Title t : many.subList(0, 200)) big.simklHas(t);
            assertEquals(ExitCode.OK, big.sync().code, "first run writes to SIMKL and verifies");
            big.sb.plex.clearLog();
            big.sb.simkl.clearLog();
            CliRun r = big.sync();
            assertEquals(ExitCode.OK, r.code, r.toString());
            assertEquals(3, big.sb.plex.requests().size(), "3 watchlist pages, nothing else");
            assertEquals(List.of("/sync/activities"), big.sb.simkl.requests().stream().map(l -> l.path()).toList(),
                    "SIMKL lists are not re-read when activities did not move");
            big.sb.simkl.put(many.get(240).simkl(), "completed");
            big.sb.simkl.clearLog();
            big.sync();
            assertEquals(List.of("/sync/activities", "/sync/all-items/" + many.get(240).bucket()),
                    big.sb.simkl.requests().stream().map(l -> l.path()).toList(),
                            "only the bucket that moved is re-read");
        }
    }

    @Test
    void aPlexIdKnownFromTheSnapshotIsReusedWithoutALookup() throws Exception {
        w.config("{\"bidirectional\": {\"enabled\": true, \"mode\": \"mirror\", \"source_of_truth\": \"simkl\"}}");
        w.plexHas(ARRIVAL, SEVERANCE, DUNE, SHOGUN, THE_BEAR, PAST_LIVES);
        w.simklHas(ARRIVAL, SEVERANCE, DUNE, SHOGUN, THE_BEAR, PAST_LIVES);
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.watchlistRemove(DUNE.plexKey());
        w.sb.plex.clearLog();
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(plexTitles().contains("Dune: Part Two"));
        assertEquals(0, w.sb.plex.count("GET", "/library/metadata/matches"), "the snapshot's ratingKey is reused");
        assertEquals(1, w.sb.plex.count("PUT", "/actions/addToWatchlist"));
    }
}
