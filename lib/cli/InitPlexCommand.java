package cli;

import config.Config;
import config.ConfigFile;
import plex.PlexClient;
import plex.PlexPinLogin;

import java.time.Duration;

/**
 * --init-plex: Plex PIN sign-in; saves plex.account_token after checking it (and the client
 * identifier it was issued to, when config.json had none). Nothing is written unless it succeeds.
 */
record InitPlexCommand(boolean open) implements Command {
    @Override
    public int run(Session s) throws Exception {
        Config config = s.config();
        String clientId = config.plex().clientIdentifier();
        boolean saveClientId = ConfigFile.readOrDefaults(s.folder().configFile()).raw().path("plex")
                .path("client_identifier").asText("").isBlank();
        try (PlexClient plex = s.plex(new Config.Plex("", clientId), config.endpoints())) {
            PlexPinLogin login = new PlexPinLogin(plex);
            PlexPinLogin.Pin pin = login.create();
            String link = PlexPinLogin.authUrl(clientId, pin.code());
            s.console.plain("To sign in to Plex, open this link (on any device) and approve plex_simkl_sync:");
            s.console.plain("  " + link);
            if (open) Browser.open(link, s.console);
            Duration limit = s.authTimeout(Duration.ofSeconds(pin.expiresIn()));
            for (Duration waited = Duration.ZERO; waited.compareTo(limit) < 0; waited = waited.plusSeconds(1)) {
                s.ctx.sleeper().sleep(Duration.ofSeconds(1));
                String token = login.poll(pin.id());
                if (token == null) continue;
                s.console.redactor().add(token);
                String name;
                try (PlexClient check = s.plex(new Config.Plex(token, clientId), config.endpoints())) {
                    name = check.user();
                }
                ConfigFile.update(s.folder().configFile(), tree -> {
                    ConfigFile.set(tree, "plex.account_token", token);
                    if (saveClientId) ConfigFile.set(tree, "plex.client_identifier", clientId);
                });
                s.console.ok("Signed in to Plex as " + name + ". Token saved to " + s.folder().configFile() + ".");
                return ExitCode.OK;
            }
            throw new Failure(ExitCode.PARTIAL, "The Plex PIN expired before it was approved; nothing was saved. "
                    + "Run --init-plex again.");
        } catch (PlexPinLogin.Expired e) {
            throw new Failure(ExitCode.PARTIAL, e.getMessage());
        }
    }
}
