package sync;

/**
 * state.json's snapshot bound to the lists this run syncs: checked against whose Plex watchlist
 * and whose SIMKL account it was taken of, and dropped (a first run) when it was another's. Only
 * {@link WhoseLists#bind} makes one, and planning takes nothing else, so that no run can judge
 * one person's lists against another's snapshot.
 */
public final class BoundState {
    private final State state;

    BoundState(State state) {
        this.state = state;
    }

    /** The state to plan with. */
    public State state() {
        return state;
    }
}
