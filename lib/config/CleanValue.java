package config;

import java.util.Locale;

/**
 * Whether a value the tool sends as it is (a token, a client id or secret, a PIN, a URL) can be
 * sent: a control character pasted into it would make the request fail before it leaves, as if
 * the network were down, and the failure would quote the value. Says what is wrong and where,
 * never the value.
 */
public final class CleanValue {
    /** What a value may hold. */
    public enum Kind {
        /** Tokens, ids, secrets, PINs: visible ASCII only, as every service issues them. */
        CREDENTIAL,
        /** Plex's client identifier, a name a person may choose: ASCII, spaces inside allowed. */
        NAME,
        /** A URL: no control character, no space, nothing invisible; other letters are the URL's own. */
        URL
    }

    private CleanValue() {
    }

    /**
     * What is wrong with {@code value} ("holds a control character (U+0009 at position 7)"), or null
     * when nothing is. Leading and trailing spaces and line breaks are not counted: the tool trims
     * them. Positions count from 1, in the value as given.
     */
    public static String problem(String value, Kind kind) {
        if (value == null) return null;
        int start = 0;
        int end = value.length();
        while (start < end && value.charAt(start) <= ' ') start++;
        while (end > start && value.charAt(end - 1) <= ' ') end--;
        for (int i = start; i < end; i = value.offsetByCodePoints(i, 1)) {
            int c = value.codePointAt(i);
            String what = what(c, kind);
            if (what != null) return "holds " + what + " (" + codePoint(c) + " at position " + (i + 1) + ")";
        }
        return null;
    }

    private static String what(int c, Kind kind) {
        if (Character.isISOControl(c)) return "a control character";
        int type = Character.getType(c);
        if (type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
            return "an invisible character";
        }
        boolean space = Character.isWhitespace(c) || Character.isSpaceChar(c);
        if (space && (kind != Kind.NAME || c != ' ')) return "a space";
        if (kind != Kind.URL && c > 0x7E) return "a character that is not plain ASCII";
        return null;
    }

    /** "U+0009": how a character is named without printing it. */
    static String codePoint(int c) {
        return String.format(Locale.ROOT, "U+%04X", c);
    }
}
