package cli;

import config.Config.Side;
import model.TitleQuery;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads each flag's value as a person writes it, and refuses a bad one with the values it takes. */
final class FlagValues {
    private FlagValues() {
    }

    static InitSimklCommand.Mode signInMode(String text) throws UsageException {
        for (InitSimklCommand.Mode m : InitSimklCommand.Mode.values()) if (m.word().equals(text)) return m;
        throw new UsageException("--init-simkl takes 'redirect' or 'pin', not '" + text + "'");
    }

    static Side side(String flag, String text) throws UsageException {
        for (Side s : Side.values()) if (s.word.equals(text)) return s;
        throw new UsageException(flag + " takes 'plex' or 'simkl', not '" + text + "'");
    }

    static ListCommand.Format format(String text) throws UsageException {
        for (ListCommand.Format f : ListCommand.Format.values()) if (f.word().equals(text)) return f;
        throw new UsageException("--format takes json, csv or tsv, not '" + text + "'");
    }

    static Integer count(String text) throws UsageException {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 0) return n;
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageException("--max-delete takes a whole number of 0 or more, not '" + text + "'");
    }

    static Integer number(String flag, String text) throws UsageException {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageException(flag + " takes a whole number of 1 or more, not '" + text + "'");
    }

    /** A title query (title words or ns:id), checked here so that a bad one is a usage error. */
    static String query(String text) throws UsageException {
        try {
            return TitleQuery.parse(text).text();
        } catch (IllegalArgumentException e) {
            throw new UsageException("a title query must " + e.getMessage());
        }
    }

    /** A token or PIN given on the command line: one with a character that cannot be sent is refused, unquoted. */
    static String credential(String flag, String what, String text) throws UsageException {
        String bad = config.CleanValue.problem(text, config.CleanValue.Kind.CREDENTIAL);
        if (bad != null) throw new UsageException(flag + " " + bad + ": give the " + what + " alone");
        return text;
    }

    /** "HOST:PORT" with a port from 1 to 65535; IPv6 hosts in brackets. */
    static InitSimklCommand.Bind bind(String text) throws UsageException {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new UsageException("--bind takes HOST:PORT, e.g. 0.0.0.0:8787, not '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) throw new UsageException("--bind needs a port from 1 to 65535, not '"
                + text.substring(colon + 1) + "'");
        return new InitSimklCommand.Bind(host, port);
    }

    static final Pattern INTERVAL = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    /** "30m", "1h", "1h30m", "45s"; at least 10 seconds. */
    static Duration interval(String v) throws UsageException {
        Matcher m = INTERVAL.matcher(v == null ? "" : v.trim().toLowerCase(Locale.ROOT));
        if (v == null || v.isBlank() || !m.matches()) {
            throw new UsageException("--watch takes an interval like 30m, 1h or 1h30m, not '" + v + "'");
        }
        long seconds = total(m, 3600, 60, 1);
        if (seconds < 10) throw new UsageException("--watch interval must be at least 10s, not '" + v + "'");
        return Duration.ofSeconds(seconds);
    }

    static final Pattern AGE = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?");

    /** "2h", "90m", "1d", "1d12h": how old a last sync may be for --health. */
    static Duration age(String v) throws UsageException {
        Matcher m = AGE.matcher(v == null ? "" : v.trim().toLowerCase(Locale.ROOT));
        if (v == null || v.isBlank() || !m.matches()) {
            throw new UsageException("--max-age takes an age like 2h, 90m or 1d, not '" + v + "'");
        }
        long minutes = total(m, 1440, 60, 1);
        if (minutes < 1) throw new UsageException("--max-age must be at least 1m, not '" + v + "'");
        return Duration.ofMinutes(minutes);
    }

    /** The sum of a match's groups, each (when present) times its unit. */
    private static long total(Matcher m, long... units) {
        long sum = 0;
        for (int g = 1; g <= units.length; g++) {
            if (m.group(g) != null) sum += Long.parseLong(m.group(g)) * units[g - 1];
        }
        return sum;
    }

    /** "30m", "1h30m", "45s": an interval as a person writes it. */
    static String describe(Duration d) {
        long s = d.toSeconds();
        StringBuilder sb = new StringBuilder();
        if (s >= 3600) sb.append(s / 3600).append('h');
        if (s % 3600 >= 60) sb.append(s % 3600 / 60).append('m');
        if (s % 60 > 0 || sb.length() == 0) sb.append(s % 60).append('s');
        return sb.toString();
    }
}
