package notify;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP POST a notification makes, built without I/O: where, with which headers, with what
 * body, for each format (docs/notifications.md).
 */
public record Outgoing(String url, Map<String, String> headers, String body) {
    /** ntfy shows up to 4,096 bytes as a message (more becomes an attachment): the text stays well under. */
    static final int NTFY_TEXT = 3_500;
    /** How much of a report a healthchecks ping carries (its log keeps the start of a body). */
    static final int PING_BODY = 10_000;

    /** The ping before a run, for a healthchecks target (null for other formats). */
    public static Outgoing start(Target t) {
        if (t.format() != Target.Format.HEALTHCHECKS) return null;
        Map<String, String> h = credentials(t);
        h.put("Content-Type", "text/plain; charset=utf-8");
        return new Outgoing(slash(t.endpoint()) + "start", h, "");
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
                return new Outgoing(t.endpoint(), h, cut(n.text(), NTFY_TEXT));
            }
            case HEALTHCHECKS -> {
                h.put("Content-Type", "text/plain; charset=utf-8");
                String url = n.exitCode() == 0 ? t.endpoint() : slash(t.endpoint()) + "fail";
                return new Outgoing(url, h, cut(n.title() + "\n\n" + n.report(), PING_BODY));
            }
            default -> {
                h.put("Content-Type", "application/json");
                return new Outgoing(t.endpoint(), h, n.document());
            }
        }
    }

    /** Whether the target hears of this run: a healthchecks target always; others when it asked for an event. */
    public static boolean wants(Target t, java.util.Set<Event> events) {
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

    private static String slash(String url) {
        return url.endsWith("/") ? url : url + "/";
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
