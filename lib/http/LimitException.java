package http;

/**
 * The service refused a request for its limits: a daily quota spent, or SIMKL's "denied due to API
 * limits" (403) and "Total Requests Limit Exceeded" (412) after it had accepted the same credentials.
 * Asking again now only spends more: the run ends with exit 1, and the next run tries again.
 */
public final class LimitException extends ServiceException {
    public LimitException(Service service, String message, int status) {
        super(service, message, status);
    }
}
