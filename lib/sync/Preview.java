package sync;

import config.Config;

import java.util.List;

/**
 * Both lists as a dry run reads them, bound to the state they are judged against, and the plan it
 * makes: what a question about one title is answered from (--why, --exclude). Nothing is saved.
 */
record Preview(State state, Planner.Input input, Plan plan) {
    List<Match> matches() {
        return input.matches();
    }

    /**
     * The plan the same reads (and what Plex said of plays) make under other settings (a title just
     * excluded or protected).
     */
    Plan replan(Config.Sync sync) {
        return Planner.plan(new Planner.Input(input.matches(), sync, input.reads(), input.last(), input.choices(),
                null, input.plays()));
    }
}
