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

    /** The outcomes as confirmed, and the SIMKL copy read to confirm them (null when SIMKL was not re-read). */
    record Checked(List<Outcome> outcomes, State.SimklCache simklCopy) {}

    /** {@code simklCopy}: the copy this run read, so that only the lists the writes moved are read again. */
    static Checked verify(List<Outcome> outcomes, PlexClient plex, SimklRead simkl, State.SimklCache simklCopy,
                          Consumer<String> debug) throws AuthException {
        boolean plexWritten = outcomes.stream().anyMatch(o -> o.status() == Status.DONE && o.action().side() == Side.PLEX);
        boolean simklWritten = outcomes.stream().anyMatch(o -> o.status() == Status.DONE && o.action().side() == Side.SIMKL);
        Set<String> plexKeys = null;
        List<SimklEntry> ptw = null;
        State.SimklCache reread = null;
        try {
            if (plexWritten) {
                PlexClient.WatchlistRead r = plex.readWatchlist();
                if (r.complete()) {
                    plexKeys = new HashSet<>();
                    for (MediaItem i : r.items()) plexKeys.add(i.ids().get("plex"));
                }
            }
            if (simklWritten) {
                SimklRead.Result r = simkl.read(simklCopy);
                ptw = r.planToWatch();
                if (r.doubt() == null) reread = r.cache();
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
                present = ptw.stream().anyMatch(e -> e.item().sameTitle(o.action().match().item()));
            }
            boolean wanted = o.action().kind() == Kind.ADD;
            if (present == null || present == wanted) {
                out.add(o);
            } else {
                out.add(new Outcome(o.action(), Status.FAILED, "not confirmed when re-read after the write", o.resolved()));
            }
        }
        return new Checked(out, reread);
    }
}
