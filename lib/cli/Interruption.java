package cli;

import sync.SyncRun;

/**
 * Says, in one line, where a sync or a restore stood when Ctrl-C or SIGTERM stopped it ("Stopped
 * after 4 of 12 actions; the next run finishes the rest."). The JVM then exits with 130 or 143 as
 * for any signal; what was written stays written, and the journal holds each action carried out.
 */
final class Interruption implements AutoCloseable {
    private final Thread hook;
    private volatile SyncRun.Tally tally;

    Interruption(Console console) {
        hook = new Thread(() -> {
            SyncRun.Tally t = tally;
            console.warn(t == null ? "Stopped before any change: nothing was written." : t.stoppedLine());
        }, "interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The run whose writes the line counts. */
    void watch(SyncRun run) {
        tally = run.tally();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyStopping) {
            // the hook runs, or has run: its line is the last word
        }
    }
}
