package cli;

import config.CleanValue;
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
        String bad = CleanValue.problem(text, CleanValue.Kind.CREDENTIAL);
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

    /**
     * A span of time as a flag takes it: the units its pattern's groups count (in seconds each), how
     * it is named in the messages, with examples, and the shortest it may be.
     */
    private record Span(String flag, String what, Pattern pattern, long[] units, Duration least, String leastText) {
        Duration read(String v) throws UsageException {
            Matcher m = pattern.matcher(v == null ? "" : v.trim().toLowerCase(Locale.ROOT));
            if (v == null || v.isBlank() || !m.matches()) {
                throw new UsageException(flag + " takes " + what + ", not '" + v + "'");
            }
            Duration d = Duration.ofSeconds(total(m, units));
            if (d.compareTo(least) < 0) throw new UsageException(leastText + ", not '" + v + "'");
            return d;
        }
    }

    private static final Span INTERVAL = new Span("--watch", "an interval like 30m, 1h or 1h30m",
            Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?"), new long[] {3600, 60, 1},
            Duration.ofSeconds(10), "--watch interval must be at least 10s");
    private static final Span AGE = new Span("--max-age", "an age like 2h, 90m or 1d",
            Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?"), new long[] {86400, 3600, 60},
            Duration.ofMinutes(1), "--max-age must be at least 1m");

    /** "30m", "1h", "1h30m", "45s"; at least 10 seconds. */
    static Duration interval(String v) throws UsageException {
        return INTERVAL.read(v);
    }

    /** "2h", "90m", "1d", "1d12h": how old a last sync may be for --health. */
    static Duration age(String v) throws UsageException {
        return AGE.read(v);
    }

    /** The sum of a match's groups, each (when present) times its unit. */
    private static long total(Matcher m, long[] units) {
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
