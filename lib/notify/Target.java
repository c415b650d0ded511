package notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where notifications go (config.json "notify", or PLEX_SIMKL_SYNC_NOTIFY_URL): a URL, the shape
 * of what is sent there, and the events sent. A healthchecks target is pinged on every run
 * whatever its events: start, then success or failure, as that service expects.
 */
public record Target(String url, Format format, Set<Event> on) {
    /** How a message is sent. */
    public enum Format {
        /** ntfy (ntfy.sh or self-hosted): a short text body, with Title, Priority and Tags headers. */
        NTFY,
        /** healthchecks.io (or self-hosted Healthchecks): /start, then the URL itself or /fail, the report as body. */
        HEALTHCHECKS,
        /** Any webhook: a POST of the run's --json document. */
        JSON;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Format of(String word) {
            for (Format f : values()) if (f.word().equals(word)) return f;
            return null;
        }
    }

    public Target {
        on = Set.copyOf(on);
    }

    /**
     * Where the POST goes: the URL without a {@code user:password@} part, which is sent as HTTP Basic
     * credentials instead ({@link #basicAuth()}; ntfy and most webhook servers accept those).
     */
    public String endpoint() {
        try {
            URI u = URI.create(url);
            if (u.getRawUserInfo() == null) return url;
            return new URI(u.getScheme(), null, u.getHost(), u.getPort(), null, null, null) + valueOrEmpty(
                    u.getRawPath()) + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        } catch (IllegalArgumentException | URISyntaxException e) {
            return url;
        }
    }

    /** The "Authorization" header a {@code user:password@} in the URL stands for, or null. */
    public String basicAuth() {
        try {
            String info = URI.create(url).getUserInfo();
            if (info == null || info.isEmpty()) return null;
            return "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * What of the URL is secret, to be redacted wherever it could be printed: the password, the
     * path (an ntfy topic is its only protection; a healthchecks path is the ping key), the query.
     */
    public List<String> secrets() {
        List<String> out = new ArrayList<>();
        try {
            URI u = URI.create(url);
            if (u.getUserInfo() != null) {
                out.add(u.getRawUserInfo());
                int colon = u.getUserInfo().indexOf(':');
                if (colon >= 0) out.add(u.getUserInfo().substring(colon + 1));
            }
            String path = valueOrEmpty(u.getRawPath()).replaceAll("^/+|/+$", "");
            if (path.contains("/")) out.add(path);
            // a segment that looks chosen to be unguessable (a ping key, a random topic); not a plain word like
            // "notifications", which would then be masked in every message
            for (String segment : path.split("/")) {
                if (segment.length() >= 16 || (segment.length() >= 8 && segment.matches(".*\\d.*"))) out.add(segment);
            }
            if (u.getRawQuery() != null) out.add(u.getRawQuery());
        } catch (IllegalArgumentException e) {
            out.add(url);
        }
        return out;
    }

    private static String valueOrEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The URL as written, its scheme in lower case (schemes are case-insensitive: HTTPS:// is https://). */
    public static String normalized(String url) {
        String u = url == null ? "" : url.trim();
        int colon = u.indexOf("://");
        return colon > 0 ? u.substring(0, colon).toLowerCase(Locale.ROOT) + u.substring(colon) : u;
    }

    /** Whether a notification can go to this URL: http or https, with a host. */
    public static boolean usable(String url) {
        if (!url.startsWith("http://") && !url.startsWith("https://")) return false;
        try {
            return URI.create(url).getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A URL as a message may name it: its scheme and host only ("ftp URL at notify.example"), or what
     * kind of text it is when it has no host; never its path, password or query.
     */
    public static String describe(String url) {
        String u = url == null ? "" : url.trim();
        if (u.isEmpty()) return "an empty text";
        try {
            URI parsed = URI.create(u);
            if (parsed.getHost() != null) {
                return (parsed.getScheme() == null ? "a URL" : "a " + parsed.getScheme() + ":// URL") + " at "
                        + parsed.getHost();
            }
        } catch (IllegalArgumentException e) {
            // not a URL at all
        }
        return "a text that is not a URL (" + u.length() + " characters)";
    }

    /** The URL as it may be printed: scheme and host only (a topic or a ping key in the path is a secret). */
    public String shown() {
        try {
            URI u = URI.create(url);
            return format.word() + " at " + u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":"
                    + u.getPort() : "");
        } catch (IllegalArgumentException e) {
            return format.word() + " target";
        }
    }

    @Override
    public String toString() {
        return shown();
    }
}
