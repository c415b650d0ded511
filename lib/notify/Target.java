package notify;

import java.net.URI;
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
