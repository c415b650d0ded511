package sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import files.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A service emulator: a real HTTP server on a loopback port (JDK HttpServer) with a request log
 * (secrets masked) and fault injection per route: latency, error statuses with Retry-After, a hang
 * past the client's timeout, an answer held back until a test lets it go, malformed JSON, short
 * pages and empty lists.
 */
public abstract class Emulator implements AutoCloseable {
    /** One request as the emulator saw it, and how many bytes of body it answered with. */
    public record Logged(String method, String path, Map<String, String> query, Map<String, String> headers,
                         String body, int status, long bytes) {
        public boolean is(String m, String pathPrefix) {
            return method.equals(m) && path.startsWith(pathPrefix);
        }
    }

    /** A fault to inject into the next matching request(s): what a real service sometimes does. */
    public sealed interface Fault {
        /** Answers this status (with Retry-After when given) and the service's error body. */
        record Status(int status, String retryAfter) implements Fault {}

        /** Answers normally, after a delay. */
        record Latency(long millis) implements Fault {}

        /**
         * Holds the request until the emulator closes, so past any client timeout however late that
         * fires, then answers 503 (to nobody, by then).
         */
        record Hang() implements Fault {}

        /** Answers normally, but only once {@code release} is counted down; nothing if the emulator closes first. */
        record Held(CountDownLatch release) implements Fault {}

        /** The normal answer cut in half: malformed JSON. */
        record Malformed() implements Fault {}

        /** The answer cut off: the connection closes before the body's announced length has arrived. */
        record Truncated() implements Fault {}

        /** A watchlist page shorter than the total it announces. */
        record ShortPage() implements Fault {}

        /** Lists answered empty, in the service's own empty shape. */
        record Empty() implements Fault {}

        /** Something that is not the list at all: a redirect, 204, an empty 200, an HTML page, or a JSON body of
         * another shape. */
        record NotAList(String what) implements Fault {}

        /**
         * This status with a body that echoes the whole request (its line with the query, every
         * header), as some proxies and APIs do with a bad request: credentials included.
         */
        record Echo(int status) implements Fault {}

        /** Headers and the first bytes of a body, then nothing for {@code millis}: a stalled answer. */
        record StallBody(long millis) implements Fault {}

        static Fault echo(int status) {
            return new Echo(status);
        }

        static Fault stallBody(long millis) {
            return new StallBody(millis);
        }

        /** This JSON body with this status, in place of the normal answer: an odd answer the service may give. */
        record Answer(int status, Object body) implements Fault {}

        static Fault answer(int status, Object body) {
            return new Answer(status, body);
        }

        static Fault status(int status) {
            return new Status(status, null);
        }

        static Fault status(int status, String retryAfter) {
            return new Status(status, retryAfter);
        }

        static Fault hang() {
            return new Hang();
        }

        static Fault held(CountDownLatch release) {
            return new Held(release);
        }

        static Fault latency(long millis) {
            return new Latency(millis);
        }

        static Fault malformed() {
            return new Malformed();
        }

        static Fault truncated() {
            return new Truncated();
        }

        static Fault shortPage() {
            return new ShortPage();
        }

        static Fault empty() {
            return new Empty();
        }

        /** "redirect", "redirect-away", "no-content", "empty-body", "html" or "wrong-shape". */
        static Fault notAList(String what) {
            return new NotAList(what);
        }
    }

    static {
        // Without TCP_NODELAY the JDK server's header and body writes meet the client's delayed ACK: ~40 ms a request.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay",
                "true");
    }

    private record Armed(String method, String pathPrefix, Fault fault, int[] remaining, int[] skip) {}

    /** A route added to the service's own (the demo's pages for the person): answers one request. */
    public interface Route {
        void answer(Exchange ex) throws IOException;
    }

    /** Added routes by path prefix, answered before the service's own. */
    private final Map<String, Route> routes = new ConcurrentHashMap<>();

    /** Answers {@code prefix} and the paths under it with {@code route}, before the service's own routes. */
    public void route(String prefix, Route route) {
        routes.put(prefix, route);
    }

    private Route routeFor(String path) {
        for (Map.Entry<String, Route> r : routes.entrySet()) {
            if (path.equals(r.getKey()) || path.startsWith(r.getKey() + "/")) return r.getValue();
        }
        return null;
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final List<Logged> log = Collections.synchronizedList(new ArrayList<>());
    private final List<Armed> faults = new ArrayList<>();
    private volatile long latencyMillis;
    /** Counted down when the emulator closes: what a {@link Fault.Hang} waits for. */
    private final CountDownLatch closed = new CountDownLatch(1);
    /** The emulator's time (expiries, pacing); tests share theirs with the client's. */
    protected volatile Clock clock = Clock.systemUTC();

    static {
        // Answers go out at once, as from the services' own front ends (which set TCP_NODELAY): without
        // it the JDK server's small writes wait on the client's delayed ACK, some 40 ms per request on
        // loopback, which no real service adds. Read when the JDK server is first used in this JVM.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    protected Emulator() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a loopback port for the emulator", e);
        }
        pool = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, getClass().getSimpleName());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/", this::serve);
        server.start();
    }

    /** Runs the emulator on this clock (tests pass the one their client and sleeper use). */
    public void clock(Clock c) {
        clock = c;
    }

    /** The base URL, e.g. http://127.0.0.1:41234 */
    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /** Adds latency to every request (for benchmarks and timeouts). */
    public void latency(long millis) {
        latencyMillis = millis;
    }

    /** Injects a fault into the next {@code times} requests whose method and path match. */
    public void inject(String method, String pathPrefix, Fault fault, int times) {
        injectAfter(method, pathPrefix, fault, 0, times);
    }

    /** Like {@link #inject}, but lets {@code skip} matching requests through first (e.g. page 2 fails). */
    public void injectAfter(String method, String pathPrefix, Fault fault, int skip, int times) {
        synchronized (faults) {
            faults.add(new Armed(method, pathPrefix, fault, new int[] {times}, new int[] {skip}));
        }
    }

    public void clearFaults() {
        synchronized (faults) {
            faults.clear();
        }
    }

    public List<Logged> requests() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    public long count(String method, String pathPrefix) {
        return requests().stream().filter(l -> l.is(method, pathPrefix)).count();
    }

    public long count(Predicate<Logged> p) {
        return requests().stream().filter(p).count();
    }

    /**
     * Requests of the tool that change the person's lists (anything but GET; sign-ins and their
     * approval, token renewals, SIMKL's settings read, a POST that changes nothing, and the
     * person's own changes on the demo's pages aside).
     */
    public long writes() {
        return requests().stream().filter(l -> !l.method().equals("GET") && !l.path().startsWith("/oauth")
                && !l.path().startsWith("/api/v2/pins") && !l.path().startsWith("/api/home/users")
                && !l.path().equals("/users/settings") && !l.path().startsWith("/auth")
                && !l.path().startsWith("/person")).count();
    }

    public void clearLog() {
        log.clear();
    }

    private Fault takeFault(String method, String path) {
        synchronized (faults) {
            for (Armed a : faults) {
                if (a.remaining()[0] > 0 && a.method().equals(method) && path.startsWith(a.pathPrefix())) {
                    if (a.skip()[0] > 0) {
                        a.skip()[0]--;
                        continue;
                    }
                    a.remaining()[0]--;
                    return a.fault();
                }
            }
        }
        return null;
    }

    private void serve(HttpExchange hx) throws IOException {
        Exchange ex = new Exchange(hx);
        inFlight.incrementAndGet();
        try {
            if (latencyMillis > 0) sleep(latencyMillis);
            Fault f = takeFault(ex.method, ex.path);
            if (f instanceof Fault.Latency l) {
                sleep(l.millis());
            } else if (f instanceof Fault.Hang) {
                await(closed);
                ex.sendJson(503, Map.of("error", "hang"));
                return;
            } else if (f instanceof Fault.Held h) {
                if (!await(h.release())) return; // the emulator closed first: no answer
                f = null; // then the normal answer
            } else if (f instanceof Fault.Status st) {
                if (st.retryAfter() != null) ex.header("Retry-After", st.retryAfter());
                ex.sendJson(st.status(), errorBody(st.status()));
                return;
            } else if (f instanceof Fault.NotAList n) {
                notAList(ex, n.what());
                return;
            } else if (f instanceof Fault.Answer a) {
                ex.sendJson(a.status(), a.body());
                return;
            } else if (f instanceof Fault.Echo e) {
                Map<String, String> headers = new LinkedHashMap<>();
                hx.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
                ex.sendJson(e.status(), Map.of("error", "bad_request", "request", hx.getRequestMethod() + " "
                        + hx.getRequestURI(), "headers", headers, "body", ex.body == null ? "" : ex.body));
                return;
            } else if (f instanceof Fault.StallBody st) {
                hx.getResponseHeaders().set("Content-Type", "application/json");
                hx.sendResponseHeaders(200, 4096);
                hx.getResponseBody().write("{\"items\": [".getBytes(StandardCharsets.UTF_8));
                hx.getResponseBody().flush();
                sleep(st.millis());
                return;
            }
            ex.fault = f;
            Route added = routeFor(ex.path);
            if (added != null) added.answer(ex);
            else handle(ex);
            if (!ex.sent) ex.sendJson(404, errorBody(404));
        } catch (TruncatedAnswer e) {
            // closing an exchange whose body is short drops the connection: what a cut-off answer looks like
        } catch (RuntimeException e) {
            if (!ex.sent) ex.sendJson(500, Map.of("error", "emulator: " + e));
        } finally {
            inFlight.decrementAndGet();
            hx.close();
        }
    }

    private final AtomicInteger inFlight = new AtomicInteger();

    /** Requests received and not yet answered: the writes a client has under way. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Ends an answer early (a {@link Fault.Truncated}). */
    private static final class TruncatedAnswer extends RuntimeException {
        TruncatedAnswer() {
            super(null, null, false, false);
        }
    }

    /** Answers that are not what was asked for, as proxies, captive portals and outages produce. */
    private void notAList(Exchange ex, String what) throws IOException {
        switch (what) {
            case "redirect" -> {
                // a same-host redirect as a load balancer sends it: same path and query
                ex.header("Location", url() + ex.path + "?" + (ex.rawQuery == null ? "" : ex.rawQuery + "&")
                        + "moved=1");
                ex.send(302, "", null);
            }
            case "redirect-away" -> {
                ex.header("Location", "http://example.invalid" + ex.path);
                ex.send(301, "", null);
            }
            case "no-content" -> ex.send(204, "", null);
            case "empty-body" -> ex.send(200, "", "application/json");
            case "html" -> ex.send(200, "<!DOCTYPE html><html><body>Service unavailable, please try "
                    + "later</body></html>", "text/html");
            case "wrong-shape" -> ex.sendJson(200, List.of(Map.of("message", "not a list")));
            default -> throw new IllegalArgumentException("unknown not-a-list answer " + what);
        }
    }

    /** Waits for the latch (true), or for the emulator to close, which interrupts its threads (false). */
    private static boolean await(CountDownLatch latch) {
        try {
            latch.await();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The service's error envelope for an injected or unknown-route status. */
    protected abstract Object errorBody(int status);

    /** Answers one request (faults already applied). */
    protected abstract void handle(Exchange ex) throws IOException;

    /** Query parameters and headers whose values are secrets, masked in the log. */
    protected boolean isSecret(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("token") || n.equals("authorization") || n.equals("client_secret") || n.equals("code")
                || n.equals("pin");
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        pool.shutdownNow();
    }

    /** One request being answered. */
    public final class Exchange {
        final HttpExchange hx;
        public final String method;
        public final String path;
        final String rawQuery;
        public final Map<String, String> query = new LinkedHashMap<>();
        public final String body;
        Fault fault;
        boolean sent;

        Exchange(HttpExchange hx) throws IOException {
            this.hx = hx;
            this.method = hx.getRequestMethod();
            this.path = hx.getRequestURI().getRawPath();
            String raw = hx.getRequestURI().getRawQuery();
            this.rawQuery = raw;
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    if (pair.isEmpty()) continue;
                    int eq = pair.indexOf('=');
                    String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    query.putIfAbsent(k, v);
                }
            }
            this.body = new String(hx.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return hx.getRequestHeaders().getFirst(name);
        }

        public void header(String name, String value) {
            hx.getResponseHeaders().set(name, value);
        }

        /** The body's fields, read as a form (application/x-www-form-urlencoded) whatever its content type says. */
        public Map<String, String> formFields() {
            Map<String, String> f = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) f.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return f;
        }

        /** A query parameter or, failing that, a header of the same name (Plex accepts both). */
        public String param(String name) {
            String v = query.get(name);
            return v != null ? v : header(name);
        }

        /** The fault this answer carries into the handler (Malformed, ShortPage, Empty), or null. */
        public Fault fault() {
            return fault;
        }

        public void sendJson(int status, Object body) throws IOException {
            send(status, body == null ? "null" : body instanceof String text ? text : Json.compact(body),
                    "application/json");
        }

        public void send(int status, String text, String contentType) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (fault instanceof Fault.Malformed) bytes = Arrays.copyOf(bytes, Math.max(1, bytes.length / 2));
            if (contentType != null) hx.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
            sent = true;
            record(status, bytes.length);
            if (status == 304 || status == 204) {
                hx.sendResponseHeaders(status, -1);
                return;
            }
            hx.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (fault instanceof Fault.Truncated && bytes.length > 1) {
                // half the body, then the connection goes: the client sees fewer bytes than announced
                OutputStream out = hx.getResponseBody();
                out.write(bytes, 0, bytes.length / 2);
                out.flush();
                throw new TruncatedAnswer(); // the exchange is closed below without the rest
            }
            try (OutputStream out = hx.getResponseBody()) {
                out.write(bytes);
            }
        }

        private void record(int status, long bytes) {
            Map<String, String> q = new LinkedHashMap<>();
            query.forEach((k, v) -> q.put(k, isSecret(k) ? "***" : v));
            Map<String, String> h = new LinkedHashMap<>();
            hx.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), isSecret(k) ? "***"
                    : String.join(",", v)));
            log.add(new Logged(method, path, q, h, path.startsWith("/oauth") ? "***" : body, status, bytes));
        }
    }
}
