package config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import files.Json;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * JSON a person edits by hand, read strictly: one object, each key once in it. A key given twice
 * is refused rather than the last one read: the rewrite that follows would silently drop the
 * other, which may be the token just pasted. Each refusal says what and where in words.
 */
final class HandWrittenJson {
    /** Why the text is refused, as the end of a sentence that starts with the file's name. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private static final String NOT_AN_OBJECT = "must hold a JSON object ({ ... })";

    private HandWrittenJson() {
    }

    static ObjectNode parse(String text) throws Refused {
        scan(text);
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            return (ObjectNode) node;
        } catch (JsonProcessingException e) { // the scan found the text sound: not expected
            throw new Refused("is not valid JSON at " + JsonMistakes.describe(e, text, ""));
        }
    }

    /**
     * Reads the text token by token: a syntax error, a text that is not one object, a key given
     * twice in one object, or anything after the object is refused.
     */
    private static void scan(String text) throws Refused {
        JsonParser p = null;
        try {
            p = Json.MAPPER.createParser(text);
            Deque<Map<String, Integer>> keys = new ArrayDeque<>(); // each open object's keys, with their line
            boolean started = false;
            int depth = 0;
            int endLine = 0;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                int line = p.currentTokenLocation().getLineNr();
                if (!started) {
                    if (t != JsonToken.START_OBJECT) throw new Refused(NOT_AN_OBJECT);
                    started = true;
                } else if (depth == 0) {
                    throw new Refused("is not valid JSON at line " + line + ", column "
                            + p.currentTokenLocation().getColumnNr() + ": more after the end of the object that "
                            + "closes on line " + endLine + ": everything goes inside that one { }");
                }
                switch (t) {
                    case START_OBJECT -> {
                        keys.push(new HashMap<>());
                        depth++;
                    }
                    case START_ARRAY -> depth++;
                    case END_OBJECT -> {
                        keys.pop();
                        depth--;
                    }
                    case END_ARRAY -> depth--;
                    case FIELD_NAME -> {
                        Integer before = keys.peek().putIfAbsent(p.currentName(), line);
                        if (before != null) {
                            String where = before == line ? "on line " + line : "line " + before + " and line "
                                    + line;
                            throw new Refused("holds " + path(p.getParsingContext()) + " twice (" + where + "): only "
                                    + "one would be read, and the next rewrite would drop the other; delete the one "
                                    + "you do not want");
                        }
                    }
                    default -> {
                    }
                }
                if (depth == 0) endLine = line;
            }
            if (!started) throw new Refused(NOT_AN_OBJECT);
        } catch (JsonProcessingException e) {
            String key = p == null ? "" : path(p.getParsingContext());
            throw new Refused("is not valid JSON at " + JsonMistakes.describe(e, text, key));
        } catch (IOException e) { // a String has nothing to fail reading
            throw new IllegalStateException(e);
        } finally {
            try {
                if (p != null) p.close();
            } catch (IOException ignored) {
                // nothing held open
            }
        }
    }

    /** The dotted key a parser is at: "simkl.access_token", "sync.exclude[1].ids"; "" at the top. */
    static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>(); // from the top down; an index starts with [
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) parts.push(c.getCurrentName());
            else if (c.inArray()) parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
        }
        StringBuilder sb = new StringBuilder();
        for (String part : parts) sb.append(sb.length() == 0 || part.startsWith("[") ? "" : ".").append(part);
        return sb.toString();
    }
}
