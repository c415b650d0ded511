package http;

/** A service refused the credentials: the run stops with exit code 3 and the sign-in that fixes it. */
public final class AuthException extends ServiceError {
    public AuthException(Service service, String message, int status) {
        super(service, message, status, null);
    }
}
