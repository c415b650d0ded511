package http;

/**
 * A request failed: no answer, an error status, or an answer that is not what was asked for.
 * {@link #mayHaveLanded()} tells a write whose fate is unknown (it went out, and no answer said
 * whether it was carried out) from one that certainly was not.
 */
public sealed class ServiceException extends ServiceError permits LimitException {
    private final boolean mayHaveLanded;

    public ServiceException(Service service, String message, int status) {
        this(service, message, status, null, false);
    }

    public ServiceException(Service service, String message, int status, Throwable cause) {
        this(service, message, status, cause, false);
    }

    /** {@code mayHaveLanded}: a write that went out and may have been carried out, though no answer said so. */
    public ServiceException(Service service, String message, int status, Throwable cause, boolean mayHaveLanded) {
        super(service, message, status, cause);
        this.mayHaveLanded = mayHaveLanded;
    }

    /**
     * Whether the request was a write that reached (or may have reached) the service and got no
     * answer saying it was done or refused: no answer, one cut short, a 5xx, or a stop while it was
     * under way. Such a write is reported as unknown, never as done nor as not done.
     */
    public boolean mayHaveLanded() {
        return mayHaveLanded;
    }
}
