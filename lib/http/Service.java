package http;

/** The services this tool talks to, named as a person reads them in messages. */
public enum Service {
    PLEX("Plex"), PLEX_TV("plex.tv"), PLEX_HOME("plex.tv (Plex Home)"), SIMKL("SIMKL");

    private final String display;

    Service(String display) {
        this.display = display;
    }

    /**
     * Whether a write refused for overage must not be sent again unasked: SIMKL extends its block
     * on POSTs with every further one (its rate-limit page). Plex's writes are idempotent and retried.
     */
    public boolean blocksRepeatedWrites() {
        return this == SIMKL;
    }

    /** Plex Discover or plex.tv: one account, one token. */
    public boolean isPlex() {
        return this != SIMKL;
    }

    @Override
    public String toString() {
        return display;
    }
}
