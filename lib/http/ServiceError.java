package http;

/**
 * What ended a request to a service for good, after any retries, with a message fit for a person.
 * A sealed family, read by its type and never by its text: {@link ServiceException} is a request
 * that failed (code that can live with that catches it), and {@link LimitException} one of those:
 * the service refused for its limits (exit 1, never a sign-in hint); {@link AuthException} is a
 * refusal of the credentials, which always stops the run and so passes through such code untouched.
 */
public abstract sealed class ServiceError extends Exception permits ServiceException, AuthException {
    private final Service service;
    private final int status;

    ServiceError(Service service, String message, int status, Throwable cause) {
        super(message, cause);
        this.service = service;
        this.status = status;
    }

    public Service service() {
        return service;
    }

    /** The HTTP status of the last answer, or 0 when no answer came (timeout, refused, malformed). */
    public int status() {
        return status;
    }
}
