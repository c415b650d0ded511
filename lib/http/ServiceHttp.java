package http;

import kong.unirest.core.HttpRequestWithBody;
import kong.unirest.core.HttpResponse;
import kong.unirest.core.Unirest;
import kong.unirest.core.UnirestInstance;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place HTTP happens for a service: a Unirest instance with timeouts, each request sent
 * (redirects followed on the service's own host only, a whole exchange within its deadline) and
 * sent again for as long as {@link Answers} says an answer calls for it, credentials that ran out
 * renewed once, and redacted debug lines. A service that answered with a limit
 * ({@link LimitException}) is asked nothing more in the run.
 */
public final class ServiceHttp implements AutoCloseable {
    private final Service service;
    private final String baseUrl;
    private final HttpPolicy policy;
    private final UnirestInstance unirest;
    private final Map<String, String> defaultHeaders;
    private final Map<String, Object> defaultQuery;
    private final Pace pace;
    private final AtomicInteger sent = new AtomicInteger();
    private final Answers answers;

    /** How many requests went out (each try and each redirect followed counts: the service counts them too). */
    public int sent() {
        return sent.get();
    }

    /** The limit the service reported in this run, after which it is asked nothing more; null while none. */
    private volatile LimitException limited;
    /** Credentials that change during the run (a renewed token), sent besides the default headers; or null. */
    private final Credentials renewable;

    /** The limit the service reported in this run (it was asked nothing more after it), or null. */
    public LimitException limit() {
        return limited;
    }

    public ServiceHttp(Service service, String baseUrl, HttpPolicy policy, Map<String, String> defaultHeaders,
                       Map<String, Object> defaultQuery, Pace pace) {
        this(service, baseUrl, policy, defaultHeaders, defaultQuery, pace, null);
    }

    public ServiceHttp(Service service, String baseUrl, HttpPolicy policy, Map<String, String> defaultHeaders,
                       Map<String, Object> defaultQuery, Pace pace, Credentials renewable) {
        this.service = service;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.policy = policy;
        this.defaultHeaders = Map.copyOf(defaultHeaders);
        this.defaultQuery = Map.copyOf(defaultQuery);
        this.pace = pace;
        this.renewable = renewable;
        this.answers = new Answers(service, this.baseUrl, policy);
        this.unirest = Unirest.spawnInstance();
        unirest.config()
                .connectTimeout((int) policy.connectTimeout().toMillis())
                .requestTimeout((int) policy.readTimeout().toMillis())
                .followRedirects(false)
                .enableCookieManagement(false) // neither service sets cookies the tool needs
                .setDefaultHeader("User-Agent", policy.userAgent());
    }

    public Service service() {
        return service;
    }

    /** Keeps a service's pace: waits before each try of a request, and hears each answer. */
    @FunctionalInterface
    public interface Pace {
        /** Waits until {@code r} may go out. */
        void before(Request r);

        /** The answer a try of {@code r} got (any status). */
        default void answered(Request r, Response resp) {
        }
    }

    /**
     * Sends a request, retrying what is safe to retry. Answers with any status below 400, and with
     * 404 when {@code allow404} (the caller decides what a missing thing means).
     */
    public Response send(Request r, boolean allow404) throws ServiceException, AuthException {
        return send(r, allow404 ? Set.of(404) : Set.of());
    }

    /**
     * Sends a request as {@link #send(Request, boolean)} does, and answers the statuses in
     * {@code answered} as they come (an OAuth endpoint's 400 "authorization_pending" is an answer).
     * What each other answer means, and whether to ask again, {@link Answers} decides.
     */
    public Response send(Request r, Set<Integer> answered) throws ServiceException, AuthException {
        // a service that refused for its limits is not asked anything more in this run
        LimitException spent = limited;
        if (spent != null) throw spent.again();
        int attempts = Math.max(1, policy.maxAttempts());
        boolean writeResent = false;
        boolean renewed = false;
        boolean landed = false; // a try of this write went out and may have been carried out
        for (int attempt = 1; ; attempt++) {
            paced(r, attempt > 1 || renewed, attempt, landed);
            Map<String, String> auth = renewable == null ? Map.of() : renewable.headers();
            boolean signedIn = auth.containsKey("Authorization") || defaultHeaders.containsKey("Authorization");
            Answers.Try t = new Answers.Try(r, attempt, attempts, writeResent, signedIn, fingerprint(service, auth),
                    landed);
            Answers.Next next = exchange(t, auth, answered);
            if (next instanceof Answers.Taken taken) return taken.response();
            if (next instanceof Answers.Again again) {
                writeResent |= again.resent();
                landed |= again.mayHaveLanded();
                policy.debugLog().accept(service + " " + t.what() + ": " + again.why() + "; retrying in "
                        + again.pause().toMillis() + " ms");
                pause(again.pause(), t, landed);
                continue;
            }
            ServiceError error = ((Answers.Stop) next).error();
            // credentials that ran out are renewed once, and the refused request (which did nothing) sent again
            if (error instanceof AuthException e && e.status() == 401 && renewable != null && !renewed
                    && renewable.renewAfterRefusal(auth) != null) {
                renewed = true;
                attempt--;
                policy.debugLog().accept(service + " " + t.what()
                        + ": HTTP 401; credentials renewed, sending it again");
                continue;
            }
            if (error instanceof LimitException e) limited = e;
            if (error instanceof AuthException e) throw e;
            throw (ServiceException) error;
        }
    }

    /**
     * Waits until {@code r} may go out (the service's pace). Once the run is asked to stop, no write
     * starts and nothing is tried again ({@code retry}): the wait ends early and the request is not sent.
     */
    private void paced(Request r, boolean retry, int attempt, boolean landed) throws ServiceException {
        boolean refused = r.changes() || retry;
        Answers.Try t = new Answers.Try(r, attempt, Math.max(1, policy.maxAttempts()), false, false, null, landed);
        if (stopped && refused) throw answers.stopped(t, false, landed);
        if (pace != null) {
            try {
                stoppable(() -> pace.before(r));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (stopped && refused) throw answers.stopped(t, false, landed);
    }

    /** One try: its answer taken (below 400, or a status the caller takes), or what {@link Answers} makes of it. */
    private Answers.Next exchange(Answers.Try t, Map<String, String> auth, Set<Integer> answered)
            throws ServiceException {
        Response resp;
        try {
            resp = followSameHost(t.request(), auth, once(t.request(), auth, null));
        } catch (RuntimeException e) {
            return answers.unanswered(t, e);
        }
        policy.debugLog().accept(service + " " + t.what() + " -> " + resp.status());
        if (pace != null) pace.answered(t.request(), resp);
        if (resp.status() >= 300 && resp.status() < 400) throw redirectRefused(t.what(), resp);
        if (resp.status() < 400 || answered.contains(resp.status())) {
            if (t.credentials() != null) policy.accepted().add(t.credentials());
            return new Answers.Taken(resp);
        }
        return answers.refused(t, resp);
    }

    /** Redirects a GET may follow: at most this many, and only on the service's own host. */
    static final int MAX_REDIRECTS = 3;

    private Response followSameHost(Request r, Map<String, String> auth, Response resp) {
        for (int hop = 0; hop < MAX_REDIRECTS && r.method().equals("GET") && resp.status() >= 300
                && resp.status() < 400; hop++) {
            URI target = location(resp);
            if (target == null || !sameHost(target)) return resp;
            policy.debugLog().accept(service + " GET " + r.path() + " -> " + resp.status() + ", following to "
                    + target.getPath());
            resp = once(r, auth, target.toString());
        }
        return resp;
    }

    private URI location(Response resp) {
        String loc = resp.headers().get("location");
        if (loc == null || loc.isBlank()) return null;
        try {
            return URI.create(baseUrl + "/").resolve(loc.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private boolean sameHost(URI target) {
        URI base = URI.create(baseUrl);
        return base.getScheme().equalsIgnoreCase(String.valueOf(target.getScheme()))
                && base.getHost().equalsIgnoreCase(String.valueOf(target.getHost()))
                && base.getPort() == target.getPort();
    }

    /** A redirect that was not followed: elsewhere, too many, or on a write. Never read as an answer. */
    private ServiceException redirectRefused(String what, Response resp) {
        URI target = location(resp);
        return answers.redirectRefused(what, resp, target, target != null && sameHost(target));
    }

    /** One exchange; {@code absoluteUrl} (a followed redirect) already carries its query. */
    private Response once(Request r, Map<String, String> auth, String absoluteUrl) {
        sent.incrementAndGet();
        HttpRequestWithBody req = unirest.request(r.method(), absoluteUrl != null ? absoluteUrl : baseUrl + r.path());
        defaultHeaders.forEach(req::header);
        auth.forEach(req::header);
        r.headers().forEach(req::header);
        if (absoluteUrl == null) {
            defaultQuery.forEach(req::queryString);
            r.query().forEach(req::queryString);
        }
        HttpResponse<String> resp = Deadline.within(policy.totalTimeout(),
                () -> r.body() == null ? req.asString() : req.body(r.body()).asString(), this::cutNow);
        Map<String, String> headers = new LinkedHashMap<>();
        resp.getHeaders().all().forEach(h -> headers.putIfAbsent(h.getName().toLowerCase(Locale.ROOT), h.getValue()));
        // no answer, or one whose body could not be read whole (the connection closed before all
        // the bytes it announced arrived): a transient fault, retried like a 5xx, never an answer
        if (resp.getParsingError().isPresent()) throw resp.getParsingError().get();
        return new Response(service, resp.getStatus(), resp.getBody(), headers);
    }

    /** A one-way digest of the credentials a request carries (default headers and query, and {@code auth}), so
     * that their acceptance can be remembered. */
    private String fingerprint(Service service, Map<String, String> auth) {
        Object[] last = lastPrint;
        if (last != null && last[0].equals(auth)) return (String) last[1];
        String fp = digest(service, auth);
        lastPrint = new Object[] {auth, fp};
        return fp;
    }

    /** The credentials last fingerprinted and their fingerprint: a digest is made once per credential. */
    private volatile Object[] lastPrint;

    private String digest(Service service, Map<String, String> auth) {
        StringBuilder sb = new StringBuilder();
        for (String h : List.of("Authorization", "X-Plex-Token", "simkl-api-key")) {
            sb.append(auth.getOrDefault(h, defaultHeaders.getOrDefault(h, ""))).append('|');
        }
        sb.append(defaultQuery.getOrDefault("client_id", ""));
        if (sb.toString().replace("|", "").isEmpty()) return null;
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return service + ":" + HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits before a retry; a stop ends the wait early, and then the request is not sent again. */
    private void pause(Duration d, Answers.Try t, boolean landed) throws ServiceException {
        Answers.Try next = new Answers.Try(t.request(), t.attempt() + 1, t.attempts(), false, false, null, landed);
        if (stopped) throw answers.stopped(next, false, landed);
        try {
            stoppable(() -> policy.sleeper().sleep(d));
        } catch (InterruptedException e) {
            if (stopped) throw answers.stopped(next, false, landed);
            Thread.currentThread().interrupt();
            throw new ServiceException(service, service + ": interrupted while waiting to retry.", 0, e, landed);
        }
        if (stopped) throw answers.stopped(next, false, landed);
    }

    /** A wait that {@link #stop} ends early. */
    @FunctionalInterface
    private interface Wait {
        void run() throws InterruptedException;
    }

    /** Threads waiting to send (pacing, a retry's back-off): a stop interrupts them. Guarded by itself. */
    private final Set<Thread> waiting = new HashSet<>();
    /** Set once the run is asked to stop: no write starts, nothing is tried again. */
    private volatile boolean stopped;
    /** When ({@link System#nanoTime}) exchanges still under way are abandoned, once stopped. */
    private volatile long cutAt;

    /**
     * Runs {@code w} so that {@link #stop} interrupts it; the interrupt a stop sent is not carried
     * further (a journal written next on this thread must not fail for it). The caller looks at
     * {@link #stopped} afterwards. Once stopped, {@code w} runs as it is (a read's pace).
     */
    private void stoppable(Wait w) throws InterruptedException {
        Thread me = Thread.currentThread();
        boolean registered;
        synchronized (waiting) {
            registered = !stopped && waiting.add(me);
        }
        if (!registered) {
            w.run();
            return;
        }
        try {
            w.run();
        } finally {
            synchronized (waiting) {
                waiting.remove(me);
                if (stopped) Thread.interrupted();
            }
        }
    }

    /**
     * The run is stopping: from now on no write starts and no request is tried again, a wait to
     * send ends at once, and an exchange still under way {@code endWithin} from now is abandoned
     * (its write reported as of unknown fate).
     */
    public void stop(Duration endWithin) {
        synchronized (waiting) {
            cutAt = System.nanoTime() + endWithin.toNanos();
            stopped = true;
            waiting.forEach(Thread::interrupt);
        }
    }

    /** Whether an exchange under way must be abandoned now: the run is stopping and its grace is running out. */
    private boolean cutNow() {
        return stopped && System.nanoTime() - cutAt >= 0;
    }

    /** Set by {@link #close}: a client closed is not prepared. */
    private boolean closed;

    /**
     * Builds the HTTP client now (with the JDK's TLS context, {@link TlsWarmUp}), on the caller's
     * thread, instead of as the first request goes out; a request sent meanwhile waits for it. A
     * failure is left for the first request to meet and report.
     */
    public synchronized void prepare() {
        if (closed) return;
        try {
            unirest.config().getClient();
        } catch (RuntimeException e) {
            // the first request builds it again, and says what is wrong
        }
    }

    /** Whether its HTTP client is built (and not closed since). */
    boolean built() {
        return unirest.config().isRunning();
    }

    @Override
    public synchronized void close() {
        closed = true;
        unirest.close();
    }
}
