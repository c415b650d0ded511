package http;

import files.Json;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One request to a service, immutable: {@code Request.get("/sync/activities").query("date_from", t)}
 * makes a new request each step. Idempotent requests are retried on IO errors and 5xx; others only
 * where the service's rules allow (see {@link ServiceHttp}). {@code changes}: whether the request
 * changes something at the service (a write), whose fate is unknown when no answer comes.
 */
public record Request(String method, String path, Map<String, Object> query, Map<String, String> headers, String body,
                      boolean idempotent, boolean changes) {
    public Request {
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public static Request get(String path) {
        return new Request("GET", path, Map.of(), Map.of(), null, true, false);
    }

    /** A PUT with no body (Plex's watchlist actions). */
    public static Request put(String path) {
        return new Request("PUT", path, Map.of(), Map.of(), null, true, true);
    }

    /** A POST of a JSON body that changes something; {@code idempotent}: whether sending it twice does no harm. */
    public static Request post(String path, Object jsonBody, boolean idempotent) {
        return new Request("POST", path, Map.of(), Map.of("Content-Type", "application/json"),
                jsonBody == null ? null : Json.compact(jsonBody), idempotent, true);
    }

    /** A POST of a JSON body that only reads (SIMKL's settings route): safe to send again, never a write. */
    public static Request postRead(String path, Object jsonBody) {
        return new Request("POST", path, Map.of(), Map.of("Content-Type", "application/json"),
                jsonBody == null ? null : Json.compact(jsonBody), true, false);
    }

    /**
     * A POST of HTML form fields ({@code application/x-www-form-urlencoded}), as OAuth's token and
     * device endpoints take them (RFC 6749, RFC 8628). Such bodies carry codes and secrets: the
     * request's text form never shows its body.
     */
    public static Request form(String path, Map<String, String> fields, boolean idempotent) {
        StringJoiner body = new StringJoiner("&");
        fields.forEach((k, v) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v == null ? "" : v, StandardCharsets.UTF_8)));
        return new Request("POST", path, Map.of(), Map.of("Content-Type", "application/x-www-form-urlencoded"),
                body.toString(), idempotent, true);
    }

    /** This request with one more query parameter. */
    public Request query(String name, Object value) {
        Map<String, Object> q = new LinkedHashMap<>(query);
        q.put(name, value);
        return new Request(method, path, q, headers, body, idempotent, changes);
    }

    /** This request with one more header. */
    public Request header(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Request(method, path, query, h, body, idempotent, changes);
    }

    /** This request at another path (the same read of one status: {@code /sync/all-items/movies/plantowatch}). */
    public Request at(String otherPath) {
        return new Request(method, otherPath, query, headers, body, idempotent, changes);
    }

    /** "GET /sync/activities", for messages. */
    public String describe() {
        return method + " " + path;
    }

    /** The request without its body or header values (a body may hold a code or a secret, a header a token). */
    @Override
    public String toString() {
        return "Request[" + describe() + ", query=" + query.keySet() + ", headers=" + headers.keySet()
                + (body == null ? "" : ", body of " + body.length() + " chars") + "]";
    }
}
