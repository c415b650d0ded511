package sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * SIMKL's usage rules as its emulator enforces them (docs/services.md, "Usage rules"): per access
 * token (or client id before sign-in), at most 10 GETs a second (more: 429); POSTs at least a
 * second apart (closer: 429 and a throttling block on POSTs, which every POST sent during it
 * extends); and no polling of whole lists: reading a whole list again although none of its
 * activity stamps moved since this token last read it whole is counted, and past a few such reads
 * a day the answer is 429. SIMKL publishes the first two numbers; the block length and the
 * polling allowance are ours, chosen strict enough that a client that polls is caught in a test.
 *
 * Times are the emulator's clock at arrival; {@link #SLACK} absorbs the jitter between a client
 * pacing itself on the same real clock and the moment its request is read here.
 */
final class SimklUsageRules {
    static final int GETS_PER_SECOND = 10;
    static final Duration POST_GAP = Duration.ofSeconds(1);
    static final Duration POST_BLOCK = Duration.ofSeconds(60);
    static final int REDUNDANT_FULL_READS_PER_DAY = 12;
    static final Duration SLACK = Duration.ofMillis(100);

    /** Why a request is refused: the status and SIMKL-style error body to answer with. */
    record Refusal(int status, String error, String message) {}

    private static final class Caller {
        final Deque<Instant> gets = new ArrayDeque<>();
        final Deque<Instant> redundantReads = new ArrayDeque<>();
        final Map<String, String> lastFullRead = new HashMap<>();
        Instant lastPost;
        Instant postsBlockedUntil;
    }

    private final Map<String, Caller> callers = new HashMap<>();

    /**
     * Checks one request and records it when allowed. {@code fullReadScope} names the list a whole
     * read covers (e.g. "shows", "all") or is null for anything else; {@code listVersion} is that
     * scope's activity stamps now.
     */
    synchronized Refusal check(String caller, String method, String fullReadScope, String listVersion, Instant now) {
        Caller c = callers.computeIfAbsent(caller, k -> new Caller());
        if (method.equals("GET")) {
            Instant windowStart = now.minus(Duration.ofSeconds(1).minus(SLACK));
            while (!c.gets.isEmpty() && !c.gets.peekFirst().isAfter(windowStart)) c.gets.pollFirst();
            if (c.gets.size() >= GETS_PER_SECOND) {
                return new Refusal(429, "too_many_requests", "More than " + GETS_PER_SECOND + " GET requests a second");
            }
            if (fullReadScope != null) {
                Refusal r = polling(c, fullReadScope, listVersion, now);
                if (r != null) return r;
            }
            c.gets.addLast(now);
            return null;
        }
        if (c.postsBlockedUntil != null && now.isBefore(c.postsBlockedUntil)) {
            c.postsBlockedUntil = now.plus(POST_BLOCK);
            return new Refusal(429, "too_many_requests", "POST requests are blocked for a while: too many in a second");
        }
        if (c.lastPost != null && now.isBefore(c.lastPost.plus(POST_GAP).minus(SLACK))) {
            c.postsBlockedUntil = now.plus(POST_BLOCK);
            return new Refusal(429, "too_many_requests", "More than 1 POST request a second");
        }
        c.lastPost = now;
        return null;
    }

    private static Refusal polling(Caller c, String scope, String listVersion, Instant now) {
        while (!c.redundantReads.isEmpty() && !c.redundantReads.peekFirst().isAfter(now.minus(Duration.ofDays(1)))) {
            c.redundantReads.pollFirst();
        }
        String before = c.lastFullRead.put(scope, listVersion);
        if (before == null || !before.equals(listVersion)) return null;
        if (c.redundantReads.size() >= REDUNDANT_FULL_READS_PER_DAY) {
            return new Refusal(429, "too_many_requests", "All items polled without date_from although nothing changed: "
                    + "read /sync/activities first and ask only for what moved");
        }
        c.redundantReads.addLast(now);
        return null;
    }
}
