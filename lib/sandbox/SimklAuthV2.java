package sandbox;

import files.Json;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SIMKL's AUTH V2 sign-in as reported. An app of the "TV, devices & command line" type signs in
 * with a device grant (POST /oauth2/device, then /oauth2/token polled as RFC 8628 says); an app
 * of a browser type ("Mobile, desktop & browser apps") with V2's authorization page and PKCE
 * (RFC 7636, S256 only), its code exchanged at /oauth2/token with the verifier, and is refused the
 * device grant (400 unauthorized_client, our guess of how). Both get access tokens that run out
 * after {@link #ACCESS_LIFETIME}, and a refresh grant that hands out a new access token, kills the
 * old one at once and keeps the refresh token, which dies after {@link #REFRESH_IDLE_LIMIT} unused.
 * A token may write only when its sign-in asked for media:write (else 403 insufficient_scope).
 * Every /oauth2 POST must be a form (application/x-www-form-urlencoded, as RFC 6749 and RFC 8628
 * specify); any other body is refused with 400 invalid_request. Times are the emulator's clock.
 */
final class SimklAuthV2 {
    /** Reported by a third-party client's migration notes, citing SIMKL's token page: seven days. */
    static final Duration ACCESS_LIFETIME = Duration.ofDays(7);
    /** Reported likewise: 180 days, counted again from each use. */
    static final Duration REFRESH_IDLE_LIMIT = Duration.ofDays(180);
    /** How long a device code lives: V1's PIN lives 900 s; the V2 figure is our guess. */
    static final Duration DEVICE_CODE_LIFETIME = Duration.ofSeconds(900);
    static final int INTERVAL = 5;
    static final String SCOPE = "media:read media:write";
    static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    /** A signed-in pair, as a test seeds it into config.json. */
    record Issued(String access, String refresh, long expiresAt) {}

    private static final class Grant {
        final String userCode;
        final Instant expires;
        String scope = "";
        Instant lastPoll;
        int interval = INTERVAL;
        String outcome; // null while pending, "approved" or "denied"

        Grant(String userCode, Instant expires) {
            this.userCode = userCode;
            this.expires = expires;
        }
    }

    private static final class Refresh {
        volatile String access;
        volatile Instant lastUsed;
        final String scope;

        Refresh(String access, Instant lastUsed, String scope) {
            this.access = access;
            this.lastUsed = lastUsed;
            this.scope = scope;
        }
    }

    /** A code from V2's authorization page: where it was sent, the PKCE challenge it was asked with, the scope. */
    private record AuthCode(String redirectUri, String challenge, String scope, Instant expires) {}

    /** How long an authorization code lives: SIMKL says only "short-lived"; ten minutes is our guess. */
    static final Duration AUTH_CODE_LIFETIME = Duration.ofMinutes(10);

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final Map<String, AuthCode> authCodes = new ConcurrentHashMap<>();
    private final List<String> verifiers = new CopyOnWriteArrayList<>();
    private volatile boolean browserApp;
    private final Map<String, Instant> accessExpires = new ConcurrentHashMap<>();
    private final Map<String, String> accessScope = new ConcurrentHashMap<>();
    private final Map<String, Refresh> refreshes = new ConcurrentHashMap<>();
    private final AtomicInteger codes = new AtomicInteger(7000);
    private final AtomicLong renewals = new AtomicLong();
    private volatile boolean autoApprove;

    boolean valid(String access, Instant now) {
        Instant until = accessExpires.get(access);
        return until != null && now.isBefore(until);
    }

    /** Whether the token was granted writing (scope media:write). */
    boolean mayWrite(String access) {
        return List.of(accessScope.getOrDefault(access, "").split(" ")).contains("media:write");
    }

    Issued issue(Instant now) {
        return issue(now, SCOPE);
    }

    Issued issue(Instant now, String scope) {
        String refresh = secret("v2-refresh-");
        String access = secret("v2-access-");
        accessExpires.put(access, now.plus(ACCESS_LIFETIME));
        accessScope.put(access, scope);
        refreshes.put(refresh, new Refresh(access, now, scope));
        return new Issued(access, refresh, now.plus(ACCESS_LIFETIME).getEpochSecond());
    }

    void revokeAll() {
        accessExpires.clear();
        accessScope.clear();
        refreshes.clear();
    }

    void autoApprove(boolean on) {
        autoApprove = on;
    }

    /** The app is of a browser type: V2's authorization page with PKCE, no device grant. */
    void browserApp(boolean on) {
        browserApp = on;
    }

    /** The PKCE verifiers code exchanges were made with (for tests: no output may show one). */
    List<String> verifiers() {
        return List.copyOf(verifiers);
    }

    void approve(String userCode) {
        grant(userCode).outcome = "approved";
    }

    void deny(String userCode) {
        grant(userCode).outcome = "denied";
    }

    List<String> pending() {
        return grants.values().stream().filter(g -> g.outcome == null).map(g -> g.userCode).toList();
    }

    long renewals() {
        return renewals.get();
    }

    private Grant grant(String userCode) {
        return grants.values().stream().filter(g -> g.userCode.equals(userCode)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no device sign-in with code " + userCode));
    }

    /**
     * Whether the request is a POST whose body is a form; else it was answered: 405, or 400
     * invalid_request for a body of any other kind (JSON included, which RFC 6749 does not provide for).
     */
    static boolean formPost(Emulator.Exchange ex) throws IOException {
        if (!ex.method.equals("POST")) {
            ex.sendJson(405, Map.of("error", "invalid_request"));
            return false;
        }
        if (!isForm(ex)) {
            ex.sendJson(400, oauthError("invalid_request", "The body must be application/x-www-form-urlencoded"));
            return false;
        }
        return true;
    }

    /** Answers /oauth2/device and /oauth2/token for the app {@code clientId}; {@code web}: the PIN page's site. */
    void handle(Emulator.Exchange ex, String clientId, Instant now, String web) throws IOException {
        Map<String, String> f = fields(ex);
        if (!clientId.equals(f.get("client_id"))) {
            ex.sendJson(401, oauthError("invalid_client", "Unknown client"));
        } else if (ex.path.equals("/oauth2/device")) {
            if (browserApp) ex.sendJson(400, oauthError("unauthorized_client", "This app may not use the device "
                    + "grant"));
            else device(ex, f.getOrDefault("scope", ""), now, web);
        } else if (ex.path.equals("/oauth2/token")) {
            String grant = f.getOrDefault("grant_type", "");
            if (grant.equals(DEVICE_GRANT) && !browserApp) poll(ex, f.getOrDefault("device_code", ""), now);
            else if (grant.equals("authorization_code") && browserApp) exchange(ex, f, now);
            else if (grant.equals("refresh_token")) refresh(ex, f.getOrDefault("refresh_token", ""), now);
            else if (grant.equals(DEVICE_GRANT) || grant.equals("authorization_code")) {
                ex.sendJson(400, oauthError("unauthorized_client", "This app may not use this grant"));
            } else {
                ex.sendJson(400, oauthError("unsupported_grant_type", "Unsupported grant"));
            }
        } else {
            ex.sendJson(404, Map.of("error", "not_found"));
        }
    }

    /**
     * V2's authorization page (GET /oauth2/authorize on simkl.com), the person approving at once:
     * a redirect back with a code, once the request is one SIMKL takes (the app's client id, a
     * browser-type app, a redirect URI, response_type=code, a PKCE challenge with method S256 in
     * capitals); anything else gets an error page, as a browser would show it.
     */
    void authorize(Emulator.Exchange ex, String clientId, Instant now) throws IOException {
        Map<String, String> q = ex.query;
        String redirect = q.get("redirect_uri");
        String why = !clientId.equals(q.get("client_id")) ? "Unknown client"
                : !browserApp ? "This app has no redirect URI: it signs in with a code on the PIN page"
                : redirect == null || redirect.isBlank() ? "redirect_uri is missing"
                : !"code".equals(q.get("response_type")) ? "response_type must be code"
                : q.get("code_challenge") == null || !"S256".equals(q.get("code_challenge_method"))
                        ? "PKCE is required: code_challenge with code_challenge_method S256" : null;
        if (why != null) {
            ex.send(400, "<html><body><h1>Authorization error</h1><p>" + why + "</p></body></html>", "text/html");
            return;
        }
        String code = secret("v2-code-");
        authCodes.put(code, new AuthCode(redirect, q.get("code_challenge"), q.getOrDefault("scope", ""),
                now.plus(AUTH_CODE_LIFETIME)));
        String state = q.get("state");
        ex.header("Location", redirect + (redirect.contains("?") ? "&" : "?") + "code=" + code
                + (state == null ? "" : "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8)));
        ex.send(302, "", "text/html");
    }

    /** The code exchange: once per code, from the redirect URI it was sent to, with the verifier of its challenge. */
    private void exchange(Emulator.Exchange ex, Map<String, String> f, Instant now) throws IOException {
        AuthCode c = authCodes.remove(f.getOrDefault("code", ""));
        String verifier = f.getOrDefault("code_verifier", "");
        if (c == null || !now.isBefore(c.expires()) || !c.redirectUri().equals(f.get("redirect_uri"))
                || !c.challenge().equals(challengeOf(verifier))) {
            ex.sendJson(400, oauthError("invalid_grant", "The code is invalid, expired, or not for this verifier"));
            return;
        }
        verifiers.add(verifier);
        Issued t = issue(now, c.scope());
        ex.sendJson(200, tokenAnswer(t.access(), t.refresh(), c.scope()));
    }

    /** BASE64URL(SHA-256(verifier)), as RFC 7636 defines the S256 challenge. */
    private static String challengeOf(String verifier) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void device(Emulator.Exchange ex, String scope, Instant now, String web) throws IOException {
        String device = secret("device-");
        int n = codes.incrementAndGet() * 7919;
        String user = String.format(Locale.ROOT, "%04X-%04d", n & 0xFFFF, n % 10_000);
        Grant g = new Grant(user, now.plus(DEVICE_CODE_LIFETIME));
        g.scope = scope;
        if (autoApprove) g.outcome = "approved";
        grants.put(device, g);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("device_code", device);
        r.put("user_code", user);
        r.put("verification_uri", web + "/pin");
        r.put("verification_uri_complete", web + "/pin?user_code=" + user);
        r.put("expires_in", DEVICE_CODE_LIFETIME.toSeconds());
        r.put("interval", INTERVAL);
        ex.sendJson(200, r);
    }

    private void poll(Emulator.Exchange ex, String deviceCode, Instant now) throws IOException {
        Grant g = grants.get(deviceCode);
        if (g == null) {
            ex.sendJson(400, oauthError("invalid_grant", "Unknown device code"));
            return;
        }
        if (!now.isBefore(g.expires)) {
            grants.remove(deviceCode);
            ex.sendJson(400, oauthError("expired_token", "The device code expired"));
            return;
        }
        Instant last = g.lastPoll;
        g.lastPoll = now;
        if (last != null && now.isBefore(last.plusSeconds(g.interval))) {
            g.interval += 5;
            ex.sendJson(400, oauthError("slow_down", "Polling too often"));
            return;
        }
        if (g.outcome == null) {
            ex.sendJson(400, oauthError("authorization_pending", "Waiting for the user"));
            return;
        }
        grants.remove(deviceCode);
        if (g.outcome.equals("denied")) {
            ex.sendJson(400, oauthError("access_denied", "The user declined"));
            return;
        }
        Issued t = issue(now, g.scope);
        ex.sendJson(200, tokenAnswer(t.access(), t.refresh(), g.scope));
    }

    private void refresh(Emulator.Exchange ex, String refreshToken, Instant now) throws IOException {
        Refresh r = refreshes.get(refreshToken);
        if (r == null || !now.isBefore(r.lastUsed.plus(REFRESH_IDLE_LIMIT))) {
            if (r != null) refreshes.remove(refreshToken);
            ex.sendJson(400, oauthError("invalid_grant", "The refresh token is invalid or expired"));
            return;
        }
        accessExpires.remove(r.access); // the old access token stops working at once
        accessScope.remove(r.access);
        String access = secret("v2-access-");
        accessExpires.put(access, now.plus(ACCESS_LIFETIME));
        accessScope.put(access, r.scope);
        r.access = access;
        r.lastUsed = now;
        renewals.incrementAndGet();
        ex.sendJson(200, tokenAnswer(access, refreshToken, r.scope));
    }

    private static Map<String, Object> tokenAnswer(String access, String refresh, String scope) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("access_token", access);
        r.put("refresh_token", refresh);
        r.put("expires_in", ACCESS_LIFETIME.toSeconds());
        r.put("token_type", "Bearer");
        r.put("scope", scope);
        return r;
    }

    private static Map<String, Object> oauthError(String error, String description) {
        return Map.of("error", error, "error_description", description);
    }

    private String secret(String prefix) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return prefix + HexFormat.of().formatHex(b);
    }

    private static boolean isForm(Emulator.Exchange ex) {
        String ct = ex.header("Content-Type");
        return ct != null && ct.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /** A POST's fields, sent as JSON or as a form (V1's /oauth/token takes both, its docs say). */
    static Map<String, String> fields(Emulator.Exchange ex) throws IOException {
        if (isForm(ex)) return ex.formFields();
        Map<String, String> f = new LinkedHashMap<>();
        if (!ex.body.isBlank()) {
            Json.MAPPER.readTree(ex.body).properties().forEach(e -> f.put(e.getKey(), e.getValue().asText()));
        }
        return f;
    }
}
