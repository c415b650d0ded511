package plex;

import com.fasterxml.jackson.databind.JsonNode;
import config.Config;
import http.AuthException;
import http.FanOut;
import http.HttpPolicy;
import http.ServiceException;
import http.Request;
import http.Response;
import http.Service;
import http.ServiceHttp;
import model.Ids;
import model.MediaItem;
import model.MediaType;
import model.Plural;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Plex Discover and plex.tv, as the sync needs them (docs/services.md): read the whole
 * watchlist with ids, fill missing ids, resolve a title to its Plex id, add and remove by that id,
 * and check the token.
 */
public final class PlexClient implements AutoCloseable {
    public static final int PAGE_SIZE = 100;
    public static final String PRODUCT = "plex_simkl_sync";

    /** The watchlist as read. {@code complete} is false when a page failed or came back short. */
    public record WatchlistRead(List<MediaItem> items, boolean complete, String problem) {}

    private final ServiceHttp discover;
    private final ServiceHttp tv;
    private final Consumer<String> log;
    private volatile BiConsumer<Integer, Integer> pageListener = (read, total) -> { };

    public PlexClient(Config.Plex plex, Config.Endpoints endpoints, HttpPolicy policy, String version) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (plex.accountToken() != null && !plex.accountToken().isBlank()) headers.put("X-Plex-Token",
                plex.accountToken());
        if (plex.clientIdentifier() != null && !plex.clientIdentifier().isBlank()) {
            headers.put("X-Plex-Client-Identifier", plex.clientIdentifier());
        }
        headers.put("X-Plex-Product", PRODUCT);
        headers.put("X-Plex-Version", version);
        this.discover = new ServiceHttp(Service.PLEX, endpoints.plexDiscover(), policy, headers, Map.of(), null);
        this.tv = new ServiceHttp(Service.PLEX_TV, endpoints.plexTv(), policy, headers, Map.of(), null);
        this.log = policy.debugLog();
    }

    private static Request json(Request r) {
        return r.header("Accept", "application/json");
    }

    /** Told (titles read, total) after each watchlist page, for progress on a terminal. */
    public void onPage(BiConsumer<Integer, Integer> listener) {
        pageListener = listener;
    }

    /**
     * Reads every page of the watchlist: the first to learn the total, the rest a few at a time.
     * A page that fails or comes back short makes the read incomplete (the titles before it are kept).
     */
    public WatchlistRead readWatchlist() throws AuthException {
        Page first = page(0);
        if (first.failure() != null) return new WatchlistRead(List.of(), false, first.failure());
        if (!first.container().isObject() || !first.container().path("totalSize").canConvertToInt()) {
            return new WatchlistRead(List.of(), false, "Plex answered the watchlist without a totalSize.");
        }
        int total = first.container().path("totalSize").asInt();
        List<MediaItem> items = new ArrayList<>(parseItems(first.container()));
        pageListener.accept(items.size(), total);
        String problem = shortPage(items.size(), 0, total);
        if (problem != null) return new WatchlistRead(items, false, problem);
        List<Integer> starts = new ArrayList<>();
        for (int start = PAGE_SIZE; start < total; start += PAGE_SIZE) starts.add(start);
        List<Page> pages;
        try {
            pages = FanOut.map(starts, CONCURRENCY, this::page);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new WatchlistRead(items, false, "The read was interrupted.");
        }
        for (int i = 0; i < pages.size(); i++) {
            Page p = pages.get(i);
            if (p.failure() != null) return new WatchlistRead(items, false, p.failure());
            List<MediaItem> page = parseItems(p.container());
            items.addAll(page);
            pageListener.accept(items.size(), total);
            if (p.container().path("totalSize").asInt(total) != total) {
                return new WatchlistRead(items, false,
                        "The Plex watchlist changed while it was being read; run again.");
            }
            problem = shortPage(page.size(), starts.get(i), total);
            if (problem != null) return new WatchlistRead(items, false, problem);
        }
        return new WatchlistRead(items, true, null);
    }

    /** One watchlist page as read: its MediaContainer, or why it could not be read. */
    private record Page(JsonNode container, String failure) {}

    /** Concurrent requests to Plex at most (pages, resolves). */
    public static final int CONCURRENCY = 4;

    private Page page(int start) throws AuthException {
        try {
            // one fixed order (newest first), so that pages read side by side never overlap
            return new Page(discover.send(json(Request.get("/library/sections/watchlist/all").query("includeGuids", 1)
                    .query("sort", "watchlistedAt:desc")
                    .query("X-Plex-Container-Start", start).query("X-Plex-Container-Size", PAGE_SIZE)), false)
                    .json("the watchlist").path("MediaContainer"), null);
        } catch (ServiceException e) {
            return new Page(null, e.getMessage());
        }
    }

    private static String shortPage(int got, int start, int total) {
        int expected = Math.min(PAGE_SIZE, Math.max(0, total - start));
        if (got >= expected) return null;
        return "Plex returned a short watchlist page (" + got + " of " + Plural.of(expected, "title") + " at offset "
                + start + ", " + total + " in all).";
    }

    /** One small watchlist page: checks that the endpoint answers as expected (for --doctor). */
    public int readWatchlistPage() throws ServiceException, AuthException {
        JsonNode mc = discover.send(json(Request.get("/library/sections/watchlist/all")
                .query("X-Plex-Container-Start", 0).query("X-Plex-Container-Size", 1)),
                        false).json("the watchlist").path("MediaContainer");
        if (!mc.path("totalSize").canConvertToInt()) throw new ServiceException(Service.PLEX,
                "Plex answered the watchlist without a totalSize.", 200);
        return mc.path("totalSize").asInt();
    }

    /** Items of a MediaContainer, under Metadata or (a quirk) Video. */
    static List<MediaItem> parseItems(JsonNode mc) {
        List<MediaItem> out = new ArrayList<>();
        JsonNode list = mc.has("Metadata") ? mc.get("Metadata") : mc.path("Video");
        for (JsonNode m : list) {
            MediaItem item = parseItem(m);
            if (item != null) out.add(item);
        }
        return out;
    }

    /** One Plex item: its 24-hex id (from the plex:// guid or ratingKey) and external Guid ids. */
    static MediaItem parseItem(JsonNode m) {
        MediaType type;
        try {
            type = MediaType.parse(m.path("type").asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
        Map<String, String> ids = new LinkedHashMap<>();
        String guid = m.path("guid").asText("");
        String key = guid.startsWith("plex://") ? guid.substring(guid.lastIndexOf('/') + 1)
                : m.path("ratingKey").asText("");
        ids.put("plex", key);
        for (JsonNode g : m.path("Guid")) {
            String id = g.path("id").asText("");
            int sep = id.indexOf("://");
            if (sep > 0) ids.putIfAbsent(id.substring(0, sep).toLowerCase(Locale.ROOT), id.substring(sep + 3));
        }
        Integer year = m.hasNonNull("year") && m.get("year").canConvertToInt() ? m.get("year").asInt() : null;
        return new MediaItem(type, m.path("title").asText(""), year, Ids.of(ids));
    }

    /** Looks up the external ids of a listed item that came without them; empty when Plex has none (404). */
    public Optional<MediaItem> fetchIds(MediaItem item) throws ServiceException, AuthException {
        String key = item.ids().get("plex");
        if (key == null) return Optional.empty();
        Response r = discover.send(json(Request.get("/library/metadata/" + key).query("includeGuids", 1)), true);
        if (r.status() == 404) return Optional.empty();
        List<MediaItem> found = parseItems(r.json("metadata").path("MediaContainer"));
        return found.isEmpty() ? Optional.empty() : Optional.of(item.withIds(found.get(0).ids()));
    }

    /**
     * Finds the Plex title for an item from another side: by its external ids through matches
     * (type-aware; the answer must carry the id asked for), then by a title search whose candidates
     * are verified by id. Empty when Plex has no such title.
     */
    public Optional<MediaItem> resolve(MediaItem want) throws ServiceException, AuthException {
        for (String ns : Ids.EXTERNAL) {
            String id = want.ids().get(ns);
            if (id == null) continue;
            Response r = discover.send(json(Request.get("/library/metadata/matches").query("includeGuids", 1)
                    .query("type", want.type().plexTypeNumber()).query("guid", ns + "://" + id)), true);
            if (r.status() == 404) continue;
            for (MediaItem cand : parseItems(r.json("matches").path("MediaContainer"))) {
                if (cand.type() == want.type() && id.equals(cand.ids().get(ns)) && cand.ids().has("plex")) {
                    return Optional.of(cand);
                }
            }
        }
        return searchByTitle(want);
    }

    private Optional<MediaItem> searchByTitle(MediaItem want) throws ServiceException, AuthException {
        if (want.title().isBlank()) return Optional.empty();
        JsonNode mc = discover.send(json(Request.get("/library/search").query("query", want.title()).query("limit", 30)
                .query("searchTypes", want.type() == MediaType.MOVIE ? "movies" : "tv").query("searchProviders",
                        "discover")
                .query("includeMetadata", 1)), true).json("search").path("MediaContainer");
        boolean wantHasPlexIds = want.ids().hasExternal();
        List<MediaItem> sameTitle = new ArrayList<>();
        for (JsonNode block : mc.path("SearchResults")) {
            for (JsonNode res : block.path("SearchResult")) {
                JsonNode meta = res.path("Metadata");
                for (JsonNode m : meta.isArray() ? meta : List.of(meta)) {
                    MediaItem cand = parseItem(m);
                    if (cand != null && cand.type() == want.type() && cand.title().equalsIgnoreCase(want.title())
                            && (want.year() == null || cand.year() == null
                                    || Math.abs(cand.year() - want.year()) <= 1)) {
                        sameTitle.add(cand);
                    }
                }
            }
        }
        for (MediaItem cand : sameTitle) {
            if (!wantHasPlexIds) break;
            Optional<MediaItem> full = fetchIds(cand);
            if (full.isPresent() && full.get().ids().sharesExternal(want.ids())) return full;
        }
        if (!wantHasPlexIds && sameTitle.size() == 1 && want.year() != null
                && want.year().equals(sameTitle.get(0).year())) {
            log.accept("Plex: matched \"" + want.label() + "\" by title and year only (no comparable id)");
            return Optional.of(sameTitle.get(0));
        }
        return Optional.empty();
    }

    /**
     * What the account (the Home user's, when one is synced: this client carries its token) played
     * of a title, and when it put it on its watchlist, by its 24-hex id: one request. A title Plex
     * does not know (404) was not played, and its time on the watchlist is not known.
     */
    public PlexUserState userState(String plexKey) throws ServiceException, AuthException {
        Response r = discover.send(json(Request.get("/library/metadata/" + plexKey + "/userState")), true);
        if (r.status() == 404) return PlexUserState.UNPLAYED;
        return PlexUserState.parse(r.json("the title's play state"));
    }

    /** Adds a title to the watchlist by its 24-hex id (no body, no JSON content headers). */
    public void add(String plexKey) throws ServiceException, AuthException {
        discover.send(Request.put("/actions/addToWatchlist").query("ratingKey", plexKey), false);
    }

    public void remove(String plexKey) throws ServiceException, AuthException {
        discover.send(Request.put("/actions/removeFromWatchlist").query("ratingKey", plexKey), false);
    }

    /**
     * Keeps the account token alive: plex.tv lets a token that is never pinged expire after some
     * weeks, however much it is used (docs/services.md). Answers {"pong": true}.
     */
    public void ping() throws ServiceException, AuthException {
        JsonNode r = tv.send(json(Request.get("/api/v2/ping")), false).json("the keep-alive ping");
        if (!r.path("pong").asBoolean(false)) throw new ServiceException(Service.PLEX_TV,
                "plex.tv answered the keep-alive ping without a pong.", 200);
    }

    /** The account's user name; checks the token (401 throws {@link AuthException}). */
    public String user() throws ServiceException, AuthException {
        return userName(tv.send(json(Request.get("/api/v2/user")), false).json("the user"));
    }

    /** Who the account token belongs to: plex.tv's id for the account, and its name. */
    public record Account(String id, String name) {}

    /** The account the token signs in (its id tells one account's watchlist from another's). */
    public Account account() throws ServiceException, AuthException {
        JsonNode u = tv.send(json(Request.get("/api/v2/user")), false).json("the user");
        String id = u.path("id").asText("");
        if (id.isBlank()) id = u.path("uuid").asText("");
        if (id.isBlank()) {
            throw new ServiceException(Service.PLEX_TV, "plex.tv answered who the account is without its id.", 200);
        }
        return new Account(id, userName(u));
    }

    static String userName(JsonNode u) {
        String name = u.path("friendlyName").asText("");
        if (name.isBlank()) name = u.path("title").asText("");
        return name.isBlank() ? u.path("username").asText("") : name;
    }

    /**
     * The run is stopping: no write starts from now on, nothing is tried again, and a request still
     * under way {@code endWithin} from now is abandoned ({@link ServiceHttp#stop}).
     */
    public void stop(Duration endWithin) {
        discover.stop(endWithin);
        tv.stop(endWithin);
    }

    /** plex.tv itself, for PIN sign-in. */
    public ServiceHttp plexTv() {
        return tv;
    }

    /** Builds the HTTP client of the watchlist's requests now ({@link ServiceHttp#prepare}). */
    public void prepare() {
        discover.prepare();
    }

    @Override
    public void close() {
        discover.close();
        tv.close();
    }
}
