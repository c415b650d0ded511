package http;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Timeouts, retries and waiting for every service: one value, built once per run, so that tests
 * shorten timeouts and replace the clock and the sleeper. {@code accepted} remembers, for the whole
 * run (every --watch round), which credentials a service has accepted: a later refusal of the same
 * ones is then a limit, not a bad credential.
 */
public record HttpPolicy(Duration connectTimeout, Duration readTimeout, int maxAttempts, Duration baseBackoff,
                         Duration maxBackoff, Clock clock, Sleeper sleeper, Redactor redactor,
                                 Consumer<String> debugLog,
                         String userAgent, Set<String> accepted) {
    public static HttpPolicy defaults(Clock clock, Sleeper sleeper, Redactor redactor, Consumer<String> debugLog,
            String userAgent) {
        return new HttpPolicy(Duration.ofSeconds(10), Duration.ofSeconds(30), 4, Duration.ofMillis(500),
                Duration.ofSeconds(60), clock, sleeper, redactor, debugLog, userAgent, ConcurrentHashMap.newKeySet());
    }

    /**
     * The most one exchange may take, from connect to the last byte of the body: the connect
     * timeout and twice the read timeout (a large SIMKL list on a slow line needs more than one
     * read timeout to arrive, and a stalled one must still end).
     */
    public Duration totalTimeout() {
        return connectTimeout.plus(readTimeout.multipliedBy(2));
    }

    public HttpPolicy withTimeouts(Duration connect, Duration read) {
        return new HttpPolicy(connect, read, maxAttempts, baseBackoff, maxBackoff, clock, sleeper, redactor, debugLog,
                userAgent, accepted);
    }

    /** This policy, remembering accepted credentials in {@code set} (one set for a whole run). */
    public HttpPolicy withAccepted(Set<String> set) {
        return new HttpPolicy(connectTimeout, readTimeout, maxAttempts, baseBackoff, maxBackoff, clock, sleeper,
                redactor,
                debugLog, userAgent, set);
    }
}
