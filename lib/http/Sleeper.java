package http;

import java.time.Duration;

/** Waits; injected so that tests of backoff, pacing and polling never sleep for real. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;

    Sleeper REAL = d -> {
        if (!d.isNegative() && !d.isZero()) Thread.sleep(d.toMillis());
    };
}
