package sync;

import config.Config.Side;
import http.AuthException;
import http.ServiceException;
import http.Sleeper;
import model.MediaItem;
import model.TitleIndex;
import plex.PlexClient;
import simkl.SimklEntry;
import sync.Executor.Outcome;
import sync.Executor.Status;
import sync.Plan.Kind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * sync.verify_after_write: re-reads each side that was written and confirms every action against
 * it. The services show a write in their lists a few seconds after accepting it, sometimes later:
 * a side whose re-read does not show an action yet is read again after {@link #WAITS}, and only an
 * action still contradicted after the last wait becomes FAILED (the next run tries it again). A
 * write of unknown fate (sent, no answer) is settled the same way when a re-read says: DONE when
 * it shows the write, FAILED when the last one read does not; unread (or a Plex add whose Plex id
 * was never learnt, which no re-read can look for), it stays UNKNOWN.
 */
final class Verifier {
    /** The waits before each further re-read of a side that does not show a write yet. */
    static final List<Duration> WAITS = List.of(Duration.ofSeconds(2), Duration.ofSeconds(4));

    private Verifier() {}

    /** The outcomes as confirmed, and the SIMKL copy read to confirm them (null when SIMKL was not re-read). */
    record Checked(List<Outcome> outcomes, State.SimklCache simklCopy) {}

    /** What one re-read of the written sides shows; null for a side not read (or whose read failed). */
    private record Reread(Set<String> plexKeys, List<SimklEntry> simklPtw, State.SimklCache simklCopy,
                          TitleIndex<SimklEntry> ptwIndex, List<SimklEntry> simklAll) {
        Reread(Set<String> plexKeys, List<SimklEntry> simklPtw, State.SimklCache simklCopy, List<SimklEntry> all) {
            this(plexKeys, simklPtw, simklCopy, simklPtw == null ? null : new TitleIndex<>(simklPtw,
                    SimklEntry::item), all);
        }
    }

    /** {@code simklCopy}: the copy this run read, so that only the lists the writes moved are read again. */
    static Checked verify(List<Outcome> outcomes, PlexClient plex, SimklRead simkl, State.SimklCache simklCopy,
                          Sleeper sleeper, Consumer<String> debug) throws AuthException {
        List<Outcome> out = new ArrayList<>(outcomes);
        State.SimklCache lastCopy = null;
        Set<Integer> pending = new HashSet<>();
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).status() == Status.DONE || out.get(i).status() == Status.UNKNOWN) pending.add(i);
        }
        Set<Integer> unshown = new HashSet<>(); // unknown writes the last re-read of their side does not show
        for (int round = 0; round <= WAITS.size() && !pending.isEmpty(); round++) {
            if (round > 0) {
                Duration wait = WAITS.get(round - 1);
                debug.accept("verify after write: " + pending.size() + " not shown yet; reading again in "
                        + wait.toSeconds() + " s");
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            // always against the copy from before the writes, so every re-read asks for what they moved
            Reread r = reread(out, pending, plex, simkl, simklCopy, debug);
            if (r.simklCopy() != null) lastCopy = r.simklCopy();
            settleUnknown(out, pending, r, unshown);
            pending.removeIf(i -> out.get(i).status() == Status.DONE && !contradicted(out.get(i), r));
        }
        for (int i : pending) {
            Outcome o = out.get(i);
            if (o.status() == Status.DONE) {
                out.set(i, new Outcome(o.action(), Status.FAILED, "not confirmed when re-read after the write",
                        o.resolved()));
            } else if (unshown.contains(i)) {
                out.set(i, new Outcome(o.action(), Status.FAILED, "not shown when re-read after the write, so not "
                        + "carried out; tried again next run (" + o.detail() + ")", o.resolved()));
            }
        }
        // a copy that still contradicts a write is not kept: the next run reads those lists again
        return new Checked(out, pending.isEmpty() ? lastCopy : null);
    }

    /** Reads the sides that pending actions wrote. A failed read leaves that side unread: its answers stand. */
    private static Reread reread(List<Outcome> out, Set<Integer> pending, PlexClient plex, SimklRead simkl,
                                 State.SimklCache copy, Consumer<String> debug) throws AuthException {
        boolean plexWritten = pending.stream().anyMatch(i -> out.get(i).action().side() == Side.PLEX);
        boolean simklWritten = pending.stream().anyMatch(i -> out.get(i).action().side() == Side.SIMKL);
        Set<String> plexKeys = null;
        List<SimklEntry> ptw = null;
        List<SimklEntry> all = null;
        State.SimklCache newCopy = null;
        try {
            if (plexWritten) {
                PlexClient.WatchlistRead r = plex.readWatchlist();
                if (r.complete()) {
                    plexKeys = new HashSet<>();
                    for (MediaItem i : r.items()) plexKeys.add(i.ids().get("plex"));
                }
            }
            if (simklWritten) {
                SimklRead.Result r = simkl.read(copy);
                ptw = r.planToWatch();
                all = r.entries();
                if (r.doubt() == null) newCopy = r.cache(true);
            }
        } catch (ServiceException e) {
            debug.accept("verify after write: re-read failed (" + e.getMessage() + "); keeping the services' answers");
        }
        return new Reread(plexKeys, ptw, newCopy, all);
    }

    /**
     * Writes of unknown fate that {@code r} shows done become DONE; {@code unshown} keeps those the
     * last read of their side did not show.
     */
    private static void settleUnknown(List<Outcome> out, Set<Integer> pending, Reread r, Set<Integer> unshown) {
        for (int i : pending) {
            Outcome o = out.get(i);
            Boolean shown = o.status() == Status.UNKNOWN ? shows(o, r) : null;
            if (Boolean.TRUE.equals(shown)) {
                out.set(i, new Outcome(o.action(), Status.DONE, "shown when re-read after the write, though no "
                        + "answer had said so", o.resolved()));
            }
            if (Boolean.FALSE.equals(shown)) unshown.add(i);
            else if (shown != null) unshown.remove(i);
        }
    }

    /**
     * Whether the re-read shows what the action did: null when it cannot say (its side was not read, or
     * a Plex write has no Plex id to look for: the title may be there all the same).
     */
    private static Boolean shows(Outcome o, Reread r) {
        Kind kind = o.action().kind();
        if (o.action().side() == Side.PLEX) {
            String key = o.resolved() != null ? o.resolved().ids().get("plex")
                    : o.action().match().item().ids().get("plex");
            if (r.plexKeys() == null || key == null) return null;
            return r.plexKeys().contains(key) == (kind == Kind.ADD);
        }
        if (r.simklPtw() == null) return null;
        if (kind == Kind.WATCHED) return markedWatched(o, r);
        if (kind == Kind.ADD) return r.ptwIndex().contains(o.action().match().item());
        // each entry removed, by itself: an anime season kept for its rating does not contradict its sibling's
        // removal, though the two share the series' TVDB id
        return o.action().match().simklRemovals().stream()
                .noneMatch(gone -> r.simklPtw().stream().anyMatch(e -> SimklEntry.sameEntry(e.item(), gone)));
    }

    /** Whether the re-read shows the opposite of what the action did (what it cannot say counts as confirmed). */
    private static boolean contradicted(Outcome o, Reread r) {
        return Boolean.FALSE.equals(shows(o, r));
    }

    /**
     * A title marked as watched shows out of Plan to Watch, in completed or watching (SIMKL keeps a
     * show that still airs in watching, however it was marked), each of its entries that was moved.
     */
    private static boolean markedWatched(Outcome o, Reread r) {
        for (MediaItem moved : Executor.watchedTargets(o.action())) {
            if (r.simklPtw().stream().anyMatch(e -> SimklEntry.sameEntry(e.item(), moved))) return false;
            boolean filed = r.simklAll().stream().anyMatch(e -> SimklEntry.sameEntry(e.item(), moved)
                    && ("completed".equals(e.status()) || "watching".equals(e.status())));
            if (!filed) return false;
        }
        return true;
    }

}
