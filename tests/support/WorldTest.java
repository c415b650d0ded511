package support;

import cli.ExitCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import sandbox.Title;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sandbox.Catalogue.ARRIVAL;
import static sandbox.Catalogue.DUNE;
import static sandbox.Catalogue.SEVERANCE;
import static sandbox.Catalogue.SHOGUN;
import static sandbox.Catalogue.THE_BEAR;

/** A test with a fresh {@link SyncWorld} (both emulators and a config folder) per test method. */
public abstract class WorldTest {
    @TempDir protected Path tmp;
    protected SyncWorld w;

    @BeforeEach
    void openWorld() {
        w = new SyncWorld(tmp);
    }

    @AfterEach
    void closeWorld() {
        w.close();
    }

    /** The command line, with {@code --dir} this world's config folder after {@code args}. */
    protected CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--dir");
        all.add(w.dir.toString());
        return w.cli().run(all.toArray(new String[0]));
    }

    /**
     * Arrival, Severance and Dune on both lists after a first sync; then the person adds Shogun on Plex and
     * The Bear on SIMKL and removes Severance from Plex, and a sync carries all three. Answers that run's
     * id, from the undo command its report ends with.
     */
    protected String editedAndSynced() {
        w.plexHas(ARRIVAL, SEVERANCE, DUNE);
        w.simklHas(ARRIVAL, SEVERANCE, DUNE);
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.watchlistAdd(SHOGUN.plexKey());
        w.sb.simkl.put(THE_BEAR.simkl(), "plantowatch");
        w.sb.plex.watchlistRemove(SEVERANCE.plexKey());
        CliRun sync = w.sync();
        assertEquals(ExitCode.OK, sync.code, sync.toString());
        assertEquals(Set.of("Arrival", "Dune: Part Two", "Shogun", "The Bear"), simklPtw());
        assertEquals(Set.of("Arrival", "Dune: Part Two", "Shogun", "The Bear"), plexTitles());
        String last = sync.out.lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.startsWith("To undo this run: plex_simkl_sync --dir "), "the report ends with it: " + sync.out);
        return last.substring(last.indexOf(" --undo ") + " --undo ".length());
    }

    /** The titles on the Plex emulator's watchlist, by their catalogue (SIMKL) names, so both sides compare. */
    protected Set<String> plexTitles() {
        return w.sb.plex.watchlist().stream().map(Title::title).collect(Collectors.toSet());
    }

    /** The titles on the Plex emulator's watchlist as Plex names them. */
    protected Set<String> plexNames() {
        return w.sb.plex.watchlist().stream().map(Title::plexTitle).collect(Collectors.toSet());
    }

    /** The titles in the SIMKL emulator's Plan to Watch. */
    protected Set<String> simklPtw() {
        return w.sb.simkl.inStatus("plantowatch").stream().map(Title::title).collect(Collectors.toSet());
    }
}
