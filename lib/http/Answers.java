package http;

import model.Plural;
import model.Times;

import java.net.URI;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What an answer of a service means for the request that got it, or what no answer means: send it
 * again after a wait (429, a 5xx or no answer, for what is safe to send twice; Retry-After in
 * seconds or as an HTTP date honoured, else exponential backoff with jitter), or stop with a
 * refusal of its kind: the credentials ({@link AuthException}), a limit after which the service is
 * asked nothing more in the run ({@link LimitException}), or a failed request
 * ({@link ServiceException}), each said in words. {@link ServiceHttp} sends; this decides. It does
 * no I/O.
 */
final class Answers {
    /** What to do with a request after one try. */
    sealed interface Next permits Taken, Again, Stop {}

    /** The answer is the caller's to read. */
    record Taken(Response response) implements Next {}

    /**
     * Send it again after {@code pause}; {@code why} says for the debug line; {@code resent}: a write sent twice;
     * {@code mayHaveLanded}: a write that went out on this try or an earlier one and may have been carried out.
     */
    record Again(Duration pause, String why, boolean resent, boolean mayHaveLanded) implements Next {}

    /** Stop: {@code error} is thrown as it is. */
    record Stop(ServiceError error) implements Next {}

    /**
     * One try of a request: which of how many, whether a write was already sent again after a 429,
     * whether the request was signed in, a digest of the credentials it carried (null: none), and
     * whether an earlier try of this write went out and may have been carried out.
     */
    record Try(Request request, int attempt, int attempts, boolean writeResent, boolean signedIn,
               String credentials, boolean mayHaveLanded) {
        String what() {
            return request.describe();
        }
    }

    private final Service service;
    private final String baseUrl;
    private final HttpPolicy policy;

    Answers(Service service, String baseUrl, HttpPolicy policy) {
        this.service = service;
        this.baseUrl = baseUrl;
        this.policy = policy;
    }

    /**
     * A request that got no answer at all: sent again when it is safe to, else the failure in words.
     * A write that may have reached the service is never sent again blindly to one that blocks
     * repeated writes (SIMKL): its fate is unknown, and it is said so.
     */
    Next unanswered(Try t, RuntimeException e) {
        boolean reached = t.request().changes() && mayHaveReached(e);
        boolean landed = t.mayHaveLanded() || reached;
        if (e instanceof Deadline.Cut) return new Stop(stopped(t, true, landed));
        if (Thread.currentThread().isInterrupted()) {
            return new Stop(new ServiceException(service, service + ": " + t.what() + " was stopped (interrupted)"
                    + (landed ? maybeDone() : "") + ".", 0, e, landed));
        }
        if (unsendable(e)) {
            // a value the request cannot carry (a control character pasted into a token): asking again
            // cannot help, and the value itself is never repeated
            return new Stop(new ServiceException(service, "Could not send " + t.what() + " to " + service
                    + ": a header or query value holds a character HTTP cannot carry (a token pasted with a line "
                    + "break?). Check config.json and the environment, then run again.", 0, e, t.mayHaveLanded()));
        }
        String why = describeIo(e);
        if (reached && service.blocksRepeatedWrites()) {
            return new Stop(new ServiceException(service, "No whole answer came from " + service + " (" + host() + ": "
                    + why + ") for " + t.what() + notResent(), 0, e, true));
        }
        if (t.request().idempotent() && t.attempt() < t.attempts()) {
            return new Again(backoff(t.attempt()), why, false, landed);
        }
        return new Stop(new ServiceException(service, "Could not reach " + service + " (" + host() + ": " + why
                + ") for " + t.what() + ", " + Plural.of(t.attempt(), "try") + "."
                + (landed ? maybeDone() + "." : "") + " Check your network or try again later.", 0, e, landed));
    }

    /** The end of the message for a write of unknown fate that is not sent again: why, and what comes next. */
    private String notResent() {
        return ", so it may or may not have been carried out. It was not sent again: " + service + " blocks apps "
                + "that repeat writes. The next run reads " + service + " and does only what is still needed.";
    }

    /** "; <service> may have carried out an earlier try": for a write that went out with no answer. */
    private String maybeDone() {
        return "; " + service + " may have carried it out, though no answer said so";
    }

    /**
     * A request not sent (again) because the run was asked to stop, or ({@code underWay}) one abandoned
     * without an answer for that reason; {@code landed}: a write that went out and may have been carried out.
     */
    ServiceException stopped(Try t, boolean underWay, boolean landed) {
        String what = underWay ? t.what() + " was abandoned without an answer from " + service
                : t.what() + " was not sent " + (t.attempt() > 1 ? "again " : "") + "to " + service;
        return new ServiceException(service, what + ": the run was asked to stop" + (landed ? maybeDone() : "")
                + ". The next run reads " + service + " and does only what is still needed.", 0, null, landed);
    }

    /** An answer of 400 or more that the caller does not take as it is. */
    Next refused(Try t, Response resp) {
        int s = resp.status();
        ServiceError refusal = refusal(t, resp);
        if (refusal != null) return new Stop(refusal);
        Duration asked = retryAfterAsked(resp.headers().get("retry-after"));
        boolean get = t.request().method().equals("GET");
        if (s == 429 && service == Service.SIMKL && t.signedIn() && get
                && (asked == null || asked.compareTo(policy.maxBackoff()) > 0)) {
            // the tool keeps to SIMKL's pace, so a refusal of a signed-in read that does not ask for a short
            // wait is not about pace (a list polled, a quota): asking again is what it refuses, and SIMKL
            // suspends apps that poll
            return new Stop(refusedForNow(t.what(), resp, asked));
        }
        if (s == 429 && !get) {
            // a write asked to wait is sent once more after the wait (RFC 9110, Retry-After), when the
            // wait is within reason; unasked, SIMKL's block grows with every write, so none is resent
            boolean resend = !t.writeResent() && (asked != null ? asked.compareTo(policy.maxBackoff()) <= 0
                    : t.request().idempotent() && !service.blocksRepeatedWrites() && t.attempt() < t.attempts());
            if (!resend) return new Stop(throttledWrite(t, resp, asked));
            return new Again(asked != null ? asked : backoff(t.attempt()), "HTTP " + s, asked != null,
                    t.mayHaveLanded());
        }
        return failed(t, resp, asked);
    }

    /** An answer of 500 or more, or a 4xx no rule above takes: sent again when it is safe to, else the failure. */
    private Next failed(Try t, Response resp, Duration asked) {
        int s = resp.status();
        // a write answered with a server error reached the service, which may have carried it out all the same
        boolean reached = s >= 500 && t.request().changes();
        boolean landed = t.mayHaveLanded() || reached;
        if (reached && service.blocksRepeatedWrites()) {
            return new Stop(new ServiceException(service, service + " answered " + t.what() + " with HTTP " + s
                    + summary(resp.body()) + notResent(), s, null, true));
        }
        boolean transientFault = s == 429 || (t.request().idempotent() && (s == 500 || s == 502 || s == 503
                || s == 504));
        if (transientFault && t.attempt() < t.attempts()) {
            return new Again(asked != null ? cap(asked) : backoff(t.attempt()), "HTTP " + s, false, landed);
        }
        String hint = s == 429 ? " The service is rate-limiting this app; wait a while and run again."
                : s >= 500 ? " The service is having trouble; try again later." : "";
        boolean retried = s == 429 || (t.request().idempotent() && s >= 500);
        return new Stop(new ServiceException(service, service + " answered " + t.what() + " with HTTP " + s
                + summary(resp.body()) + (landed ? maybeDone() : "") + "." + (retried ? " Gave up after "
                        + Plural.of(t.attempt(), "try") + "." : "") + hint, s, null, landed));
    }

    /**
     * A refusal that asking again cannot change: the credentials (401, 403, Plex's 422 "Invalid
     * token", SIMKL's 412 client_id_failed), or, for credentials this run has already seen accepted,
     * a limit (SIMKL answers 412 and 403 for its limits too); a spent quota (412 of another kind, a 429
     * whose error id ends in _limit_exceeded) is a limit as well. Null for any other answer.
     */
    private ServiceError refusal(Try t, Response resp) {
        int s = resp.status();
        String what = t.what();
        String errorId = resp.errorId();
        if (s == 403 && "insufficient_scope".equals(errorId)) {
            // a sign-in granted less than the request needs (a read-only grant asked to write): never a limit
            return new AuthException(service, service + " refused " + what + " (403 insufficient_scope): the sign-in "
                    + "was not granted what this needs.", s, errorId);
        }
        boolean invalidToken = s == 422 && resp.body() != null
                && resp.body().toLowerCase(Locale.ROOT).contains("invalid token");
        boolean refused = s == 401 || s == 403 || invalidToken || (s == 412 && "client_id_failed".equals(errorId));
        String code = s + (errorId == null ? "" : " " + errorId);
        // SIMKL answers its limits so (its blueprint); Plex documents no such thing: a 403 there is a refusal
        if (refused && service == Service.SIMKL && (s == 403 || s == 412) && t.credentials() != null
                && policy.accepted().contains(t.credentials())) {
            return new LimitException(service, service + " refused " + what + " (" + code + ") although it accepted "
                    + "this app's credentials earlier in this run: " + service + " answers so when an app is over "
                    + "its request limits. Nothing more was changed; the next run tries again. If it keeps "
                    + "happening, sync less often (every 30 minutes or more).", s);
        }
        if (refused) return new AuthException(service, service + " refused the credentials (" + code + ") for " + what
                + ".", s);
        boolean quota = errorId != null && errorId.endsWith("limit_exceeded");
        if (s == 412 || (s == 429 && quota)) {
            return new LimitException(service, service + " answered " + what + " with " + code + ": this app's "
                    + "request limit is used up for now, and asking again only spends more. Nothing more was "
                    + "changed; the next run tries again. If it keeps happening, sync less often (every 30 minutes "
                    + "or more).", s, quota, retryAfterAsked(resp.headers().get("retry-after")));
        }
        return null;
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

    /**
     * A POST (or PUT) answered 429 that is not sent again in this run: what happened and when to
     * try again. A request that only reads (SIMKL's settings route) is called a request, not a write.
     */
    private ServiceException throttledWrite(Try t, Response resp, Duration asked) {
        boolean write = t.request().changes();
        String why;
        String when;
        if (asked != null) {
            why = asked.compareTo(policy.maxBackoff()) > 0
                    ? " and asked to wait " + Times.span(asked) + ", longer than this run waits"
                    : " again after the wait it asked for, and asked to wait " + Times.span(asked) + " once more; it "
                            + "was not sent a third time";
            Times times = new Times(policy.clock().getZone(), policy.clock().instant());
            when = " Run it again " + times.when(policy.clock().instant().plus(asked)) + " or later.";
        } else if (service.blocksRepeatedWrites()) {
            why = "; the " + (write ? "write" : "request") + " was not sent again";
            when = " " + service + " blocks an app's POSTs for a while when they come faster than one a second, "
                    + "and each POST sent during the block makes it longer: wait at least a minute before running it "
                    + "again.";
        } else {
            why = "; gave up after " + Plural.of(t.attempt(), "try");
            when = " Wait a minute, then run it again.";
        }
        return new ServiceException(service, service + " is rate-limiting this app (" + t.what() + ": HTTP 429"
                + summary(resp.body()) + ")" + why + (t.mayHaveLanded() ? maybeDone() : "")
                + (write ? ". The next run retries it." : ".") + when, 429, null,
                t.mayHaveLanded());
    }

    /** A redirect that was not followed: elsewhere, too many, or on a write. Never read as an answer. */
    ServiceException redirectRefused(String what, Response resp, URI target, boolean sameHost) {
        String where = target == null ? "" : sameHost ? " (too many redirects, or on a write)" : " to "
                + target.getHost();
        return new ServiceException(service, service + " answered " + what + " with a redirect (HTTP " + resp.status()
                + ")" + where + ", which was not followed: the answer must come from " + URI.create(baseUrl).getHost()
                + " itself. Nothing was changed on its account; check the service URL, a proxy or a captive portal, "
                + "or try again later.", resp.status());
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

    /**
     * Whether a request that got no answer may have reached the service: not when the connection was
     * never made (no such host, no route, refused, a connect that timed out, a TLS handshake that
     * failed), else it may have (a read that timed out, a connection closed before the answer, an
     * answer cut short or past its deadline).
     */
    private static boolean mayHaveReached(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String n = t.getClass().getSimpleName();
            if (n.equals("UnknownHostException") || n.equals("UnresolvedAddressException")
                    || n.equals("NoRouteToHostException") || n.equals("ConnectException")
                    || n.equals("HttpConnectTimeoutException") || n.equals("SSLHandshakeException")) {
                return false;
            }
        }
        return true;
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
        if (v.matches("\\d+")) return Duration.ofSeconds(Long.parseLong(v));
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(policy.clock().instant(), at.toInstant());
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
