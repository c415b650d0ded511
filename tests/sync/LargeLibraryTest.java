package sync;

import cli.ExitCode;
import org.junit.jupiter.api.Test;
import sandbox.Catalogue;
import sandbox.Emulator.Logged;
import sandbox.SimklEmulator;
import sandbox.Title;
import support.CliRun;
import support.SyncWorld;
import support.WorldTest;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/**
 * SIMKL refuses a whole read with episode data over a size it does not publish (400 max_items),
 * the same however often it is asked; the anime list is always read that way. A large anime
 * library is then read one status at a time, and a first sync still finishes.
 */
class LargeLibraryTest extends WorldTest {
    @Test
    void aFirstSyncOfALargeAnimeLibraryReadsItOneStatusAtATime() {
        List<Title> anime = Catalogue.generatedAnime(1, SimklEmulator.MAX_ITEMS + 1);
        List<Title> titles = new ArrayList<>(Catalogue.demo());
        titles.addAll(anime);
        try (SyncWorld big = new SyncWorld(tmp.resolve("big"), titles)) {
            for (Title t : anime) big.sb.simkl.put(t.simkl(), "completed");
            big.sb.simkl.put(FRIEREN.simkl(), "plantowatch");
            big.plexHas(ARRIVAL);
            CliRun r = big.sync();
            assertEquals(ExitCode.OK, r.code, r.toString());
            assertTrue(big.sb.plex.watchlist().stream().anyMatch(t -> t.simkl() == FRIEREN.simkl().intValue()),
                    "the anime in Plan to Watch reached Plex: " + r.out);
            assertEquals(2, big.sb.plex.watchlist().size(), "no completed anime was put on Plex: " + r.out);
            assertEquals("plantowatch", big.sb.simkl.entry(ARRIVAL.simkl()).status);

            List<Logged> animeReads = big.sb.simkl.requests().stream()
                    .filter(l -> l.is("GET", "/sync/all-items/anime")).toList();
            assertEquals(400, animeReads.get(0).status(), "the whole read is refused: " + animeReads);
            assertEquals(List.of("/sync/all-items/anime/plantowatch", "/sync/all-items/anime/watching",
                    "/sync/all-items/anime/completed", "/sync/all-items/anime/hold",
                    "/sync/all-items/anime/dropped"), animeReads.subList(1, animeReads.size()).stream()
                            .map(Logged::path).toList(), "and not asked again: read status by status instead");
            assertTrue(animeReads.stream().allMatch(l -> "full_anime_seasons".equals(l.query().get("extended"))),
                    "each with the extended anime ids Plex matches by");

            big.sb.simkl.clearLog();
            CliRun again = big.sync();
            assertEquals(ExitCode.OK, again.code, again.toString());
            assertEquals(List.of("/sync/activities"), big.sb.simkl.requests().stream().map(Logged::path).toList(),
                    "the copy is kept like any other: an unchanged run asks one question");
        }
    }
}
