package http;

import java.util.Map;

/**
 * Credentials that can change during a run: an access token that runs out and is renewed with a
 * refresh token. {@link ServiceHttp} asks for the headers before each request and, when the
 * service refuses them (401), asks once for new ones and sends the refused request again: a
 * refused request did nothing, so sending it again is safe even for a write.
 */
public interface Credentials {
    /** The headers that carry the credentials now, renewed first when they are about to run out. */
    Map<String, String> headers() throws ServiceException, AuthException;

    /**
     * New headers after the service refused {@code refused}, or null when they cannot be renewed
     * (then the refusal stands). Headers renewed meanwhile by another request are answered as they are.
     */
    Map<String, String> renewAfterRefusal(Map<String, String> refused) throws ServiceException, AuthException;
}
