package sandbox;

import model.MediaType;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Emulates Plex Discover (watchlist, metadata, matches, search, add/remove) and plex.tv (user,
 * ping, PIN login) as docs/services.md describes them, on one loopback port.
 */
public final class PlexEmulator extends Emulator {
    private final Map<String, Title> catalogue = new ConcurrentHashMap<>();
    /** The catalogue by external id ("tmdb://218"), as Plex's matches look titles up. */
    private final Map<String, List<Title>> byGuid = new ConcurrentHashMap<>();
    /** The owner's watchlist, newest first (Plex's default watchlistedAt:desc order). */
    private final List<String> watchlist = new CopyOnWriteArrayList<>();
    /** When each title was put on a watchlist, by account ("" the owner, else the Home user) and id: watchlistedAt. */
    private final Map<String, Instant> watchlistedAt = new ConcurrentHashMap<>();
    /** The owner's tokens (the first one, and those PIN sign-ins handed out). */
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    /** The other users of the owner's Plex Home, each with a watchlist and tokens of its own. */
    private final List<HomeUser> home = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextUserId = new AtomicInteger(7001);
    private final AtomicInteger nextHomeToken = new AtomicInteger(1);
    /** When the account switched to a Home user, within the last hour: plex.tv answers 429 past a few. */
    private final List<Instant> switches = new CopyOnWriteArrayList<>();
    private volatile int switchesPerHour = DEFAULT_SWITCHES_PER_HOUR;
    private final Set<String> metadataMissing = ConcurrentHashMap.newKeySet();
    private final Set<String> listedWithoutIds = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Pin> pins = new ConcurrentHashMap<>();
    private final AtomicInteger nextPin = new AtomicInteger(373040866);
    private final AtomicInteger version = new AtomicInteger();
    private final AtomicInteger unsorted = new AtomicInteger();
    private volatile boolean videoVariant;
    private volatile String username = "demo-user";
    /** When each token was last pinged (or first seen): a token idle longer than {@link #tokenIdleLimit} is dead. */
    private final Map<String, Instant> lastPing = new ConcurrentHashMap<>();
    private volatile Duration tokenIdleLimit = DEFAULT_TOKEN_IDLE_LIMIT;

    /**
     * How long a token lives without a ping. Plex does not publish the figure; Overseerr's users saw
     * tokens die after some weeks of use without pings (docs/services.md). Two weeks here.
     */
    public static final Duration DEFAULT_TOKEN_IDLE_LIMIT = Duration.ofDays(14);

    /**
     * How many switches to a Home user plex.tv answers in an hour before it answers 429. Plex does
     * not publish the figure; watchstate's users met 429 on bursts of switches (docs/services.md).
     * Three here, a guess.
     */
    public static final int DEFAULT_SWITCHES_PER_HOUR = 3;

    /**
     * A Plex Home user: a Plex account of its own in the Home, or a managed user (no login of its
     * own), maybe with a PIN, with its own watchlist and the tokens switches to it handed out. A
     * managed user has no watchlist unless it is turned on for it (Plex leaves Discover off for them).
     */
    private static final class HomeUser {
        final int id;
        final String title;
        final String login;
        final String pin;
        final boolean managed;
        volatile boolean watchlistOn;
        final Set<String> tokens = ConcurrentHashMap.newKeySet();
        final List<String> watchlist = new CopyOnWriteArrayList<>();

        HomeUser(int id, String title, String login, String pin, boolean managed) {
            this.id = id;
            this.title = title;
            this.login = login;
            this.pin = pin;
            this.managed = managed;
            this.watchlistOn = !managed;
        }
    }

    private static final class Pin {
        final int id;
        final String code;
        final String clientId;
        final Instant expiresAt;
        volatile String authToken;
        volatile boolean expired;

        Pin(int id, String code, String clientId, Instant expiresAt) {
            this.id = id;
            this.code = code;
            this.clientId = clientId;
            this.expiresAt = expiresAt;
        }
    }

    public PlexEmulator(String token) {
        tokens.add(token);
    }

    public void addTitles(List<Title> titles) {
        for (Title t : titles) {
            if (t.plexKey() == null) continue;
            catalogue.put(t.plexKey(), t);
            t.plexGuids().forEach((ns, id) -> byGuid.computeIfAbsent(ns + "://" + id,
                    k -> new CopyOnWriteArrayList<>()).add(t));
        }
    }

    /** The titles Plex knows, by name. */
    public List<Title> catalogue() {
        return catalogue.values().stream().sorted(Comparator.comparing(Title::plexTitle)).toList();
    }

    /** Puts titles on the watchlist (as if the person added them, in this order). */
    public void watchlistAdd(String... plexKeys) {
        for (String k : plexKeys) {
            if (!catalogue.containsKey(k)) throw new IllegalArgumentException("not in the catalogue: " + k);
            listAdd("", watchlist, k);
        }
        version.incrementAndGet();
    }

    public void watchlistRemove(String... plexKeys) {
        for (String k : plexKeys) listRemove("", watchlist, k);
        version.incrementAndGet();
    }

    /**
     * Puts a title on the watchlist of {@code who} ("" the owner) now, unless it is there: a repeated add
     * answers 200 and changes nothing here (whether Plex stamps such an add again is not published).
     */
    private void listAdd(String who, List<String> list, String key) {
        synchronized (list) {
            if (list.contains(key)) return;
            watchlistedAt.put(who + "/" + key, clock.instant());
            list.add(0, key);
        }
    }

    private void listRemove(String who, List<String> list, String key) {
        synchronized (list) {
            list.remove(key);
            watchlistedAt.remove(who + "/" + key);
        }
    }

    private final PlexPlays plays = new PlexPlays();

    /**
     * The owner plays a movie, or every episode of a show, at {@code at}; Plex then drops it from
     * the watchlist, as its own help says a played title leaves it (docs/services.md).
     */
    public void played(String plexKey, Instant at) {
        plays.played("", known(plexKey), at);
        watchlistRemove(plexKey);
    }

    /**
     * The owner plays {@code played} of a show's {@code total} episodes, the last at {@code at}.
     * Played through, it leaves the watchlist; played in part it stays (whether Plex drops it then
     * is not published: our guess), so a test takes it off as the person would.
     */
    public void episodesPlayed(String plexKey, int played, int total, Instant at) {
        plays.episodes("", known(plexKey), played, total, at);
        if (played >= total) watchlistRemove(plexKey);
    }

    /** A Home user plays a movie or a whole show; it leaves that user's watchlist. */
    public void homePlayed(String user, String plexKey, Instant at) {
        plays.played(user, known(plexKey), at);
        homeWatchlistRemove(user, plexKey);
    }

    private Title known(String plexKey) {
        Title t = catalogue.get(plexKey);
        if (t == null) throw new IllegalArgumentException("not in the catalogue: " + plexKey);
        return t;
    }

    /** The owner's watchlist's titles, newest first. */
    public List<Title> watchlist() {
        return titles(watchlist);
    }

    private List<Title> titles(List<String> keys) {
        List<Title> out = new ArrayList<>();
        for (String k : keys) out.add(catalogue.get(k));
        return out;
    }

    /** Adds a Plex account of its own to the owner's Plex Home, with a PIN (null: none) and a watchlist. */
    public void addHomeUser(String title, String pin) {
        home.add(new HomeUser(nextUserId.getAndIncrement(), title, title.toLowerCase(Locale.ROOT), pin, false));
    }

    /**
     * Adds a managed user (no Plex account of its own) to the owner's Plex Home, with a PIN (null:
     * none). Like Plex, it has no watchlist: its watchlist routes are refused until {@link
     * #managedWatchlist} turns them on, as the unofficial Discover opt-in does.
     */
    public void addManagedUser(String title, String pin) {
        home.add(new HomeUser(nextUserId.getAndIncrement(), title, "", pin, true));
    }

    /** Gives a managed user a watchlist (the Discover opt-in some households set by hand), or takes it away. */
    public void managedWatchlist(String title, boolean on) {
        homeUser(title).watchlistOn = on;
    }

    /** Plex refuses every token the switches to this Home user handed out so far (the next switch gets a new one). */
    public void revokeHomeTokens(String title) {
        homeUser(title).tokens.clear();
    }

    /** Whether {@code token} is one a switch to this Home user handed out and Plex still accepts. */
    public boolean isHomeToken(String title, String token) {
        return homeUser(title).tokens.contains(token);
    }

    /** How many switches plex.tv answers in an hour before it answers 429 ({@link #DEFAULT_SWITCHES_PER_HOUR}). */
    public void switchesPerHour(int n) {
        switchesPerHour = n;
    }

    /** How many switches to a Home user were asked for (answered, refused or limited). */
    public long homeSwitches() {
        return count(l -> l.method().equals("POST") && l.path().startsWith("/api/home/users/")
                && l.path().endsWith("/switch"));
    }

    /** Puts titles on a Home user's watchlist. */
    public void homeWatchlistAdd(String user, String... plexKeys) {
        List<String> list = homeUser(user).watchlist;
        for (String k : plexKeys) {
            if (!catalogue.containsKey(k)) throw new IllegalArgumentException("not in the catalogue: " + k);
            listAdd(user, list, k);
        }
        version.incrementAndGet();
    }

    /** Takes titles off a Home user's watchlist, as that user does in a Plex app. */
    public void homeWatchlistRemove(String user, String... plexKeys) {
        List<String> list = homeUser(user).watchlist;
        for (String k : plexKeys) listRemove(user, list, k);
        version.incrementAndGet();
    }

    /** A Home user's watchlist, newest first. */
    public List<Title> homeWatchlist(String user) {
        return titles(homeUser(user).watchlist);
    }

    private HomeUser homeUser(String title) {
        return home.stream().filter(u -> u.title.equals(title)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Home user " + title));
    }

    /** The watchlist the token stands for: the owner's, or a Home user's. */
    private List<String> watchlistOf(Exchange ex) {
        HomeUser u = member(ex);
        return u == null ? watchlist : u.watchlist;
    }

    /** The Home user the request's token stands for; null: the owner (or no one). */
    private HomeUser member(Exchange ex) {
        String t = ex.param("X-Plex-Token");
        for (HomeUser u : home) if (t != null && u.tokens.contains(t)) return u;
        return null;
    }

    public void revokeTokens() {
        tokens.clear();
    }

    /** Another token of the owner's account, as a second sign-in gets. */
    public void addToken(String token) {
        tokens.add(token);
    }

    public void username(String name) {
        username = name;
    }

    /** Makes GET /library/metadata/{key} answer 404 (a title removed from Plex's catalogue). */
    public void metadataMissing(String plexKey) {
        metadataMissing.add(plexKey);
    }

    /**
     * Lists this title on watchlists without its Guid ids, as Plex does for some titles even when
     * asked with includeGuids=1; its metadata still carries them (docs/services.md).
     */
    public void listedWithoutIds(String plexKey) {
        listedWithoutIds.add(plexKey);
    }

    /** Answers matches under "Video" instead of "Metadata" (a quirk seen in the wild). */
    public void videoVariant(boolean on) {
        videoVariant = on;
    }

    private volatile String autoApprove;
    private volatile boolean tokenPerSignIn;
    private final AtomicInteger signIns = new AtomicInteger();

    /** Every new PIN reads as approved with this token from its first poll on. */
    public void autoApprovePins(String token) {
        tokens.add(token);
        autoApprove = token;
    }

    /**
     * For --demo --serve: every new PIN reads as approved from its first poll on, each with a token
     * of its own for the owner's account (as each real sign-in gets).
     */
    public void autoApproveWithTokenPerSignIn() {
        tokenPerSignIn = true;
    }

    /** A new token of the owner's account, as an approved sign-in hands it out. */
    private String newOwnerToken() {
        String token = "owner-sign-in-" + signIns.incrementAndGet() + "-token-"
                + Long.toHexString(Double.doubleToLongBits(Math.random()));
        tokens.add(token);
        return token;
    }

    /**
     * plex.tv's approval page for a PIN (app.plex.tv/auth on the real service), for a person with a
     * browser or curl: GET shows the PIN's state and, while it waits, a form; POST (the form, or
     * {@code curl -d code=CODE}) approves it for the owner's account with a token of its own.
     */
    private void approvePage(Exchange ex) throws IOException {
        Map<String, String> f = ex.method.equals("POST") ? ex.formFields() : ex.query;
        String code = f.getOrDefault("code", "");
        Pin pin = pins.values().stream().filter(x -> x.code.equals(code)).findFirst().orElse(null);
        if (pin == null || pin.expired || clock.instant().isAfter(pin.expiresAt)) {
            ex.send(404, page("Plex sign-in", "<p>There is no waiting sign-in with the code " + html(code)
                    + ": it expired or was never made. Run --init-plex again.</p>"), "text/html");
            return;
        }
        if (ex.method.equals("POST") && pin.authToken == null) pin.authToken = newOwnerToken();
        if (pin.authToken != null) {
            ex.send(200, page("Plex sign-in", "<p>plex_simkl_sync is signed in to Plex as " + html(username)
                    + ". You can close this page: the terminal carries on.</p>"), "text/html");
            return;
        }
        ex.send(200, page("Plex sign-in", "<p>plex_simkl_sync asks to sign in to Plex as " + html(username)
                + " (code " + html(code) + ").</p><form method=\"post\" action=\"/auth\"><input type=\"hidden\" "
                + "name=\"code\" value=\"" + html(code) + "\"><button type=\"submit\">Approve</button></form>"
                + "<p>Or: <code>curl -d code=" + html(code) + " " + html(url()) + "/auth</code></p>"), "text/html");
    }

    static String page(String title, String body) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + html(title) + "</title></head><body><h1>"
                + html(title) + "</h1>" + body + "</body></html>";
    }

    static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The person approves the PIN with this code in their browser. */
    public void approvePin(String code, String token) {
        for (Pin p : pins.values()) {
            if (p.code.equals(code)) {
                tokens.add(token);
                p.authToken = token;
                return;
            }
        }
        throw new IllegalArgumentException("no PIN with code " + code);
    }

    public void expirePin(String code) {
        pins.values().stream().filter(p -> p.code.equals(code)).forEach(p -> p.expired = true);
    }

    public List<String> pinCodes() {
        List<String> out = new ArrayList<>();
        pins.values().forEach(p -> out.add(p.code));
        return out;
    }

    @Override
    protected Object errorBody(int status) {
        // plex.tv answers a token it no longer accepts with 422 "Invalid token" at times (docs/services.md)
        if (status == 422) return Map.of("errors", List.of(Map.of("code", 1001, "message", "Invalid token", "status",
                422)));
        return Map.of("Error", Map.of("error", status == 429 ? "Too Many Requests" : "Error", "message", "injected",
                "statusCode", status));
    }

    @Override
    protected void handle(Exchange ex) throws IOException {
        String p = ex.path;
        if (p.equals("/auth") || p.equals("/auth/")) {
            approvePage(ex);
            return;
        }
        if (p.startsWith("/api/v2/")) {
            plexTv(ex);
            return;
        }
        if (p.startsWith("/api/home/users")) {
            plexHome(ex);
            return;
        }
        if (!authorised(ex)) {
            ex.sendJson(401, Map.of("Error", Map.of("error", "Unauthorized", "message",
                    "Invalid or missing X-Plex-Token", "statusCode", 401)));
            return;
        }
        HomeUser member = member(ex);
        if (member != null && !member.watchlistOn && (p.startsWith("/library/sections/watchlist")
                || p.startsWith("/actions/"))) {
            // how Plex refuses a managed user without Discover is not published: 403 is our guess
            ex.sendJson(403, Map.of("Error", Map.of("error", "Forbidden", "message",
                    "Watchlist is not available for this user", "statusCode", 403)));
            return;
        }
        if (ex.method.equals("GET") && p.matches("/library/sections/watchlist/(all|available|released)")) {
            watchlistPage(ex);
        } else if (ex.method.equals("GET") && p.equals("/library/metadata/matches")) {
            matches(ex);
        } else if (ex.method.equals("GET") && p.matches("/library/metadata/[^/]+/userState")) {
            userState(ex, member, p.substring("/library/metadata/".length(), p.length() - "/userState".length()));
        } else if (ex.method.equals("GET") && p.startsWith("/library/metadata/")) {
            metadata(ex, p.substring("/library/metadata/".length()));
        } else if (ex.method.equals("GET") && p.equals("/library/search")) {
            search(ex);
        } else if (ex.method.equals("PUT") && (p.equals("/actions/addToWatchlist")
                || p.equals("/actions/removeFromWatchlist"))) {
            action(ex, p.endsWith("addToWatchlist"));
        } else if (p.startsWith("/library/sections/watchlist")) {
            ex.send(404, "<Error error=\"Not Found\" message=\"Section 'watchlist' not found!\" statusCode=\"404\"/>",
                    "application/xml");
        }
    }

    private boolean authorised(Exchange ex) {
        String t = ex.param("X-Plex-Token");
        if (t == null || !(tokens.contains(t) || home.stream().anyMatch(u -> u.tokens.contains(t)))) return false;
        Instant now = clock.instant();
        Instant pinged = lastPing.computeIfAbsent(t, k -> now);
        if (tokenIdleLimit != null && now.isAfter(pinged.plus(tokenIdleLimit))) {
            tokens.remove(t); // expired: it does not come back
            return false;
        }
        return true;
    }

    /** Tokens die after this long without a ping; null: never. */
    public void tokenIdleLimit(Duration d) {
        tokenIdleLimit = d;
    }

    /** How many keep-alive pings were answered. */
    public long pings() {
        return count("GET", "/api/v2/ping");
    }

    private void watchlistPage(Exchange ex) throws IOException {
        int start = intParam(ex, "X-Plex-Container-Start", 0);
        int size = intParam(ex, "X-Plex-Container-Size", 20);
        if (size > 100 || size < 0 || start < 0) {
            ex.sendJson(400, Map.of("Error", Map.of("error", "Bad Request", "message", "Invalid container size",
                    "statusCode", 400)));
            return;
        }
        String typeFilter = ex.query.get("type");
        List<Title> all = new ArrayList<>();
        for (Title t : titles(watchlistOf(ex))) {
            if (typeFilter == null || String.valueOf(t.type().plexTypeNumber()).equals(typeFilter)) all.add(t);
        }
        String sort = ex.query.get("sort");
        if ("watchlistedAt:asc".equals(sort)) Collections.reverse(all);
        // no order asked for, none promised: pages read side by side may each see another order
        if (sort == null && all.size() > 1) Collections.shuffle(all,
                new Random(unsorted.incrementAndGet()));
        if (ex.fault() instanceof Fault.Empty) all = List.of();
        String etag = "\"wl-" + version.get() + "-" + start + "-" + size + "-" + typeFilter + "\"";
        if (etag.equals(ex.header("If-None-Match"))) {
            ex.send(304, "", null);
            return;
        }
        ex.header("ETag", etag);
        boolean guids = "1".equals(ex.query.get("includeGuids"));
        List<Object> page = new ArrayList<>();
        int end = Math.min(all.size(), start + size);
        if (ex.fault() instanceof Fault.ShortPage) end = Math.max(start, end - Math.max(1, (end - start) / 2));
        for (int i = start; i < end; i++) {
            page.add(item(all.get(i), guids && !listedWithoutIds.contains(all.get(i).plexKey())));
        }
        Map<String, Object> mc = new LinkedHashMap<>();
        mc.put("librarySectionID", "watchlist");
        mc.put("librarySectionTitle", "Watchlist");
        mc.put("offset", start);
        mc.put("totalSize", all.size());
        mc.put("identifier", "tv.plex.provider.discover");
        mc.put("size", page.size());
        if (!page.isEmpty()) mc.put("Metadata", page);
        container(ex, mc);
    }

    private static int intParam(Exchange ex, String name, int dflt) {
        String v = ex.param(name);
        try {
            return v == null ? dflt : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Map<String, Object> item(Title t, boolean guids) {
        Map<String, Object> m = new LinkedHashMap<>();
        String kind = t.type() == MediaType.MOVIE ? "movie" : "show";
        m.put("ratingKey", t.plexKey());
        m.put("key", "/library/metadata/" + t.plexKey() + (t.type() == MediaType.SHOW ? "/children" : ""));
        m.put("guid", "plex://" + kind + "/" + t.plexKey());
        m.put("slug", t.slug());
        m.put("type", kind);
        m.put("title", t.plexTitle());
        m.put("year", t.year());
        m.put("userState", false);
        if (guids) {
            List<Object> g = new ArrayList<>();
            t.plexGuids().forEach((ns, id) -> g.add(Map.of("id", ns + "://" + id)));
            if (!g.isEmpty()) m.put("Guid", g);
        }
        return m;
    }

    /** The account's state of one title: its plays, and whether it is on the account's watchlist. */
    private void userState(Exchange ex, HomeUser member, String key) throws IOException {
        Title t = catalogue.get(key);
        if (t == null) {
            ex.sendJson(404, Map.of("Error", Map.of("error", "Not Found", "message", "MetadataItem for " + key
                    + " not found!", "statusCode", 404)));
            return;
        }
        String who = member == null ? "" : member.title;
        ex.sendJson(200, plays.userState(who, t, watchlistedAt.get(who + "/" + key)));
    }

    private void metadata(Exchange ex, String rest) throws IOException {
        String key = rest.replace("/children", "");
        Title t = catalogue.get(key);
        if (t == null || metadataMissing.contains(key)) {
            ex.sendJson(404, Map.of("Error", Map.of("error", "Not Found", "message", "MetadataItem for " + key
                    + " not found!", "statusCode", 404)));
            return;
        }
        Map<String, Object> mc = new LinkedHashMap<>();
        mc.put("offset", 0);
        mc.put("totalSize", 1);
        mc.put("identifier", "tv.plex.provider.metadata");
        mc.put("size", 1);
        mc.put("Metadata", List.of(item(t, true)));
        container(ex, mc);
    }

    private void matches(Exchange ex) throws IOException {
        String type = ex.query.get("type");
        String guid = ex.query.get("guid");
        if (!"1".equals(type) && !"2".equals(type)) {
            ex.sendJson(400, Map.of("Error", Map.of("error", "Bad Request", "message", "type is required",
                    "statusCode", 400)));
            return;
        }
        List<Object> hits = new ArrayList<>();
        if (guid != null && guid.contains("://")) {
            String ns = guid.substring(0, guid.indexOf("://")).toLowerCase(Locale.ROOT);
            String id = guid.substring(guid.indexOf("://") + 3);
            for (Title t : byGuid.getOrDefault(ns + "://" + id, List.of())) {
                if (String.valueOf(t.type().plexTypeNumber()).equals(type)) {
                    // ids only when asked for, as Plex's list answers (a candidate without them cannot be checked)
                    hits.add(item(t, "1".equals(ex.query.get("includeGuids"))));
                }
            }
        }
        Map<String, Object> mc = new LinkedHashMap<>();
        mc.put("offset", 0);
        mc.put("totalSize", hits.size());
        mc.put("identifier", "tv.plex.provider.metadata");
        mc.put("size", hits.size());
        if (!hits.isEmpty()) mc.put(videoVariant ? "Video" : "Metadata", hits);
        container(ex, mc);
    }

    private void search(Exchange ex) throws IOException {
        if (ex.query.get("searchProviders") == null) {
            ex.sendJson(400, Map.of("Error", Map.of("error", "Bad Request", "message", "searchProviders is required",
                    "statusCode", 400)));
            return;
        }
        String q = ex.query.getOrDefault("query", "").toLowerCase(Locale.ROOT);
        String types = ex.query.getOrDefault("searchTypes", "movies,tv");
        List<Object> results = new ArrayList<>();
        for (Title t : catalogue.values()) {
            boolean typeOk = t.type() == MediaType.MOVIE ? types.contains("movies") : types.contains("tv");
            if (typeOk && !q.isEmpty() && t.plexTitle().toLowerCase(Locale.ROOT).contains(q)) {
                Map<String, Object> m = item(t, false);
                m.remove("Guid");
                results.add(Map.of("score", 0.9, "Metadata", m));
            }
        }
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("id", "external");
        block.put("title", "More Ways To Watch");
        block.put("size", results.size());
        block.put("SearchResult", results);
        Map<String, Object> mc = new LinkedHashMap<>();
        mc.put("suggestedTerms", List.of());
        mc.put("identifier", "tv.plex.provider.discover");
        mc.put("size", 1);
        mc.put("SearchResults", List.of(block));
        container(ex, mc);
    }

    private void action(Exchange ex, boolean add) throws IOException {
        String ct = ex.header("Content-Type");
        if (ct != null && ct.contains("application/json")) {
            // Plex answers 500 to write actions sent with JSON content headers (docs/services.md).
            ex.sendJson(500, Map.of("Error", Map.of("error", "Internal Server Error", "statusCode", 500)));
            return;
        }
        String key = ex.query.get("ratingKey");
        if (key == null || !catalogue.containsKey(key)) {
            ex.sendJson(404, Map.of("Error", Map.of("error", "Not Found", "message", "MetadataItem for " + key
                    + " not found!", "statusCode", 404)));
            return;
        }
        HomeUser member = member(ex);
        String who = member == null ? "" : member.title;
        List<String> list = member == null ? watchlist : member.watchlist;
        if (add) listAdd(who, list, key);
        else listRemove(who, list, key);
        version.incrementAndGet();
        ex.sendJson(200, Map.of("MediaContainer", Map.of("size", 0)));
    }

    private void container(Exchange ex, Map<String, Object> mc) throws IOException {
        String accept = ex.header("Accept");
        if (accept != null && accept.contains("application/json")) {
            ex.sendJson(200, Map.of("MediaContainer", mc));
        } else {
            ex.send(200, PlexXml.container(mc), "application/xml");
        }
    }

    private void plexTv(Exchange ex) throws IOException {
        String p = ex.path;
        if (p.equals("/api/v2/pins") && ex.method.equals("POST")) {
            String client = ex.param("X-Plex-Client-Identifier");
            if (client == null || client.isBlank()) {
                ex.sendJson(400, Map.of("errors", List.of(Map.of("code", 1000, "message",
                        "X-Plex-Client-Identifier is missing", "status", 400))));
                return;
            }
            int id = nextPin.getAndIncrement();
            String code = Integer.toString(id * 7919 % 1679616, 36).toUpperCase(Locale.ROOT);
            Pin pin = new Pin(id, code, client, clock.instant().plusSeconds(900));
            Map<String, Object> created = pinJson(pin); // a new PIN reads as pending, even when auto-approved
            // approved (or not) before the answer leaves: set after it, this could undo an approval
            // given as soon as the answer arrived, by a test or a person quick with the browser
            pin.authToken = tokenPerSignIn ? newOwnerToken() : autoApprove;
            pins.put(id, pin);
            ex.sendJson(201, created);
            return;
        }
        if (p.startsWith("/api/v2/pins/") && ex.method.equals("GET")) {
            Pin pin = null;
            try {
                pin = pins.get(Integer.parseInt(p.substring("/api/v2/pins/".length())));
            } catch (NumberFormatException ignored) {
                // unknown pin
            }
            if (pin == null || pin.expired || clock.instant().isAfter(pin.expiresAt)
                    || !pin.clientId.equals(ex.param("X-Plex-Client-Identifier"))) {
                ex.sendJson(404, Map.of("errors", List.of(Map.of("code", 1020, "message", "Code not found or expired",
                        "status", 404))));
                return;
            }
            ex.sendJson(200, pinJson(pin));
            return;
        }
        if (!authorised(ex)) {
            ex.sendJson(401, Map.of("errors", List.of(Map.of("code", 1001, "message",
                    "User could not be authenticated", "status", 401))));
            return;
        }
        if (p.equals("/api/v2/user") && ex.method.equals("GET")) {
            // a Home user's token (from a switch) is that user's: plex.tv answers with who it signs in
            HomeUser member = member(ex);
            String name = member == null ? username : member.title;
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("id", member == null ? 12345 : member.id);
            u.put("uuid", member == null ? "a1b2c3d4e5f6" : "home" + member.id);
            u.put("username", member == null ? username : member.login);
            u.put("title", name);
            u.put("friendlyName", name);
            u.put("email", member == null ? username + "@example.invalid" : "");
            u.put("authToken", ex.param("X-Plex-Token"));
            u.put("subscription", Map.of("active", false, "status", "Inactive"));
            ex.sendJson(200, u);
        } else if (p.equals("/api/v2/ping") && ex.method.equals("GET")) {
            lastPing.put(ex.param("X-Plex-Token"), clock.instant());
            ex.sendJson(200, Map.of("pong", true));
        }
    }

    /**
     * plex.tv's Plex Home, for the owner's token: the users (XML, the owner first and marked admin),
     * and the switch to one of them, which wants its PIN when it has one and answers its token in
     * the root element's authenticationToken. How plex.tv refuses a wrong PIN is our guess: 401.
     * Past {@link #DEFAULT_SWITCHES_PER_HOUR} switches in an hour it answers 429 with Retry-After
     * (the figure is a guess; that plex.tv limits switches is not).
     */
    private void plexHome(Exchange ex) throws IOException {
        String t = ex.param("X-Plex-Token");
        if (t == null || !tokens.contains(t) || !authorised(ex)) {
            ex.send(401, PlexXml.document("errors", Map.of("error", List.of(Map.of("code", 1001, "message",
                    "User could not be authenticated", "status", 401)))), "application/xml");
            return;
        }
        String p = ex.path;
        if (p.equals("/api/home/users") && ex.method.equals("GET")) {
            List<Object> users = new ArrayList<>();
            users.add(userXml(12345, username, username, true, false, false));
            for (HomeUser u : home) users.add(userXml(u.id, u.title, u.login, false, u.managed, u.pin != null));
            Map<String, Object> mc = new LinkedHashMap<>();
            mc.put("friendlyName", "myPlex");
            mc.put("identifier", "com.plexapp.plugins.myplex");
            mc.put("size", users.size());
            mc.put("User", users);
            ex.send(200, PlexXml.container(mc), "application/xml");
            return;
        }
        Matcher m = Pattern.compile("/api/home/users/(\\d+)/switch").matcher(p);
        if (m.matches() && ex.method.equals("POST")) {
            Instant now = clock.instant();
            switches.removeIf(at -> !at.isAfter(now.minus(Duration.ofHours(1))));
            if (switches.size() >= switchesPerHour) {
                long wait = Math.max(1, Duration.between(now, switches.get(0).plus(Duration.ofHours(1))).toSeconds());
                ex.header("Retry-After", Long.toString(wait));
                ex.send(429, PlexXml.document("errors", Map.of("error", List.of(Map.of("code", 1003, "message",
                        "Too many requests", "status", 429)))), "application/xml");
                return;
            }
            switches.add(now);
            int id = Integer.parseInt(m.group(1));
            HomeUser u = home.stream().filter(x -> x.id == id).findFirst().orElse(null);
            if (u == null) {
                ex.send(404, PlexXml.document("errors", Map.of("error", List.of(Map.of("code", 1002, "message",
                        "User not found", "status", 404)))), "application/xml");
                return;
            }
            if (u.pin != null && !u.pin.equals(ex.query.get("pin"))) {
                ex.send(401, PlexXml.document("errors", Map.of("error", List.of(Map.of("code", 1041, "message",
                        "Invalid PIN", "status", 401)))), "application/xml");
                return;
            }
            Map<String, Object> user = new LinkedHashMap<>(userXml(u.id, u.title, u.login, false, u.managed,
                    u.pin != null));
            // each switch hands out a token of its own (our reading: plex.tv signs the user in anew)
            String token = "home-" + u.id + "-token-" + nextHomeToken.getAndIncrement();
            u.tokens.add(token);
            user.put("authenticationToken", token);
            ex.send(201, PlexXml.document("user", user), "application/xml");
            return;
        }
        ex.send(404, PlexXml.document("errors", Map.of()), "application/xml");
    }

    private static Map<String, Object> userXml(int id, String title, String login, boolean admin, boolean managed,
                                               boolean protectedByPin) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("id", id);
        u.put("uuid", Integer.toHexString(id * 7919));
        u.put("admin", admin ? 1 : 0);
        u.put("guest", 0);
        u.put("restricted", managed ? 1 : 0);
        u.put("home", 1);
        u.put("protected", protectedByPin ? 1 : 0);
        u.put("title", title);
        u.put("username", login);
        return u;
    }

    private Map<String, Object> pinJson(Pin pin) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", pin.id);
        m.put("code", pin.code);
        m.put("product", "0");
        m.put("trusted", false);
        m.put("clientIdentifier", pin.clientId);
        m.put("expiresIn", 900);
        m.put("createdAt", pin.expiresAt.minusSeconds(900).toString());
        m.put("expiresAt", pin.expiresAt.toString());
        m.put("authToken", pin.authToken);
        m.put("newRegistration", null);
        return m;
    }
}
