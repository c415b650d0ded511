package http;

/** A service refused the credentials: the run stops with exit code 3 and the sign-in that fixes it. */
public final class AuthException extends ServiceError {
    private final String errorId;

    public AuthException(Service service, String message, int status) {
        this(service, message, status, null);
    }

    /** {@code errorId}: the service's own word for the refusal ("insufficient_scope"), or null. */
    public AuthException(Service service, String message, int status, String errorId) {
        super(service, message, status, null);
        this.errorId = errorId;
    }

    /** The service's error id for the refusal, or null: which sign-in fixes it can depend on it. */
    public String errorId() {
        return errorId;
    }

    /** Whether the sign-in was not granted what the request needs (a read-only grant asked to write). */
    public boolean missingScope() {
        return "insufficient_scope".equals(errorId);
    }
}
