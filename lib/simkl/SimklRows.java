package simkl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import files.Json;
import http.Service;
import http.ServiceException;
import model.Ids;
import model.MediaItem;
import model.MediaType;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What SIMKL's rows say, read without I/O: a list row as an entry (its ids, status, watch data and
 * rating), the SIMKL ids of a minified read, the rows of a ratings read that say something for sure,
 * the ids a write sends and the titles its not_found names. An answer of an unknown shape is
 * refused, never read as empty.
 */
final class SimklRows {
    private SimklRows() {}

    /** The SIMKL ids in one bucket of a minified answer; null when a row has none. */
    static Set<String> presentIds(JsonNode root, String bucket) throws ServiceException {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode row : rows(root, bucket)) {
            JsonNode media = row.has("movie") ? row.get("movie") : row.has("show") ? row.get("show")
                    : row.path("anime");
            JsonNode id = media.path("ids").has("simkl") ? media.path("ids").get("simkl")
                    : media.path("ids").path("simkl_id");
            if (!id.isValueNode() || id.asText("").isBlank()) return null;
            ids.add(Ids.of("simkl", id.asText()).get("simkl"));
        }
        return ids;
    }

    /** The rows of a ratings answer that say something for sure of a bucket's ratings. */
    static List<SimklRating> ratings(JsonNode root, String bucket) throws ServiceException {
        List<SimklRating> out = new ArrayList<>();
        for (JsonNode row : rows(root, bucket)) {
            SimklEntry e = parseRow(row, bucket);
            Boolean rated = rating(row);
            if (e != null && rated != null) out.add(new SimklRating(e.item(), rated));
        }
        return out;
    }

    /**
     * What a row says of its title's rating: true for a score above 0 under {@code user_rating}
     * (SIMKL's own samples), else under {@code rating} (what other clients meet); false only where
     * {@code user_rating} is there and null, SIMKL's way of writing "not rated"; null when the row
     * says neither. Null is never taken for "not rated": a title thought unrated may be removed,
     * and a removal erases its rating.
     */
    static Boolean rating(JsonNode row) {
        if (row.path("user_rating").asDouble(0) > 0 || row.path("rating").asDouble(0) > 0) return true;
        return row.has("user_rating") && row.get("user_rating").isNull() ? Boolean.FALSE : null;
    }

    /** Rows of an all-items answer; null, {} and a missing key all mean empty. */
    static List<SimklEntry> parseList(JsonNode root, String bucket) throws ServiceException {
        List<SimklEntry> out = new ArrayList<>();
        for (JsonNode row : rows(root, bucket)) {
            SimklEntry e = parseRow(row, bucket);
            if (e != null) out.add(e);
        }
        return out;
    }

    /** The rows of one bucket in an answer; null, {} and a missing key all mean none; any other shape is refused. */
    private static List<JsonNode> rows(JsonNode root, String bucket) throws ServiceException {
        List<JsonNode> out = new ArrayList<>();
        if (root == null || root.isNull() || root.isMissingNode()) return out;
        if (!root.isObject()) {
            throw new ServiceException(Service.SIMKL, "SIMKL answered the " + bucket + " list with "
                    + root.getNodeType().toString().toLowerCase(Locale.ROOT)
                    + " instead of an object; not treating it as empty.", 200);
        }
        JsonNode rows = root.path(bucket);
        if (rows.isMissingNode() || rows.isNull()) return out;
        if (!rows.isArray()) throw new ServiceException(Service.SIMKL, "SIMKL answered the " + bucket
                + " list in an unknown shape.", 200);
        rows.forEach(out::add);
        return out;
    }

    static SimklEntry parseRow(JsonNode row, String bucket) {
        JsonNode media = row.has("movie") ? row.get("movie") : row.has("show") ? row.get("show") : row.path("anime");
        if (!media.isObject()) return null;
        String animeType = row.hasNonNull("anime_type") ? row.get("anime_type").asText().toLowerCase(Locale.ROOT)
                : null;
        MediaType type = bucket.equals("movies") || "movie".equals(animeType) ? MediaType.MOVIE : MediaType.SHOW;
        Map<String, Object> ids = new LinkedHashMap<>();
        media.path("ids").properties().forEach(e -> {
            String k = e.getKey().equals("simkl_id") ? "simkl" : e.getKey();
            if (e.getValue().isValueNode() && !e.getValue().isNull()) ids.put(k, e.getValue().asText());
        });
        Integer year = media.hasNonNull("year") && media.get("year").canConvertToInt() ? media.get("year").asInt()
                : null;
        boolean watched = watched(row, type);
        // SIMKL stamps user_rated_at on unrated rows too: only a rating is a rating
        boolean rated = Boolean.TRUE.equals(rating(row));
        MediaItem item = new MediaItem(type, media.path("title").asText(""), year, Ids.of(ids));
        return new SimklEntry(item, bucket, status(row.get("status")), watched, rated, animeType,
                time(row.path("added_to_watchlist_at")));
    }

    /** A time SIMKL gives as ISO-8601 ("2015-03-15T15:30:11Z", maybe with an offset); null: none, or not a time. */
    static Instant time(JsonNode at) {
        if (!at.isTextual()) return null;
        try {
            return OffsetDateTime.parse(at.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * A row's status as SIMKL wrote it, lower case; the 2020 name "notinteresting" is today's
     * "dropped". Anything that is not a word (a number, null, none at all) is kept as its JSON
     * text, which {@link SimklEntry#knownStatus} then refuses: such a title is left alone.
     */
    static String status(JsonNode s) {
        if (s == null || s.isMissingNode() || s.isNull()) return "";
        if (!s.isTextual()) return s.toString();
        String v = s.asText().trim().toLowerCase(Locale.ROOT);
        return v.equals("notinteresting") ? "dropped" : v;
    }

    /**
     * Whether the person watched any of it. For shows and anime the episode counters say so; their
     * last_watched_at is also found on Plan to Watch rows never watched, so it does not count alone.
     * A movie has no counters: its last_watched_at counts (a watched movie back in Plan to Watch keeps
     * its history, which a removal would erase).
     */
    static boolean watched(JsonNode row, MediaType type) {
        if (row.path("watched_episodes_count").asInt(0) > 0 || row.hasNonNull("last_watched")) return true;
        return type == MediaType.MOVIE && row.hasNonNull("last_watched_at");
    }

    /** The ids SIMKL resolves by: numbers as numbers, imdb as a string. */
    static ObjectNode idsFor(Ids ids) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        for (String ns : List.of("simkl", "imdb", "tmdb", "tvdb", "mal", "anidb")) {
            String v = ids.get(ns);
            if (v == null) continue;
            if (v.matches("\\d{1,18}")) o.put(ns, Long.parseLong(v));
            else o.put(ns, v);
        }
        return o;
    }

    /** Whether SIMKL's not_found list names a title with these ids (every id it echoes must agree). */
    static boolean listed(JsonNode notFound, Ids ids) {
        for (JsonNode n : notFound) {
            JsonNode nIds = n.path("ids");
            boolean any = false;
            boolean all = true;
            var it = nIds.properties().iterator();
            while (it.hasNext()) {
                var e = it.next();
                any = true;
                if (!e.getValue().asText().equalsIgnoreCase(String.valueOf(ids.get(e.getKey())))) all = false;
            }
            if (any && all) return true;
        }
        return false;
    }
}
