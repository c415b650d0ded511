package simkl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import config.Config;
import files.Json;
import http.AuthException;
import http.HttpPolicy;
import http.LimitException;
import http.PaceFile;
import http.Pacer;
import http.ServiceException;
import http.Request;
import http.Response;
import http.Service;
import http.ServiceHttp;
import model.MediaItem;
import model.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The SIMKL API as the sync needs it (docs/services.md): activities, the lists of all three
 * buckets, add-to-list in batches, history/remove (sign-in is {@link SimklOAuth}). Every request
 * carries client_id, app-name, app-version and a User-Agent; at most 1 POST and 10 GETs a second.
 */
public final class SimklClient implements AutoCloseable {
    public static final List<String> BUCKETS = List.of("movies", "shows", "anime");
    public static final int BATCH = 100;

    /** What a write did, per title asked for. */
    public record WriteResult(List<MediaItem> done, List<MediaItem> notFound) {}

    /**
     * SIMKL's error id for a whole read it finds too big to answer (asked again, it answers the
     * same): the list is then read one status at a time.
     */
    static final String TOO_MANY_ITEMS = "max_items";

    private final ServiceHttp http;
    private final SimklTokens tokens;
    private final long configuredExpiry;
    private final Consumer<String> debug;

    /** A client that sends the configured token as it is. */
    public SimklClient(Config.Simkl simkl, Config.Endpoints endpoints, HttpPolicy policy, String version) {
        this(simkl, endpoints, policy, version, null);
    }

    /** A client whose token {@code tokens} keeps fresh (null: the configured token, as it is); closes it. */
    public SimklClient(Config.Simkl simkl, Config.Endpoints endpoints, HttpPolicy policy, String version,
                       SimklTokens tokens) {
        this(simkl, endpoints, policy, version, tokens, null);
    }

    /** As above, keeping SIMKL's pace with every process that paces by {@code pace} too (null: this one only). */
    public SimklClient(Config.Simkl simkl, Config.Endpoints endpoints, HttpPolicy policy, String version,
                       SimklTokens tokens, PaceFile pace) {
        this.tokens = tokens;
        this.configuredExpiry = simkl.tokenExpiresAt();
        this.debug = policy.debugLog();
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("client_id", simkl.clientId());
        query.put("app-name", "plex_simkl_sync"); // the same product name as the User-Agent's
        query.put("app-version", version);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("simkl-api-key", simkl.clientId());
        headers.put("Accept", "application/json");
        if (tokens == null && simkl.accessToken() != null && !simkl.accessToken().isBlank()) {
            headers.put("Authorization", "Bearer " + simkl.accessToken());
        }
        Pacer pacer = new Pacer(policy.clock(), policy.sleeper(), 10, Duration.ofSeconds(1), pace);
        this.http = new ServiceHttp(Service.SIMKL, endpoints.simklApi(), policy, headers, query, pacer, tokens);
    }

    /**
     * Whose SIMKL account a sign-in is: the id SIMKL numbers it with, the name it shows, and its plan
     * ({@code account.type}: "free", "pro", "vip"; null when the answer has none), which sets the
     * day's request allowance ({@link SimklQuota}).
     */
    public record Account(String id, String name, String type) {}

    /**
     * The account the token signs in to, from SIMKL's settings route (a POST that changes nothing:
     * paced like any POST, and safe to send again). Refused when the answer carries no account id.
     */
    public Account account() throws ServiceException, AuthException {
        JsonNode root = http.send(Request.postRead("/users/settings", Map.of()), false).json("the account");
        JsonNode id = root.path("account").path("id");
        if (!id.isValueNode() || id.isNull() || id.asText("").isBlank()) {
            throw new ServiceException(Service.SIMKL, "SIMKL answered whose account this is without its id.", 200);
        }
        JsonNode type = root.path("account").path("type");
        return new Account(id.asText(), root.path("user").path("name").asText(""),
                type.isTextual() && !type.asText().isBlank() ? type.asText() : null);
    }

    public SimklActivities activities() throws ServiceException, AuthException {
        JsonNode root = http.send(Request.get("/sync/activities"), false).json("activities");
        if (!root.isObject()) {
            throw new ServiceException(Service.SIMKL, "SIMKL answered its activities in an unknown shape ("
                    + root.getNodeType().toString().toLowerCase(Locale.ROOT)
                    + "); nothing was read or changed. Try again later.", 200);
        }
        return SimklActivities.parse(root);
    }

    /**
     * One bucket's entries, every status, each with all it carries (ids, status, watch data,
     * rating). Anime is asked with extended=full_anime_seasons: without it SIMKL leaves out the TVDB
     * id Plex matches by (asked on other buckets, it would add every show's watched episodes).
     */
    public List<SimklEntry> list(String bucket) throws ServiceException, AuthException {
        return entries(withAnimeIds(Request.get("/sync/all-items/" + bucket), bucket), bucket, "the " + bucket
                + " list");
    }

    /**
     * The entries of a bucket (every status) that changed after {@code since}, an activities stamp:
     * SIMKL's delta read. Titles deleted from the library do not appear (removed_from_list tells).
     */
    public List<SimklEntry> changedSince(String bucket, String since) throws ServiceException, AuthException {
        Request r = withAnimeIds(Request.get("/sync/all-items/" + bucket), bucket).query("date_from", since);
        return entries(r, bucket, "the changes to the " + bucket + " list");
    }

    /**
     * The movies and shows that changed after {@code since}, in one request (without anime's
     * extended ids: anime changes are read on their own); keyed by bucket.
     */
    public Map<String, List<SimklEntry>> moviesAndShowsChangedSince(String since) throws ServiceException,
            AuthException {
        JsonNode root = unlessTooMany(Request.get("/sync/all-items").query("date_from", since),
                "the changes to the library");
        Map<String, List<SimklEntry>> out = new LinkedHashMap<>();
        for (String bucket : List.of("movies", "shows")) {
            out.put(bucket, root != null ? SimklRows.parseList(root, bucket) : changedSince(bucket, since));
        }
        return out;
    }

    /**
     * The SIMKL ids of every title in these buckets now, whatever its list: SIMKL's minified read
     * (extended=simkl_ids_only), the cheap way to find what was deleted. It says only that a title
     * is there, never its status. Null for a bucket whose rows carry no SIMKL id (then read it whole).
     */
    public Map<String, Set<String>> present(List<String> buckets) throws ServiceException, AuthException {
        String path = buckets.size() == 1 ? "/sync/all-items/" + buckets.get(0) : "/sync/all-items";
        Request r = Request.get(path).query("extended", "simkl_ids_only");
        String what = "the titles in the " + String.join(" and ", buckets) + " lists";
        JsonNode root = unlessTooMany(r, what);
        Map<String, Set<String>> out = new LinkedHashMap<>();
        if (root == null && buckets.size() > 1) {
            for (String bucket : buckets) out.putAll(present(List.of(bucket)));
            return out;
        }
        if (root != null) {
            for (String bucket : buckets) out.put(bucket, SimklRows.presentIds(root, bucket));
            return out;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode part : byStatus(r, what)) {
            Set<String> some = SimklRows.presentIds(part, buckets.get(0));
            if (some == null) {
                ids = null;
                break;
            }
            ids.addAll(some);
        }
        out.put(buckets.get(0), ids);
        return out;
    }

    /**
     * The entries a read of one bucket gives; when SIMKL finds the list too long to answer at once
     * (max_items), the same read of each status in turn, put together. A row of a status read that
     * carries no status at all is in the list that read asked for.
     */
    private List<SimklEntry> entries(Request r, String bucket, String what) throws ServiceException, AuthException {
        JsonNode root = unlessTooMany(r, what);
        if (root != null) return SimklRows.parseList(root, bucket);
        List<SimklEntry> out = new ArrayList<>();
        List<JsonNode> parts = byStatus(r, what);
        for (int i = 0; i < parts.size(); i++) {
            for (SimklEntry e : SimklRows.parseList(parts.get(i), bucket)) {
                out.add(e.status().isEmpty() ? e.withStatus(SimklEntry.STATUSES.get(i)) : e);
            }
        }
        return out;
    }

    /** The answers to {@code whole} asked of each documented status in turn ({@code …/{status}}), in that order. */
    private List<JsonNode> byStatus(Request whole, String what) throws ServiceException, AuthException {
        debug.accept("SIMKL: " + what + ": too many titles for one answer (" + TOO_MANY_ITEMS + "); reading them "
                + "one status at a time");
        List<JsonNode> out = new ArrayList<>();
        for (String status : SimklEntry.STATUSES) {
            Request part = whole.at(whole.path() + "/" + status);
            out.add(http.send(part, false).json(what + " (" + status + ")"));
        }
        return out;
    }

    /**
     * The answer to a list read, or null when SIMKL refuses it as too big (400 max_items), a
     * refusal that asking again does not change. Any other 400 fails the read.
     */
    private JsonNode unlessTooMany(Request r, String what) throws ServiceException, AuthException {
        Response resp = http.send(r, Set.of(400));
        if (resp.status() != 400) return resp.json(what);
        String error = resp.errorId();
        if (TOO_MANY_ITEMS.equals(error)) return null;
        throw new ServiceException(Service.SIMKL, "SIMKL refused " + r.describe() + " (HTTP 400"
                + (error == null ? "" : " " + error) + "), so " + what + " could not be read; nothing was changed. "
                + "Try again later; if it keeps happening, look for a newer version of the tool.", 400);
    }

    /**
     * What SIMKL's ratings say changed in a bucket after {@code since} (rated, re-rated, or the
     * rating removed): SIMKL keeps ratings apart from the lists, so a rating of a title whose list
     * did not change moves only {@code rated_at} and shows in no all-items delta. Only rows that
     * say something for sure are given (see {@link #rating}).
     */
    public List<SimklRating> ratingsSince(String bucket, String since) throws ServiceException, AuthException {
        Request r = Request.get("/sync/ratings/" + bucket).query("date_from", since);
        return SimklRows.ratings(http.send(r, false).json("the ratings of the " + bucket + " list"), bucket);
    }

    /** Like {@link #ratingsSince(String, String)} for every bucket at once, in one request; keyed by bucket. */
    public Map<String, List<SimklRating>> ratingsSince(String since) throws ServiceException, AuthException {
        JsonNode root = http.send(Request.get("/sync/ratings").query("date_from", since), false).json("the ratings");
        Map<String, List<SimklRating>> out = new LinkedHashMap<>();
        for (String bucket : BUCKETS) out.put(bucket, SimklRows.ratings(root, bucket));
        return out;
    }

    private static Request withAnimeIds(Request r, String bucket) {
        return bucket.equals("anime") ? r.query("extended", "full_anime_seasons") : r;
    }

    /** Files titles in Plan to Watch, 100 per request; anime goes under shows. */
    public WriteResult addToPlanToWatch(List<MediaItem> items) throws ServiceException, AuthException {
        return batched(items, "/sync/add-to-list", true);
    }

    /**
     * Removes titles from the person's lists with history/remove: this also erases their history
     * and rating, so callers send only titles confirmed removable in this run's read.
     */
    public WriteResult removeFromLists(List<MediaItem> items) throws ServiceException, AuthException {
        return batched(items, "/sync/history/remove", false);
    }

    /**
     * A title played elsewhere, to be marked as watched: played through ({@code whole}: a movie, or a
     * show whose every episode was played) at {@code at} (null: unknown, SIMKL then takes the time
     * of the write), or a show played in part.
     */
    public record Watched(MediaItem item, Instant at, boolean whole) {}

    /**
     * Marks titles as watched, which moves them out of Plan to Watch (docs/services.md): those played
     * through go to the history ({@code /sync/history}) with {@code watched_at}, a show as completed
     * (SIMKL keeps one still airing in watching); a show played in part is moved to watching
     * ({@code /sync/add-to-list}), with no episode marked. By ids only, 100 titles a request.
     */
    public WriteResult markWatched(List<Watched> items) throws ServiceException, AuthException {
        List<MediaItem> done = new ArrayList<>();
        List<MediaItem> notFound = new ArrayList<>();
        List<Watched> whole = new ArrayList<>();
        List<Watched> part = new ArrayList<>();
        for (Watched w : items) {
            if (SimklRows.idsFor(w.item().ids()).isEmpty()) notFound.add(w.item());
            else (w.whole() ? whole : part).add(w);
        }
        for (List<Watched> group : List.of(whole, part)) {
            String path = group == whole ? "/sync/history" : "/sync/add-to-list";
            for (int i = 0; i < group.size(); i += BATCH) {
                List<Watched> batch = group.subList(i, Math.min(group.size(), i + BATCH));
                // a play sent twice could be counted twice: history writes are not sent again after an error
                JsonNode nf = http.send(Request.post(path, watchedBody(batch), group == part), false)
                        .jsonOrEmpty(path).path("not_found");
                for (Watched w : batch) {
                    String key = w.item().type() == MediaType.MOVIE ? "movies" : "shows";
                    (SimklRows.listed(nf.path(key), w.item().ids()) ? notFound : done).add(w.item());
                }
            }
        }
        return new WriteResult(done, notFound);
    }

    /** One request's titles to mark: with their play time to the history, or moved to watching. */
    private static ObjectNode watchedBody(List<Watched> batch) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode movies = body.putArray("movies");
        ArrayNode shows = body.putArray("shows");
        for (Watched w : batch) {
            boolean movie = w.item().type() == MediaType.MOVIE;
            ObjectNode o = (movie ? movies : shows).addObject();
            if (!w.whole()) o.put("to", "watching");
            else if (!movie) o.put("status", "completed");
            if (w.whole() && w.at() != null) o.put("watched_at", w.at().truncatedTo(ChronoUnit.SECONDS).toString());
            o.set("ids", SimklRows.idsFor(w.item().ids()));
        }
        return body;
    }

    /**
     * Writes titles 100 a request, each by its ids only: SIMKL resolves a title and year too, and
     * could file a namesake. A title with no id SIMKL knows is reported not found without a request.
     */
    private WriteResult batched(List<MediaItem> items, String path, boolean add) throws ServiceException,
            AuthException {
        List<MediaItem> done = new ArrayList<>();
        List<MediaItem> notFound = new ArrayList<>();
        List<MediaItem> sendable = new ArrayList<>();
        for (MediaItem m : items) {
            if (SimklRows.idsFor(m.ids()).isEmpty()) notFound.add(m);
            else sendable.add(m);
        }
        for (int i = 0; i < sendable.size(); i += BATCH) {
            List<MediaItem> batch = sendable.subList(i, Math.min(sendable.size(), i + BATCH));
            ObjectNode body = Json.MAPPER.createObjectNode();
            ArrayNode movies = body.putArray("movies");
            ArrayNode shows = body.putArray("shows");
            for (MediaItem m : batch) {
                ObjectNode o = (m.type() == MediaType.MOVIE ? movies : shows).addObject();
                if (add) o.put("to", "plantowatch");
                o.set("ids", SimklRows.idsFor(m.ids()));
            }
            JsonNode answer = http.send(Request.post(path, body, true), false).jsonOrEmpty(path);
            JsonNode nf = answer.path("not_found");
            for (MediaItem m : batch) {
                String key = m.type() == MediaType.MOVIE ? "movies" : "shows";
                if (SimklRows.listed(nf.path(key), m.ids())) notFound.add(m);
                else done.add(m);
            }
        }
        return new WriteResult(done, notFound);
    }

    /** When the token in use runs out, in epoch seconds; 0 for a token that does not (AUTH V1). */
    public long tokenExpiresAt() {
        return tokens != null ? tokens.current().expiresAt() : configuredExpiry;
    }

    /** Whether the token in use is renewed when it runs out (an AUTH V2 token kept in config.json). */
    public boolean tokenRenewable() {
        return tokens != null;
    }

    /**
     * The run is stopping: no write starts from now on, nothing is tried again, and a request still
     * under way {@code endWithin} from now is abandoned ({@link ServiceHttp#stop}).
     */
    public void stop(Duration endWithin) {
        http.stop(endWithin);
    }

    /** How many requests this client sent to SIMKL (for the daily budget). */
    public int requestsSent() {
        return http.sent();
    }

    /** The limit SIMKL answered in this run (nothing more was asked of it after that), or null. */
    public LimitException limit() {
        return http.limit();
    }

    /** Builds the HTTP client now ({@link ServiceHttp#prepare}). */
    public void prepare() {
        http.prepare();
    }

    @Override
    public void close() {
        http.close();
        if (tokens != null) tokens.close();
    }
}
