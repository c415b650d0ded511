package http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Keeps one service's request rate under its limits (SIMKL: 1 POST and 10 GETs a second), in this
 * process and, with a {@link PaceFile}, across every process that shares that file (commands run
 * back to back on one config folder). Time is read from the injected clock and advanced by what it
 * waited, so it is exact under a fake clock too.
 */
public final class Pacer implements ServiceHttp.Pace {
    private final Clock clock;
    private final Sleeper sleeper;
    private final Rate rate;
    private final Recent local = new Recent();
    private final PaceFile shared;
    private Instant cursor = Instant.MIN;

    public Pacer(Clock clock, Sleeper sleeper, int getsPerSecond, Duration postGap) {
        this(clock, sleeper, getsPerSecond, postGap, null);
    }

    /** {@code shared}: the file other processes pace by too; null: this process only. */
    public Pacer(Clock clock, Sleeper sleeper, int getsPerSecond, Duration postGap, PaceFile shared) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.rate = new Rate(getsPerSecond, postGap);
        this.shared = shared;
    }

    @Override
    public void before(Request r) {
        await(r.method());
    }

    /**
     * A POST refused for pace (429, but not a spent daily quota) is recorded in the shared file, so
     * that --doctor can tell of it; one accepted afterwards clears it.
     */
    @Override
    public void answered(Request r, Response resp) {
        if (shared == null || r.method().equals("GET")) return;
        int s = resp.status();
        if (s >= 200 && s < 300) {
            shared.postAccepted();
        } else if (s == 429) {
            String id = resp.errorId();
            if (id == null || !id.endsWith("limit_exceeded")) shared.postRefused(clock.instant());
        }
    }

    /** Waits until a request with this method may go out, then records it. */
    public synchronized void await(String method) {
        Instant now = clock.instant().isAfter(cursor) ? clock.instant() : cursor;
        Instant at = local.next(method, now, rate);
        if (shared != null) at = shared.reserve(method, at, rate);
        Duration wait = Duration.between(now, at);
        if (!wait.isZero() && !wait.isNegative()) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        cursor = at;
        local.record(method, at);
    }

    /** The pace: at most {@code getsPerSecond} GETs in any second, POSTs {@code postGap} apart. */
    public record Rate(int getsPerSecond, Duration postGap) {}

    /**
     * When requests went out lately (or will, once their wait is over): the GETs of the last second,
     * oldest first, and the last POST. Pure.
     */
    static final class Recent {
        private final List<Instant> gets = new ArrayList<>();
        private Instant lastPost;

        Recent() {
        }

        Recent(Collection<Instant> gets, Instant lastPost) {
            this.gets.addAll(gets);
            this.gets.sort(null);
            this.lastPost = lastPost;
        }

        List<Instant> gets() {
            return List.copyOf(gets);
        }

        Instant lastPost() {
            return lastPost;
        }

        /** The earliest instant from {@code now} on at which a request with this method keeps to the pace. */
        Instant next(String method, Instant now, Rate rate) {
            gets.removeIf(g -> !g.plusSeconds(1).isAfter(now)); // a second old: past counting
            if (!method.equals("GET")) {
                return lastPost != null && lastPost.plus(rate.postGap()).isAfter(now) ? lastPost.plus(rate.postGap())
                        : now;
            }
            if (gets.size() < rate.getsPerSecond()) return now;
            // the GETs after it must leave room for one more within a second
            Instant free = gets.get(gets.size() - rate.getsPerSecond()).plusSeconds(1);
            return free.isAfter(now) ? free : now;
        }

        void record(String method, Instant at) {
            if (!method.equals("GET")) {
                if (lastPost == null || at.isAfter(lastPost)) lastPost = at;
                return;
            }
            int i = gets.size();
            while (i > 0 && gets.get(i - 1).isAfter(at)) i--;
            gets.add(i, at);
        }
    }
}
