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
 * a day the answer is 429. A token also has a daily quota of requests; past it every request is
 * refused in the way {@link Quota} says. SIMKL publishes the first two numbers; the block length,
 * the polling allowance and the quota (1,000 a day, as a CrossWatch user reported) are our guesses,
 * chosen strict enough that a client that polls or overspends is caught in a test.
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

    static final int DAILY_QUOTA = 1000;

    /** Why a request is refused: the status and SIMKL-style error body to answer with. */
    record Refusal(int status, String error, String message) {}

    /**
     * How SIMKL answers a request past the daily quota. Its blueprint gives 412 "Total Requests
     * Limit Exceeded" (with the same error id as a wrong client id) and 403 "denied due to API
     * limits"; third parties report 429 with user_limit_exceeded.
     */
    enum Quota {
        PRECONDITION(new Refusal(412, "client_id_failed", "Total Requests Limit Exceeded")),
        FORBIDDEN(new Refusal(403, "forbidden", "Requests are being denied due to API limits")),
        TOO_MANY(new Refusal(429, "user_limit_exceeded", "Daily request limit exceeded"));

        final Refusal refusal;

        Quota(Refusal refusal) {
            this.refusal = refusal;
        }
    }

    private volatile int dailyQuota = DAILY_QUOTA;
    private volatile Quota quotaAnswer = Quota.PRECONDITION;

    /** Sets the daily quota per caller and how it is answered when spent. */
    void quota(int perDay, Quota answer) {
        dailyQuota = perDay;
        quotaAnswer = answer;
    }

    /** From now on, every caller may make {@code more} requests today (then the quota's answer); a new day resets it.
     * */
    synchronized void leftToday(int more, Quota answer) {
        quotaAnswer = answer;
        leftToday = more;
        for (Caller c : callers.values()) c.cap = c.today + more;
    }

    private Integer leftToday;

    private static final class Caller {
        final Deque<Instant> gets = new ArrayDeque<>();
        final Deque<Instant> redundantReads = new ArrayDeque<>();
        final Map<String, String> lastFullRead = new HashMap<>();
        String day;
        int today;
        /** This caller's quota for today when a test set one ({@link #leftToday}); null: the daily quota. */
        Integer cap;
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
        String day = now.toString().substring(0, 10);
        if (c.day == null && leftToday != null) c.cap = leftToday;
        if (c.day != null && !day.equals(c.day)) c.cap = null;
        if (!day.equals(c.day)) {
            c.day = day;
            c.today = 0;
        }
        if (c.today >= (c.cap != null ? c.cap : dailyQuota)) return quotaAnswer.refusal;
        c.today++;
        if (method.equals("GET")) {
            Instant windowStart = now.minus(Duration.ofSeconds(1).minus(SLACK));
            while (!c.gets.isEmpty() && !c.gets.peekFirst().isAfter(windowStart)) c.gets.pollFirst();
            if (c.gets.size() >= GETS_PER_SECOND) {
                return new Refusal(429, "rate_limit", "More than " + GETS_PER_SECOND + " GET requests a second");
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
            return new Refusal(429, "rate_limit", "POST requests are blocked for a while: too many in a second");
        }
        if (c.lastPost != null && now.isBefore(c.lastPost.plus(POST_GAP).minus(SLACK))) {
            c.postsBlockedUntil = now.plus(POST_BLOCK);
            return new Refusal(429, "rate_limit", "More than 1 POST request a second");
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
            return new Refusal(429, "rate_limit", "All items polled without date_from although nothing changed: "
                    + "read /sync/activities first and ask only for what moved");
        }
        c.redundantReads.addLast(now);
        return null;
    }
}
