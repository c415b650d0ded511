package sync;

import model.Plural;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * How far a run's writes have come, shared with the thread that handles Ctrl-C and SIGTERM: the
 * actions planned once writing began, those carried out (and journaled), and those sent but not
 * yet answered. {@link #stop(Duration)} closes the gate: no write starts after it, and the writes under
 * way are let finish (the clients are told to abandon what is still under way within the time
 * given, so that it ends), so that every write a service received is in the journal before the
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
    /** Writes that went out with no answer saying what came of them (they may have been carried out). */
    private int unknown;
    /** Actions that failed, or were not sent because the run was stopping. */
    private int failed;
    /** Told, once, when the run is asked to stop: the clients, which then send no write and retry nothing. */
    private final List<Consumer<Duration>> onStop = new ArrayList<>();

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
        passed = true;
    }

    /** Whether a write passed the gate: until one does, nothing was sent (an --apply's plan is not used up). */
    private boolean passed;

    /** A write's outcome is known and journaled. */
    synchronized void finished(Executor.Outcome o) {
        if (inFlight > 0) inFlight--;
        finished++;
        if (o.status() == Executor.Status.DONE) done.add(o);
        if (o.status() == Executor.Status.UNKNOWN) unknown++;
        if (o.status() == Executor.Status.FAILED) failed++;
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

    /** {@code c} is told when the run is asked to stop, with the time left for what is under way. */
    synchronized void onStop(Consumer<Duration> c) {
        onStop.add(c);
    }

    /**
     * Closes the gate: no further write starts, and the clients are told to retry nothing and to
     * abandon, {@code endWithin} from now, what is still under way.
     */
    @Override
    public void stop(Duration endWithin) {
        synchronized (this) {
            stopping = true;
        }
        stopSending(endWithin);
    }

    /**
     * Tells the clients, once, to send nothing more (no write, no retry) and to abandon, {@code
     * endWithin} from now, what is still under way; the gate stays open, so each write left is
     * reported as not sent and the run ends with its report (a --watch round).
     */
    @Override
    public void stopSending(Duration endWithin) {
        List<Consumer<Duration>> tell;
        synchronized (this) {
            if (told) return;
            told = true;
            tell = List.copyOf(onStop);
        }
        tell.forEach(c -> c.accept(endWithin));
    }

    /** Whether the clients were told to send nothing more. */
    private boolean told;

    /**
     * Waits, at most {@code limit}, until no write is under way; answers whether none is. Called by
     * the thread that handles a stop, after {@link #stop(Duration)}.
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

    /**
     * The one line for a run stopped now: how far it came (the actions settled: done, or found already
     * so or not found), what was done, by name (a few, then the count), and what was not done or is
     * not known to be.
     */
    @Override
    public synchronized String stoppedLine() {
        if (total < 0 || !passed) return "Stopped before any change: nothing was written.";
        List<String> names = new ArrayList<>();
        for (Executor.Outcome o : done) {
            if (names.size() == SHOWN) break;
            Plan.Action a = o.action();
            names.add(a.kind().done + a.side().display() + ": "
                    + a.match().label());
        }
        String what = names.isEmpty() ? "" : " (" + String.join("; ", names) + (done.size() > SHOWN ? "; and "
                + (done.size() - SHOWN) + " more" : "") + ")";
        String journal = done.isEmpty() && unknown == 0 && failed == 0 ? "" : " --journal lists each.";
        String notDone = (failed == 0 ? "" : "; " + failed + " failed or not sent")
                + (unknown == 0 ? "" : "; " + unknown + (unknown == 1 ? " write" : " writes")
                        + " got no answer and may or may not have been carried out");
        int settled = finished - failed - unknown;
        if (settled >= total) {
            return "Stopped after all " + Plural.of(total, "action") + what + "; the next run checks both sides "
                    + "again." + journal;
        }
        return "Stopped after " + settled + " of " + Plural.of(total, "action") + what + notDone
                + "; " + rest + "." + journal;
    }

    /** How many actions the stopped line names; the journal has them all. */
    static final int SHOWN = 5;
}
