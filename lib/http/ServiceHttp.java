package http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import kong.unirest.core.HttpRequestWithBody;
import kong.unirest.core.HttpResponse;
import kong.unirest.core.Unirest;
import kong.unirest.core.UnirestInstance;
import model.Plural;
import model.Times;

import java.net.URI;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The one place HTTP happens for a service: a Unirest instance with timeouts, retries with
 * exponential backoff and jitter on 429/5xx/IO errors (honouring Retry-After in seconds or as an
 * HTTP date), 401/403 turned into {@link AuthException}, and redacted debug lines. A signed-in
 * SIMKL read refused with 429 is retried only when it asks for a short wait: else it is a limit
 * ({@link LimitException}) and SIMKL is asked nothing more in the run.
 */
public final class ServiceHttp implements AutoCloseable {
    private final Service service;
    private final String baseUrl;
    private final HttpPolicy policy;
    private final UnirestInstance unirest;
    private final Map<String, String> defaultHeaders;
    private final Map<String, Object> defaultQuery;
    private final Consumer<Request> beforeSend;
    private final AtomicInteger sent = new AtomicInteger();

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
                       Map<String, Object> defaultQuery, Consumer<Request> beforeSend) {
        this(service, baseUrl, policy, defaultHeaders, defaultQuery, beforeSend, null);
    }

    public ServiceHttp(Service service, String baseUrl, HttpPolicy policy, Map<String, String> defaultHeaders,
                       Map<String, Object> defaultQuery, Consumer<Request> beforeSend, Credentials renewable) {
        this.service = service;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.policy = policy;
        this.defaultHeaders = Map.copyOf(defaultHeaders);
        this.defaultQuery = Map.copyOf(defaultQuery);
        this.beforeSend = beforeSend;
        this.renewable = renewable;
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
     */
    public Response send(Request r, Set<Integer> answered) throws ServiceException, AuthException {
        int attempts = Math.max(1, policy.maxAttempts());
        String what = r.describe();
        boolean writeResent = false;
        boolean renewed = false;
        // a service that refused for its limits is not asked anything more in this run
        LimitException spent = limited;
        if (spent != null) throw spent.again();
        for (int attempt = 1; ; attempt++) {
            if (beforeSend != null) beforeSend.accept(r);
            Map<String, String> auth = renewable == null ? Map.of() : renewable.headers();
            String credentials = fingerprint(service, auth);
            Response resp;
            try {
                resp = followSameHost(r, auth, once(r, auth, null));
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new ServiceException(service, service + ": " + what + " was stopped (interrupted).", 0, e);
                }
                if (unsendable(e)) {
                    // a value the request cannot carry (a control character pasted into a token): asking again
                    // cannot help, and the value itself is never repeated
                    throw new ServiceException(service, "Could not send " + what + " to " + service + ": a header "
                            + "or query value holds a character HTTP cannot carry (a token pasted with a line break?). "
                            + "Check config.json and the environment, then run again.", 0);
                }
                String why = describeIo(e);
                if (r.idempotent() && attempt < attempts) {
                    Duration wait = backoff(attempt);
                    policy.debugLog().accept(service + " " + what + ": " + why + "; retrying in " + wait.toMillis()
                            + " ms");
                    pause(wait);
                    continue;
                }
                throw new ServiceException(service, "Could not reach " + service + " (" + host() + ": " + why
                        + ") for " + what + ", " + Plural.of(attempt, "try") + ". Check your network or try again "
                        + "later.", 0, e);
            }
            int s = resp.status();
            policy.debugLog().accept(service + " " + what + " -> " + s);
            if (s >= 300 && s < 400) throw redirectRefused(what, resp);
            if (s < 400 || answered.contains(s)) {
                if (credentials != null) policy.accepted().add(credentials);
                return resp;
            }
            try {
                refusal(what, resp, credentials);
            } catch (LimitException e) {
                limited = e;
                throw e;
            } catch (AuthException e) {
                // credentials that ran out are renewed once, and the refused request (which did nothing) sent again
                if (s != 401 || renewable == null || renewed) throw e;
                Map<String, String> fresh = renewable.renewAfterRefusal(auth);
                if (fresh == null) throw e;
                renewed = true;
                attempt--;
                policy.debugLog().accept(service + " " + what + ": HTTP 401; credentials renewed, sending it again");
                continue;
            }
            Duration asked = retryAfterAsked(resp.headers().get("retry-after"));
            Duration wait;
            boolean signedIn = auth.containsKey("Authorization") || defaultHeaders.containsKey("Authorization");
            if (s == 429 && service == Service.SIMKL && signedIn && r.method().equals("GET")
                    && (asked == null || asked.compareTo(policy.maxBackoff()) > 0)) {
                // the tool keeps to SIMKL's pace, so a refusal of a signed-in read that does not ask for a short
                // wait is not about pace (a list polled, a quota): asking again is what it refuses, and SIMKL
                // suspends apps that poll
                limited = refusedForNow(what, resp, asked);
                throw limited;
            } else if (s == 429 && !r.method().equals("GET")) {
                // a write asked to wait is sent once more after the wait (RFC 9110, Retry-After), when the
                // wait is within reason; unasked, SIMKL's block grows with every write, so none is resent
                boolean resend = !writeResent && (asked != null ? asked.compareTo(policy.maxBackoff()) <= 0
                        : r.idempotent() && !service.blocksRepeatedWrites() && attempt < attempts);
                if (!resend) throw throttledWrite(what, resp, asked);
                writeResent = asked != null;
                wait = asked != null ? asked : backoff(attempt);
            } else if ((s == 429 || (r.idempotent() && (s == 500 || s == 502 || s == 503 || s == 504)))
                    && attempt < attempts) {
                wait = asked != null ? cap(asked) : backoff(attempt);
            } else {
                String hint = s == 429 ? " The service is rate-limiting this app; wait a while and run again."
                        : s >= 500 ? " The service is having trouble; try again later." : "";
                boolean retried = s == 429 || (r.idempotent() && s >= 500);
                throw new ServiceException(service, service + " answered " + what + " with HTTP " + s
                        + summary(resp.body()) + "."
                        + (retried ? " Gave up after " + Plural.of(attempt, "try") + "." : "") + hint, s);
            }
            policy.debugLog().accept(service + " " + what + ": HTTP " + s + "; retrying in " + wait.toMillis() + " ms");
            pause(wait);
        }
    }

    /**
     * Throws when the answer is a refusal that asking again cannot change: the credentials (401,
     * 403, Plex's 422 "Invalid token", SIMKL's 412 client_id_failed), or, for credentials this run
     * has already seen accepted, a limit (SIMKL answers 412 and 403 for its limits too); a spent
     * quota (412 of another kind, a 429 whose error id ends in _limit_exceeded) is a limit as well.
     */
    private void refusal(String what, Response resp, String credentials) throws AuthException, LimitException {
        int s = resp.status();
        String errorId = errorId(resp.body());
        if (s == 403 && "insufficient_scope".equals(errorId)) {
            // a sign-in granted less than the request needs (a read-only grant asked to write): never a limit
            throw new AuthException(service, service + " refused " + what + " (403 insufficient_scope): the sign-in "
                    + "was not granted what this needs.", s, errorId);
        }
        boolean invalidToken = s == 422 && resp.body() != null
                && resp.body().toLowerCase(Locale.ROOT).contains("invalid token");
        boolean refused = s == 401 || s == 403 || invalidToken || (s == 412 && "client_id_failed".equals(errorId));
        String code = s + (errorId == null ? "" : " " + errorId);
        // SIMKL answers its limits so (its blueprint); Plex documents no such thing: a 403 there is a refusal
        if (refused && service == Service.SIMKL && (s == 403 || s == 412) && credentials != null
                && policy.accepted().contains(credentials)) {
            throw new LimitException(service, service + " refused " + what + " (" + code
                    + ") although it accepted this app's"
                    + " credentials earlier in this run: " + service
                            + " answers so when an app is over its request limits."
                    + " Nothing more was changed; the next run tries again. If it keeps happening, sync less often"
                    + " (every 30 minutes or more).", s);
        }
        if (refused) throw new AuthException(service, service + " refused the credentials (" + code + ") for " + what
                + ".", s);
        boolean quota = errorId != null && errorId.endsWith("limit_exceeded");
        if (s == 412 || (s == 429 && quota)) {
            throw new LimitException(service, service + " answered " + what + " with " + code
                    + ": this app's request limit is"
                    + " used up for now, and asking again only spends more. Nothing more was changed; the next run "
                            + "tries"
                    + " again. If it keeps happening, sync less often (every 30 minutes or more).", s, quota,
                    retryAfterAsked(resp.headers().get("retry-after")));
        }
    }

    /** A read refused with 429 without a short wait asked for: not asked again in this run. */
    private LimitException refusedForNow(String what, Response resp, Duration asked) {
        String when = asked == null ? "without saying when to ask again"
                : "and asked to wait " + Times.span(asked) + ", longer than this run waits";
        return new LimitException(service, service + " refused " + what + " (HTTP 429" + summary(resp.body()) + ") "
                + when + ". It was not asked again in this run: the tool keeps to " + service + "'s pace, so this "
                + "is not about pace, and " + service + " suspends apps that keep asking. Nothing more was changed; "
                + "the next run tries again. If it keeps happening, sync less often (every 30 minutes or more).",
                429, false, asked);
    }

    private ServiceException throttledWrite(String what, Response resp, Duration asked) {
        String why = asked == null
                ? "; the write was not sent again (that would extend the block)"
                : "and asked to wait " + asked.toSeconds() + " s, longer than this run waits";
        return new ServiceException(service, service + " is rate-limiting this app (" + what + ": HTTP 429"
                + summary(resp.body())
                + ")" + why + ". The next run retries it.", 429);
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
        String where = target == null ? "" : sameHost(target) ? " (too many redirects, or on a write)" : " to "
                + target.getHost();
        return new ServiceException(service, service + " answered " + what + " with a redirect (HTTP " + resp.status()
                + ")" + where
                + ", which was not followed: the answer must come from " + URI.create(baseUrl).getHost()
                        + " itself. Nothing was"
                + " changed on its account; check the service URL, a proxy or a captive portal, or try again later.",
                        resp.status());
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
                () -> r.body() == null ? req.asString() : req.body(r.body()).asString());
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

    /** The service's error id ({"error": "…"}), or null. */
    static String errorId(String body) {
        if (body == null || body.isBlank() || !body.stripLeading().startsWith("{")) return null;
        try {
            JsonNode n = Json.MAPPER.readTree(body).path("error");
            return n.isTextual() ? n.asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * The start of an error body, for a message. Redacted before it is cut (a cut could split a
     * secret past recognition): some services and proxies echo the request, credentials included.
     */
    private String summary(String body) {
        if (body == null || body.isBlank()) return "";
        String flat = policy.redactor().applyToEcho(body.replaceAll("\\s+", " ").trim());
        return " (" + (flat.length() > 160 ? flat.substring(0, 160) + "…" : flat) + ")";
    }

    /** Whether the request could not even be built: a header value HTTP forbids (IllegalArgumentException). */
    private static boolean unsendable(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IllegalArgumentException && !(t instanceof UnresolvedAddressException)) return true;
        }
        return false;
    }

    /** What went wrong on the wire, in words: no such host, connection refused, timed out, … */
    private String describeIo(RuntimeException e) {
        // the whole chain first: a ConnectException often wraps what really happened (no such host, no route)
        List<String> names = new ArrayList<>();
        for (Throwable t = e; t != null && names.size() < 20; t = t.getCause() == t ? null : t.getCause()) {
            names.add(t.getClass().getSimpleName());
        }
        if (names.contains("UnknownHostException") || names.contains("UnresolvedAddressException")) {
            return "no such host";
        }
        if (names.stream().anyMatch(n -> n.contains("Timeout"))) return "timed out";
        if (names.contains("NoRouteToHostException")) return "no route to the host";
        if (names.stream().anyMatch(n -> n.startsWith("SSL"))) return "a TLS error: check the system clock and "
                + "certificates";
        if (names.contains("ConnectException")) return "connection refused";
        if (names.contains("ClosedChannelException") || names.contains("EOFException")
                || names.stream().anyMatch(n -> n.contains("ConnectionClosed"))) {
            return "the connection closed before the answer";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String msg = root.getMessage();
        return policy.redactor().applyToEcho(msg == null || msg.isBlank() ? "no answer" : msg);
    }

    /** The service's host, as a person would look it up. */
    private String host() {
        try {
            String h = URI.create(baseUrl).getHost();
            return h == null ? baseUrl : h;
        } catch (IllegalArgumentException e) {
            return baseUrl;
        }
    }

    /** Exponential backoff with full jitter, capped. */
    Duration backoff(int attempt) {
        long base = policy.baseBackoff().toMillis() * (1L << Math.min(attempt - 1, 16));
        long capped = Math.min(base, policy.maxBackoff().toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Duration.ofMillis(jittered);
    }

    /** Retry-After as the wait this run makes for a read: what was asked, at most the policy's longest back-off. */
    Duration retryAfter(String value) {
        Duration d = retryAfterAsked(value);
        return d == null ? null : cap(d);
    }

    private Duration cap(Duration d) {
        return d.compareTo(policy.maxBackoff()) > 0 ? policy.maxBackoff() : d;
    }

    /** Retry-After as seconds ("5", "0") or an HTTP date, as asked; null when absent or unreadable. */
    Duration retryAfterAsked(String value) {
        if (value == null || value.isBlank()) return null;
        String v = value.trim();
        Duration d;
        if (v.matches("\\d+")) {
            d = Duration.ofSeconds(Long.parseLong(v));
        } else {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                d = Duration.between(policy.clock().instant(), at.toInstant());
                if (d.isNegative()) d = Duration.ZERO;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return d;
    }

    private void pause(Duration d) throws ServiceException {
        try {
            policy.sleeper().sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(service, service + ": interrupted while waiting to retry.", 0, e);
        }
    }

    @Override
    public void close() {
        unirest.close();
    }
}
