package http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of every line the tool prints or stores: known secrets are replaced wherever
 * they appear (as they are and URL-encoded, since an echoed request carries them encoded), and
 * values in token-shaped places (headers, query parameters, JSON fields) are masked even when the
 * secret was never registered. One instance per process run; every secret the run learns (config,
 * environment, a renewed token, a Home user's token, the Home PIN, a notify URL's password and
 * path) is registered as soon as it is known.
 */
public final class Redactor {
    private static final List<Pattern> SHAPES = List.of(
            // a value never takes a backslash: in serialized JSON it escapes the quote that ends the value
            Pattern.compile("(?i)(x-plex-token\\\\?[\"']?\\s*[=:]\\s*\\\\?[\"']?)([^\\s&\"',}\\\\]+)"),
            Pattern.compile("(?i)(authorization\\\\?[\"']?\\s*[=:]\\s*\\\\?[\"']?(?:bearer|basic)\\s+)"
                    + "([^\\s\"',}\\\\]+)"),
            Pattern.compile("(?i)((?:access_token|refresh_token|device_code|client_secret"
                    + "|authToken|auth_token|authenticationToken|home_pin|code_verifier)\\\\?[\"']?\\s*[=:]\\s*"
                    + "\\\\?[\"']?)([^\\s&\"',}\\\\]+)"),
            // a Plex Home PIN in a query string or a JSON body: too short to register as a secret, masked by its place
            Pattern.compile("(?i)([?&](?:pin|home_pin)=)([^&\\s\"']+)"),
            Pattern.compile("(?i)(\"pin\"\\s*:\\s*\"?)([^\\s\"',}]+)"),
            // a password in a URL (https://user:password@host)
            Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://[^/\\s:@]+:)([^@\\s/]+)(?=@)"));

    /** An app's id in a request a service echoes back: not secret in a sign-in link, kept out of everything else. */
    private static final Pattern ECHOED_ID = Pattern.compile("(?i)((?:client_id|simkl-api-key)[\"']?\\s*[=:]\\s*"
            + "[\"']?)([^\\s&\"',}]+)");

    /**
     * Secrets as long opaque strings nobody types by hand (SIMKL's 64 hex digits, a JWT-like token):
     * masked in text from another time (an old journal line), when the secret itself is no longer known.
     */
    private static final Pattern OPAQUE = Pattern.compile("(?<![A-Za-z0-9_-])[A-Fa-f0-9]{40,}(?![A-Za-z0-9_-])"
            + "|(?<![A-Za-z0-9_.-])[A-Za-z0-9_-]{16,}\\.[A-Za-z0-9_-]{16,}\\.[A-Za-z0-9_-]{16,}");

    private final Set<String> secrets = new CopyOnWriteArraySet<>();
    /** Values masked only in what comes back from elsewhere: short secrets (a PIN) and the app's id. */
    private final Set<String> echoOnly = new CopyOnWriteArraySet<>();
    /** The app's id among {@link #echoOnly}: printed in a sign-in link, so not a secret to find in stored text. */
    private final Set<String> identifiers = new CopyOnWriteArraySet<>();

    /**
     * Registers a secret, in its raw and URL-encoded forms. A value shorter than six characters (a
     * Home PIN) would mask ordinary text (a year in a title) if masked everywhere: it is masked only
     * in what a service or a page echoes back ({@link #applyToEcho}).
     */
    public void add(String secret) {
        if (secret == null || secret.isBlank()) return;
        String s = secret.trim();
        if (s.length() >= 6) {
            secrets.add(s);
            String encoded = URLEncoder.encode(s, StandardCharsets.UTF_8);
            if (!encoded.equals(s)) secrets.add(encoded);
        } else if (s.length() >= 3) {
            echoOnly.add(s);
        }
    }

    /**
     * Registers an app's id (SIMKL's client id): it stands in the sign-in link a person opens, so it
     * is printed there, and masked in everything a service or a browser echoes back.
     */
    public void addIdentifier(String id) {
        if (id != null && id.trim().length() >= 6) {
            echoOnly.add(id.trim());
            identifiers.add(id.trim());
        }
    }

    /**
     * Whether {@code text} holds a registered secret as it is or URL-encoded; a short one (a PIN)
     * only as a word of its own. For text about to leave the machine whole (a support bundle), which
     * is refused rather than masked: a masked copy would hide the very thing a bug report is about.
     */
    public boolean holdsSecret(String text) {
        if (text == null) return false;
        for (String s : secrets) {
            // a path or a query may encode a space as %20 where URLEncoder writes +
            if (text.contains(s) || text.contains(s.replace("+", "%20"))) return true;
        }
        for (String s : echoOnly) {
            if (identifiers.contains(s)) continue;
            for (String form : List.of(s, URLEncoder.encode(s, StandardCharsets.UTF_8))) {
                Pattern word = Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(form) + "(?![A-Za-z0-9])");
                if (word.matcher(text).find()) return true;
            }
        }
        return false;
    }

    /** {@code text} with every registered secret (not the app's id) replaced by {@code tag}. */
    public String replaceSecrets(String text, String tag) {
        if (text == null) return null;
        String out = text;
        for (String s : secrets) out = out.replace(s, tag);
        for (String s : echoOnly) if (!identifiers.contains(s) && out.equals(s)) out = tag;
        return out;
    }

    public String apply(String text) {
        if (text == null) return null;
        String out = text;
        for (String s : secrets) {
            if (out.contains(s)) out = out.replace(s, mask(s));
        }
        for (Pattern p : SHAPES) {
            Matcher m = p.matcher(out);
            if (!m.find()) continue;
            m.reset();
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String value = m.group(2);
                String masked = value.endsWith("…") ? value : mask(value);
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + masked));
            }
            m.appendTail(sb);
            out = sb.toString();
        }
        return out;
    }

    /**
     * As {@link #apply}, for text that came back from elsewhere (a service's error body, a browser's
     * request): short secrets are masked too, wherever they stand as a word of their own.
     */
    public String applyToEcho(String text) {
        String out = apply(text);
        if (out == null) return null;
        for (String s : echoOnly) {
            out = out.replaceAll("(?<![A-Za-z0-9])" + Pattern.quote(s) + "(?![A-Za-z0-9])", Matcher.quoteReplacement(
                    mask(s)));
        }
        Matcher m = ECHOED_ID.matcher(out);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + mask(r.group(2))));
    }

    /**
     * As {@link #apply}, and long opaque strings masked as well: for stored text written when other
     * secrets were current (the journal, read back), where a secret can no longer be known by value.
     */
    public String applyToStored(String text) {
        String out = apply(text);
        return out == null ? null : OPAQUE.matcher(out).replaceAll(m -> Matcher.quoteReplacement(mask(m.group())));
    }

    /** The first four characters of a long secret, then an ellipsis; nothing of a short one. */
    public static String mask(String secret) {
        if (secret == null || secret.isEmpty()) return "";
        return secret.length() >= 16 ? secret.substring(0, 4) + "…" : "…";
    }
}
