package sync;

import model.Plural;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How far a run's writes have come, shared with the thread that handles Ctrl-C and SIGTERM: the
 * actions planned once writing began, those carried out (and journaled), and those sent but not
 * yet answered. {@link #stop()} closes the gate: no write starts after it, and the writes under
 * way are let finish, so that every write a service received is in the journal before the
 * process ends.
 */
public final class WriteTally implements SyncJob.Writes {
    /** A write that was not started because the run is stopping. */
    public static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopped before this write: the run was interrupted");
        }
    }

    private int total = -1;
    private int inFlight;
    private int finished;
    private boolean stopping;
    private final List<Executor.Outcome> done = new ArrayList<>();
    /** What finishes a run stopped midway, as its stopped line says it. */
    private String rest = "the next run finishes the rest";

    /** Whether writing began (a backup was taken and the gate opened): before that, nothing was written. */
    synchronized boolean began() {
        return total >= 0;
    }

    /** What finishes this run when it is stopped midway, if not the next run (an --undo: the same --undo). */
    synchronized void finishedBy(String how) {
        rest = how;
    }

    /** Writing begins: {@code actions} are planned. */
    synchronized void begin(int actions) {
        total = actions;
    }

    /** Before {@code writes} go out: throws {@link Stopped} once the run is stopping, else counts them under way. */
    synchronized void starting(int writes) {
        if (stopping) throw new Stopped();
        inFlight += writes;
    }

    /** A write's outcome is known and journaled. */
    synchronized void finished(Executor.Outcome o) {
        if (inFlight > 0) inFlight--;
        finished++;
        if (o.status() == Executor.Status.DONE) done.add(o);
        notifyAll();
    }

    /** Writes that ended without an outcome of their own (what stopped the run was thrown): no longer under way. */
    synchronized void abandoned(int writes) {
        inFlight = Math.max(0, inFlight - writes);
        notifyAll();
    }

    /** Whether writes are under way now. */
    @Override
    public synchronized boolean writing() {
        return inFlight > 0;
    }

    /** Closes the gate: no further write starts. */
    @Override
    public synchronized void stop() {
        stopping = true;
    }

    /**
     * Waits, at most {@code limit}, until no write is under way; answers whether none is. Called by
     * the thread that handles a stop, after {@link #stop()}.
     */
    @Override
    public synchronized boolean awaitQuiet(Duration limit) throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        while (inFlight > 0) {
            long left = until - System.nanoTime();
            if (left <= 0) return false;
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** The one line for a run stopped now: how far it came, and what was done, by name (a few, then the count). */
    @Override
    public synchronized String stoppedLine() {
        if (total < 0) return "Stopped before any change: nothing was written.";
        List<String> names = new ArrayList<>();
        for (Executor.Outcome o : done) {
            if (names.size() == SHOWN) break;
            Plan.Action a = o.action();
            names.add(a.kind().done + a.side().display() + ": "
                    + a.match().label());
        }
        String what = names.isEmpty() ? "" : " (" + String.join("; ", names) + (done.size() > SHOWN ? "; and "
                + (done.size() - SHOWN) + " more" : "") + ")";
        String journal = done.isEmpty() ? "" : " --journal lists each.";
        if (finished >= total) {
            return "Stopped after all " + Plural.of(total, "action") + what + "; the next run checks both sides again."
                    + journal;
        }
        return "Stopped after " + finished + " of " + Plural.of(total, "action") + what
                + "; " + rest + "." + journal;
    }

    /** How many actions the stopped line names; the journal has them all. */
    static final int SHOWN = 5;
}
