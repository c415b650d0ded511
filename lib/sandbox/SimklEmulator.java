package sandbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import model.MediaType;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Emulates the SIMKL API as docs/services.md describes it: activities, all-items (whole, per
 * status and as date_from deltas; a whole read with episode data of more than {@link #MAX_ITEMS}
 * titles refused with max_items), ratings, add-to-list, history/remove, the OAuth code and PIN
 * flows; client id (412) and Bearer (401) checks, and SIMKL's usage rules ({@link SimklUsageRules}).
 */
public final class SimklEmulator extends Emulator {
    public static final List<String> STATUSES = List.of("plantowatch", "watching", "completed", "hold", "dropped");

    /**
     * How many titles a whole read with SIMKL's episode data (extended=full or
     * full_anime_seasons) may cover before SIMKL refuses it with 400 max_items. SIMKL publishes
     * no figure: ours is a guess (docs/services.md).
     */
    public static final int MAX_ITEMS = 500;

    /** The requests a day of a free account (the default plan), as SIMKL's users report it. */
    public static final int FREE_DAILY_QUOTA = SimklUsageRules.dailyQuota("free");

    /** One library entry: where the title is, and whether it carries watch data or a rating. */
    public static final class Entry {
        public final Title title;
        public volatile String status;
        /** When it was put in the library (the emulator's clock): its rows' added_to_watchlist_at. */
        public volatile String addedAt;
        /** When anything about it last changed: what date_from compares against. */
        public volatile String updatedAt;
        public volatile String lastWatchedAt;
        public volatile int watchedEpisodes;
        public volatile Integer userRating;
        /** When the rating last changed (given, changed or removed); ratings are kept apart from updatedAt. */
        public volatile String ratedAt;
        /** What rows say for status instead of {@code status} (any JSON value; {@link #NO_STATUS}: the key left out);
         * null: status. */
        public volatile Object statusAsSent;

        Entry(Title title, String status, String addedAt) {
            this.title = title;
            this.status = status;
            this.addedAt = addedAt;
            this.updatedAt = addedAt;
        }

        Entry copy() {
            Entry c = new Entry(title, status, addedAt);
            c.updatedAt = updatedAt;
            c.lastWatchedAt = lastWatchedAt;
            c.watchedEpisodes = watchedEpisodes;
            c.userRating = userRating;
            c.ratedAt = ratedAt;
            c.statusAsSent = statusAsSent;
            return c;
        }
    }

    /** A change to one entry and what it held before (null: it was not in the library), for lagging reads. */
    private record Change(Instant at, int simklId, Entry before) {}

    /** A history/remove that erased an entry: what it held when it was erased. */
    public record Erased(Title title, String status, boolean hadWatchData, boolean hadRating) {}

    private final String clientId;
    private final String clientSecret;
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Title> catalogue = new ConcurrentHashMap<>();
    private final Map<Integer, Entry> library = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> activities = new ConcurrentHashMap<>();
    private final List<Erased> erased = new CopyOnWriteArrayList<>();
    private final Map<String, String[]> authCodes = new ConcurrentHashMap<>();
    private final Map<String, String> pinApproved = new ConcurrentHashMap<>();
    private final Set<String> pinsPending = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pinCounter = new AtomicInteger(4242);
    private final AtomicLong tick = new AtomicLong();
    private final Instant epoch = Instant.parse("2026-01-01T00:00:00Z");
    private volatile boolean emptyAsNull = true;
    private volatile boolean withoutAddedAt;
    private volatile boolean expiresIn = true;
    private volatile boolean strict = true;
    private volatile boolean authV2;
    private final SimklAuthV2 v2 = new SimklAuthV2();
    private final SimklUsageRules rules = new SimklUsageRules();
    private volatile Duration listLag = Duration.ZERO;
    private volatile String ratingKey = "rating";
    private final List<Change> journal = new CopyOnWriteArrayList<>();
    private volatile int accountId = 51;
    private volatile String accountName = "Demo";
    private volatile String accountType = "free";

    public SimklEmulator(String clientId, String clientSecret, String accessToken) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        if (accessToken != null) tokens.add(accessToken);
        for (String b : List.of("movies", "tv_shows", "anime")) activities.put(b, new LinkedHashMap<>());
    }

    /**
     * Whose account this emulator's library is: the id and name the settings route answers for
     * every token it accepts (another account is another emulator, with its own library).
     */
    public void account(int id, String name) {
        accountId = id;
        accountName = name;
    }

    /** The account's plan, as the settings route's account.type says it ("free", "pro", "vip"), and its quota. */
    public void accountType(String type) {
        accountType = type;
        rules.quota(SimklUsageRules.dailyQuota(type), SimklUsageRules.Quota.TOO_MANY);
    }

    public void addTitles(List<Title> titles) {
        for (Title t : titles) if (t.simkl() != null) catalogue.put(t.simkl(), t);
    }

    /** The titles SIMKL knows, by name. */
    public List<Title> catalogue() {
        return catalogue.values().stream().sorted(Comparator.comparing(Title::title)).toList();
    }

    /** Empty lists answer {@code null} (apps up to id 58447) or {@code {}} (newer apps). */
    public void emptyAsNull(boolean on) {
        emptyAsNull = on;
    }

    /**
     * Rows without {@code added_to_watchlist_at}, as in SIMKL's answers captured in 2020 (docs/services.md);
     * by default every row carries it, as SIMKL's documented answers do.
     */
    public void withoutAddedAt(boolean on) {
        withoutAddedAt = on;
    }

    /** Another sign-in to this account (an AUTH V1 app): one more token it accepts. */
    public void addToken(String token) {
        tokens.add(token);
    }

    public void revokeTokens() {
        tokens.clear();
        v2.revokeAll();
    }

    /**
     * The app is an AUTH V2 app ("TV, devices & command line"): it signs in with the device grant,
     * its access tokens run out after seven days and are renewed with the refresh token, and V1's
     * PIN, code exchange and tokens are refused to it. V1 apps (the default) are refused V2's.
     */
    public void authV2() {
        authV2 = true;
    }

    /**
     * The app is an AUTH V2 app of a browser type ("Mobile, desktop & browser apps"): it signs in
     * on V2's authorization page with PKCE and exchanges the code with its verifier; SIMKL does not
     * give it the device grant. Otherwise as {@link #authV2()}.
     */
    public void authV2Browser() {
        authV2 = true;
        v2.browserApp(true);
    }

    /** The PKCE verifiers V2 code exchanges were made with: no output of the tool may show one. */
    public List<String> codeVerifiers() {
        return v2.verifiers();
    }

    /** A V2 sign-in done beforehand, as config.json would hold it: access token, refresh token, expiry. */
    public String[] signedInV2() {
        return signedInV2(SimklAuthV2.SCOPE);
    }

    /** {@link #signedInV2()} granted only {@code scope} ("media:read": a token that may not write). */
    public String[] signedInV2(String scope) {
        SimklAuthV2.Issued t = v2.issue(clock.instant(), scope);
        return new String[] {t.access(), t.refresh(), String.valueOf(t.expiresAt())};
    }

    /** The person approves a V2 device sign-in on the PIN page. */
    public void approveDevice(String userCode) {
        v2.approve(userCode);
    }

    /** The person declines a V2 device sign-in. */
    public void denyDevice(String userCode) {
        v2.deny(userCode);
    }

    /** The user codes of V2 device sign-ins waiting for the person. */
    public List<String> pendingDevices() {
        return v2.pending();
    }

    private volatile Instant lastPostAt;

    /** When a POST to the person's lists last arrived (emulator clock), or null: SIMKL wants them a second apart. */
    public Instant lastPostAt() {
        return lastPostAt;
    }

    /** How many times a V2 access token was renewed. */
    public long renewals() {
        return v2.renewals();
    }

    /**
     * Strict mode (on unless turned off): SIMKL's pacing and polling rules, answered with 429 when
     * broken (see {@link SimklUsageRules}). Off only for benchmarks that measure something else.
     */
    public void strict(boolean on) {
        strict = on;
    }

    /**
     * The account's daily quota of requests (by default its plan's, as SIMKL's users report them),
     * and how SIMKL answers past it: 412 client_id_failed "Total Requests Limit Exceeded" (its
     * blueprint), 403 "denied due to API limits", or 429 user_limit_exceeded (reported by others; the
     * default, with Retry-After).
     */
    public void dailyQuota(int perDay, String answer) {
        rules.quota(perDay, quotaAnswer(answer));
    }

    /** Only {@code more} requests are left today for the account, then the quota's answer ("412", "403", "429"). */
    public void quotaLeftToday(int more, String answer) {
        rules.leftToday(more, quotaAnswer(answer));
    }

    private static SimklUsageRules.Quota quotaAnswer(String answer) {
        return switch (answer) {
            case "412" -> SimklUsageRules.Quota.PRECONDITION;
            case "403" -> SimklUsageRules.Quota.FORBIDDEN;
            case "429" -> SimklUsageRules.Quota.TOO_MANY;
            default -> throw new IllegalArgumentException("answer " + answer + ": 412, 403 or 429");
        };
    }

    /** Whether the token answer carries expires_in (current docs) or not (the older three-field answer). */
    public void tokenExpiresIn(boolean on) {
        expiresIn = on;
    }

    /**
     * Lists lag behind writes: for this long after a change, all-items answers show the entry as it
     * was (activities move at once), as SIMKL's lists can trail a write by seconds. Zero: no lag.
     */
    public void listLag(Duration lag) {
        listLag = lag;
    }

    /**
     * The key ratings rows carry the score under: "rating" (the default, as other SIMKL clients
     * read it) or "user_rating" (SIMKL's own sample). A removed rating shows with that key null.
     */
    public void ratingsUnder(String key) {
        if (!key.equals("rating") && !key.equals("user_rating")) throw new IllegalArgumentException(key);
        ratingKey = key;
    }

    private void journal(int simklId) {
        if (listLag.isZero()) return;
        Entry e = library.get(simklId);
        journal.add(new Change(clock.instant(), simklId, e == null ? null : e.copy()));
    }

    /** The library as list reads see it now: changes younger than the lag undone, newest first. */
    private Map<Integer, Entry> visibleLibrary() {
        if (listLag.isZero() || journal.isEmpty()) return library;
        Instant horizon = clock.instant().minus(listLag);
        journal.removeIf(c -> !c.at().isAfter(horizon));
        Map<Integer, Entry> view = new HashMap<>(library);
        List<Change> recent = new ArrayList<>(journal);
        for (int i = recent.size() - 1; i >= 0; i--) {
            Change c = recent.get(i);
            if (c.before() == null) view.remove(c.simklId());
            else view.put(c.simklId(), c.before());
        }
        return view;
    }

    /** The person files a title in a list on simkl.com. */
    public Entry put(int simklId, String status) {
        Title t = catalogue.get(simklId);
        if (t == null) throw new IllegalArgumentException("not in the catalogue: " + simklId);
        journal(simklId);
        Entry e = library.get(simklId);
        String before = e == null ? null : e.status;
        if (e == null) {
            e = new Entry(t, status, now());
            // when it was put in the library, on the clock (the stamps above count changes on a timeline of their own)
            e.addedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
            library.put(simklId, e);
        } else {
            e.status = status;
            e.updatedAt = now();
        }
        touch(t, before, status);
        return e;
    }

    /**
     * The person removes a title from their library on simkl.com. Its rating goes with it, which
     * moves rated_at too (SIMKL: "if removed items from the lists had ratings, they would be
     * removed"); the title is in no ratings read any more.
     */
    public void delete(int simklId) {
        journal(simklId);
        Entry e = library.remove(simklId);
        if (e != null) {
            touch(e.title, e.status, null);
            bump(e.title, "removed_from_list");
            if (e.userRating != null) bump(e.title, "rated_at");
        }
    }

    public void watched(int simklId, int episodes) {
        journal(simklId);
        Entry e = library.get(simklId);
        e.watchedEpisodes = episodes;
        e.lastWatchedAt = now();
        e.updatedAt = e.lastWatchedAt;
        bump(e.title, e.status);
    }

    /**
     * The person rates a title already in a list. As on SIMKL, this moves only the bucket's
     * rated_at stamp: the title's list did not change, so it is absent from all-items deltas
     * (date_from) and shows in the ratings read (/sync/ratings?date_from=) instead.
     */
    public void rate(int simklId, int rating) {
        journal(simklId);
        Entry e = library.get(simklId);
        e.userRating = rating;
        e.ratedAt = now();
        bump(e.title, "rated_at");
    }

    /** The person removes a rating: rated_at moves, and the ratings read shows the title without one. */
    public void unrate(int simklId) {
        journal(simklId);
        Entry e = library.get(simklId);
        e.userRating = null;
        e.ratedAt = now();
        bump(e.title, "rated_at");
    }

    /** For {@link #oddStatus}: rows leave the status key out. */
    public static final Object NO_STATUS = new Object();

    /**
     * Rows show this status for the title from now on (a number, an unknown word, null, or
     * {@link #NO_STATUS}): an answer SIMKL does not document, as a changed or broken API might send.
     * Counts as a change of the title, so deltas carry it.
     */
    public void oddStatus(int simklId, Object raw) {
        journal(simklId);
        Entry e = library.get(simklId);
        e.statusAsSent = raw;
        e.updatedAt = now();
        bump(e.title, e.status);
    }

    /** The person plays part of a title: SIMKL moves the bucket's playback stamp, and no list changes. */
    public void playback(int simklId) {
        bump(library.get(simklId).title, "playback");
    }

    public Entry entry(int simklId) {
        return library.get(simklId);
    }

    /** Titles in a status, any bucket. */
    public List<Title> inStatus(String status) {
        List<Title> out = new ArrayList<>();
        library.values().forEach(e -> { if (e.status.equals(status)) out.add(e.title); });
        out.sort(Comparator.comparing(Title::title));
        return out;
    }

    public List<Erased> erased() {
        return List.copyOf(erased);
    }

    private volatile String autoApprove;
    private final Map<String, Instant> lastPoll = new ConcurrentHashMap<>();
    private volatile Duration pinPollGap = Duration.ofSeconds(5);

    /** Polls of one code closer together than this get "Slow down" (the default: the interval SIMKL hands out). */
    public void pinPollGap(Duration gap) {
        pinPollGap = gap;
    }

    /** Every new PIN code reads as approved with this token at its first poll. */
    public void autoApprovePins(String token) {
        tokens.add(token);
        autoApprove = token;
        v2.autoApprove(true);
    }

    /** An account a sign-in got of its own: its id and name, as the settings route answers them. */
    private record Account(int id, String name) {}

    /** The tokens that sign in to accounts of their own (the rest sign in to the main account). */
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final AtomicInteger ownAccounts = new AtomicInteger();
    private volatile boolean accountPerSignIn;

    /**
     * For --demo --serve: every V1 sign-in is approved at once (a PIN at its first poll, a code at
     * the authorization page) and gets an account and a token of its own, with its own daily quota,
     * so that one folder's reads never spend another's allowance. Every account sees the same lists.
     */
    public void autoApproveWithAccountPerSignIn() {
        accountPerSignIn = true;
    }

    /** What an approved PIN holds until its poll makes the new account's token. */
    private static final String NEW_ACCOUNT = "";

    /** A token of a new account of its own (see {@link #autoApproveWithAccountPerSignIn}). */
    private String newAccountToken() {
        int n = ownAccounts.incrementAndGet();
        String token = "account-" + n + "-token-" + Long.toHexString(Double.doubleToLongBits(Math.random()))
                + "0123456789";
        accounts.put(token, new Account(accountId + n, accountName + " " + (n + 1)));
        tokens.add(token);
        return token;
    }

    /** The person approves a PIN code on simkl.com/pin. */
    public void approvePin(String userCode, String token) {
        if (!pinsPending.contains(userCode)) throw new IllegalArgumentException("no pending PIN " + userCode);
        tokens.add(token);
        pinApproved.put(userCode, token);
    }

    public void expirePin(String userCode) {
        pinsPending.remove(userCode);
    }

    public List<String> pendingPins() {
        return List.copyOf(pinsPending);
    }

    private String now() {
        return epoch.plusSeconds(tick.incrementAndGet()).toString();
    }

    private static String actBucket(Title t) {
        return t.bucket().equals("shows") ? "tv_shows" : t.bucket();
    }

    private void touch(Title t, String from, String to) {
        String ts = now();
        Map<String, String> a = activities.get(actBucket(t));
        if (from != null) a.put(from, ts);
        if (to != null) a.put(to, ts);
        a.put("all", ts);
        allTs = ts;
    }

    private void bump(Title t, String key) {
        String ts = now();
        Map<String, String> a = activities.get(actBucket(t));
        a.put(key, ts);
        a.put("all", ts);
        allTs = ts;
    }

    private volatile String allTs;

    @Override
    protected Object errorBody(int status) {
        return Map.of("error", status == 429 ? "rate_limit" : "injected", "code", status);
    }

    @Override
    protected void handle(Exchange ex) throws IOException {
        String p = ex.path;
        if (p.equals("/oauth/authorize")) {
            authorize(ex);
            return;
        }
        if (p.equals("/oauth2/authorize")) {
            if (authV2) v2.authorize(ex, clientId, clock.instant());
            else ex.send(400, "<html><body><h1>Authorization error</h1><p>This client id is not an AUTH V2 app"
                    + "</p></body></html>", "text/html");
            return;
        }
        if (p.equals("/pin") || p.equals("/pin/")) {
            ex.send(200, "<html><body>Enter your code</body></html>", "text/html");
            return;
        }
        String cid = ex.query.get("client_id");
        if (cid == null) cid = ex.header("simkl-api-key");
        if (!clientId.equals(cid)) {
            ex.sendJson(412, Map.of("error", "client_id_failed", "code", 412, "message",
                    "Your client_id is wrong. Try another one"));
            return;
        }
        if (p.startsWith("/oauth2/")) {
            // each generation's sign-in serves only its own apps: a V1 app is refused V2's with 401 invalid_client
            // (reported); the body must be a form whoever asks (RFC 6749, RFC 8628)
            if (!SimklAuthV2.formPost(ex)) return;
            if (authV2) v2.handle(ex, clientId, clock.instant(), url());
            else ex.sendJson(401, Map.of("error", "invalid_client", "error_description",
                    "This client id is not registered for this sign-in"));
            return;
        }
        if (authV2 && p.startsWith("/oauth/")) {
            // a V2 app asking for V1's PIN is answered 400 (reported); how V1's code exchange refuses it is our guess
            if (p.startsWith("/oauth/pin")) ex.sendJson(400, Map.of("error", "invalid_request", "message",
                    "This app uses AUTH V2: sign in at /oauth2/device"));
            else ex.sendJson(401, Map.of("error", "invalid_client", "error_description",
                    "This client id is not registered for this sign-in"));
            return;
        }
        if (p.equals("/oauth/token") && ex.method.equals("POST")) {
            token(ex);
            return;
        }
        if (p.startsWith("/oauth/pin") && ex.method.equals("GET")) {
            pin(ex);
            return;
        }
        boolean settings = p.equals("/users/settings");
        if (!p.startsWith("/sync/") && !settings) return;
        String auth = ex.header("Authorization");
        String bearer = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : "";
        if (!(authV2 ? v2.valid(bearer, clock.instant()) : tokens.contains(bearer))) {
            ex.sendJson(401, Map.of("error", "user_token_failed", "code", 401));
            return;
        }
        if (ex.method.equals("POST")) lastPostAt = clock.instant();
        if (authV2 && ex.method.equals("POST") && !settings && !v2.mayWrite(bearer)) {
            ex.sendJson(403, Map.of("error", "insufficient_scope", "code", 403));
            return;
        }
        if (strict) {
            String scope = fullReadScope(ex);
            Account account = accounts.get(bearer);
            SimklUsageRules.Refusal no = rules.check(bearer, account == null ? SimklUsageRules.MAIN_ACCOUNT
                    : String.valueOf(account.id()), ex.method, scope, listVersion(scope), clock.instant());
            if (no != null) {
                if (no.retryAfter() != null) ex.header("Retry-After", no.retryAfter());
                ex.sendJson(no.status(), Map.of("error", no.error(), "code", no.status(), "message", no.message()));
                return;
            }
        }
        if (settings && ex.method.equals("POST")) {
            settings(ex, accounts.get(bearer));
        } else if (p.equals("/sync/activities") && ex.method.equals("GET")) {
            ex.sendJson(200, activitiesJson());
        } else if (p.startsWith("/sync/all-items") && ex.method.equals("GET")) {
            allItems(ex, p.substring("/sync/all-items".length()));
        } else if (p.startsWith("/sync/ratings") && !p.startsWith("/sync/ratings/remove")
                && (ex.method.equals("GET") || ex.method.equals("POST"))) {
            ratings(ex, p.substring("/sync/ratings".length()));
        } else if (p.equals("/sync/add-to-list") && ex.method.equals("POST")) {
            addToList(ex);
        } else if (p.equals("/sync/history/remove") && ex.method.equals("POST")) {
            historyRemove(ex);
        } else if (p.equals("/sync/history") && ex.method.equals("POST")) {
            history(ex);
        }
    }

    /**
     * The list a request reads whole ("movies", "shows", "anime" or "all", with "/status" for a read
     * of one status), or null: not a whole-list read.
     */
    private static String fullReadScope(Exchange ex) {
        if (!ex.method.equals("GET") || !ex.path.startsWith("/sync/all-items")
                || ex.query.containsKey("date_from")) return null;
        if (ex.fault() != null) return null; // an injected answer is the test's doing, not the client's habit
        String scope = ex.path.substring("/sync/all-items".length()).replaceAll("^/", "").replaceAll("/$", "");
        return scope.isEmpty() ? "all" : scope;
    }

    /** What the scope's lists look like now: its activity stamps, playback aside. */
    private String listVersion(String scope) {
        if (scope == null) return null;
        String type = scope.split("/")[0];
        StringBuilder v = new StringBuilder();
        for (String b : List.of("movies", "tv_shows", "anime")) {
            if (!type.equals("all") && !b.equals(type.equals("shows") ? "tv_shows" : type)) continue;
            activities.get(b).forEach((k, t) -> { if (!k.equals("playback")
                    && !k.equals("all")) v.append(b).append('.').append(k).append('=').append(t).append(';'); });
        }
        return v.toString();
    }

    private Map<String, Object> activitiesJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("all", allTs);
        m.put("settings", Map.of("all", epoch.toString()));
        for (String b : List.of("tv_shows", "anime", "movies")) {
            Map<String, Object> a = new LinkedHashMap<>();
            Map<String, String> have = activities.get(b);
            List<String> keys = new ArrayList<>(List.of("all", "rated_at", "playback", "plantowatch", "watching",
                    "completed", "hold", "dropped", "removed_from_list"));
            if (b.equals("movies")) keys.removeAll(List.of("watching", "hold"));
            for (String k : keys) a.put(k, have.get(k));
            m.put(b, a);
        }
        return m;
    }

    private void allItems(Exchange ex, String rest) throws IOException {
        String[] parts = rest.replaceAll("^/", "").split("/");
        String type = parts.length > 0 && !parts[0].isEmpty() ? parts[0] : null;
        String status = parts.length > 1 ? parts[1] : null;
        if (type != null && !List.of("movies", "shows", "anime").contains(type)) {
            ex.sendJson(400, Map.of("error", "wrong_parameter", "code", 400));
            return;
        }
        String dateFrom = ex.query.get("date_from");
        String extended = ex.query.getOrDefault("extended", "");
        if (status == null && dateFrom == null && (extended.equals("full") || extended.equals("full_anime_seasons"))
                && visibleLibrary().values().stream().filter(e -> type == null || e.title.bucket().equals(type))
                        .count() > MAX_ITEMS) {
            // refused the same way however often it is asked: only a read per status gets through
            ex.sendJson(400, Map.of("error", "max_items", "code", 400, "message",
                    "Too many items for one request; request them by status"));
            return;
        }
        Map<String, List<Object>> out = new LinkedHashMap<>();
        if (!(ex.fault() instanceof Fault.Empty)) {
            List<Entry> entries = new ArrayList<>(visibleLibrary().values());
            entries.sort(Comparator.comparing(e -> e.title.title()));
            for (Entry e : entries) {
                if (type != null && !e.title.bucket().equals(type)) continue;
                if (status != null && !e.status.equals(status)) continue;
                if (dateFrom != null && e.updatedAt.compareTo(dateFrom) <= 0) continue;
                Object row = extended.equals("simkl_ids_only") || extended.equals("ids_only")
                        ? minified(e, extended.equals("ids_only")) : row(e, extended.equals("full_anime_seasons"));
                out.computeIfAbsent(e.title.bucket(), k -> new ArrayList<>()).add(row);
            }
        }
        if (out.isEmpty()) {
            ex.sendJson(200, emptyAsNull ? null : Map.of());
        } else {
            ex.sendJson(200, out);
        }
    }

    /**
     * The settings route: the account's user block, account block (id, timezone, type) and
     * connections; {@code own}: the account a sign-in got of its own, or null (the main account).
     */
    private void settings(Exchange ex, Account own) throws IOException {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("name", own == null ? accountName : own.name());
        user.put("joined_at", "2019-03-02T10:00:00Z");
        user.put("gender", "");
        user.put("avatar", "");
        user.put("bio", "");
        user.put("loc", "");
        user.put("age", "");
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("id", own == null ? accountId : own.id());
        account.put("timezone", "Europe/Berlin");
        account.put("type", accountType);
        ex.sendJson(200, Map.of("user", user, "account", account, "connections", Map.of("facebook", false)));
    }

    /**
     * /sync/ratings[/type[/rating]]: rated titles, in the all-items row shape but with the score
     * under {@link #ratingsUnder the rating key}. With date_from, the titles whose rating changed
     * after it, a removed rating included (that key null), as the blueprint's "skip items with
     * deleted ratings" implies; with a rating filter, only those scores. A title deleted from the
     * library is in none.
     */
    private void ratings(Exchange ex, String rest) throws IOException {
        String[] parts = rest.replaceAll("^/", "").split("/");
        String type = parts.length > 0 && !parts[0].isEmpty() ? parts[0] : null;
        List<String> scores = parts.length > 1 ? List.of(parts[1].split(",")) : null;
        if (type != null && !List.of("movies", "shows", "anime").contains(type)) {
            ex.sendJson(400, Map.of("error", "wrong_parameter", "code", 400));
            return;
        }
        String dateFrom = ex.query.get("date_from");
        Map<String, List<Object>> out = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>(visibleLibrary().values());
        entries.sort(Comparator.comparing(e -> e.title.title()));
        for (Entry e : entries) {
            if (type != null && !e.title.bucket().equals(type)) continue;
            if (dateFrom == null ? e.userRating == null : e.ratedAt == null
                    || e.ratedAt.compareTo(dateFrom) <= 0) continue;
            if (scores != null && (e.userRating == null || !scores.contains(String.valueOf(e.userRating)))) continue;
            Map<String, Object> row = row(e, false);
            row.remove("user_rating");
            row.put(ratingKey, e.userRating);
            out.computeIfAbsent(e.title.bucket(), k -> new ArrayList<>()).add(row);
        }
        ex.sendJson(200, out.isEmpty() ? (emptyAsNull ? null : Map.of()) : out);
    }

    /**
     * A minified all-items row (extended=simkl_ids_only or ids_only): the title's ids and nothing
     * else, not even its status. SIMKL documents these shapes only as "minified"; this one is our
     * reading of it (see docs/services.md).
     */
    private static Map<String, Object> minified(Entry e, boolean allIds) {
        Title t = e.title;
        Map<String, Object> ids = new LinkedHashMap<>();
        ids.put("simkl", t.simkl());
        if (allIds) {
            if (t.imdb() != null) ids.put("imdb", t.imdb());
            if (t.tmdb() != null) ids.put("tmdb", t.tmdb());
            if (t.mal() != null) ids.put("mal", t.mal());
        }
        return Map.of(t.bucket().equals("movies") ? "movie" : "show", Map.of("ids", ids));
    }

    /** One all-items row. Anime rows carry a TVDB id only when asked with extended=full_anime_seasons, as SIMKL's do.
     * */
    private Map<String, Object> row(Entry e, boolean animeSeasons) {
        Title t = e.title;
        Map<String, Object> r = new LinkedHashMap<>();
        if (!withoutAddedAt) r.put("added_to_watchlist_at", e.addedAt);
        // as in SIMKL's own sample: a never-watched show or anime in Plan to Watch may carry a
        // last_watched_at, and every row a user_rated_at, rated or not
        boolean episodic = t.type() == MediaType.SHOW || t.bucket().equals("anime");
        r.put("last_watched_at", e.lastWatchedAt != null ? e.lastWatchedAt : episodic
                && "plantowatch".equals(e.status) ? e.addedAt : null);
        r.put("user_rated_at", e.ratedAt != null ? e.ratedAt : e.addedAt);
        r.put("user_rating", e.userRating);
        if (e.statusAsSent == null) r.put("status", e.status);
        else if (e.statusAsSent != NO_STATUS) r.put("status", e.statusAsSent);
        if (t.type() == MediaType.SHOW || t.bucket().equals("anime")) {
            r.put("last_watched", e.watchedEpisodes > 0 ? "S01E0" + Math.min(9, e.watchedEpisodes) : null);
            r.put("next_to_watch", "S01E01");
            r.put("watched_episodes_count", e.watchedEpisodes);
            r.put("total_episodes_count", 10);
            r.put("not_aired_episodes_count", 0);
        }
        if (t.animeType() != null) r.put("anime_type", t.animeType());
        Map<String, Object> ids = new LinkedHashMap<>();
        ids.put("simkl", t.simkl());
        ids.put("slug", t.slug());
        if (t.imdb() != null) ids.put("imdb", t.imdb());
        if (t.tmdb() != null) ids.put("tmdb", t.tmdb());
        if (t.tvdb() != null && (animeSeasons || !t.bucket().equals("anime"))) ids.put("tvdb", t.tvdb());
        if (t.mal() != null) ids.put("mal", t.mal());
        if (t.anidb() != null) ids.put("anidb", t.anidb());
        Map<String, Object> media = new LinkedHashMap<>();
        media.put("title", t.title());
        media.put("poster", "00/0000000000000000");
        media.put("year", t.year());
        media.put("runtime", 100);
        media.put("ids", ids);
        r.put(t.bucket().equals("movies") ? "movie" : "show", media);
        return r;
    }

    /** Finds a catalogue title from request ids: simkl wins, then any other id in the right kind. */
    private Title resolve(JsonNode ids, boolean movieKey) {
        if (ids == null || !ids.isObject()) return null;
        if (ids.hasNonNull("simkl")) return catalogue.get(ids.get("simkl").asInt());
        for (Title t : catalogue.values()) {
            boolean kindOk = movieKey ? t.bucket().equals("movies") || "movie".equals(t.animeType())
                    : !t.bucket().equals("movies") && !"movie".equals(t.animeType());
            if (!kindOk) continue;
            if (eq(ids, "imdb", t.imdb()) || eq(ids, "tmdb", t.tmdb()) || eq(ids, "tvdb", t.tvdb())
                    || eq(ids, "mal", t.mal()) || eq(ids, "anidb", t.anidb())) return t;
        }
        return null;
    }

    private static boolean eq(JsonNode ids, String key, String value) {
        return value != null && ids.hasNonNull(key) && ids.get(key).asText().equals(value);
    }

    private void addToList(Exchange ex) throws IOException {
        JsonNode req = Json.MAPPER.readTree(ex.body);
        if (req.has("to")) {
            ex.sendJson(400, Map.of("error", "empty_field", "code", 400, "message", "Missed \"to\" parameter"));
            return;
        }
        for (String key : List.of("movies", "shows", "anime")) {
            for (JsonNode item : req.path(key)) {
                if (!item.hasNonNull("to") || !STATUSES.contains(item.get("to").asText())) {
                    ex.sendJson(400, Map.of("error", "empty_field", "code", 400, "message", "Missed \"to\" parameter"));
                    return;
                }
            }
        }
        Map<String, List<Object>> added = new LinkedHashMap<>();
        Map<String, List<Object>> notFound = new LinkedHashMap<>();
        added.put("movies", new ArrayList<>());
        added.put("shows", new ArrayList<>());
        notFound.put("movies", new ArrayList<>());
        notFound.put("shows", new ArrayList<>());
        for (String key : List.of("movies", "shows", "anime")) {
            for (JsonNode item : req.path(key)) {
                String outKey = key.equals("movies") ? "movies" : "shows";
                Title t = resolve(item.get("ids"), key.equals("movies"));
                if (t == null) {
                    notFound.get(outKey).add(Map.of("ids", item.get("ids")));
                    continue;
                }
                String to = item.get("to").asText();
                if (t.type() == MediaType.MOVIE && to.equals("watching")) to = "completed";
                put(t.simkl(), to);
                Map<String, Object> echo = Json.MAPPER.convertValue(item, new TypeReference<Map<String, Object>>() {});
                echo.put("to", to);
                echo.put("type", outKey.equals("movies") ? "movie" : "show");
                added.get(outKey).add(echo);
            }
        }
        ex.sendJson(201, Map.of("added", added, "not_found", notFound));
    }

    /**
     * Adds titles to the history: each goes to the status asked for, else to completed (every show
     * here has ended; SIMKL keeps one still airing in watching), with its watch time ({@code
     * watched_at}, else now) and, for a show, all its episodes watched. Answers like SIMKL's sample.
     */
    private void history(Exchange ex) throws IOException {
        JsonNode req = Json.MAPPER.readTree(ex.body);
        Map<String, Object> added = new LinkedHashMap<>();
        List<Object> statuses = new ArrayList<>();
        Map<String, List<Object>> notFound = new LinkedHashMap<>();
        notFound.put("movies", new ArrayList<>());
        notFound.put("shows", new ArrayList<>());
        int movies = 0;
        int shows = 0;
        for (String key : List.of("movies", "shows")) {
            for (JsonNode item : req.path(key)) {
                Title t = resolve(item.get("ids"), key.equals("movies"));
                if (t == null) {
                    notFound.get(key).add(Map.of("ids", item.get("ids")));
                    continue;
                }
                String status = item.path("status").asText("completed");
                if (!STATUSES.contains(status)) status = "completed";
                String at = item.hasNonNull("watched_at") ? item.get("watched_at").asText() : now();
                Entry e = put(t.simkl(), status);
                e.lastWatchedAt = at;
                if (t.type() == MediaType.SHOW || t.bucket().equals("anime")) e.watchedEpisodes = 10;
                if (key.equals("movies")) movies++;
                else shows++;
                statuses.add(Map.of("request", Json.MAPPER.convertValue(item, new TypeReference<Map<String, Object>>()
                        { }), "response", Map.of("status", status, "simkl_type", t.bucket().equals("movies") ? "movie"
                        : t.bucket().equals("anime") ? "anime" : "tv")));
            }
        }
        added.put("movies", movies);
        added.put("shows", shows);
        added.put("episodes", 0);
        added.put("statuses", statuses);
        ex.sendJson(201, Map.of("added", added, "not_found", notFound));
    }

    private void historyRemove(Exchange ex) throws IOException {
        JsonNode req = Json.MAPPER.readTree(ex.body);
        int movies = 0;
        int shows = 0;
        Map<String, List<Object>> notFound = new LinkedHashMap<>();
        notFound.put("movies", new ArrayList<>());
        notFound.put("shows", new ArrayList<>());
        for (String key : List.of("movies", "shows")) {
            for (JsonNode item : req.path(key)) {
                Title t = resolve(item.get("ids"), key.equals("movies"));
                Entry e = t == null ? null : library.get(t.simkl());
                if (e == null) {
                    notFound.get(key).add(Map.of("ids", item.get("ids")));
                    continue;
                }
                erased.add(new Erased(t, e.status, e.watchedEpisodes > 0 || e.lastWatchedAt != null,
                        e.userRating != null));
                delete(t.simkl());
                if (key.equals("movies")) movies++;
                else shows++;
            }
        }
        ex.sendJson(201, Map.of("deleted", Map.of("movies", movies, "shows", shows, "episodes", 0), "not_found",
                notFound));
    }

    private void authorize(Exchange ex) throws IOException {
        String redirect = ex.query.get("redirect_uri");
        if (authV2 || !clientId.equals(ex.query.get("client_id")) || redirect == null
                || !"code".equals(ex.query.get("response_type"))) {
            ex.send(400, "<html><body>Bad authorization request</body></html>", "text/html");
            return;
        }
        String code = "code-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        authCodes.put(code, new String[] {redirect});
        String state = ex.query.get("state");
        String loc = redirect + (redirect.contains("?") ? "&" : "?") + "code=" + code
                + (state == null ? "" : "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8));
        ex.header("Location", loc);
        ex.send(302, "", "text/html");
    }

    private void token(Exchange ex) throws IOException {
        Map<String, String> f = SimklAuthV2.fields(ex);
        String[] issued = authCodes.remove(f.getOrDefault("code", ""));
        if (issued == null || !clientId.equals(f.get("client_id")) || !clientSecret.equals(f.get("client_secret"))
                || !issued[0].equals(f.get("redirect_uri")) || !"authorization_code".equals(f.get("grant_type"))) {
            ex.sendJson(401, Map.of("error", "grant_error"));
            return;
        }
        String token = accountPerSignIn ? newAccountToken()
                : "simkl-token-" + Long.toHexString(Double.doubleToLongBits(Math.random())) + "abcdef0123456789";
        tokens.add(token);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("access_token", token);
        r.put("token_type", "bearer");
        r.put("scope", "public");
        if (expiresIn) r.put("expires_in", 157680000);
        ex.sendJson(200, r);
    }

    private void pin(Exchange ex) throws IOException {
        String rest = ex.path.substring("/oauth/pin".length()).replaceAll("^/", "");
        if (!rest.isEmpty()) {
            Instant now = clock.instant();
            Instant last = lastPoll.put(rest, now);
            if (pinsPending.contains(rest) && last != null && now.isBefore(last.plus(pinPollGap))) {
                ex.sendJson(200, Map.of("result", "KO", "message", "Slow down"));
                return;
            }
            String token = pinApproved.remove(rest);
            if (NEW_ACCOUNT.equals(token)) token = newAccountToken();
            if (token != null) {
                pinsPending.remove(rest);
                ex.sendJson(200, Map.of("result", "OK", "access_token", token));
                return;
            }
            if (pinsPending.contains(rest)) {
                ex.sendJson(200, Map.of("result", "KO", "message", "Authorization pending"));
                return;
            }
            // an unknown or used code falls through to creating a new one, as SIMKL does
        }
        String code = Integer.toString(pinCounter.incrementAndGet() * 104729 % 60466176, 36).toUpperCase(Locale.ROOT);
        pinsPending.add(code);
        // an account of its own is made when the sign-in completes, not for codes nobody polls
        String approved = accountPerSignIn ? NEW_ACCOUNT : autoApprove;
        if (approved != null) pinApproved.put(code, approved);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("result", "OK");
        r.put("device_code", "DEVICE_CODE");
        r.put("user_code", code);
        r.put("verification_uri", "https://simkl.com/pin");
        r.put("verification_url", "https://simkl.com/pin");
        r.put("expires_in", 900);
        r.put("interval", 5);
        ex.sendJson(200, r);
    }
}
