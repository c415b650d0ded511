package cli;

import config.Config;
import http.AuthException;
import http.ServiceException;
import plex.PlexClient;
import simkl.SimklClient;

import java.time.Instant;
import java.util.List;

/** The --doctor checks that ask the services: each token, the Plex Home switch, the Discover watchlist. */
final class ServiceChecks {
    private ServiceChecks() {
    }

    /** Both services, SIMKL first (its app and sign-in come first in the set-up), then Plex. */
    static void run(Session s, Config config, List<DoctorCheck> checks) {
        try (SimklClient simkl = s.connections.simkl(config)) {
            simklChecks(s, config, simkl, checks);
        }
        if (config.plex().accountToken().isBlank()) {
            checks.add(DoctorCheck.fail("plex token", "plex.account_token is empty: run --init-plex"));
        } else {
            try (PlexClient owner = s.connections.plex(config.plex(), config.endpoints())) {
                plexChecks(s, config, owner, checks);
            }
        }
    }

    private static void plexChecks(Session s, Config config, PlexClient owner, List<DoctorCheck> checks) {
        try {
            checks.add(DoctorCheck.ok("plex token", "accepted by plex.tv (" + owner.user() + ") at "
                    + config.endpoints().plexTv()));
        } catch (AuthException e) {
            String fromEnv = Failure.fromEnvironment("PLEX_ACCOUNT_TOKEN", s.environment());
            checks.add(DoctorCheck.fail("plex token", "refused by plex.tv: " + (fromEnv != null ? fromEnv
                    : "run --init-plex")));
        } catch (ServiceException e) {
            checks.add(DoctorCheck.fail("plex token", unanswered(e, "plex.tv", config.endpoints().plexTv(),
                    "PLEX_SIMKL_SYNC_PLEX_TV_URL")));
        }
        PlexClient watchlist = owner;
        Config.Home home = config.plex().home();
        if (home != null) {
            try {
                watchlist = s.connections.watchlistPlex(config);
                checks.add(DoctorCheck.ok("plex home user", "syncs the watchlist of \"" + home.user()
                        + "\" (Plex accepts its token" + (home.pin().isBlank() ? "" : "; its PIN is given") + ")"));
            } catch (AuthException e) {
                checks.add(DoctorCheck.fail("plex home user", e.getMessage() + " "
                        + Failure.signInHint(e, s.environment())));
                return;
            } catch (ServiceException | Failure e) {
                checks.add(DoctorCheck.fail("plex home user", e.getMessage()));
                return;
            }
        }
        try {
            watchlist.readWatchlistPage();
            checks.add(DoctorCheck.ok("plex discover", config.endpoints().plexDiscover() + " answers the watchlist"));
        } catch (AuthException e) {
            checks.add(DoctorCheck.fail("plex discover", "refused the token: run --init-plex"));
        } catch (ServiceException e) {
            checks.add(DoctorCheck.fail("plex discover", unanswered(e, "Plex", config.endpoints().plexDiscover(),
                    "PLEX_SIMKL_SYNC_PLEX_DISCOVER_URL")));
        } finally {
            if (watchlist != owner) watchlist.close();
        }
    }

    private static void simklChecks(Session s, Config config, SimklClient simkl, List<DoctorCheck> checks) {
        if (config.simkl().clientId().isBlank()) {
            checks.add(DoctorCheck.fail("simkl token", Session.SIMKL_ID_MISSING + " Then run --init-simkl pin."));
            return;
        }
        if (config.simkl().accessToken().isBlank()) {
            checks.add(DoctorCheck.fail("simkl token", Session.SIMKL_TOKEN_MISSING));
            return;
        }
        try {
            simkl.activities();
            checks.add(DoctorCheck.ok("simkl token", "accepted by SIMKL at " + config.endpoints().simklApi()
                    + "; " + tokenKind(s, simkl)));
        } catch (AuthException e) {
            checks.add(DoctorCheck.fail("simkl token", "refused by SIMKL: " + Failure.signInHint(e, s.environment())));
        } catch (ServiceException e) {
            checks.add(DoctorCheck.fail("simkl token", unanswered(e, "SIMKL", config.endpoints().simklApi(),
                    "PLEX_SIMKL_SYNC_SIMKL_API_URL")));
        }
    }

    /** What kind of SIMKL token is in use, and what it means for the person. */
    static String tokenKind(Session s, SimklClient simkl) {
        String env = s.ctx.env().get("SIMKL_ACCESS_TOKEN");
        if (env != null && !env.isBlank()) {
            return "the token comes from SIMKL_ACCESS_TOKEN, which this tool neither renews nor saves";
        }
        if (simkl.tokenRenewable()) {
            String until = s.times().full(Instant.ofEpochSecond(simkl.tokenExpiresAt()));
            return "an AUTH V2 token, good until " + until + "; each run renews it a day before it runs out";
        }
        return "an AUTH V1 token, which does not run out; SIMKL is reported to retire V1 apps in 2027: then "
                + "register a V2 app (\"TV, devices & command line\"), put its client id in simkl.client_id and run "
                + "--init-simkl pin";
    }

    /**
     * A service that could not be reached or answered oddly, said once: the failure (which already
     * says to check the network when there was no answer), and the address with the variable that sets it.
     */
    static String unanswered(ServiceException e, String name, String url, String variable) {
        String where = " (address " + url + ", set by " + variable + ")";
        if (e.status() == 0) return e.getMessage().replaceFirst("\\.$", "") + where + ".";
        return name + where + " did not answer as expected: " + e.getMessage();
    }
}
