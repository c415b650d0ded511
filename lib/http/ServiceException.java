package http;

/** A request to a service failed for good (after any retries); the message is fit for a person. */
public class ServiceException extends Exception {
    private final int status;

    public ServiceException(String message, int status) {
        super(message);
        this.status = status;
    }

    public ServiceException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status of the last answer, or 0 when no answer came (timeout, refused, malformed). */
    public int status() {
        return status;
    }
}
