package notify;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One HTTP POST a notification makes, built without I/O: where, with which headers, with what
 * body, for each format (docs/notifications.md).
 */
public record Outgoing(String url, Map<String, String> headers, String body) {
    /**
     * ntfy shows a message of up to 4,096 bytes (its message-size-limit; more becomes an attachment, or is
     * refused by a server without attachments): the text stays within 4,000 bytes of UTF-8, not characters.
     */
    static final int NTFY_BYTES = 4_000;
    /** How much of a report a healthchecks ping carries (its log keeps the start of a body). */
    static final int PING_BODY = 10_000;

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
        switch (t.format()) {
            case NTFY -> {
                h.put("Title", n.title());
                h.put("Priority", priority(n.main()));
                h.put("Tags", tag(n.main()));
                h.put("Content-Type", "text/plain; charset=utf-8");
                return new Outgoing(t.endpoint(), h, cutBytes(n.text(), NTFY_BYTES));
            }
            case HEALTHCHECKS -> {
                h.put("Content-Type", "text/plain; charset=utf-8");
                String url = n.exitCode() == 0 ? t.endpoint() : ping(t.endpoint(), "fail");
                return new Outgoing(url, h, cut(n.title() + "\n\n" + n.report(), PING_BODY));
            }
            default -> {
                h.put("Content-Type", "application/json");
                return new Outgoing(t.endpoint(), h, n.document());
            }
        }
    }

    /** Whether the target hears of this run: a healthchecks target always; others when it asked for an event. */
    public static boolean wants(Target t, Set<Event> events) {
        if (t.format() == Target.Format.HEALTHCHECKS) return true;
        return events.stream().anyMatch(t.on()::contains);
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

    private static String cut(String text, int max) {
        if (text == null) return "";
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    @Override
    public String toString() {
        return "POST " + url.replaceAll("(?<=://[^/]{1,200}/).*", "…") + " (" + body.length() + " chars)"
                .toLowerCase(Locale.ROOT);
    }
}
