package cli;

import sync.SyncJob;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C, SIGTERM (systemd, docker stop) and SIGHUP during a sync or a restore. The first signal
 * closes the run's gate (no further write starts, nothing is tried again), waits up to {@link #GRACE}
 * for the writes already sent, so that each one a service received is journaled, then says in one
 * line how far the run came and exits with 128 + the signal's number (130, 143, 129). A request's
 * own deadline (connect + 2 x read: 70 s by default) is longer than the grace, so a request still
 * under way {@link #ANSWER_WITHIN} after the signal is abandoned, its write journaled as of
 * unknown fate, and the rest of the grace is left for the journal. A second signal stops at once.
 * Where the JVM does not let signals be handled (java -Xrs), a shutdown hook still says the line.
 */
final class Interruption implements AutoCloseable, SyncJob.Listener {
    /** How long a stopping run waits for the writes under way. */
    static final Duration GRACE = Duration.ofSeconds(30);
    /** How long a request under way when the signal came may still take to be answered: the grace, less time to
     * journal what came of it. */
    static final Duration ANSWER_WITHIN = GRACE.minusSeconds(5);

    private static final Map<String, Integer> SIGNALS = Map.of("INT", 2, "TERM", 15, "HUP", 1);

    private final Console console;
    private final List<Signals.Trap> traps = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile SyncJob.Writes tally;
    private final Thread hook;
    private volatile Thread waiter;

    Interruption(Console console) {
        this.console = console;
        for (Map.Entry<String, Integer> s : SIGNALS.entrySet()) {
            // a signal the parent ignores (nohup) or the JVM keeps is not trapped: the hook below covers what
            // reaches us
            Signals.Trap trap = Signals.trap(s.getKey(), () -> received(s.getKey(), 128 + s.getValue()));
            if (trap != null) traps.add(trap);
        }
        hook = new Thread(() -> {
            if (!stopping.get()) console.warn(line());
        }, "interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The run's writes, waited for and counted. */
    void watch(SyncJob.Writes t) {
        tally = t;
    }

    @Override
    public void writing(SyncJob.Writes t) {
        watch(t);
    }

    private void received(String name, int code) {
        if (closed && waiter == null) return; // the run ended before any signal: its own exit code stands
        if (!stopping.compareAndSet(false, true)) {
            if (waiter == null) return; // the run closed meanwhile: no stop is under way to hurry
            // the second signal: the person does not want to wait; said on a thread of its own, so that a
            // stderr that blocks (a paused terminal) cannot hold the halt back
            Thread say = new Thread(() -> console.warn("Stopped at once (second " + name + "): a write under way "
                    + "may be missing from the journal; the next sync checks both sides again."), "stopped-at-once");
            say.setDaemon(true);
            say.start();
            try {
                say.join(200);
            } catch (InterruptedException ignored) {
                // halting anyway
            }
            Runtime.getRuntime().halt(code);
        }
        SyncJob.Writes t = tally;
        if (t != null) t.stop(ANSWER_WITHIN);
        // the handler's own thread must return for a second signal to be heard: the waiting happens on another
        Thread w = new Thread(() -> {
            try {
                if (t != null && !t.awaitQuiet(GRACE)) {
                    console.warn("Waited " + GRACE.toSeconds() + " s for the writes under way; stopping without them: "
                            + "they may or may not have been carried out, and the journal does not have them. The "
                            + "next sync reads both sides and does only what is still needed.");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                console.warn(line());
                System.exit(code);
            }
        }, "stopping");
        if (t != null && t.writing()) console.warn("Stopping: waiting for the writes under way (Ctrl-C again stops at "
                + "once)...");
        waiter = w;
        w.start();
    }

    private String line() {
        SyncJob.Writes t = tally;
        return t == null ? "Stopped before any change: nothing was written." : t.stoppedLine();
    }

    /**
     * After the run (or what stopped it): as before it, unless a stop is under way; then the thread
     * that handles the stop ends the process, and the run's own thread waits for it here, so that no
     * other exit code or message comes first.
     */
    /** Set once the run has ended without a stop: a signal after that is not this run's to act on. */
    private volatile boolean closed;

    @Override
    public void close() {
        // a signal from now on finds the run closed: the run's own exit code stands
        closed = true;
        if (stopping.compareAndSet(false, true)) {
            traps.forEach(Signals.Trap::restore);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyStopping) {
                // the hook runs, or has run: its line is the last word
            }
            return;
        }
        // a stop came first: the thread that handles it ends the process; this one waits for it
        while (waiter == null) Thread.onSpinWait();
        try {
            waiter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
