package http;

import java.time.Duration;

/**
 * The service refused a request for its limits: a daily quota spent, SIMKL's "denied due to API
 * limits" (403) and "Total Requests Limit Exceeded" (412) after it had accepted the same
 * credentials, or a refusal that says nothing of when to ask again. Asking again now only spends
 * more: the run ends with exit 1, and the next run tries again.
 */
public final class LimitException extends ServiceException {
    private final boolean dailyQuota;
    private final Duration retryAfter;

    public LimitException(Service service, String message, int status) {
        this(service, message, status, false, null);
    }

    /**
     * {@code dailyQuota}: the service said the day's requests are used up (an error id ending in
     * limit_exceeded); {@code retryAfter}: the wait it asked for (Retry-After), or null.
     */
    public LimitException(Service service, String message, int status, boolean dailyQuota, Duration retryAfter) {
        super(service, message, status);
        this.dailyQuota = dailyQuota;
        this.retryAfter = retryAfter;
    }

    /** Whether the service said the day's requests are used up: not asked again before its day ends. */
    public boolean dailyQuota() {
        return dailyQuota;
    }

    /** The wait the service asked for with its refusal, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The same refusal again, for a request this run no longer sends. */
    LimitException again() {
        return new LimitException(service(), getMessage(), status(), dailyQuota, retryAfter);
    }
}
