package http;

/** A request failed: no answer, an error status, or an answer that is not what was asked for. */
public sealed class ServiceException extends ServiceError permits LimitException {
    public ServiceException(Service service, String message, int status) {
        super(service, message, status, null);
    }

    public ServiceException(Service service, String message, int status, Throwable cause) {
        super(service, message, status, cause);
    }
}
