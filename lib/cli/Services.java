package cli;

import config.Config;
import http.HttpPolicy;
import plex.PlexClient;
import simkl.SimklClient;

/** Both service clients of one run, built from its settings and HTTP policy ({@link Session#services}). */
final class Services implements AutoCloseable {
    final PlexClient plex;
    final SimklClient simkl;

    Services(Config config, HttpPolicy policy) {
        this.plex = new PlexClient(config.plex(), config.endpoints(), policy, VersionInfo.TOOL);
        this.simkl = new SimklClient(config.simkl(), config.endpoints(), policy, VersionInfo.TOOL);
    }

    @Override
    public void close() {
        plex.close();
        simkl.close();
    }
}
