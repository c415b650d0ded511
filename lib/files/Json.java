package files;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one Jackson setup: lenient about unknown fields (services add them), 2-space pretty output. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

    /** Two-space indent and {@code "key": value}, the layout people write JSON in by hand. */
    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("").withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private Json() {}

    public static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static String compact(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** "line 3, column 7: <reason>" for a parse error, without Jackson's source dump. */
    /**
     * Where a file a person edits stops being JSON, in words ("line 3: a comma before }: remove
     * it"): the common slips named for what they are, with the line they are on; else the
     * parser's own words without its jargon.
     */
    public static String describeForPeople(JsonProcessingException e, String text) {
        JsonLocation loc = e.getLocation();
        String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        int offset = loc == null ? -1 : (int) loc.getCharOffset();
        if (offset >= 0 && offset <= text.length()) {
            int before = offset - 1;
            while (before >= 0 && Character.isWhitespace(text.charAt(before))) before--;
            char next = offset < text.length() ? text.charAt(offset) : 0;
            if (before >= 0 && text.charAt(before) == ',' && (next == '}' || next == ']')) {
                return "line " + lineOf(text, before) + ": a comma before " + next + " (remove it: JSON allows none "
                        + "after the last entry)";
            }
            if (msg.contains("was expecting comma to separate")) {
                return "line " + lineOf(text, Math.max(0, before)) + ": a comma is missing after this line's entry";
            }
        }
        String where = loc == null || loc.getLineNr() < 0 ? "" : "line " + loc.getLineNr() + ", column "
                + loc.getColumnNr() + ": ";
        if (msg.startsWith("Unexpected end-of-input")) return where + "the file ends before every { and [ is closed";
        if (msg.contains("code 39")) return where + "single quotes: JSON wants \"double quotes\" around keys and text";
        if (msg.startsWith("Unrecognized token")) {
            return where + "a word that is not a JSON value (text needs \"quotes\"; true, false, null and numbers "
                    + "do not)";
        }
        if (msg.contains("was expecting double-quote to start field name")) {
            return where + "a key without \"double quotes\"";
        }
        return describe(e);
    }

    /** The 1-based line of a character offset. */
    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) if (text.charAt(i) == '\n') line++;
        return line;
    }

    /** A file error in words: "permission denied", "is a folder, not a file", or the system's own words. */
    public static String ioProblem(java.io.IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e.getMessage() != null && e.getMessage().contains("Is a directory")) return "is a folder, not a file";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    public static String describe(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String reason = e.getOriginalMessage();
        if (reason != null) {
            int cut = reason.indexOf(" at [Source");
            if (cut >= 0) reason = reason.substring(0, cut);
            reason = reason.replace('\n', ' ').trim();
        }
        if (loc == null || loc.getLineNr() < 0) return reason;
        return "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": " + reason;
    }
}
