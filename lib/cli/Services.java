package cli;

import plex.PlexClient;
import simkl.SimklClient;

/**
 * The service clients of one run ({@link Session#services}): {@code plex} reads and writes the
 * watchlist being synced (a Plex Home user's, switched to for this run, or the owner's), {@code
 * owner} speaks for the account on plex.tv (its keep-alive ping, who it is): the same client when
 * no Home user is chosen.
 */
final class Services implements AutoCloseable {
    final PlexClient plex;
    final SimklClient simkl;
    final PlexClient owner;

    Services(PlexClient plex, SimklClient simkl, PlexClient owner) {
        this.plex = plex;
        this.simkl = simkl;
        this.owner = owner;
    }

    Services(PlexClient plex, SimklClient simkl) {
        this(plex, simkl, plex);
    }

    @Override
    public void close() {
        plex.close();
        simkl.close();
        if (owner != plex) owner.close();
    }
}
