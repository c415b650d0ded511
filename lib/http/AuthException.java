package http;

/** A service refused the credentials (401/403): the run stops with exit code 3 and a hint. */
public class AuthException extends ServiceException {
    public AuthException(String message, int status) {
        super(message, status);
    }
}
