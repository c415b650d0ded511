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

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

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

    /** A file error in words: "permission denied", "is a folder, not a file", or the system's own words. */
    public static String ioProblem(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "no such file";
        if (e.getMessage() != null && e.getMessage().contains("Is a directory")) return "is a folder, not a file";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** "line 3, column 7: <reason>" for a parse error, without Jackson's source dump. */
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
