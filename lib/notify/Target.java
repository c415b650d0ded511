package notify;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where notifications go (config.json "notify", or PLEX_SIMKL_SYNC_NOTIFY_URL): a URL, the shape
 * of what is sent there, the events sent, and for Telegram the chat. A healthchecks or push
 * target is pinged on every run whatever its events, as a monitor that waits for pings expects.
 */
public record Target(String url, Format format, Set<Event> on, String chatId) {
    /** How a message is sent. */
    public enum Format {
        /** ntfy (ntfy.sh or self-hosted): a short text body, with Title, Priority and Tags headers. */
        NTFY,
        /** healthchecks.io (or self-hosted Healthchecks): /start, then the URL itself or /fail, the report as body. */
        HEALTHCHECKS,
        /** Any webhook: a POST of the run's --json document. */
        JSON,
        /** A Discord channel's webhook: a POST of {"content": …}, mentions off. */
        DISCORD,
        /** A Telegram bot (its token in the URL): sendMessage to the configured chat. */
        TELEGRAM,
        /** A Gotify server (its app token in the URL's query): POST /message with title, message, priority. */
        GOTIFY,
        /** A push monitor such as Uptime Kuma's: a GET with status=up|down and msg, on every run. */
        PUSH;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Format of(String word) {
            for (Format f : values()) if (f.word().equals(word)) return f;
            return null;
        }

        /** Every format's word, for messages: "ntfy, healthchecks, json, …". */
        public static String words() {
            List<String> all = new ArrayList<>();
            for (Format f : values()) all.add(f.word());
            return String.join(", ", all);
        }

        /** Whether the target is a monitor pinged on every run (it alerts when the pings stop), whatever its "on". */
        public boolean pinged() {
            return this == HEALTHCHECKS || this == PUSH;
        }
    }

    /** What keeps a target from working, named by the field to fix ("url", "chat_id"); never a secret. */
    public record Problem(String field, String text) {}

    public Target {
        on = Set.copyOf(on);
    }

    public Target(String url, Format format, Set<Event> on) {
        this(url, format, on, null);
    }

    /** The Telegram bot token's place in a URL's path: "bot" and the token BotFather gives (digits, colon, rest). */
    private static final Pattern BOT_SEGMENT = Pattern.compile("bot(\\d+:[\\w-]+)");
    /** A Telegram chat: its number (negative for groups and channels) or a public channel's @name. */
    private static final Pattern CHAT = Pattern.compile("-?\\d{1,20}|@\\w{4,64}");

    /**
     * What a target of {@code format} at {@code url} (already {@link #usable}) lacks, or null: a
     * Telegram URL without its bot token, a Telegram target without a chat, a Gotify URL without
     * the app token. Pure; names the part that is missing, never a value.
     */
    public static Problem problem(Format format, String url, String chatId) {
        URI u = URI.create(url);
        switch (format) {
            case TELEGRAM -> {
                boolean token = false;
                for (String segment : valueOrEmpty(u.getRawPath()).split("/")) {
                    token |= BOT_SEGMENT.matcher(segment).matches();
                }
                if (!token) {
                    return new Problem("url", "must hold the bot's token in its path, as "
                            + "https://api.telegram.org/bot<token> (the token @BotFather gave)");
                }
                if (chatId == null || chatId.isBlank()) {
                    return new Problem("chat_id", "is needed for a telegram target: the chat's number (e.g. 123456789, "
                            + "or -1001234567890 for a group) or a channel's @name");
                }
                if (!CHAT.matcher(chatId.trim()).matches()) {
                    return new Problem("chat_id", "must be the chat's number (e.g. 123456789, or -1001234567890 for a "
                            + "group) or a channel's @name, found a text of " + chatId.trim().length() + " characters");
                }
            }
            case GOTIFY -> {
                String token = query(u).get("token");
                if (token == null || token.isBlank()) {
                    return new Problem("url", "must carry the app's token, as https://gotify.example/message?token="
                            + "<app token> (Gotify: Apps, Create Application)");
                }
            }
            default -> {
                // any http(s) URL will do
            }
        }
        return null;
    }

    /** The query's parameters, decoded, the first value of each name (empty when there is no query). */
    static Map<String, String> query(URI u) {
        Map<String, String> out = new LinkedHashMap<>();
        if (u.getRawQuery() == null) return out;
        for (String pair : u.getRawQuery().split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            out.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
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
     * path (an ntfy topic is its only protection; a healthchecks path is the ping key; a Discord
     * webhook's path holds its token), the query and each of its values (a Gotify app token), a
     * Telegram bot token (with and without its "bot"), and a push monitor's token after "/push/".
     * Found by the URL's shape, not its format, so that the environment's URL is covered before
     * its format is read.
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
            String[] segments = path.split("/");
            for (int i = 0; i < segments.length; i++) {
                String segment = segments[i];
                if (segment.length() >= 16 || (segment.length() >= 8 && segment.matches(".*\\d.*"))) out.add(segment);
                Matcher bot = BOT_SEGMENT.matcher(segment);
                if (bot.matches()) out.add(bot.group(1));
                // Uptime Kuma's /api/push/<token>: the token alone guards the monitor, however short
                if (i > 0 && segments[i - 1].equals("push")) out.add(segment);
            }
            if (u.getRawQuery() != null && u.getRawQuery().length() >= 16) out.add(u.getRawQuery());
            // a push monitor's own status and message are replaced on every ping; a value like "urgent" in
            // ?priority=urgent is no secret (masked, it would blank that word in every line): a value counts when
            // its name says it is one, or when it looks chosen to be unguessable
            query(u).forEach((name, value) -> {
                if (List.of("status", "msg", "ping").contains(name)) return;
                boolean named = name.toLowerCase(Locale.ROOT).matches(".*(token|key|secret|pass|auth|sig).*");
                if (named || value.length() >= 16 || (value.length() >= 8 && value.matches(".*\\d.*"))) out.add(value);
            });
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
