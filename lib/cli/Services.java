package cli;

import plex.PlexClient;
import simkl.SimklClient;

/** Both service clients of one run, built from its settings and HTTP policy ({@link Session#services}). */
final class Services implements AutoCloseable {
    final PlexClient plex;
    final SimklClient simkl;

    Services(PlexClient plex, SimklClient simkl) {
        this.plex = plex;
        this.simkl = simkl;
    }

    @Override
    public void close() {
        plex.close();
        simkl.close();
    }
}
