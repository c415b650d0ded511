package simkl;

import com.fasterxml.jackson.databind.JsonNode;
import config.Config;
import http.AuthException;
import http.HttpPolicy;
import http.Pacer;
import http.Request;
import http.Response;
import http.Service;
import http.ServiceException;
import http.ServiceHttp;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * SIMKL's sign-in endpoints, both generations (docs/services.md, "Signing in"). AUTH V1: a PIN
 * polled at /oauth/pin/{code}, and the browser's code exchanged at /oauth/token (JSON, as its
 * blueprint says); its tokens do not run out. AUTH V2: a device code from /oauth2/device, polled
 * at /oauth2/token as OAuth device grants are (RFC 8628), or a browser's code exchanged there with
 * its PKCE verifier (RFC 7636); its access tokens run out after days and are renewed with the
 * refresh token at the same endpoint. Every /oauth2 request is a form, as OAuth's endpoints take
 * them (RFC 6749, RFC 8628).
 */
public final class SimklOAuth implements AutoCloseable {
    /** What V2 sign-ins ask for: reading and writing the person's lists. */
    static final String SCOPE = "media:read media:write";
    static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    /**
     * Tokens as signed in or renewed: {@code expiresAt} in epoch seconds, 0 for a token that does
     * not run out (V1); {@code refresh} blank when there is none to renew with.
     */
    public record Tokens(String access, String refresh, long expiresAt) {
        public boolean renewable() {
            return refresh != null && !refresh.isBlank();
        }

        @Override
        public String toString() {
            return "Tokens[expiresAt=" + expiresAt + "]"; // never the tokens themselves
        }
    }

    /** A V1 PIN as SIMKL hands it out. */
    public record Pin(String userCode, String verificationUrl, int expiresIn, int interval) {}

    /** One V1 poll's answer: the token once approved (else null); slowDown when SIMKL asks to poll less often. */
    public record PinPoll(String token, boolean slowDown) {}

    /**
     * A V2 device sign-in: the private device code (never shown), the code the person enters, the
     * page to enter it on, and that page with the code filled in (null when not given).
     */
    public record Device(String deviceCode, String userCode, String verificationUri, String verificationUriComplete,
                         int expiresIn, int interval) {
        @Override
        public String toString() {
            return "Device[userCode=" + userCode + "]";
        }
    }

    /** One V2 poll's answer: tokens once approved (else null); slowDown when SIMKL asks to poll less often. */
    public record DevicePoll(Tokens tokens, boolean slowDown) {}

    /**
     * SIMKL refused a sign-in for what the app is, not for anything the person did: the status and
     * error id it answered, and the refusal in words. Asking again the same way cannot help.
     */
    public static final class Refused extends Exception {
        private final int status;
        private final String error;

        Refused(String message, int status, String error) {
            super(message);
            this.status = status;
            this.error = error;
        }

        public int status() {
            return status;
        }

        /** SIMKL's error id ("unauthorized_client"), or "" when it gave none. */
        public String error() {
            return error;
        }
    }

    private final ServiceHttp http;
    private final String clientId;
    private final HttpPolicy policy;

    public SimklOAuth(String clientId, Config.Endpoints endpoints, HttpPolicy policy, String version) {
        this.clientId = clientId;
        this.policy = policy;
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("client_id", clientId);
        query.put("app-name", "plex_simkl_sync");
        query.put("app-version", version);
        Map<String, String> headers = Map.of("simkl-api-key", clientId, "Accept", "application/json");
        Pacer pacer = new Pacer(policy.clock(), policy.sleeper(), 10, Duration.ofSeconds(1));
        this.http = new ServiceHttp(Service.SIMKL, endpoints.simklApi(), policy, headers, query,
                r -> pacer.await(r.method()));
    }

    // ---- AUTH V1 ----

    /** Exchanges a browser sign-in's code for a token (V1: POST /oauth/token, JSON). */
    public Tokens exchangeCode(String code, String clientSecret, String redirectUri)
            throws ServiceException, AuthException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("client_id", clientId);
        body.put("client_secret", clientSecret);
        body.put("redirect_uri", redirectUri);
        body.put("grant_type", "authorization_code");
        return tokens(http.send(Request.post("/oauth/token", body, false), false).json("the token exchange"), now());
    }

    /**
     * Starts a V1 PIN sign-in. SIMKL answers a V2 app asking for one with 400: that is {@link Refused}
     * (the app is a V2 app), not a fault of the request.
     */
    public Pin pinStart() throws ServiceException, AuthException, Refused {
        Response r = http.send(Request.get("/oauth/pin"), Set.of(400));
        if (r.status() == 400) {
            throw new Refused("SIMKL refused the V1 PIN for this client id (HTTP 400" + withError(r)
                    + "): this is a V2 app", 400, errorOf(r));
        }
        return parsePin(r.json("the PIN request"));
    }

    static Pin parsePin(JsonNode r) throws ServiceException {
        String code = r.path("user_code").asText("");
        if (code.isBlank()) throw new ServiceException(Service.SIMKL,
                "SIMKL answered the PIN request without a user_code.", 200);
        String url = r.hasNonNull("verification_uri") ? r.get("verification_uri").asText()
                : r.path("verification_url").asText("https://simkl.com/pin");
        return new Pin(code, url, r.path("expires_in").asInt(900), Math.max(1, r.path("interval").asInt(5)));
    }

    /**
     * Polls a V1 PIN once. A fresh code in the answer means the old one is gone (used or expired):
     * that ends the flow.
     */
    public PinPoll pinPoll(String userCode) throws ServiceException, AuthException {
        return pinResult(http.send(Request.get("/oauth/pin/" + userCode), false).json("the PIN check"), userCode);
    }

    static PinPoll pinResult(JsonNode r, String userCode) throws ServiceException {
        if (r.hasNonNull("access_token") && "OK".equals(r.path("result")
                .asText())) return new PinPoll(r.get("access_token").asText(), false);
        if (r.has("device_code") || r.has("user_code")) {
            throw new ServiceException(Service.SIMKL, "SIMKL no longer knows code " + userCode
                    + " (it expired). Run --init-simkl pin again.", 200);
        }
        // an OK that is not a fresh code: the approval came, its token did not
        if ("OK".equals(r.path("result").asText())) {
            throw new ServiceException(Service.SIMKL, "SIMKL approved code " + userCode + " but sent no access_token "
                    + "with it; nothing was saved. Run --init-simkl pin again (or --init-simkl redirect).", 200);
        }
        return new PinPoll(null, r.path("message").asText("").toLowerCase(Locale.ROOT).contains("slow down"));
    }

    // ---- AUTH V2 ----

    /**
     * Starts a V2 device sign-in (POST /oauth2/device). Null when SIMKL says the app is not a V2 app
     * (401, or the error invalid_client): it signs in with V1's PIN or browser flow instead. Any
     * other refusal of the request is {@link Refused}, with SIMKL's error: a V2 app of a type that
     * signs in in the browser, or a request SIMKL would not take. 403 and 412 are refusals of the
     * client id itself, said as such by {@link ServiceHttp}.
     */
    public Device deviceStart(Consumer<String> debug) throws ServiceException, AuthException, Refused {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("client_id", clientId);
        body.put("scope", SCOPE);
        Response r = http.send(Request.form("/oauth2/device", body, false), Set.of(400, 401, 404, 405));
        if (r.status() >= 400) {
            String error = errorOf(r);
            if (r.status() == 401 || error.equals("invalid_client")) {
                debug.accept("SIMKL says this client id is not a V2 app (HTTP " + r.status() + withError(r)
                        + " at /oauth2/device): signing in with AUTH V1");
                return null;
            }
            throw new Refused("SIMKL refused a V2 device sign-in for this client id (HTTP " + r.status()
                    + withError(r) + ")", r.status(), error);
        }
        return parseDevice(r.json("the device sign-in"));
    }

    static Device parseDevice(JsonNode r) throws ServiceException {
        String device = r.path("device_code").asText("");
        String user = r.path("user_code").asText("");
        if (device.isBlank() || user.isBlank()) throw new ServiceException(Service.SIMKL,
                "SIMKL answered the device sign-in without a device_code and user_code.", 200);
        String page = r.hasNonNull("verification_uri") ? r.get("verification_uri").asText()
                : r.path("verification_url").asText("https://simkl.com/pin");
        String complete = r.hasNonNull("verification_uri_complete") ? r.get("verification_uri_complete").asText()
                : null;
        return new Device(device, user, page, complete, r.path("expires_in").asInt(900),
                Math.max(1, r.path("interval").asInt(5)));
    }

    /**
     * Polls a V2 device sign-in once (POST /oauth2/token with the device grant). Pending and
     * "slow down" are answers; a code that expired or a sign-in the person declined ends the flow.
     */
    public DevicePoll devicePoll(Device d) throws ServiceException, AuthException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("client_id", clientId);
        body.put("device_code", d.deviceCode());
        body.put("grant_type", DEVICE_GRANT);
        Response r = http.send(Request.form("/oauth2/token", body, false), Set.of(400));
        if (r.status() < 400) return new DevicePoll(tokens(r.json("the device sign-in"), now()), false);
        String error = errorOf(r);
        return switch (error) {
            case "authorization_pending" -> new DevicePoll(null, false);
            case "slow_down" -> new DevicePoll(null, true);
            case "expired_token" -> throw new ServiceException(Service.SIMKL, "Code " + d.userCode()
                    + " expired before it was approved; nothing was saved. Run --init-simkl pin again.", 400);
            case "access_denied" -> throw new ServiceException(Service.SIMKL, "The sign-in was declined on SIMKL;"
                    + " nothing was saved. Run --init-simkl pin again to allow it.", 400);
            default -> throw new ServiceException(Service.SIMKL, "SIMKL refused the device sign-in (HTTP 400"
                    + withError(r) + "); nothing was saved. Run --init-simkl pin again.", 400);
        };
    }

    /**
     * Renews a V2 access token with the refresh token (POST /oauth2/token, refresh grant). The old
     * access token stops working at once. A refresh token SIMKL no longer takes (unused for too
     * long, or the app's access revoked) is a refusal of the credentials: signing in again fixes it.
     */
    public Tokens refresh(String refreshToken) throws ServiceException, AuthException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("client_id", clientId);
        body.put("grant_type", "refresh_token");
        body.put("refresh_token", refreshToken);
        Response r = http.send(Request.form("/oauth2/token", body, false), Set.of(400));
        if (r.status() >= 400) {
            throw new AuthException(Service.SIMKL, "SIMKL no longer takes the saved refresh token (HTTP 400"
                    + withError(r) + "): it went unused too long, or the app's access was revoked.", 401);
        }
        Tokens t = tokens(r.json("the token refresh"), now());
        // SIMKL is reported to keep the refresh token; an answer without one keeps the one we have
        return t.renewable() ? t : new Tokens(t.access(), refreshToken, t.expiresAt());
    }

    /**
     * Exchanges a V2 browser sign-in's code for tokens (POST /oauth2/token, authorization code with
     * the PKCE verifier the authorization link was made from). {@code clientSecret} goes along only
     * when the app has one: V2's browser apps have none. A code SIMKL will not exchange (400: used,
     * expired, or not made for this verifier or redirect URI) is said with SIMKL's error.
     */
    public Tokens exchangeCodePkce(String code, String codeVerifier, String redirectUri, String clientSecret)
            throws ServiceException, AuthException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("client_id", clientId);
        body.put("code", code);
        body.put("redirect_uri", redirectUri);
        body.put("code_verifier", codeVerifier);
        if (clientSecret != null && !clientSecret.isBlank()) body.put("client_secret", clientSecret);
        Response r = http.send(Request.form("/oauth2/token", body, false), Set.of(400));
        if (r.status() >= 400) {
            throw new ServiceException(Service.SIMKL, "SIMKL would not exchange the code for a token (HTTP 400"
                    + withError(r) + "); nothing was saved.", 400);
        }
        return tokens(r.json("the token exchange"), now());
    }

    /**
     * Tokens from a token answer, either generation. An expiry counts only with a refresh token:
     * V1 answers advertise years (expires_in 157680000) for tokens that do not run out.
     */
    static Tokens tokens(JsonNode r, Instant now) throws ServiceException {
        String access = r.path("access_token").asText("");
        if (access.isBlank()) throw new ServiceException(Service.SIMKL,
                "SIMKL answered the sign-in without an access token; nothing was saved.", 200);
        String type = r.path("token_type").asText("bearer");
        if (!type.equalsIgnoreCase("bearer")) throw new ServiceException(Service.SIMKL,
                "SIMKL answered the sign-in with a token of an unknown type (" + type + "); nothing was saved.", 200);
        String refresh = r.path("refresh_token").isTextual() ? r.path("refresh_token").asText() : "";
        long expiresAt = 0;
        if (!refresh.isBlank()) {
            JsonNode in = r.path("expires_in");
            if (!in.canConvertToLong() || in.asLong() <= 0) throw new ServiceException(Service.SIMKL,
                    "SIMKL answered the sign-in without a usable expires_in; nothing was saved.", 200);
            expiresAt = now.getEpochSecond() + in.asLong();
        }
        return new Tokens(access, refresh, expiresAt);
    }

    private static String errorOf(Response r) {
        try {
            JsonNode n = r.json("the error").path("error");
            return n.isTextual() ? n.asText() : "";
        } catch (ServiceException e) {
            return "";
        }
    }

    /** " invalid_client" (SIMKL's error id after a space), or "" when it gave none. */
    private static String withError(Response r) {
        String error = errorOf(r);
        return error.isEmpty() ? "" : " " + error;
    }

    private Instant now() {
        return policy.clock().instant();
    }

    @Override
    public void close() {
        http.close();
    }
}
