package cli;

import config.Config;
import config.ConfigException;
import config.ConfigFile;
import com.fasterxml.jackson.databind.node.ObjectNode;
import files.RunLock;
import http.AuthException;
import plex.PlexClient;
import plex.PlexHome;
import plex.PlexPinLogin;
import sync.StateFile;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * --init-plex: Plex PIN sign-in; saves plex.account_token after checking it (and the client
 * identifier it was issued to, when config.json had none). Nothing is written unless it succeeds.
 * With --home-user: then picks a user of the owner's Plex Home (by name, or from a list on a
 * terminal), switches to it (with its PIN when it has one: --home-pin, PLEX_HOME_PIN or a prompt
 * that does not echo), reads its watchlist once (Plex may give a managed user none), and saves
 * which user the syncs use and the token the switch answered; the PIN only with --save-home-pin.
 * With --owner-watchlist: the syncs go back to the owner's own watchlist.
 */
record InitPlexCommand(boolean open, String homeUser, String homePin, boolean saveHomePin, boolean ownerWatchlist)
        implements Command {
    @Override
    public int run(Session s) throws Exception {
        Config config = s.config();
        String clientId = config.plex().clientIdentifier();
        String token = reuseOwner(s, config);
        String name = null;
        if (token == null) {
            token = signIn(s, config, clientId);
            try (PlexClient check = s.connections.plex(new Config.Plex(token, clientId), config.endpoints())) {
                name = check.user();
            }
        }
        String owner = token;
        if (ownerWatchlist) return backToOwner(s, config, owner, clientId);
        if (homeUser == null) {
            save(s, tree -> {
                ConfigFile.set(tree, "plex.account_token", owner);
                keepClientIdentifier(tree, clientId);
            });
            s.console.ok("Signed in to Plex as " + name + ". Token saved to " + s.folder().configFile() + ". "
                    + (config.simkl().accessToken().isBlank() ? "Next, sign in to SIMKL: run --init-simkl pin."
                            : "Next, see what a sync would do without changing anything: run --sync --dry-run."));
            if (config.plex().home() != null) {
                s.console.info("Syncs still use the watchlist of the Plex Home user \"" + config.plex().home().user()
                        + "\" (plex.home_user); --init-plex --owner-watchlist syncs the owner's own watchlist "
                        + "instead.");
            }
            return ExitCode.OK;
        }
        return chooseHomeUser(s, config, new Config.Plex(owner, clientId));
    }

    /**
     * With --home-user or --owner-watchlist and an owner token in config.json that plex.tv still
     * accepts: that token, so the choice needs no new sign-in; else null.
     */
    private String reuseOwner(Session s, Config config) {
        if ((homeUser == null && !ownerWatchlist) || config.plex().accountToken().isBlank()) return null;
        try (PlexClient check = s.connections.plex(new Config.Plex(config.plex().accountToken(),
                config.plex().clientIdentifier()), config.endpoints())) {
            s.console.info("Signed in to Plex as " + check.user() + " already (plex.account_token)"
                    + (ownerWatchlist ? "." : "; choosing a Home user."));
            return config.plex().accountToken();
        } catch (Exception e) {
            s.console.debug("the saved Plex token is not accepted (" + e.getMessage() + "): signing in again");
            return null;
        }
    }

    private String signIn(Session s, Config config, String clientId) throws Exception {
        try (PlexClient plex = s.connections.plex(new Config.Plex("", clientId), config.endpoints())) {
            PlexPinLogin login = new PlexPinLogin(plex);
            PlexPinLogin.Pin pin = login.create();
            String link = PlexPinLogin.authUrl(config.endpoints().plexTv(), clientId, pin.code());
            s.console.plain("To sign in to Plex, open this link (on any device) and approve plex_simkl_sync:");
            s.console.plain("  " + link);
            if (open) Browser.open(link, s.console);
            Duration limit = s.authTimeout(Duration.ofSeconds(pin.expiresIn()));
            for (Duration waited = Duration.ZERO; waited.compareTo(limit) < 0; waited = waited.plusSeconds(1)) {
                s.ctx.sleeper().sleep(Duration.ofSeconds(1));
                String token = login.poll(pin.id());
                if (token == null) continue;
                s.console.redactor().add(token);
                return token;
            }
            throw new Failure(ExitCode.PARTIAL, "The Plex PIN expired before it was approved; nothing was saved. "
                    + "Run --init-plex again.");
        } catch (PlexPinLogin.Expired e) {
            throw new Failure(ExitCode.PARTIAL, e.getMessage());
        }
    }

    private int chooseHomeUser(Session s, Config config, Config.Plex owner) throws Exception {
        try (PlexHome home = new PlexHome(owner, config.endpoints(), s.connections.policy(), VersionInfo.TOOL)) {
            List<PlexHome.User> users = home.users().stream().filter(u -> !u.admin()).toList();
            if (users.isEmpty()) {
                throw Failure.usage("This Plex account has no other Plex Home users to choose from; run --init-plex "
                        + "without --home-user to sync the owner's watchlist.");
            }
            HomeUserPrompt ask = new HomeUserPrompt(s, homePin);
            PlexHome.User chosen = homeUser.isBlank() ? ask.choose(users) : HomeUserPrompt.byName(users, homeUser);
            String pin = chosen.protectedByPin() ? ask.pin(chosen) : null;
            s.console.redactor().add(pin); // typed at the prompt: known to no other part of the run
            // switched once now: a wrong PIN is said here, not at the first sync, and the token serves the syncs
            String token = switchTo(home, chosen, pin);
            s.console.redactor().add(token);
            try (PlexClient watchlist = s.connections.plex(owner.withToken(token), config.endpoints())) {
                HomeUserToken.checkWatchlist(watchlist, chosen.title(), chosen.managed(), "Nothing was saved.");
            }
            boolean keepPin = saveHomePin && pin != null;
            saveHomeUser(s, owner, chosen, keepPin ? pin : null, token);
            s.console.ok("Syncs now use the watchlist of the Plex Home user \"" + chosen.title() + "\". Its token is "
                    + "kept and used until Plex refuses it; only then does a sync switch to the user again. Saved to "
                    + s.folder().configFile() + ".");
            if (chosen.protectedByPin() && !keepPin) {
                s.console.warn("\"" + chosen.title() + "\" has a PIN, which a sync needs whenever it switches to the "
                        + "user again: set PLEX_HOME_PIN for the job, or run --init-plex --home-user \""
                        + chosen.title() + "\" --save-home-pin to keep it in " + s.folder().configFile()
                        + " (mode 600).");
            }
            return ExitCode.OK;
        }
    }

    /**
     * Under the run lock, config.json names the Home user the syncs use (with the owner's token, and
     * the PIN when it is to be kept, else none), then the token the switch answered is kept.
     */
    private static void saveHomeUser(Session s, Config.Plex owner, PlexHome.User chosen, String pin, String token)
            throws ConfigException, Failure {
        try (RunLock lock = s.lockToEdit()) {
            ConfigFile.update(s.folder().configFile(), tree -> {
                ConfigFile.set(tree, "plex.account_token", owner.accountToken());
                keepClientIdentifier(tree, owner.clientIdentifier());
                ConfigFile.set(tree, "plex.home_user", chosen.title());
                ConfigFile.set(tree, "plex.home_user_id", chosen.id());
                if (pin != null) ConfigFile.set(tree, "plex.home_pin", pin);
                else if (tree.path("plex").isObject()) ((ObjectNode) tree.get("plex")).remove("home_pin");
            });
            keepToken(s, chosen.id(), token);
        }
    }

    /**
     * The switch to the chosen user, its refusal said as a sign-in's: the owner's token was just
     * accepted, so a refusal is the PIN's (or the user's) and only choosing again helps.
     */
    private static String switchTo(PlexHome home, PlexHome.User chosen, String pin) throws Exception {
        try {
            return home.switchTo(chosen.id(), pin);
        } catch (AuthException e) {
            String again = " Nothing was saved. Run --init-plex --home-user \"" + chosen.title() + "\" again";
            if (chosen.protectedByPin() && e.status() == 401) {
                throw new Failure(ExitCode.AUTH, "plex.tv did not accept the PIN of the Plex Home user \""
                        + chosen.title() + "\" (HTTP 401)." + again + " with that user's PIN (the one that opens "
                        + "their profile in Plex).");
            }
            if (e.status() == 404) {
                throw new Failure(ExitCode.AUTH, e.getMessage() + " Nothing was saved. Run --init-plex --home-user "
                        + "without a name to choose from the Home's users as they are now.");
            }
            throw new Failure(ExitCode.AUTH, e.getMessage() + again + ".");
        }
    }

    /** The Home user's token and its digest (state.json), after config.json names the user. */
    private static void keepToken(Session s, String userId, String token) throws Failure {
        try {
            HomeUserToken.save(s, userId, token);
        } catch (ConfigException | IOException e) {
            // the choice itself is saved: the first sync switches again instead of using this token
            s.console.warn("Could not keep the Plex Home user's token (" + e.getMessage() + "); the first sync "
                    + "switches to the user again.");
        }
    }

    /** --owner-watchlist: the owner's token saved, the Home user, its PIN and its token forgotten. */
    private int backToOwner(Session s, Config config, String owner, String clientId) throws Exception {
        Config.Home was = config.plex().home();
        try (RunLock lock = s.lockToEdit()) {
            ConfigFile.update(s.folder().configFile(), tree -> {
                ConfigFile.set(tree, "plex.account_token", owner);
                keepClientIdentifier(tree, clientId);
                if (tree.path("plex").isObject()) {
                    ((ObjectNode) tree.get("plex")).remove(List.of("home_user", "home_user_id", "home_pin",
                            "home_user_token"));
                }
            });
            forgetToken(s);
        }
        s.console.ok((was == null ? "Syncs use" : "Syncs now use") + " the owner's own Plex watchlist"
                + (was == null ? "" : " instead of the Plex Home user \"" + was.user() + "\"'s") + ". Saved to "
                + s.folder().configFile() + ".");
        return ExitCode.OK;
    }

    /** The digest of a Home user's token, dropped from state.json (when there is one to drop). */
    private static void forgetToken(Session s) {
        try {
            StateFile.forgetHomeToken(s.folder().stateFile());
        } catch (ConfigException | IOException e) {
            // the token itself left config.json: a digest without it stands for nothing
            s.console.debug("state.json keeps the digest of the old Home user's token: " + e.getMessage());
        }
    }

    /**
     * One rewrite of config.json under the run lock. Only the rewrite holds it, not the wait for the
     * person, and it reads config.json again first: a sync's or an --exclude's write in between stays.
     */
    private static void save(Session s, Consumer<ObjectNode> change) throws ConfigException, Failure {
        try (RunLock lock = s.lockToEdit()) {
            ConfigFile.update(s.folder().configFile(), change);
        }
    }

    /**
     * The client identifier the token was issued to, saved when config.json has none (the
     * original tool's file), so that later runs present the same one.
     */
    private static void keepClientIdentifier(ObjectNode tree, String clientId) {
        if (tree.path("plex").path("client_identifier").asText("").isBlank()) {
            ConfigFile.set(tree, "plex.client_identifier", clientId);
        }
    }

    @Override
    public String toString() {
        return "InitPlexCommand[homeUser=" + homeUser + ", ownerWatchlist=" + ownerWatchlist + "]"; // never the PIN
    }
}
