package http;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A total deadline for one exchange. The HTTP client's own timeouts stop a connect and the wait for
 * the first byte, but not a body that stalls after the headers: a server (or a proxy) that sends
 * "200 OK" and then nothing would hold a cron run, and its lock, for ever. The exchange runs on a
 * worker thread; the caller waits at most {@code limit}, then interrupts the worker (which makes
 * the JDK's client abandon the exchange) and goes on. An exchange may also be cut short by its
 * caller (a run asked to stop, whose writes under way must end within its grace): {@link Cut}.
 */
public final class Deadline {
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "http-exchange");
        t.setDaemon(true); // an abandoned exchange never keeps the process alive
        return t;
    });

    private Deadline() {}

    /** An exchange that did not end within its deadline: a fault of the network, retried like a timeout. */
    public static final class Exceeded extends RuntimeException {
        private final Duration limit;

        Exceeded(Duration limit) {
            super("no whole answer within " + describe(limit));
            this.limit = limit;
        }

        public Duration limit() {
            return limit;
        }
    }

    /**
     * An exchange its caller abandoned before its deadline because {@code cut} said so (the run is
     * stopping): it may have reached the service, and no answer says what came of it.
     */
    public static final class Cut extends RuntimeException {
        Cut() {
            super("abandoned without an answer: the run is stopping");
        }
    }

    /** How often a wait that may be cut short looks whether it is: a stop is heard within this. */
    static final long CUT_CHECK_MS = 100;

    /**
     * Runs {@code work} and answers its result, or throws {@link Exceeded} when it has not ended
     * within {@code limit}. What {@code work} throws unchecked is thrown as it was; an interrupted
     * caller abandons the exchange and keeps its interrupt.
     */
    public static <T> T within(Duration limit, Callable<T> work) {
        return within(limit, work, null);
    }

    /**
     * As {@link #within(Duration, Callable)}, and abandoned with {@link Cut} as soon as {@code cut}
     * (null: never) says so; when it says so already, {@code work} is not started.
     */
    public static <T> T within(Duration limit, Callable<T> work, BooleanSupplier cut) {
        if (cut != null && cut.getAsBoolean()) throw new Cut();
        Future<T> f = WORKERS.submit(work);
        long limitMs = Math.max(1, limit.toMillis());
        long start = System.nanoTime();
        try {
            while (true) {
                long left = limitMs - (System.nanoTime() - start) / 1_000_000;
                if (left <= 0) throw new TimeoutException();
                if (cut != null && cut.getAsBoolean()) {
                    f.cancel(true);
                    throw new Cut();
                }
                try {
                    return f.get(cut == null ? left : Math.min(left, CUT_CHECK_MS), TimeUnit.MILLISECONDS);
                } catch (TimeoutException slice) {
                    // the next look at the deadline and the cut
                }
            }
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new Exceeded(limit);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an answer", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
    }

    static String describe(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
