package sync;

import config.Config;
import http.AuthException;
import http.LimitException;
import http.ServiceException;
import plex.PlexClient;
import simkl.SimklClient;

import java.util.Locale;

/**
 * Whose lists a run syncs, checked against whose lists state.json's snapshot was taken of: a Plex
 * watchlist (the account's own or a Plex Home user's) and a SIMKL account. A snapshot of other lists
 * makes the run a first run (adds only), said in one warning, instead of taking every title those
 * lists lack as removed by the person. Each side is asked at most once, and only after a new sign-in.
 */
final class WhoseLists {
    static final String FIRST_RUN = "It is a first run for this watchlist: it adds only, removes nothing on either "
            + "side, and takes a new snapshot.";
    static final String SIMKL_FIRST_RUN = "It is a first run for this account's lists: it adds only, removes nothing "
            + "on either side, reads SIMKL whole and takes a new snapshot.";
    /** The plan recorded when SIMKL's answer names none (read as the smallest allowance). */
    static final String UNKNOWN_PLAN = "unknown";

    private final Config config;
    private final SyncJob.Clients clients;
    private final SyncJob.Log log;

    WhoseLists(Config config, SyncJob.Clients clients, SyncJob.Log log) {
        this.config = config;
        this.clients = clients;
        this.log = log;
    }

    /** The state to plan with for the lists this run syncs: the one place a snapshot is bound to them. */
    BoundState bind(State state) throws ServiceException, AuthException {
        return new BoundState(forThisSimklAccount(forThisWatchlist(state)));
    }

    /**
     * The state to plan with for the Plex watchlist this run syncs ({@link State#forWatchlist}).
     * Asked only of a snapshot that names its watchlist; a Plex Home user is known from config.json,
     * the account from state.json while its token is the one recorded there, else from plex.tv (one
     * request). When plex.tv cannot say, the run stops before anything is read or written.
     */
    private State forThisWatchlist(State state) throws ServiceException, AuthException {
        if (!state.seeded() || state.plexWatchlist() == null) return state; // recorded beside the reads
        State.PlexWatchlist now = knownWatchlist(state);
        if (now == null) now = accountWatchlist();
        if (state.snapshotOfAnother(now)) {
            log.warn("state.json's snapshot is of " + state.plexWatchlist().describe() + "; this run syncs "
                    + now.describe() + ". " + FIRST_RUN);
        }
        return state.forWatchlist(now);
    }

    /**
     * The state with the watchlist this run syncs recorded, for the snapshot it saves (beside the
     * reads: nothing is decided on it in this run). When plex.tv cannot say, it stays unrecorded.
     */
    State recordWatchlist(State state) throws AuthException {
        State.PlexWatchlist now = knownWatchlist(state);
        try {
            if (now == null) now = accountWatchlist();
        } catch (ServiceException e) {
            log.debug("whose Plex watchlist this is stays unrecorded this run: " + e.getMessage());
            return state;
        }
        return state.withPlexWatchlist(now);
    }

    /** The watchlist known without asking: a Plex Home user's, or the account's recorded with this token; else null. */
    private State.PlexWatchlist knownWatchlist(State state) {
        Config.Home home = config.plex().home();
        if (home != null) return State.PlexWatchlist.ofHomeUser(home.userId(), home.user());
        State.PlexWatchlist known = state.plexWatchlist();
        boolean sameToken = known != null && known.owner() == State.Owner.ACCOUNT
                && State.tag(config.plex().accountToken()).equals(known.tokenTag());
        return sameToken ? known : null;
    }

    private State.PlexWatchlist accountWatchlist() throws ServiceException, AuthException {
        PlexClient.Account a = clients.owner.account();
        return State.PlexWatchlist.ofAccount(a.id(), a.name(), config.plex().accountToken());
    }

    /**
     * The state to plan with for the SIMKL account this run syncs ({@link State#forSimklAccount}).
     * Asked only when state.json names an account and the sign-in changed since: then SIMKL's
     * settings route says whose the new one is (one request). A snapshot of another account makes
     * the run a first run that reads SIMKL whole. When SIMKL cannot say for a while (no answer, a
     * limit, a server error) the run stops before anything is read or written; when the route
     * itself is refused or answers without an id, the account is unknown and the run is a first run.
     */
    private State forThisSimklAccount(State state) throws ServiceException, AuthException {
        State.SimklAccount known = state.simklAccount();
        if (known == null) return state; // recorded after the run, for the next one
        if (clients.simklSignIn.equals(known.tokenTag())) return state;
        State.SimklAccount now;
        try {
            now = account(clients.simkl, clients.simklSignIn);
        } catch (ServiceException e) {
            if (passing(e)) throw e;
            if (state.seeded() || state.simkl() != null) {
                log.warn("Could not learn which SIMKL account the new sign-in is (" + e.getMessage()
                        + "); state.json's snapshot is of the SIMKL lists of " + known.describe() + ". "
                        + SIMKL_FIRST_RUN);
            }
            return state.forSimklAccount(null);
        }
        if (state.simklOfAnother(now) && state.seeded()) {
            log.warn("state.json's snapshot is of the SIMKL lists of " + known.describe() + "; this run syncs "
                    + now.describe() + ". " + SIMKL_FIRST_RUN);
        }
        return state.forSimklAccount(now);
    }

    /**
     * The state with the SIMKL account recorded, after a run that will save it: asked of SIMKL only
     * when state.json names no account for this sign-in, or names it without its plan (written
     * before plans were recorded: asked once more). When SIMKL cannot say, it stays unrecorded and
     * the next run asks again (a refusal too: what the run did is saved all the same).
     */
    State recordSimklAccount(State state) {
        State.SimklAccount known = state.simklAccount();
        if (known != null && clients.simklSignIn.equals(known.tokenTag()) && known.plan() != null) return state;
        try {
            return state.withSimklAccount(account(clients.simkl, clients.simklSignIn));
        } catch (ServiceException | AuthException e) {
            log.debug("whose SIMKL account this is stays unrecorded this run: " + e.getMessage());
            return state;
        }
    }

    private static State.SimklAccount account(SimklClient simkl, String tag) throws ServiceException, AuthException {
        SimklClient.Account a = simkl.account();
        return new State.SimklAccount(a.id(), a.name(), tag, a.type() == null ? UNKNOWN_PLAN
                : a.type().toLowerCase(Locale.ROOT));
    }

    /** A failure that passes with time: the next run asks again. */
    private static boolean passing(ServiceException e) {
        int status = e.status();
        return e instanceof LimitException || status == 0 || status == 429 || status >= 500;
    }
}
