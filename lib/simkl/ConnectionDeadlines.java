package simkl;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The redirect helper's threads: every connection the JDK server hands over is served on a thread
 * of its own, so a client that sends half a request holds up no other, and a connection whose
 * request has not reached the handler within the deadline is cut off (its thread is interrupted,
 * which closes the socket it waits on). The JDK server's own limits (sun.net.httpserver.maxReqTime,
 * idleInterval) cannot do this: they are system properties read once, when the first server of the
 * JVM starts, and then hold for every server in it, the emulators' included.
 */
final class ConnectionDeadlines implements Executor, AutoCloseable {
    /** When a connection's time is up: real time in use; tests fire the deadlines themselves. */
    interface Timer {
        /** Runs {@code expire} once {@code after} has passed; the action returned cancels that. */
        Runnable schedule(Duration after, Runnable expire);
    }

    private final Duration deadline;
    private final Timer timer;
    private final Runnable stopTimer;
    private final ExecutorService threads = Executors.newCachedThreadPool(daemon("simkl-redirect-connection"));
    private final ThreadLocal<Connection> current = new ThreadLocal<>();

    ConnectionDeadlines(Duration deadline, Timer timer) {
        this(deadline, timer, () -> { });
    }

    private ConnectionDeadlines(Duration deadline, Timer timer, Runnable stopTimer) {
        this.deadline = deadline;
        this.timer = timer;
        this.stopTimer = stopTimer;
    }

    /** Deadlines in real time, kept by a thread of their own. */
    static ConnectionDeadlines realTime(Duration deadline) {
        ScheduledThreadPoolExecutor clock = new ScheduledThreadPoolExecutor(1, daemon("simkl-redirect-deadlines"));
        clock.setRemoveOnCancelPolicy(true);
        return new ConnectionDeadlines(deadline, (after, expire) -> {
            ScheduledFuture<?> f = clock.schedule(expire, after.toMillis(), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        }, clock::shutdownNow);
    }

    @Override
    public void execute(Runnable exchange) {
        Connection c = new Connection();
        c.cancel = timer.schedule(deadline, c::expire);
        threads.execute(() -> {
            current.set(c);
            c.start();
            try {
                exchange.run();
            } finally {
                c.finish();
                current.remove();
                Thread.interrupted(); // a deadline that came while the server closed the socket: not the next one's
            }
        });
    }

    /**
     * Called first by the handler, on the connection's thread: true when the request is its to answer
     * (the deadline no longer applies), false when the deadline passed first and the connection is
     * being cut off.
     */
    boolean claim() {
        Connection c = current.get();
        return c == null || c.claim();
    }

    @Override
    public void close() {
        stopTimer.run();
        threads.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** One connection's race between its request and its deadline; whichever comes first wins. */
    private static final class Connection {
        private Runnable cancel = () -> { };
        private Thread thread;
        private boolean expired;
        private boolean claimed;
        private boolean finished;

        synchronized void start() {
            thread = Thread.currentThread();
            if (expired) thread.interrupt(); // its time ran out before a thread was free: the first read fails
        }

        synchronized void expire() {
            if (claimed || finished) return;
            expired = true;
            if (thread != null) thread.interrupt();
        }

        synchronized boolean claim() {
            if (expired) return false;
            claimed = true;
            cancel.run();
            return true;
        }

        synchronized void finish() {
            finished = true;
            thread = null;
            cancel.run();
        }
    }
}
