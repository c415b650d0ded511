package sync;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What stopped a sync, a dry run or a restore before it had a result, by kind, with a message that
 * says what was and was not changed. A refused credential ({@link http.AuthException}) and a
 * service's limit ({@link http.LimitException}) are thrown as they are; so is a request that failed
 * ({@link http.ServiceException}): the next run picks up from where it stopped.
 */
public final class SyncFailure extends Exception {
    /** Why the run stopped. */
    public enum Kind {
        /** A side could not be read at all: nothing was planned or changed. */
        READ,
        /** The backup before the first write could not be saved: nothing was written. */
        BACKUP,
        /** SIMKL's day is used up (it said so, or this folder's count reached the plan's): nothing was asked. */
        SIMKL_DAY_SPENT,
        /** SIMKL answered during the run that the day's requests are used up. */
        SIMKL_QUOTA
    }

    private final Kind kind;

    SyncFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    private SyncFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static SyncFailure backup(Path dir, IOException cause) {
        return new SyncFailure(Kind.BACKUP, "Could not write the backup in " + dir + " (" + cause.getMessage()
                + "), so nothing was changed. Check that the folder is writable.", cause);
    }
}
