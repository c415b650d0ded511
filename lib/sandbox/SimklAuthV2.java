package sandbox;

import files.Json;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SIMKL's AUTH V2 sign-in as reported for apps of the "TV, devices & command line" type: a device
 * grant (POST /oauth2/device, then /oauth2/token polled as RFC 8628 says), access tokens that run
 * out after {@link #ACCESS_LIFETIME}, and a refresh grant that hands out a new access token, kills
 * the old one at once and keeps the refresh token, which dies after {@link #REFRESH_IDLE_LIMIT}
 * unused. A token may write only when its sign-in asked for media:write (else 403
 * insufficient_scope). Times are the emulator's clock.
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

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
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

    /** Answers /oauth2/device and /oauth2/token for the app {@code clientId}; {@code web}: the PIN page's site. */
    void handle(Emulator.Exchange ex, String clientId, Instant now, String web) throws IOException {
        Map<String, String> f = fields(ex);
        if (!ex.method.equals("POST")) {
            ex.sendJson(405, Map.of("error", "invalid_request"));
        } else if (!clientId.equals(f.get("client_id"))) {
            ex.sendJson(401, oauthError("invalid_client", "Unknown client"));
        } else if (ex.path.equals("/oauth2/device")) {
            device(ex, f.getOrDefault("scope", ""), now, web);
        } else if (ex.path.equals("/oauth2/token")) {
            String grant = f.getOrDefault("grant_type", "");
            if (grant.equals(DEVICE_GRANT)) poll(ex, f.getOrDefault("device_code", ""), now);
            else if (grant.equals("refresh_token")) refresh(ex, f.getOrDefault("refresh_token", ""), now);
            else ex.sendJson(400, oauthError("unsupported_grant_type", "Unsupported grant"));
        } else {
            ex.sendJson(404, Map.of("error", "not_found"));
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

    /** A POST's fields, sent as JSON or as a form. */
    static Map<String, String> fields(Emulator.Exchange ex) throws IOException {
        Map<String, String> f = new LinkedHashMap<>();
        String ct = ex.header("Content-Type");
        if (ct != null && ct.contains("application/x-www-form-urlencoded")) {
            for (String pair : ex.body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) f.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        } else if (!ex.body.isBlank()) {
            Json.MAPPER.readTree(ex.body).properties().forEach(e -> f.put(e.getKey(), e.getValue().asText()));
        }
        return f;
    }
}
