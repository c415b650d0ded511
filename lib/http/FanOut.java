package http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Independent requests a few at a time (Plex pages, Plex adds and removals), their results in the
 * order of the inputs. Each call handles its own failures; a refused credential (or any other
 * stop) ends the fan-out: no further call starts, the calls under way finish, and it is thrown as it was.
 */
public final class FanOut {
    /** One call; it answers for its own failures, but may throw a refused credential. */
    public interface Call<A, B> {
        B apply(A input) throws AuthException;
    }

    private FanOut() {}

    public static <A, B> List<B> map(List<A> inputs, int concurrency, Call<A, B> call) throws AuthException,
            InterruptedException {
        List<B> out = new ArrayList<>(inputs.size());
        if (concurrency <= 1 || inputs.size() <= 1) {
            for (A a : inputs) out.add(call.apply(a));
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, inputs.size()), r -> {
            Thread t = new Thread(r, "fan-out");
            t.setDaemon(true);
            return t;
        });
        List<Future<B>> futures = new ArrayList<>();
        AtomicReference<Throwable> stopped = new AtomicReference<>();
        try {
            for (A a : inputs) {
                futures.add(pool.submit(() -> {
                    if (stopped.get() != null) return null; // not started: a call before it stopped the fan-out
                    try {
                        return call.apply(a);
                    } catch (AuthException | RuntimeException | Error e) {
                        stopped.compareAndSet(null, e);
                        throw e;
                    }
                }));
            }
            for (Future<B> f : futures) {
                try {
                    B b = f.get();
                    if (stopped.get() != null) throw thrown(stopped.get());
                    out.add(b);
                } catch (ExecutionException e) {
                    throw thrown(stopped.get() != null ? stopped.get() : e.getCause());
                }
            }
            return out;
        } finally {
            stop(pool, futures);
        }
    }

    /** What stopped the fan-out, thrown as it was (a refused credential is the one checked kind). */
    private static AuthException thrown(Throwable c) {
        if (c instanceof AuthException auth) return auth;
        if (c instanceof RuntimeException rt) throw rt;
        if (c instanceof Error err) throw err;
        throw new IllegalStateException(c);
    }

    /**
     * After the last result or the first stop: calls not started never start, and calls under way
     * are let finish (within {@link #FINISH}), so that a write the service received is also
     * recorded by its caller; an interrupted caller does not wait.
     */
    private static <B> void stop(ExecutorService pool, List<Future<B>> futures) {
        for (Future<B> f : futures) f.cancel(false);
        pool.shutdown();
        try {
            if (!Thread.currentThread().isInterrupted()) {
                pool.awaitTermination(FINISH.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
        }
    }

    /** How long calls under way may take to finish once the fan-out stops. */
    static final Duration FINISH = Duration.ofSeconds(30);
}
