package http;

import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;

/**
 * Sets up the JDK's default TLS context (its trusted certificates read and parsed) on a thread of its
 * own, as soon as a command is known to ask the services, so that it is ready when the first request
 * goes out instead of delaying it: the JDK's HTTP client sets it up when it is built, even for a plain
 * http address. The command reads its files meanwhile. Once per JVM; a failure is left for the first
 * request to meet and report.
 */
public final class TlsWarmUp {
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private TlsWarmUp() {}

    /** Whether this JVM began it. */
    public static boolean started() {
        return STARTED.get();
    }

    public static void start() {
        if (!STARTED.compareAndSet(false, true)) return;
        Thread t = new Thread(() -> {
            try {
                SSLContext.getDefault();
            } catch (NoSuchAlgorithmException | RuntimeException e) {
                // the first request sets it up again, and says what is wrong
            }
        }, "tls-warm-up");
        t.setDaemon(true); // a command that ends first does not wait for it
        t.start();
    }
}
