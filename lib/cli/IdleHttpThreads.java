package cli;

import java.util.regex.Pattern;

/**
 * Lets the process end as soon as its command is done. Java 17's HttpClient keeps one thread per client
 * blocked in the operating system's select call until the client is garbage-collected, and a JVM that
 * exits waits up to 300 ms for threads in native code to return: every command that asked a service
 * would end 0.3 s after its work was done. Interrupted, such a thread leaves its loop and closes its
 * client's idle connections, and the JVM has nothing to wait for.
 */
final class IdleHttpThreads {
    /** How Java 17 names the thread (HttpClient-1-SelectorManager); another Java may not match, and waits. */
    private static final Pattern SELECTOR = Pattern.compile(
            "HttpClient-\\d+-SelectorManager");
    /** How long to wait for them to end: a thread that takes longer is waited for by the JVM as before. */
    private static final long WAIT_MILLIS = 100;

    private IdleHttpThreads() {}

    /** Stops the selector threads of every HttpClient in this JVM: only once nothing will send again. */
    static void stop() {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!SELECTOR.matcher(t.getName()).matches()) continue;
            t.interrupt();
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
