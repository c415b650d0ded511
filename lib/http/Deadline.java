package http;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A total deadline for one exchange. The HTTP client's own timeouts stop a connect and the wait for
 * the first byte, but not a body that stalls after the headers: a server (or a proxy) that sends
 * "200 OK" and then nothing would hold a cron run, and its lock, for ever. The exchange runs on a
 * worker thread; the caller waits at most {@code limit}, then interrupts the worker (which makes
 * the JDK's client abandon the exchange) and goes on.
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
     * Runs {@code work} and answers its result, or throws {@link Exceeded} when it has not ended
     * within {@code limit}. What {@code work} throws unchecked is thrown as it was; an interrupted
     * caller abandons the exchange and keeps its interrupt.
     */
    public static <T> T within(Duration limit, Callable<T> work) {
        Future<T> f = WORKERS.submit(work);
        try {
            return f.get(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
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
