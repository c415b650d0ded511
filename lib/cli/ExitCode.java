package cli;

/** Exit codes (DESIGN §3); scripts and cron jobs rely on them. */
public final class ExitCode {
    /** Success: both sides in sync as far as the mode asks. */
    public static final int OK = 0;
    /** The run finished but some actions failed or titles were left unresolved. */
    public static final int PARTIAL = 1;
    /** Usage or configuration error. */
    public static final int USAGE = 2;
    /** A service refused the credentials. */
    public static final int AUTH = 3;
    /** A safety guard withheld the run's deletions. */
    public static final int GUARD = 4;

    private ExitCode() {}
}
