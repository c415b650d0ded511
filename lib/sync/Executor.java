package sync;

import com.fasterxml.jackson.annotation.JsonProperty;
import config.Config.Side;
import http.AuthException;
import http.FanOut;
import http.ServiceException;
import model.MediaItem;
import model.Plural;
import plex.PlexClient;
import simkl.SimklClient;
import simkl.SimklEntry;
import sync.Plan.Action;
import sync.Plan.Kind;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Carries out a plan: SIMKL adds, removes, then titles marked as watched, in batches (paced by the
 * client) and, at the same
 * time, Plex adds (resolving ids to a Plex id unless one is known) then removes by the id just
 * read, a few at a time. Records every action's outcome; a refused credential stops the run.
 */
public final class Executor {
    /** How an action ended; in files and documents by its word ("done", "not_found"). */
    public enum Status {
        @JsonProperty("done") DONE, @JsonProperty("already") ALREADY, @JsonProperty("failed") FAILED,
        @JsonProperty("not_found") NOT_FOUND,
        /** The write went out and no answer said what came of it: it may or may not have been carried out. */
        @JsonProperty("unknown") UNKNOWN;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What happened to one action; {@code resolved} carries the Plex title found for a Plex add. */
    public record Outcome(Action action, Status status, String detail, MediaItem resolved) {
        public boolean succeeded() {
            return status == Status.DONE || status == Status.ALREADY;
        }
    }

    /**
     * Called before each write goes out (a stopping run's gate throws from it; tests throw from it to
     * stop a run midway, as a kill would), and when a write that went out ends with no outcome of its
     * own (what stopped the run was thrown instead).
     */
    public interface Hook {
        void before(Action a);

        /** Before one SIMKL request that carries {@code batch}: the whole batch goes out, or none of it. */
        default void beforeBatch(List<Action> batch) {
            for (Action a : batch) before(a);
        }

        default void abandoned(Action a) { }
    }

    private final PlexClient plex;
    private final SimklClient simkl;
    private final int concurrency;
    private final Consumer<String> log;
    private final Hook hook;
    private final Consumer<String> progress;
    private Consumer<Outcome> recorded = o -> { };

    /** {@code progress} takes lines for a terminal ("Plex: 3 of 12 titles added"); {@code hook} may be null. */
    public Executor(PlexClient plex, SimklClient simkl, int concurrency, Consumer<String> log, Hook hook,
            Consumer<String> progress) {
        this.plex = plex;
        this.simkl = simkl;
        this.concurrency = Math.max(1, concurrency);
        this.log = log;
        this.hook = hook == null ? a -> { } : hook;
        this.progress = progress;
    }

    /** Hands each outcome over as soon as it is known (the journal appends it then), from any thread. */
    public Executor recording(Consumer<Outcome> r) {
        this.recorded = r;
        return this;
    }

    /**
     * Carries the plan out, both sides at once: SIMKL's writes are paced by SIMKL's rules (a POST a
     * second), Plex's are not, and the two touch different services, so neither waits for the
     * other. Outcomes come back in one order (SIMKL adds, SIMKL removals, SIMKL titles marked as
     * watched, Plex adds, Plex removals). What stops one side (a refused credential, a kill) is
     * thrown once the other side has finished what it was doing.
     */
    public List<Outcome> execute(Plan plan, Set<String> plexKeysOnWatchlist) throws AuthException {
        List<Action> simklAdds = plan.of(Side.SIMKL, Kind.ADD);
        List<Action> simklRemovals = plan.of(Side.SIMKL, Kind.REMOVE);
        List<Action> simklWatched = plan.of(Side.SIMKL, Kind.WATCHED);
        SideBySide<List<Outcome>> simklSide = simklAdds.isEmpty() && simklRemovals.isEmpty()
                && simklWatched.isEmpty() ? null
                : SideBySide.start("simkl-writes", () -> {
                    List<Outcome> out = new ArrayList<>(simklBatch(simklAdds, true));
                    out.addAll(simklBatch(simklRemovals, false));
                    out.addAll(simklWatched(simklWatched));
                    return out;
                });
        List<Outcome> plexOut = new ArrayList<>();
        Throwable plexStop = null;
        try {
            plexOut.addAll(plexEach(plan.of(Side.PLEX, Kind.ADD), plexKeysOnWatchlist));
            plexOut.addAll(plexEach(plan.of(Side.PLEX, Kind.REMOVE), plexKeysOnWatchlist));
        } catch (AuthException | RuntimeException e) {
            plexStop = e;
        }
        List<Outcome> out = new ArrayList<>();
        if (simklSide != null) {
            try {
                out.addAll(simklSide.join(AuthException.class));
            } catch (AuthException | RuntimeException e) {
                throw rethrow(plexStop != null ? plexStop : e);
            }
        }
        if (plexStop != null) throw rethrow(plexStop);
        out.addAll(plexOut);
        return out;
    }

    /** What stopped a side, thrown as it was: a refused credential, or an unchecked stop. */
    private static AuthException rethrow(Throwable t) {
        if (t instanceof AuthException a) return a;
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        throw new IllegalStateException(t);
    }

    /**
     * SIMKL writes, 100 titles a request; a request that fails marks only its own titles failed (or
     * unknown, when it went out and no answer said what came of it). An add writes the title; a
     * removal takes away each of its entries that may go (an anime's seasons are entries of their own).
     */
    private List<Outcome> simklBatch(List<Action> actions, boolean add) throws AuthException {
        if (actions.isEmpty()) return List.of();
        progress.accept("SIMKL: " + (add ? "adding " : "removing ") + Plural.of(actions.size(), "title")
                + " (paced, 100 per request)");
        List<Outcome> out = new ArrayList<>();
        for (List<Action> chunk : requests(actions, a -> targets(a, add).size())) {
            List<MediaItem> items = new ArrayList<>();
            for (Action a : chunk) items.addAll(targets(a, add));
            List<Outcome> these = new ArrayList<>();
            hook.beforeBatch(chunk);
            try {
                SimklClient.WriteResult r;
                try {
                    r = add ? simkl.addToPlanToWatch(items) : simkl.removeFromLists(items);
                } catch (AuthException | RuntimeException stop) {
                    chunk.forEach(hook::abandoned);
                    throw stop;
                }
                for (Action a : chunk) {
                    boolean missing = r.notFound().containsAll(targets(a, add));
                    if (missing && add) these.add(new Outcome(a, Status.NOT_FOUND,
                            "SIMKL could not find it by its ids", null));
                    else if (missing) these.add(new Outcome(a, Status.ALREADY, "already gone from SIMKL", null));
                    else these.add(new Outcome(a, Status.DONE, null, null));
                }
            } catch (ServiceException e) {
                for (Action a : chunk) these.add(unanswered(a, e, null));
            }
            these.forEach(recorded);
            out.addAll(these);
        }
        return out;
    }

    /**
     * An action whose request failed: failed, or unknown when the request went out and may have been
     * carried out; {@code resolved} is the title it was sent for (a Plex add's, found by its ids), or null.
     */
    private static Outcome unanswered(Action a, ServiceException e, MediaItem resolved) {
        return new Outcome(a, e.mayHaveLanded() ? Status.UNKNOWN : Status.FAILED, e.getMessage(), resolved);
    }

    /**
     * {@code actions} in order, in groups that each go out as one SIMKL request: at most
     * {@link SimklClient#BATCH} titles sent ({@code sent} counts an action's), so that a request that
     * fails, or one a stop keeps from going out, is the outcome of its own actions only. An action
     * with more titles than that is a group of its own.
     */
    static List<List<Action>> requests(List<Action> actions, ToIntFunction<Action> sent) {
        List<List<Action>> out = new ArrayList<>();
        List<Action> group = new ArrayList<>();
        int size = 0;
        for (Action a : actions) {
            int n = sent.applyAsInt(a);
            if (!group.isEmpty() && size + n > SimklClient.BATCH) {
                out.add(group);
                group = new ArrayList<>();
                size = 0;
            }
            group.add(a);
            size += n;
        }
        if (!group.isEmpty()) out.add(group);
        return out;
    }

    /**
     * Titles played on Plex, marked as watched on SIMKL: each of its entries in Plan to Watch, with
     * the play time (a show partly played is moved to watching, by a request of its own). Paced and
     * batched like the other SIMKL writes; a request that fails marks only its own titles failed.
     * The outcomes come in the plan's order.
     */
    private List<Outcome> simklWatched(List<Action> actions) throws AuthException {
        if (actions.isEmpty()) return List.of();
        progress.accept("SIMKL: marking " + Plural.of(actions.size(), "title") + " played on Plex as watched");
        List<Action> wholly = actions.stream().filter(Executor::playedThrough).toList();
        List<Action> partly = actions.stream().filter(a -> !playedThrough(a)).toList();
        List<List<Action>> chunks = new ArrayList<>(requests(wholly, a -> watchedTargets(a).size()));
        chunks.addAll(requests(partly, a -> watchedTargets(a).size()));
        Map<Action, Outcome> out = new IdentityHashMap<>();
        for (List<Action> chunk : chunks) {
            List<SimklClient.Watched> items = new ArrayList<>();
            for (Action a : chunk) {
                for (MediaItem i : watchedTargets(a)) {
                    items.add(new SimklClient.Watched(i, a.play().at(), playedThrough(a)));
                }
            }
            List<Outcome> these = new ArrayList<>();
            hook.beforeBatch(chunk);
            try {
                SimklClient.WriteResult r;
                try {
                    r = simkl.markWatched(items);
                } catch (AuthException | RuntimeException stop) {
                    chunk.forEach(hook::abandoned);
                    throw stop;
                }
                for (Action a : chunk) {
                    if (r.notFound().containsAll(watchedTargets(a))) these.add(new Outcome(a, Status.NOT_FOUND,
                            "SIMKL could not find it by its ids", null));
                    else these.add(new Outcome(a, Status.DONE, null, null));
                }
            } catch (ServiceException e) {
                for (Action a : chunk) these.add(unanswered(a, e, null));
            }
            these.forEach(recorded);
            these.forEach(o -> out.put(o.action(), o));
        }
        return actions.stream().map(out::get).toList();
    }

    private static boolean playedThrough(Action a) {
        return a.play().played() == PlexPlay.Played.WHOLLY;
    }

    /** What marking a title as watched moves on SIMKL: each of its entries in Plan to Watch, else the title. */
    static List<MediaItem> watchedTargets(Action a) {
        List<MediaItem> ptw = a.match().seasons().stream().filter(SimklEntry::planToWatch)
                .map(SimklEntry::item).toList();
        return ptw.isEmpty() ? List.of(a.match().item()) : ptw;
    }

    /** What a SIMKL write of this action sends: the title to add, or each entry of it to remove. */
    static List<MediaItem> targets(Action a, boolean add) {
        return add ? List.of(a.match().item()) : a.match().simklRemovals();
    }

    /** Plex writes a few at a time; each answers for itself. */
    private List<Outcome> plexEach(List<Action> actions, Set<String> onWatchlist) throws AuthException {
        try {
            AtomicInteger done = new AtomicInteger();
            return FanOut.map(actions, concurrency, a -> {
                hook.before(a);
                Outcome o;
                try {
                    o = plexOne(a, onWatchlist);
                } catch (AuthException | RuntimeException stop) {
                    hook.abandoned(a);
                    throw stop;
                }
                recorded.accept(o);
                // counted when done, under one lock: the count only goes up, however the writes interleave
                synchronized (done) {
                    progress.accept("Plex: " + done.incrementAndGet() + " of " + Plural.of(actions.size(), "title")
                            + (actions.get(0).kind() == Kind.ADD ? " added" : " removed"));
                }
                return o;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to Plex", e);
        }
    }

    private Outcome plexOne(Action a, Set<String> onWatchlist) throws AuthException {
        // the title an add is sent for, once its Plex id is known: kept with its outcome, whatever the answer
        MediaItem target = null;
        try {
            if (a.kind() == Kind.REMOVE) {
                String key = a.match().plex().ids().get("plex");
                plex.remove(key);
                return new Outcome(a, Status.DONE, null, null);
            }
            String known = a.match().item().ids().get("plex");
            if (known != null) {
                target = a.match().item();
            } else {
                Optional<MediaItem> found = plex.resolve(a.match().item());
                if (found.isEmpty()) return new Outcome(a, Status.NOT_FOUND, "Plex has no title with these ids", null);
                target = found.get();
                log.accept("Plex: " + a.match().label() + " is " + target.ids().get("plex"));
            }
            String key = target.ids().get("plex");
            if (onWatchlist.contains(key)) return new Outcome(a, Status.ALREADY, "already on the Plex watchlist",
                    target);
            plex.add(key);
            return new Outcome(a, Status.DONE, null, target);
        } catch (ServiceException e) {
            if (e.status() == 404 && a.kind() == Kind.ADD) return new Outcome(a, Status.NOT_FOUND,
                    "Plex no longer has this title", null);
            return unanswered(a, e, target);
        }
    }
}
