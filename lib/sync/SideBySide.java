package sync;

/**
 * A piece of work run beside the caller's own (Plex and SIMKL, which neither waits for): started on
 * a thread of its own, then joined, what it threw thrown again as it was. A daemon thread, so that a
 * read nobody waits for any more never keeps the process alive.
 */
final class SideBySide<T> {
    /** The work: answers a value or throws what stopped it. */
    interface Work<T> {
        T run() throws Exception;
    }

    private final Thread thread;
    private T value;
    private Throwable failure;

    private SideBySide(String name, Work<T> work) {
        thread = new Thread(() -> {
            try {
                value = work.run();
            } catch (Throwable t) {
                failure = t;
            }
        }, name);
        thread.setDaemon(true);
    }

    /** Starts {@code work} on the thread {@code name}. */
    static <T> SideBySide<T> start(String name, Work<T> work) {
        SideBySide<T> side = new SideBySide<>(name, work);
        side.thread.start();
        return side;
    }

    /** Waits for the work to end, whatever it answers (a read no longer wanted is not left half-sent). */
    void await() {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** The work's value; what it threw is thrown as it was when it is an {@code X}, or unchecked. */
    <X extends Exception> T join(Class<X> thrown) throws X {
        return join(thrown, thrown);
    }

    /** As {@link #join(Class)}, for work that throws either of two kinds. */
    <X extends Exception, Y extends Exception> T join(Class<X> one, Class<Y> other) throws X, Y {
        await();
        Throwable t = failure;
        if (t == null) return value;
        if (one.isInstance(t)) throw one.cast(t);
        if (other.isInstance(t)) throw other.cast(t);
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        throw new IllegalStateException(t);
    }
}
