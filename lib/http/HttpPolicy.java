package http;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Timeouts, retries and waiting for every service: one value, built once per run, so that tests
 * shorten timeouts and replace the clock and the sleeper.
 */
public record HttpPolicy(Duration connectTimeout, Duration readTimeout, int maxAttempts, Duration baseBackoff,
                         Duration maxBackoff, Clock clock, Sleeper sleeper, Redactor redactor,
                                 Consumer<String> debugLog,
                         String userAgent) {
    public static HttpPolicy defaults(Clock clock, Sleeper sleeper, Redactor redactor, Consumer<String> debugLog,
            String userAgent) {
        return new HttpPolicy(Duration.ofSeconds(10), Duration.ofSeconds(30), 4, Duration.ofMillis(500),
                Duration.ofSeconds(60), clock, sleeper, redactor, debugLog, userAgent);
    }

    public HttpPolicy withTimeouts(Duration connect, Duration read) {
        return new HttpPolicy(connect, read, maxAttempts, baseBackoff, maxBackoff, clock, sleeper, redactor, debugLog,
                userAgent);
    }
}
