package http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import files.Json;

import java.util.Map;

/** A service's answer: status, body text, and its headers (names in lower case). */
public record Response(Service service, int status, String body, Map<String, String> headers) {
    /**
     * The body as JSON, for a read: an answer with no content, or a web page, is refused rather
     * than read as "nothing there" (a literal JSON {@code null} is an answer, and SIMKL's empty one).
     */
    public JsonNode json(String what) throws ServiceException {
        if (body == null || body.isBlank()) {
            throw new ServiceException(service, service + " answered " + what + " with no content (HTTP " + status
                    + "), which is"
                    + " not an empty list: nothing was changed on its account. Try again later.", status);
        }
        if (headers.getOrDefault("content-type", "").contains("text/html") || body.stripLeading().startsWith("<")) {
            throw new ServiceException(service, service + " answered " + what
                    + " with a web page instead of data (a proxy, a"
                    + " captive portal or an outage page?): nothing was changed on its account. Try again later.",
                            status);
        }
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            return n == null ? Json.MAPPER.nullNode() : n;
        } catch (JsonProcessingException e) {
            throw new ServiceException(service, service + " answered " + what + " with malformed JSON ("
                    + Json.describe(e)
                    + "). Nothing was changed on its account; try again later.", status);
        }
    }

    /** The service's error id ({"error": "…"}), or null. */
    public String errorId() {
        if (body == null || body.isBlank() || !body.stripLeading().startsWith("{")) return null;
        try {
            JsonNode n = Json.MAPPER.readTree(body).path("error");
            return n.isTextual() ? n.asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * The body of a write's answer: an empty 2xx body means done with nothing to report. A body that
     * cannot be read says nothing of what came of the write, which the service accepted: it may or
     * may not have been carried out, and is said so.
     */
    public JsonNode jsonOrEmpty(String what) throws ServiceException {
        if (body == null || body.isBlank()) return Json.MAPPER.createObjectNode();
        try {
            return json(what);
        } catch (ServiceException unreadable) {
            throw new ServiceException(service, service + " accepted the write to " + what + " (HTTP " + status
                    + ") but its answer could not be read, so it may or may not have been carried out. The next run "
                    + "reads " + service + " and does only what is still needed.", status, unreadable, true);
        }
    }
}
