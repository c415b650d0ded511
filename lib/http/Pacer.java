package http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Keeps one service's request rate under its limits (SIMKL: 1 POST and 10 GETs a second, one at a
 * time). Time is read from the injected clock and advanced by what it waited, so it is exact under
 * a fake clock too.
 */
public final class Pacer {
    private final Clock clock;
    private final Sleeper sleeper;
    private final int getsPerSecond;
    private final Duration postGap;
    private final Deque<Instant> recentGets = new ArrayDeque<>();
    private Instant lastPost;
    private Instant cursor = Instant.MIN;

    public Pacer(Clock clock, Sleeper sleeper, int getsPerSecond, Duration postGap) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.getsPerSecond = getsPerSecond;
        this.postGap = postGap;
    }

    /** Waits until a request with this method may go out, then records it. */
    public synchronized void await(String method) {
        Instant now = clock.instant().isAfter(cursor) ? clock.instant() : cursor;
        Duration wait = Duration.ZERO;
        if (method.equals("GET")) {
            while (!recentGets.isEmpty() && !recentGets.peekFirst().plusSeconds(1).isAfter(now)) recentGets.pollFirst();
            if (recentGets.size() >= getsPerSecond) wait = Duration.between(now, recentGets.peekFirst().plusSeconds(1));
        } else if (lastPost != null && lastPost.plus(postGap).isAfter(now)) {
            wait = Duration.between(now, lastPost.plus(postGap));
        }
        if (!wait.isZero() && !wait.isNegative()) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            now = now.plus(wait);
        }
        cursor = now;
        if (method.equals("GET")) recentGets.addLast(now);
        else lastPost = now;
    }
}
