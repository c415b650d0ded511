package notify;

import http.Deadline;
import kong.unirest.core.HttpRequest;
import kong.unirest.core.HttpResponse;
import kong.unirest.core.Unirest;
import kong.unirest.core.UnirestInstance;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Sends notifications to the configured targets: each a POST (a push monitor's a GET), tried
 * once, and all the requests of one moment (a run's start, its end) within {@link #TIMEOUT} in
 * all, the body included: a target that stalls costs the run at most that. A target that does not
 * answer, or answers with an error, costs one warning for the whole run and never changes the
 * run's exit code. Every header, body and message parameter is redacted before it leaves; nothing
 * printed names more of a URL than its host.
 */
public final class Notifier implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** What one target answered (0: no answer), for --notify-test. */
    public record Sent(Target target, int status, String problem) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final List<Target> targets;
    private final Consumer<String> warn;
    private final Duration timeout;
    private final UnaryOperator<String> redact;
    private final UnirestInstance http;
    /** Targets that failed since the last warning (a run's start ping and its message are warned about once). */
    private final List<Sent> undelivered = new ArrayList<>();

    public Notifier(List<Target> targets, String userAgent, Consumer<String> warn, UnaryOperator<String> redact) {
        this(targets, userAgent, warn, redact, TIMEOUT);
    }

    /** {@code timeout}: for all the requests of one moment ({@link #TIMEOUT} unless a test makes it shorter). */
    public Notifier(List<Target> targets, String userAgent, Consumer<String> warn, UnaryOperator<String> redact,
            Duration timeout) {
        this.targets = List.copyOf(targets);
        this.warn = warn;
        this.timeout = timeout;
        this.redact = redact;
        this.http = Unirest.spawnInstance();
        // plain HTTP/1.1: no h2c upgrade offered to a self-hosted server or proxy that may mishandle it
        http.config().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout((int) timeout.toMillis()).requestTimeout((int) timeout.toMillis())
                .followRedirects(false).setDefaultHeader("User-Agent", userAgent);
    }

    public boolean any() {
        return !targets.isEmpty();
    }

    /** Before a run: the start ping of healthchecks targets (a failure is told with the run's message). */
    public void started() {
        long until = System.nanoTime() + timeout.toNanos();
        for (Target t : targets) {
            Outgoing o = Outgoing.start(t);
            if (o == null) continue;
            Sent s = send(t, o, until);
            if (!s.ok()) undelivered.add(s);
        }
    }

    /** After a run: each target that asks for one of {@code events} (a healthchecks or push target: always). */
    public List<Sent> finished(News news, Set<Event> events) {
        long until = System.nanoTime() + timeout.toNanos();
        List<Sent> sent = new ArrayList<>();
        for (Target t : targets) if (Outgoing.wants(t, events)) sent.add(send(t, Outgoing.finish(t, news), until));
        warnOnce(sent);
        return sent;
    }

    /** A sample to every target, whatever it asks for (--notify-test); no warning: the caller prints each. */
    public List<Sent> test(News sample) {
        long until = System.nanoTime() + timeout.toNanos();
        List<Sent> sent = new ArrayList<>();
        for (Target t : targets) sent.add(send(t, Outgoing.finish(t, sample), until));
        return sent;
    }

    /** One request, ended at {@code until} (System.nanoTime) whatever the target does; never throws. */
    private Sent send(Target t, Outgoing o, long until) {
        Duration left = Duration.ofNanos(until - System.nanoTime());
        if (left.toMillis() < 1) return new Sent(t, 0, "not sent: the " + seconds() + " for notifications ran out");
        try {
            Map<String, String> query = new LinkedHashMap<>();
            o.query().forEach((name, value) -> query.put(name, redact.apply(value)));
            String url = Outgoing.withQuery(o.url(), query);
            HttpRequest<?> req = o.method().equals("GET") ? http.get(url) : http.post(url).body(redact.apply(o.body()));
            o.headers().forEach((name, value) -> req.header(name, redact.apply(value)));
            HttpResponse<String> r = Deadline.within(left, req::asString);
            return new Sent(t, r.getStatus(), r.getStatus() / 100 == 2 ? null : "HTTP " + r.getStatus());
        } catch (Deadline.Exceeded e) {
            return new Sent(t, 0, "no whole answer within " + seconds());
        } catch (RuntimeException e) {
            Throwable c = e;
            while (c.getCause() != null && c.getCause() != c) c = c.getCause();
            String why = c.getClass().getSimpleName().contains("Timeout") ? "no answer within " + seconds()
                    : c.getClass().getSimpleName().contains("Connect") ? "connection refused" : "could not be reached";
            return new Sent(t, 0, why);
        }
    }

    private String seconds() {
        return Math.max(1, timeout.toSeconds()) + " s";
    }

    private void warnOnce(List<Sent> sent) {
        List<String> failed = new ArrayList<>();
        for (Sent s : undelivered) failed.add(s.target().shown() + " (" + s.problem() + ")");
        undelivered.clear();
        for (Sent s : sent) {
            String what = s.target().shown() + " (" + s.problem() + ")";
            if (!s.ok() && !failed.contains(what)) failed.add(what);
        }
        if (!failed.isEmpty()) {
            warn.accept("Notification not delivered to " + String.join(", ", failed) + "; the run's result stands. "
                    + "Check the target with --notify-test.");
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
