package sync;

import config.Config.Side;
import http.AuthException;
import http.ServiceException;
import model.MediaItem;
import plex.PlexClient;
import simkl.SimklEntry;
import sync.Executor.Outcome;
import sync.Executor.Status;
import sync.Plan.Kind;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * sync.verify_after_write: re-reads each side that was written and confirms every action against
 * it. An action the re-read contradicts becomes FAILED, so the next run tries it again.
 */
final class Verifier {
    private Verifier() {}

    static List<Outcome> verify(List<Outcome> outcomes, PlexClient plex, SimklRead simkl, Consumer<String> debug) throws AuthException {
        boolean plexWritten = outcomes.stream().anyMatch(o -> o.status() == Status.DONE && o.action().side() == Side.PLEX);
        boolean simklWritten = outcomes.stream().anyMatch(o -> o.status() == Status.DONE && o.action().side() == Side.SIMKL);
        Set<String> plexKeys = null;
        List<SimklEntry> ptw = null;
        try {
            if (plexWritten) {
                PlexClient.WatchlistRead r = plex.readWatchlist();
                if (r.complete()) {
                    plexKeys = new HashSet<>();
                    for (MediaItem i : r.items()) plexKeys.add(i.ids().get("plex"));
                }
            }
            if (simklWritten) {
                ptw = new ArrayList<>();
                for (SimklEntry e : simkl.read()) if (e.planToWatch()) ptw.add(e);
            }
        } catch (AuthException e) {
            throw e;
        } catch (ServiceException e) {
            debug.accept("verify after write: re-read failed (" + e.getMessage() + "); keeping the services' answers");
        }
        List<Outcome> out = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.status() != Status.DONE) {
                out.add(o);
                continue;
            }
            Boolean present = null;
            if (o.action().side() == Side.PLEX && plexKeys != null) {
                String key = o.resolved() != null ? o.resolved().ids().get("plex") : o.action().match().ids().get("plex");
                present = plexKeys.contains(key);
            } else if (o.action().side() == Side.SIMKL && ptw != null) {
                present = ptw.stream().anyMatch(e -> sameTitle(e.item(), o.action().match().item()));
            }
            boolean wanted = o.action().kind() == Kind.ADD;
            if (present == null || present == wanted) {
                out.add(o);
            } else {
                out.add(new Outcome(o.action(), Status.FAILED, "not confirmed when re-read after the write", o.resolved()));
            }
        }
        return out;
    }

    private static boolean sameTitle(MediaItem a, MediaItem b) {
        if (a.type() != b.type()) return false;
        for (var id : a.ids().matching().entrySet()) {
            if (id.getValue().equals(b.ids().get(id.getKey()))) return true;
        }
        return false;
    }
}
