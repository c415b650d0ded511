package cli;

import config.ConfigFile;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** "Did you mean …?" for a mistyped flag, a bare word, or an unknown config.json key. */
public final class Suggest {
    /** Words people type for a command, and the flag that does it. */
    private static final Map<String, String> SYNONYMS = Map.of(
            "login", "--init-plex or --init-simkl pin", "signin", "--init-plex or --init-simkl pin",
            "auth", "--init-plex or --init-simkl pin", "run", "--sync", "check", "--doctor", "status", "--doctor",
            "show", "--list plex or --list simkl");

    private Suggest() {}

    /** For an unknown flag: the nearest real one; a config.json setting of that name; or nothing. */
    static String flag(String given, Options options) {
        String bare = given.replaceFirst("^-+", "").replaceFirst("=.*$", "");
        String near = nearest(bare, options.getOptions().stream().map(Option::getLongOpt).toList());
        if (near != null && distance(bare, near) <= 1) return " (did you mean --" + near + "?)";
        String setting = setting(bare);
        if (setting != null) {
            return " (" + setting + " is set in config.json, not on the command line: edit it there; README, "
                    + "\"Files\")";
        }
        return near == null ? "" : " (did you mean --" + near + "?)";
    }

    /** The config.json key whose last part is {@code word} ("mode": sync.bidirectional.mode), or null. */
    private static String setting(String word) {
        String key = word.toLowerCase(Locale.ROOT).replace('-', '_');
        return ConfigFile.KNOWN_KEYS.stream().filter(k -> k.endsWith("." + key)).findFirst().orElse(null);
    }

    /** For a bare word: the flag of that name, a synonym, or the nearest flag. */
    static String word(String given, Options options) {
        String w = given.toLowerCase(Locale.ROOT).replaceFirst("^-+", "");
        if (options.hasLongOption(w)) return " (did you mean --" + w + "?)";
        if (SYNONYMS.containsKey(w)) return " (did you mean " + SYNONYMS.get(w) + "?)";
        return flag(given, options);
    }

    /** The candidate nearest to {@code word} by edit distance, if near enough to be a typo; else null. */
    public static String nearest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : List.copyOf(candidates)) {
            if (c == null) continue;
            int d = distance(word.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(2, word.length() / 3) ? best : null;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
