package sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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
 * a day the answer is 429. Each account (every token of it: the person's other apps too) has a
 * daily quota of requests, by its plan, counted in days of New York time; past it every request is
 * refused in the way {@link Quota} says, by default 429 user_limit_exceeded with Retry-After
 * giving the seconds to the day's end. SIMKL publishes the first two numbers; the quotas (500,
 * 1,000 and 10,000 a day for free, PRO and VIP accounts), the day and the answer are reported by
 * its users; the block length and the polling allowance are our guesses, chosen strict enough that
 * a client that polls or overspends is caught in a test.
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

    /** Where the quota's day begins and ends, as reported: midnight US Eastern. */
    static final ZoneId QUOTA_DAY = ZoneId.of("America/New_York");

    /** The requests a day of an account of {@code type} ("free", "pro", "vip"), as reported. */
    static int dailyQuota(String type) {
        return switch (type) {
            case "vip" -> 10_000;
            case "pro" -> 1_000;
            default -> 500;
        };
    }

    /** Why a request is refused: the status and SIMKL-style error body to answer with, and a Retry-After or null. */
    record Refusal(int status, String error, String message, String retryAfter) {
        Refusal(int status, String error, String message) {
            this(status, error, message, null);
        }
    }

    /**
     * How SIMKL answers a request past the daily quota. Its blueprint gives 412 "Total Requests
     * Limit Exceeded" (with the same error id as a wrong client id) and 403 "denied due to API
     * limits"; third parties report 429 with user_limit_exceeded.
     */
    enum Quota {
        PRECONDITION(new Refusal(412, "client_id_failed", "Total Requests Limit Exceeded")),
        FORBIDDEN(new Refusal(403, "forbidden", "Requests are being denied due to API limits")),
        TOO_MANY(new Refusal(429, "user_limit_exceeded", "Daily request limit exceeded"));

        private final Refusal refusal;

        Quota(Refusal refusal) {
            this.refusal = refusal;
        }

        /** The answer at {@code now}: the 429 says how long until the day ends, as reported. */
        Refusal refusal(Instant now) {
            if (this != TOO_MANY) return refusal;
            Instant end = now.atZone(QUOTA_DAY).toLocalDate().plusDays(1).atStartOfDay(QUOTA_DAY).toInstant();
            long seconds = Math.max(1, Duration.between(now, end).toSeconds());
            return new Refusal(refusal.status(), refusal.error(), refusal.message(), String.valueOf(seconds));
        }
    }

    /** The account an emulator serves unless it hands out accounts of their own ({@code check}'s account). */
    static final String MAIN_ACCOUNT = "main";

    private int dailyQuota = dailyQuota("free");
    private Quota quotaAnswer = Quota.TOO_MANY;

    /** Sets every account's daily quota and how it is answered when spent. */
    synchronized void quota(int perDay, Quota answer) {
        dailyQuota = perDay;
        quotaAnswer = answer;
    }

    /**
     * From now on, the main account may make {@code more} requests today (then the quota's answer); a
     * new day resets it.
     */
    synchronized void leftToday(int more, Quota answer) {
        quotaAnswer = answer;
        Day d = days.computeIfAbsent(MAIN_ACCOUNT, k -> new Day());
        d.cap = d.used + more;
    }

    /** One account's quota day (New York time) so far: which day, how many requests, and a test's cap (or null). */
    private static final class Day {
        LocalDate day;
        int used;
        Integer cap;
    }

    private final Map<String, Day> days = new HashMap<>();

    private static final class Caller {
        final Deque<Instant> gets = new ArrayDeque<>();
        final Deque<Instant> redundantReads = new ArrayDeque<>();
        final Map<String, String> lastFullRead = new HashMap<>();
        Instant lastPost;
        Instant postsBlockedUntil;
    }

    private final Map<String, Caller> callers = new HashMap<>();

    /**
     * Checks one request of {@code caller} (its token), which signs in to {@code account}, and
     * records it when allowed. {@code fullReadScope} names the list a whole read covers (e.g.
     * "shows", "all") or is null for anything else; {@code listVersion} is that scope's activity
     * stamps now.
     */
    synchronized Refusal check(String caller, String account, String method, String fullReadScope,
                               String listVersion, Instant now) {
        Caller c = callers.computeIfAbsent(caller, k -> new Caller());
        Day today = days.computeIfAbsent(account, k -> new Day());
        LocalDate d = now.atZone(QUOTA_DAY).toLocalDate();
        if (!d.equals(today.day)) {
            if (today.day != null) today.cap = null;
            today.day = d;
            today.used = 0;
        }
        if (today.used >= (today.cap != null ? today.cap : dailyQuota)) return quotaAnswer.refusal(now);
        today.used++;
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
