package cli;

import config.Config;
import config.ConfigException;
import config.ConfigFile;
import http.AuthException;
import http.Service;
import http.ServiceException;
import plex.PlexClient;
import plex.PlexHome;
import sync.StateFile;

import java.io.IOException;

/**
 * The token of the Plex Home user whose watchlist is synced (docs/services.md, "Plex Home").
 * plex.tv limits how often an account switches to a Home user, so the token a switch answers is
 * kept — in config.json (plex.home_user_token) beside the other tokens, and its digest with the
 * user it stands for in state.json (plex_home_token) — and used until Plex refuses it: only then
 * does a run switch again, once. A kept token is used only for the user state.json says it stands
 * for. A switch or a check that is refused stops the command before any list is read, so the
 * owner's watchlist is never read in the Home user's place.
 */
final class HomeUserToken {
    private HomeUserToken() {}

    /**
     * The client of the Home user's watchlist: with the kept token while Plex accepts it (one small
     * read of the watchlist checks it), else with the token of a new switch, kept for the next runs.
     */
    static PlexClient client(Session s, Config c) throws ServiceException, AuthException, Failure {
        Config.Home home = c.plex().home();
        String kept = s.connections.switchedHomeToken(home.userId());
        if (kept == null && standsFor(s, home)) kept = home.token();
        if (kept != null) {
            s.console.redactor().add(kept);
            PlexClient plex = s.connections.plex(c.plex().withToken(kept), c.endpoints());
            try {
                plex.readWatchlistPage();
                s.console.debug("Plex: the kept token of the Plex Home user \"" + home.user() + "\" is accepted; "
                        + "no switch");
                return plex;
            } catch (AuthException e) {
                plex.close();
                refused(s, home, e.status());
            } catch (ServiceException e) {
                plex.close();
                if (e.status() != 404) throw e;
                refused(s, home, 404); // no watchlist for this token: a new one tells whether the user has one
            } catch (RuntimeException e) {
                plex.close();
                throw e;
            }
        }
        String token = switchTo(s, c, home);
        keep(s, home.userId(), token);
        PlexClient plex = s.connections.plex(c.plex().withToken(token), c.endpoints());
        try {
            checkWatchlist(plex, home.user(), null, "Nothing was read or changed.");
            return plex;
        } catch (ServiceException | Failure | RuntimeException e) {
            plex.close();
            throw e;
        }
    }

    private static void refused(Session s, Config.Home home, int status) {
        s.console.info("Plex refused the kept token of the Plex Home user \"" + home.user() + "\" (HTTP " + status
                + "); switching to the user again.");
    }

    /** A switch to the Home user with the owner's token (and the user's PIN); a refusal stops the command. */
    private static String switchTo(Session s, Config c, Config.Home home) throws ServiceException, AuthException {
        String token;
        try (PlexHome plexHome = new PlexHome(c.plex(), c.endpoints(), s.connections.policy(), VersionInfo.TOOL)) {
            token = plexHome.switchTo(home.userId(), home.pin());
        } catch (AuthException e) {
            throw new AuthException(Service.PLEX_HOME, "Could not switch to the Plex Home user \"" + home.user()
                    + "\": " + e.getMessage(), e.status());
        }
        s.console.redactor().add(token);
        s.console.debug("Plex: switched to the Plex Home user \"" + home.user() + "\"");
        return token;
    }

    /** Whether state.json records the token in config.json as this Home user's (an unreadable state.json: no). */
    private static boolean standsFor(Session s, Config.Home home) {
        if (home.token().isBlank()) return false;
        try {
            return StateFile.homeTokenStands(s.folder().stateFile(), home.userId(), home.token());
        } catch (ConfigException e) {
            s.console.debug("the kept Plex Home token is not used: " + e.getMessage());
            return false;
        }
    }

    /**
     * Keeps the token a switch answered: for the rest of this run, and, in a run that holds the run
     * lock and writes (a sync, a restore; not a dry run, --list or --doctor), in config.json and
     * state.json. A save that fails only costs the next run a switch.
     */
    private static void keep(Session s, String userId, String token) {
        s.connections.rememberHomeToken(userId, token);
        if (!s.holdsLock() || s.dryRun()) {
            s.console.debug("the Plex Home user's new token serves this run only (a dry run, --list, --doctor and "
                    + "--why save none)");
            return;
        }
        try {
            save(s, userId, token);
        } catch (ConfigException | IOException e) {
            s.console.warn("Could not keep the Plex Home user's token (" + e.getMessage() + "); the next run "
                    + "switches to the user again.");
        }
    }

    /**
     * Writes the Home user's token into config.json and its digest into state.json, under the run
     * lock the caller holds. config.json first: a state.json left behind only makes the next run switch.
     */
    static void save(Session s, String userId, String token) throws ConfigException, IOException {
        ConfigFile.update(s.folder().configFile(), tree -> ConfigFile.set(tree, "plex.home_user_token", token));
        StateFile.keepHomeToken(s.folder().stateFile(), userId, token, s.ctx.clock().instant());
    }

    /**
     * Reads one title of the Home user's watchlist, right after a switch. Plex may give a managed
     * user no watchlist at all (Discover off): a refusal, or no watchlist to read, stops the
     * command with that said ({@code managed}: whether the user is a managed one; null: not known).
     */
    static void checkWatchlist(PlexClient plex, String user, Boolean managed, String nothingDone)
            throws ServiceException, Failure {
        int status;
        try {
            plex.readWatchlistPage();
            return;
        } catch (AuthException e) {
            status = e.status();
        } catch (ServiceException e) {
            if (e.status() != 404) throw e;
            status = 404;
        }
        String who = Boolean.TRUE.equals(managed) ? "the managed user \"" + user + "\""
                : "the Plex Home user \"" + user + "\"";
        String why = Boolean.FALSE.equals(managed) ? "" : " Plex leaves Discover, and the watchlist with it, off "
                + "for managed users (Home users without a Plex account of their own).";
        throw new Failure(ExitCode.AUTH, "Plex does not give " + who + " a watchlist: it refused to read it (HTTP "
                + status + ") right after the switch." + why + " " + nothingDone + " Give this person a Plex account"
                + " of their own in your Plex Home and choose it with --init-plex --home-user NAME, or sync the "
                + "owner's watchlist with --init-plex --owner-watchlist.");
    }
}
