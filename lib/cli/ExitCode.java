package cli;

import sync.Report;

/** Exit codes; scripts and cron jobs rely on them (README, "Exit codes"). */
public final class ExitCode {
    /** Success: both sides in sync as far as the mode asks (titles kept apart on purpose are listed). */
    public static final int OK = 0;
    /** Something went wrong in this run: an action failed, a title newly unresolved, a side unreadable. */
    public static final int PARTIAL = 1;
    /** Usage or configuration error. */
    public static final int USAGE = 2;
    /** A service refused the credentials. */
    public static final int AUTH = 3;
    /** A safety guard withheld the run's deletions. */
    public static final int GUARD = 4;

    private ExitCode() {}

    public static int of(Report.Status status) {
        return switch (status) {
            case IN_SYNC -> OK;
            case PARTIAL -> PARTIAL;
            case GUARDED -> GUARD;
        };
    }
}
