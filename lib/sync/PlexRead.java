package sync;

import http.AuthException;
import http.ServiceException;
import model.MediaItem;
import plex.PlexClient;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The Plex watchlist as read, its items' missing ids filled in, and the titles whose lookup failed. */
record PlexRead(PlexClient.WatchlistRead list, List<LookupFault> faults) {
    /** Reads the watchlist; a read that gave nothing at all stops the run before anything is planned. */
    static PlexRead of(PlexClient plex, Consumer<String> info, Consumer<String> debug) throws AuthException,
            SyncFailure {
        PlexClient.WatchlistRead read = plex.readWatchlist();
        if (!read.complete() && read.items().isEmpty()) {
            throw new SyncFailure(SyncFailure.Kind.READ, "Could not read the Plex watchlist: " + read.problem()
                    + " Nothing was changed.");
        }
        List<LookupFault> faults = new ArrayList<>();
        List<MediaItem> items = fillMissingIds(plex, read.items(), faults, info, debug);
        return new PlexRead(new PlexClient.WatchlistRead(items, read.complete(), read.problem()), faults);
    }

    /**
     * List items without any external id get them from Plex's metadata, one request each. A 404 is
     * Plex's answer that it has none; a lookup that fails is no answer, and its title goes to
     * {@code faults}, to wait for the next run.
     */
    private static List<MediaItem> fillMissingIds(PlexClient plex, List<MediaItem> items, List<LookupFault> faults,
            Consumer<String> info, Consumer<String> debug) throws AuthException {
        List<MediaItem> out = new ArrayList<>(items.size());
        for (MediaItem i : items) {
            if (i.ids().hasExternal()) {
                out.add(i);
                continue;
            }
            try {
                MediaItem filled = plex.fetchIds(i).orElse(null);
                if (filled == null) info.accept("Plex has no metadata for \"" + i.label()
                        + "\" (removed from its catalogue?); matched by its Plex id only.");
                out.add(filled == null ? i : filled);
            } catch (ServiceException e) {
                debug.accept("Plex metadata for " + i.label() + " failed: " + e.getMessage());
                faults.add(LookupFault.of(i, e));
                out.add(i);
            }
        }
        return out;
    }
}
