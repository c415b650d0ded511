package cli;

import config.Config;
import config.ConfigException;
import config.ConfigFile;
import config.ConfigValues;
import http.AuthException;
import http.HttpPolicy;
import http.PaceFile;
import http.ServiceException;
import plex.PlexClient;
import simkl.SimklClient;
import simkl.SimklOAuth;
import simkl.SimklTokens;
import sync.SyncJob;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The service clients a command opens, all with this run's HTTP policy: its timeouts, the
 * credentials the services accepted in this run (every --watch round included, see {@link
 * HttpPolicy}), a SIMKL token renewed and saved when it runs out, and the token of the Plex Home
 * user this run switched to ({@link HomeUserToken}).
 */
final class Connections {
    private final Session s;
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    /** What this run could not save (a renewed token), taken by the next report that tells it. */
    private final Queue<String> notSaved = new ConcurrentLinkedQueue<>();
    /** Tokens this run switched to, by Home user id: a --watch round after a switch uses it without asking again. */
    private final Map<String, String> homeTokens = new ConcurrentHashMap<>();

    Connections(Session s) {
        this.s = s;
    }

    /** Both service clients of a sync, with its settings, their first requests' set-up begun; close them when done. */
    SyncJob.Clients forSync(Config c) throws ServiceException, AuthException, Failure {
        String signIn = simklSignIn(c);
        if (c.plex().home() == null) {
            PlexClient plex = plex(c.plex(), c.endpoints());
            SimklClient simkl = simkl(c);
            prepare(plex, simkl);
            return new SyncJob.Clients(plex, simkl, plex, signIn, this::notSaved);
        }
        PlexClient owner = plex(c.plex(), c.endpoints());
        try {
            PlexClient watchlist = watchlistPlex(c);
            SimklClient simkl = simkl(c);
            prepare(watchlist, simkl);
            return new SyncJob.Clients(watchlist, simkl, owner, signIn, this::notSaved);
        } catch (ServiceException | AuthException | Failure | RuntimeException e) {
            owner.close();
            throw e;
        }
    }

    /**
     * Builds the HTTP clients of a sync's first requests (the Plex watchlist's, SIMKL's) on a thread of
     * their own while the run reads state.json: a request sent first waits for its client.
     */
    private static void prepare(PlexClient plex, SimklClient simkl) {
        Thread t = new Thread(() -> {
            plex.prepare();
            simkl.prepare();
        }, "http-prepare");
        t.setDaemon(true);
        t.start();
    }

    /** What could not be saved since the last call, in words; each is told once. */
    private List<String> notSaved() {
        List<String> out = new ArrayList<>();
        for (String what = notSaved.poll(); what != null; what = notSaved.poll()) out.add(what);
        return out;
    }

    /**
     * The client of the watchlist being synced: the owner's, or, with plex.home_user, the Home
     * user's, with its kept token while Plex accepts it, else switched to with the owner's token
     * (and the user's PIN) ({@link HomeUserToken}). A switch that fails stops the command (exit 3):
     * the owner's list is never read in its place.
     */
    PlexClient watchlistPlex(Config c) throws ServiceException, AuthException, Failure {
        if (c.plex().home() == null) return plex(c.plex(), c.endpoints());
        return HomeUserToken.client(s, c);
    }

    void rememberHomeToken(String userId, String token) {
        homeTokens.put(userId, token);
    }

    /** The token this run switched to for the Home user {@code userId}; null: none yet. */
    String switchedHomeToken(String userId) {
        return homeTokens.get(userId);
    }

    PlexClient plex(Config.Plex credentials, Config.Endpoints endpoints) {
        return new PlexClient(credentials, endpoints, policy(), VersionInfo.TOOL);
    }

    /** The SIMKL client of this run; a token that runs out (AUTH V2) is renewed and saved when it must be. */
    SimklClient simkl(Config c) {
        return new SimklClient(c.simkl(), c.endpoints(), policy(), VersionInfo.TOOL, simklTokens(c),
                new PaceFile(s.folder().paceFile(), s.console::debug, s.ctx.sleeper()));
    }

    /** SIMKL's sign-in endpoints, for --init-simkl. */
    SimklOAuth simklOAuth(Config c) {
        return new SimklOAuth(c.simkl().clientId(), c.endpoints(), policy(), VersionInfo.TOOL);
    }

    /**
     * Whether config.json's SIMKL sign-in is a renewable pair this run uses: a V1 token does not run
     * out, and a token given in SIMKL_ACCESS_TOKEN is not config.json's pair.
     */
    private boolean renewable(Config.Simkl k) {
        String fromEnv = s.ctx.env().get("SIMKL_ACCESS_TOKEN");
        return !k.refreshToken().isBlank() && (fromEnv == null || fromEnv.isBlank());
    }

    /**
     * The token that tells the SIMKL sign-in apart: its refresh token when config.json holds a
     * renewable pair (the access token changes with every renewal, the refresh token only with a new
     * sign-in), else the access token used (config.json's or SIMKL_ACCESS_TOKEN's).
     */
    String simklSignIn(Config c) {
        Config.Simkl k = c.simkl();
        return renewable(k) ? k.refreshToken() : k.accessToken();
    }

    /** The keeper of a renewable SIMKL token (it is renewed and saved), or null when there is none to renew. */
    private SimklTokens simklTokens(Config c) {
        Config.Simkl k = c.simkl();
        if (!renewable(k)) return null;
        Path file = s.folder().configFile();
        SimklTokens.Store store = t -> {
            try {
                saveSimklTokens(file, t, null);
            } catch (ConfigException | RuntimeException e) {
                notSaved.add("the renewed SIMKL token, in " + file + " (" + e.getMessage() + ")");
                throw e;
            }
        };
        return new SimklTokens(new SimklOAuth.Tokens(k.accessToken(), k.refreshToken(), k.tokenExpiresAt()),
                simklOAuth(c), store, s.ctx.clock(), s.console.redactor(), s.console::warn);
    }

    /**
     * Writes SIMKL tokens into config.json in one atomic rewrite: the access token, its refresh
     * token and when it runs out (both empty for a token that does not run out), and the client id
     * they belong to when the file has none (it came from SIMKL_CLIENT_ID; tokens are useless without it).
     */
    static void saveSimklTokens(Path configFile, SimklOAuth.Tokens t, String clientId) throws ConfigException {
        ConfigFile.update(configFile, tree -> {
            ConfigFile.set(tree, "simkl.access_token", t.access());
            ConfigFile.set(tree, "simkl.refresh_token", t.renewable() ? t.refresh() : "");
            ConfigFile.set(tree, "simkl.token_expires_at", t.expiresAt());
            if (clientId != null && tree.path("simkl").path("client_id").asText("").isBlank()) {
                ConfigFile.set(tree, "simkl.client_id", clientId);
            }
        });
    }

    /**
     * Timeouts, retries and waiting for this run: PLEX_SIMKL_SYNC_HTTP_TIMEOUT_MS shortens (or
     * lengthens) the read timeout.
     */
    HttpPolicy policy() {
        HttpPolicy p = HttpPolicy.defaults(s.ctx.clock(), s.ctx.sleeper(), s.console.redactor(), s.console::debug,
                "plex_simkl_sync/" + VersionInfo.TOOL).withAccepted(accepted);
        Long ms = ConfigValues.whole(s.ctx.env(), "PLEX_SIMKL_SYNC_HTTP_TIMEOUT_MS", ConfigValues.HTTP_TIMEOUT_MS_MIN,
                ConfigValues.HTTP_TIMEOUT_MS_MAX);
        if (ms != null) {
            Duration read = Duration.ofMillis(ms);
            p = p.withTimeouts(read.compareTo(p.connectTimeout()) < 0 ? read : p.connectTimeout(), read);
        }
        return p;
    }
}
