package sync;

import config.Config;
import http.ServiceException;
import model.MediaItem;
import plex.PlexClient;
import simkl.SimklClient;
import simkl.SimklEntry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One synchronization, start to end: read both sides, match, plan, (unless a dry run) back up,
 * execute, verify, and compute the state to save. The caller holds the lock and saves the state.
 */
public final class SyncRun {
    /** Per-run choices from the command line. */
    public record Options(boolean dryRun, Integer maxDelete, boolean retryUnresolved, int concurrency, Executor.Hook hook) {
        public static Options defaults() {
            return new Options(false, null, false, 4, null);
        }
    }

    /** Both lists as read, for backups. */
    public record Lists(List<MediaItem> plex, List<SimklEntry> simkl) {}

    /** Everything the report needs. */
    public record Result(String mode, boolean firstRun, boolean dryRun, Plan plan, List<Executor.Outcome> outcomes,
                         int plexBefore, int simklBefore, long plexAfter, long simklAfter, List<Match> unexplained,
                         State newState, boolean plexComplete, boolean simklComplete, String readProblem) {
        public boolean equal() {
            return unexplained.isEmpty() && plexComplete && simklComplete;
        }
    }

    /** A read failed before anything could be planned; nothing was changed. */
    public static final class ReadFailed extends Exception {
        public ReadFailed(String message) {
            super(message);
        }
    }

    private final Config config;
    private final PlexClient plex;
    private final SimklClient simkl;
    private final Clock clock;
    private final Consumer<String> info;
    private final Consumer<String> debug;
    private Consumer<String> progress = s -> { };

    public SyncRun withProgress(Consumer<String> p) {
        progress = p;
        return this;
    }

    public SyncRun(Config config, PlexClient plex, SimklClient simkl, Clock clock, Consumer<String> info, Consumer<String> debug) {
        this.config = config;
        this.plex = plex;
        this.simkl = simkl;
        this.clock = clock;
        this.info = info;
        this.debug = debug;
    }

    /** Runs it; {@code beforeWrites} is called once with both lists before the first write. */
    public Result run(State state, Options opt, Consumer<Lists> beforeWrites) throws ServiceException, ReadFailed {
        Config.Sync s = config.sync();
        info.accept("Reading the Plex watchlist...");
        PlexClient.WatchlistRead plexRead = plex.readWatchlist();
        if (!plexRead.complete() && plexRead.items().isEmpty()) {
            throw new ReadFailed("Could not read the Plex watchlist: " + plexRead.problem() + " Nothing was changed.");
        }
        List<MediaItem> plexItems = fillMissingIds(plexRead.items());
        info.accept("Reading SIMKL lists...");
        SimklRead simklRead = new SimklRead(simkl, state.simkl(), s.useActivity(), debug);
        List<SimklEntry> simklEntries = simklRead.read();
        // a SIMKL read succeeds whole or throws; but a whole bucket vanishing at once is not believed
        boolean simklComplete = simklRead.suspect() == null;
        String problem = plexRead.complete() ? simklRead.suspect() : plexRead.problem();

        boolean seeded = state.seeded();
        List<State.Entry> snapshot = seeded ? state.snapshot().items() : List.of();
        Planner.Input in = input(match(plexItems, simklEntries, snapshot), seeded, plexRead.complete(), simklComplete,
                plexItems.size(), countPtw(simklEntries), state, opt);
        Plan plan = Planner.plan(in);

        List<Executor.Outcome> outcomes = List.of();
        if (!opt.dryRun() && plan.writes()) {
            beforeWrites.accept(new Lists(plexItems, simklEntries));
            Set<String> keys = new HashSet<>();
            for (MediaItem p : plexItems) if (p.ids().has("plex")) keys.add(p.ids().get("plex"));
            outcomes = new Executor(plex, simkl, opt.concurrency(), debug, opt.hook()).withProgress(progress).execute(plan, keys);
            if (s.verifyAfterWrite()) outcomes = Verifier.verify(outcomes, plex, simklRead, debug);
        }
        // a dry run projects the state as if every planned action succeeded: the same plan, its expected end
        List<Executor.Outcome> projected = !opt.dryRun() ? outcomes : plan.actions().stream()
                .map(a -> new Executor.Outcome(a, Executor.Status.DONE, "planned", null)).toList();
        StateUpdate.Result upd = StateUpdate.apply(in.matches(), plan, projected, plexRead.complete(), simklComplete,
                s.bidirectional(), state.unresolved(), clock.instant());
        State newState = state
                .withSnapshot(new State.Snapshot(clock.instant().toString(), upd.snapshot()))
                // activity stamps guard the saved copy: if our writes (or anyone's) moved them, the next run re-reads
                .withSimkl(simklRead.suspect() != null ? state.simkl() : simklRead.newCache())
                .withUnresolved(upd.ledger())
                .withSavedAt(clock.instant().toString());
        return new Result(s.describe(), !seeded, opt.dryRun(), plan, outcomes, plexItems.size(), countPtw(simklEntries),
                upd.plexCount(), upd.simklCount(),
                upd.unexplained(), newState, plexRead.complete(), simklComplete, problem);
    }

    private List<Match> match(List<MediaItem> plexItems, List<SimklEntry> simklEntries, List<State.Entry> snapshot) {
        return Matcher.match(plexItems, simklEntries, snapshot, info);
    }

    private Planner.Input input(List<Match> matches, boolean seeded, boolean plexComplete, boolean simklComplete, int plexCount,
                                int simklCount, State state, Options opt) {
        long snapPlex = seeded ? state.snapshot().count(true) : 0;
        long snapSimkl = seeded ? state.snapshot().count(false) : 0;
        return new Planner.Input(matches, seeded, config.sync(), plexComplete, simklComplete, plexCount, simklCount,
                snapPlex, snapSimkl, state.unresolved(), clock.instant(), opt.retryUnresolved(), opt.maxDelete());
    }

    private static int countPtw(List<SimklEntry> entries) {
        return (int) entries.stream().filter(SimklEntry::planToWatch).count();
    }

    /** List items without any external id get them from Plex's metadata (one request each; 404 tolerated). */
    private List<MediaItem> fillMissingIds(List<MediaItem> items) throws ServiceException {
        List<MediaItem> out = new ArrayList<>(items.size());
        for (MediaItem i : items) {
            if (i.ids().has("imdb") || i.ids().has("tmdb") || i.ids().has("tvdb")) {
                out.add(i);
                continue;
            }
            try {
                MediaItem filled = plex.fetchIds(i).orElse(null);
                if (filled == null) info.accept("Plex has no metadata for \"" + i.label() + "\" (removed from its catalogue?); matched by its Plex id only.");
                out.add(filled == null ? i : filled);
            } catch (http.AuthException e) {
                throw e;
            } catch (ServiceException e) {
                debug.accept("Plex metadata for " + i.label() + " failed: " + e.getMessage());
                out.add(i);
            }
        }
        return out;
    }
}
