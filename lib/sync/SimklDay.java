package sync;

import config.ConfigException;
import http.LimitException;
import simkl.SimklClient;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The day's SIMKL requests around one run of a folder (a sync, a dry run, an undo, an apply, a
 * restore): before it, a day that is spent stops it before either service is asked ({@link
 * SimklBudget}); after it, its requests are counted into the state it saves, and what the count
 * comes to is said; a quota answered while it read is recorded beside state.json.
 */
final class SimklDay {
    private final Path stateFile;
    private final Clock clock;
    private final SimklClient simkl;
    private final SyncJob.Log log;

    SimklDay(Path stateFile, Clock clock, SimklClient simkl, SyncJob.Log log) {
        this.stateFile = stateFile;
        this.clock = clock;
        this.simkl = simkl;
        this.log = log;
    }

    /**
     * state.json as the run reads it, unless SIMKL's day is spent (SIMKL said so, or this folder's
     * count reached the plan's allowance): then nothing is asked of either service before it ends.
     */
    StateFile.Loaded read() throws ConfigException, SyncFailure {
        StateFile.Loaded read = StateFile.read(stateFile);
        SimklBudget budget = SimklBudget.of(read.state(), clock.instant());
        if (budget.spent()) {
            throw new SyncFailure(SyncFailure.Kind.SIMKL_DAY_SPENT, budget.spentMessage(clock.getZone()));
        }
        return read;
    }

    /**
     * {@code state} with this run's SIMKL requests counted for the day (the plan recorded in it sets
     * the allowance), and SIMKL's answer that the day is used up, when it gave one; what that comes
     * to is said (SIMKL's refusal, or a count nearing the allowance).
     */
    State counted(State state) {
        SimklBudget budget = SimklBudget.of(state, clock.instant());
        LimitException limit = simkl.limit();
        boolean refused = limit != null && limit.dailyQuota();
        State counted = (refused ? budget.refusedBy(limit) : budget).counted(state, simkl.requestsSent());
        SimklBudget after = SimklBudget.of(counted, clock.instant());
        String news = refused ? after.refusalMessage(clock.getZone(), limit.status(), true)
                : after.warning(clock.getZone());
        if (news != null) log.warn(news);
        return counted;
    }

    /**
     * What stops a run that met a limit before anything was written: the limit itself, unless SIMKL
     * answered that the day's requests are used up. Then the stamps beside state.json record that
     * with the day's count (and nothing else of the run, which changed nothing), so that no run asks
     * SIMKL again before the day ends, and the run ends with exit 1 saying when. A dry run, which
     * saves no state, only says it.
     */
    SyncFailure quotaAnswered(StateFile.Loaded read, LimitException e, boolean dryRun) throws LimitException {
        if (!e.dailyQuota()) throw e;
        State loaded = read.state();
        SimklBudget refused = SimklBudget.of(loaded, clock.instant()).refusedBy(e);
        int sent = simkl.requestsSent();
        boolean recorded = !dryRun;
        if (recorded) {
            try {
                StateFile.saveCount(stateFile, read, refused.counted(loaded, sent));
            } catch (IOException io) {
                log.warn("Could not record in " + RunStamps.fileFor(stateFile) + " that SIMKL's day is used up ("
                        + io.getMessage() + ").");
                recorded = false;
            }
        }
        return new SyncFailure(SyncFailure.Kind.SIMKL_QUOTA, refused.plus(sent).refusalMessage(clock.getZone(),
                e.status(), recorded));
    }
}
