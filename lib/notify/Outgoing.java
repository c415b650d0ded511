package notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import files.Json;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One HTTP request a notification makes, built without I/O: a POST (or a push monitor's GET),
 * where, with which headers, with what body, and the query parameters that carry the message, for
 * each format (README, "Notifications"). The sender redacts the headers, the body and
 * those parameters' values; the URL itself is sent as the person gave it (it holds the target's
 * own secrets).
 */
public record Outgoing(String method, String url, Map<String, String> headers, String body,
        Map<String, String> query) {
    public Outgoing {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }

    /** A POST with no message in the query. */
    public Outgoing(String url, Map<String, String> headers, String body) {
        this("POST", url, headers, body, Map.of());
    }

    /**
     * ntfy shows a message of up to 4,096 bytes (its message-size-limit; more becomes an attachment, or is
     * refused by a server without attachments): the text stays within 4,000 bytes of UTF-8, not characters.
     */
    static final int NTFY_BYTES = 4_000;
    /** How much of a report a healthchecks ping carries (its log keeps the start of a body). */
    static final int PING_BODY = 10_000;
    /** Discord refuses a webhook message whose content is longer than 2,000 characters. */
    static final int DISCORD_CHARS = 2_000;
    /** Telegram refuses a sendMessage text longer than 4,096 characters. */
    static final int TELEGRAM_CHARS = 4_096;
    /** A push monitor's msg rides in the URL, shown as one line: a title's worth. */
    static final int PUSH_MSG = 200;

    /** The ping before a run, for a healthchecks target (null for other formats). */
    public static Outgoing start(Target t) {
        if (t.format() != Target.Format.HEALTHCHECKS) return null;
        Map<String, String> h = credentials(t);
        h.put("Content-Type", "text/plain; charset=utf-8");
        return new Outgoing(ping(t.endpoint(), "start"), h, "");
    }

    /** The headers every request to {@code t} carries: its URL's user and password, as Basic credentials. */
    private static Map<String, String> credentials(Target t) {
        Map<String, String> h = new LinkedHashMap<>();
        if (t.basicAuth() != null) h.put("Authorization", t.basicAuth());
        return h;
    }

    /** The message after a run, as the target's format wants it. */
    public static Outgoing finish(Target t, News n) {
        Map<String, String> h = credentials(t);
        return switch (t.format()) {
            case NTFY -> ntfy(t, n, h);
            case HEALTHCHECKS -> {
                h.put("Content-Type", "text/plain; charset=utf-8");
                String url = n.exitCode() == 0 ? t.endpoint() : ping(t.endpoint(), "fail");
                yield new Outgoing(url, h, cut(n.title() + "\n\n" + n.report(), PING_BODY));
            }
            case DISCORD -> discord(t, n, h);
            case TELEGRAM -> telegram(t, n, h);
            case GOTIFY -> gotify(t, n, h);
            case PUSH -> push(t, n, h);
            case JSON -> {
                h.put("Content-Type", "application/json");
                yield new Outgoing(t.endpoint(), h, n.document());
            }
        };
    }

    private static Outgoing ntfy(Target t, News n, Map<String, String> h) {
        h.put("Title", n.title());
        h.put("Priority", priority(n.main()));
        h.put("Tags", tag(n.main()));
        h.put("Content-Type", "text/plain; charset=utf-8");
        return new Outgoing(t.endpoint(), h, cutBytes(n.text(), NTFY_BYTES));
    }

    private static Outgoing discord(Target t, News n, Map<String, String> h) {
        h.put("Content-Type", "application/json");
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("content", cut(n.title() + "\n\n" + n.text(), DISCORD_CHARS));
        // a title such as "@everyone" must not ping a whole server
        body.putObject("allowed_mentions").putArray("parse");
        return new Outgoing(t.endpoint(), h, Json.compact(body));
    }

    private static Outgoing telegram(Target t, News n, Map<String, String> h) {
        h.put("Content-Type", "application/json");
        ObjectNode body = Json.MAPPER.createObjectNode();
        String chat = t.chatId().trim();
        if (chat.matches("-?\\d{1,18}")) body.put("chat_id", Long.parseLong(chat));
        else body.put("chat_id", chat);
        body.put("text", cut(n.title() + "\n\n" + n.text(), TELEGRAM_CHARS));
        body.put("disable_notification", !n.main().problem());
        return new Outgoing(method(t.endpoint(), "sendMessage"), h, Json.compact(body));
    }

    private static Outgoing gotify(Target t, News n, Map<String, String> h) {
        h.put("Content-Type", "application/json");
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("title", n.title());
        body.put("message", n.text());
        body.put("priority", gotifyPriority(n.main()));
        return new Outgoing(method(t.endpoint(), "message"), h, Json.compact(body));
    }

    private static Outgoing push(Target t, News n, Map<String, String> h) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("status", n.exitCode() == 0 ? "up" : "down");
        String firstLine = n.text() == null ? "" : n.text().lines().findFirst().orElse("");
        q.put("msg", cut(n.exitCode() == 0 || firstLine.isBlank() ? n.title() : n.title() + " - " + firstLine,
                PUSH_MSG));
        q.put("ping", "");
        return new Outgoing("GET", without(t.endpoint(), q.keySet()), h, "", q);
    }

    /** Whether the target hears of this run: a healthchecks or push target always, others when they asked. */
    public static boolean wants(Target t, Set<Event> events) {
        if (t.format().pinged()) return true;
        return events.stream().anyMatch(t.on()::contains);
    }

    /** Gotify's priorities run 0 to 10; its apps make a sound from 4 and insist from 8. */
    static int gotifyPriority(Event e) {
        return switch (e) {
            case FAILURE, GUARD -> 8;
            case UNRESOLVED -> 5;
            case CHANGES, SUCCESS -> 2;
        };
    }

    /**
     * A URL whose path ends with the API method {@code name}, added unless it is already there:
     * {@code https://api.telegram.org/bot<token>} becomes {@code …/bot<token>/sendMessage}; a
     * Gotify server under a sub-path ({@code https://host/gotify?token=…}) gets {@code /message}
     * before its query.
     */
    static String method(String url, String name) {
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? "" : url.substring(q);
        if (path.endsWith("/" + name) || path.endsWith("/" + name + "/")) return url;
        return (path.endsWith("/") ? path : path + "/") + name + query;
    }

    /** The URL without the query parameters {@code names} (a push URL as copied carries status=up&msg=OK&ping=). */
    static String without(String url, Set<String> names) {
        int q = url.indexOf('?');
        if (q < 0) return url;
        List<String> kept = new ArrayList<>();
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (!pair.isEmpty() && !names.contains(name)) kept.add(pair);
        }
        return url.substring(0, q) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
    }

    /** {@code url} with {@code params} appended to its query, each encoded (a space as %20, as every server reads). */
    public static String withQuery(String url, Map<String, String> params) {
        if (params.isEmpty()) return url;
        StringBuilder sb = new StringBuilder(url);
        char sep = url.indexOf('?') < 0 ? '?' : '&';
        for (Map.Entry<String, String> p : params.entrySet()) {
            sb.append(sep).append(encode(p.getKey())).append('=').append(encode(p.getValue()));
            sep = '&';
        }
        return sb.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String priority(Event e) {
        return switch (e) {
            case FAILURE, GUARD -> "high";
            case UNRESOLVED -> "default";
            case CHANGES, SUCCESS -> "low";
        };
    }

    static String tag(Event e) {
        return switch (e) {
            case FAILURE -> "x";
            case GUARD -> "warning";
            case UNRESOLVED -> "question";
            case CHANGES -> "arrows_counterclockwise";
            case SUCCESS -> "white_check_mark";
        };
    }

    /**
     * A healthchecks ping URL with a signal ("start", "fail") appended to its path, before any query:
     * {@code https://hc-ping.com/KEY?create=1} becomes {@code https://hc-ping.com/KEY/start?create=1}.
     */
    static String ping(String url, String signal) {
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? "" : url.substring(q);
        return (path.endsWith("/") ? path : path + "/") + signal + query;
    }

    /** At most {@code max} bytes of UTF-8, cut at a character (never inside one), with an ellipsis when cut. */
    static String cutBytes(String text, int max) {
        if (text == null) return "";
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (b.length <= max) return text;
        int room = max - "…".getBytes(StandardCharsets.UTF_8).length;
        StringBuilder sb = new StringBuilder();
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + len > room) break;
            sb.appendCodePoint(cp);
            used += len;
            i += Character.charCount(cp);
        }
        return sb + "…";
    }

    /**
     * At most {@code max} characters as Java (and JavaScript) count them, UTF-16 units, which is
     * never fewer than a service counting code points sees; cut between characters, never inside a
     * surrogate pair, with an ellipsis when cut.
     */
    static String cut(String text, int max) {
        if (text == null) return "";
        if (text.length() <= max) return text;
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) end--;
        return text.substring(0, end) + "…";
    }

    @Override
    public String toString() {
        return method + " " + url.replaceAll("(?<=://[^/]{1,200}/).*", "…") + " (" + body.length() + " chars)"
                .toLowerCase(Locale.ROOT);
    }
}
