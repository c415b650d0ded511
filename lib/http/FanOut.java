package http;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Independent requests a few at a time (Plex pages, Plex adds and removals), their results in the
 * order of the inputs. Each call handles its own failures; a refused credential ends the fan-out
 * at once and is thrown as it was.
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
        try {
            List<Future<B>> futures = new ArrayList<>();
            for (A a : inputs) futures.add(pool.submit(() -> call.apply(a)));
            for (Future<B> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof AuthException auth) throw auth;
                    if (c instanceof RuntimeException rt) throw rt;
                    if (c instanceof Error err) throw err;
                    throw new IllegalStateException(c);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
