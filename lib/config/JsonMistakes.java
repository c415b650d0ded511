package config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a file a person edits stops being JSON, in words: the common slips (a comment, a comma
 * before } or ], single or curly quotes, a missing comma, colon or quote, a word without quotes)
 * named for what they are, with their line and column; else the parser's reason without its
 * jargon. Never the text of a value: it may be a token.
 */
final class JsonMistakes {
    /** Where the parser says an unclosed { or [ began. */
    private static final Pattern OPENED = Pattern.compile("line: (\\d+), column: (\\d+)");
    private static final Set<String> CAPITALISED = Set.of("True", "TRUE", "False", "FALSE", "Null", "NULL", "None");

    private JsonMistakes() {
    }

    /**
     * "line 3, column 7: single quotes: …" for a parse error in {@code text}; {@code key} is the
     * dotted key whose value the parser was reading ("" when none), named when the slip is in a value.
     */
    static String describe(JsonProcessingException e, String text, String key) {
        JsonLocation loc = e.getLocation();
        String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        int offset = loc == null ? -1 : (int) loc.getCharOffset();
        if (offset < 0 || offset > text.length()) return withoutJargon(msg);
        String at = "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": ";
        String of = key.isEmpty() ? "" : " (in the value of " + key + ")";
        char c = offset < text.length() ? text.charAt(offset) : 0;
        char next = offset + 1 < text.length() ? text.charAt(offset + 1) : 0;
        int before = offset - 1;
        while (before >= 0 && Character.isWhitespace(text.charAt(before))) before--;
        char previous = before >= 0 ? text.charAt(before) : 0;

        if (msg.startsWith("Illegal unquoted character")) return controlCharacter(at, c, msg, key);
        if ((c == '/' && (next == '/' || next == '*')) || c == '#') {
            return at + "comments are not allowed in JSON; remove it";
        }
        if (previous == ',' && (c == '}' || c == ']')) {
            return "line " + lineOf(text, before) + ": a comma before " + c + " (remove it: JSON allows none after the "
                    + "last entry)";
        }
        if (c == ',' && previous == ',') return at + "two commas in a row: remove one";
        if (c == '\'') return at + "single quotes: JSON wants \"double quotes\" around keys and text" + of;
        if ("\u201C\u201D\u201E\u2018\u2019".indexOf(c) >= 0) {
            return at + "curly quotes (\u201C \u201D): JSON wants straight \"double quotes\" (a word processor or "
                    + "phone may have changed them)" + of;
        }
        if (msg.contains("was expecting comma to separate")) {
            return "line " + lineOf(text, Math.max(0, before)) + ": a comma is missing after this line's entry";
        }
        if (msg.contains("was expecting a colon")) return at + "a colon (:) is missing between a key and its value";
        if (msg.contains("was expecting double-quote to start field name")) {
            return at + "a key without \"double quotes\"";
        }
        if ((msg.contains("expected a valid value") || msg.contains("expected a value")) && previous == ':'
                && (c == ',' || c == '}' || c == ']')) {
            return at + (key.isEmpty() ? "a key without a value" : key + " has no value");
        }
        if (msg.contains("numeric value") || c == '.') {
            return at + "a number JSON does not read: write it as 12, 0.5 or -3" + of;
        }
        if (msg.startsWith("Unrecognized token") || msg.startsWith("Non-standard token")) {
            String word = wordAt(text, offset);
            if (CAPITALISED.contains(word)) {
                return at + "JSON writes true, false and null in small letters" + of;
            }
            return at + "a word that is not a JSON value (text needs \"quotes\"; true, false, null and numbers do "
                    + "not)" + of;
        }
        if (msg.startsWith("Unrecognized character escape") || msg.contains("character escape sequence")) {
            // the parser places the letter after the backslash; the person looks for the backslash
            if (offset > 0 && text.charAt(offset - 1) == '\\') {
                at = "line " + loc.getLineNr() + ", column " + (loc.getColumnNr() - 1) + ": ";
            }
            return at + "a backslash JSON does not know: write \\\\ for one backslash (a Windows path needs each one "
                    + "doubled)" + of;
        }
        if (msg.startsWith("Unexpected end-of-input")) return at + endOfInput(msg);
        if (msg.startsWith("Unexpected close marker")) {
            Matcher m = OPENED.matcher(msg);
            if (m.find()) {
                char wanted = msg.contains("for Object") ? '}' : ']';
                return at + "a " + c + " where " + wanted + " should close the " + (wanted == '}' ? '{' : '[')
                        + " of line " + m.group(1);
            }
            return at + "a " + c + " that closes nothing: remove it";
        }
        return at + withoutJargon(msg);
    }

    /** A control character inside quotes: a line break where the closing quote is missing, else a pasted one. */
    private static String controlCharacter(String at, char c, String msg, String key) {
        boolean name = msg.endsWith("in name");
        if (c == '\n' || c == '\r') {
            return at + (name ? "a key" : key.isEmpty() ? "a text" : "the value of " + key) + " in quotes goes on "
                    + "past the end of the line: its closing \" is missing";
        }
        String which = name ? "a key" : key.isEmpty() ? "a text" : key;
        return at + which + " holds a control character (" + CleanValue.codePoint(c) + ") inside its quotes: "
                + (name ? "type the key again" : "paste the value again");
    }

    private static String endOfInput(String msg) {
        Matcher m = OPENED.matcher(msg);
        if (msg.contains("close marker for Object") && m.find()) {
            return "the file ends before the { of line " + m.group(1) + " is closed";
        }
        if (msg.contains("close marker for Array") && m.find()) {
            return "the file ends before the [ of line " + m.group(1) + " is closed";
        }
        if (msg.contains("closing quote") || msg.contains("VALUE_STRING") || msg.contains("FIELD_NAME")) {
            return "the file ends inside quotes: a closing \" is missing";
        }
        return "the file ends before every { and [ is closed";
    }

    /** The parser's reason without where it read from and its list of what JSON allows. */
    private static String withoutJargon(String msg) {
        String reason = msg.replaceAll("\\s*\\(?(?:start marker|for \\w+ starting)? ?at \\[Source.*$", "")
                .replace(" (JSON String, Number, Array, Object or token 'null', 'true' or 'false')", "")
                .replace('\n', ' ').trim();
        return reason.isEmpty() ? "not JSON here" : reason;
    }

    /** The letters at an offset (for a word JSON does not know: "True"). */
    private static String wordAt(String text, int offset) {
        int end = offset;
        while (end < text.length() && Character.isLetter(text.charAt(end))) end++;
        return text.substring(offset, end);
    }

    /** The 1-based line of a character offset. */
    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) if (text.charAt(i) == '\n') line++;
        return line;
    }
}
