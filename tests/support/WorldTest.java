package support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import sandbox.Title;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

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
