package http;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of every line the tool prints: known secrets are replaced wherever they appear,
 * and values in token-shaped places (headers, query parameters, JSON fields) are masked even when
 * the secret was never registered.
 */
public final class Redactor {
    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("(?i)(x-plex-token[\"']?\\s*[=:]\\s*[\"']?)([^\\s&\"',}]+)"),
            Pattern.compile("(?i)(authorization[\"']?\\s*[=:]\\s*[\"']?(?:bearer|basic)\\s+)([^\\s\"',}]+)"),
            Pattern.compile("(?i)((?:access_token|refresh_token|device_code|client_secret|authToken|auth_token"
                    + "|authenticationToken|home_pin)[\"']?\\s*[=:]\\s*[\"']?)([^\\s&\"',}]+)"),
            // a Plex Home PIN in a query string: too short to register as a secret, masked by its place
            Pattern.compile("(?i)([?&](?:pin|home_pin)=)([^&\\s\"']+)"));

    private final Set<String> secrets = new CopyOnWriteArraySet<>();

    /** Registers a secret; blank or very short values are ignored (they would mask ordinary text). */
    public void add(String secret) {
        if (secret != null && secret.trim().length() >= 6) secrets.add(secret.trim());
    }

    public String apply(String text) {
        if (text == null) return null;
        String out = text;
        for (String s : secrets) {
            if (out.contains(s)) out = out.replace(s, mask(s));
        }
        for (Pattern p : SHAPES) {
            Matcher m = p.matcher(out);
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

    /** The first four characters of a long secret, then an ellipsis; nothing of a short one. */
    public static String mask(String secret) {
        if (secret == null || secret.isEmpty()) return "";
        return secret.length() >= 16 ? secret.substring(0, 4) + "…" : "…";
    }
}
