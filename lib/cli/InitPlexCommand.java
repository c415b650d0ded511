package cli;

import config.Config;
import config.ConfigDir;
import config.ConfigFile;
import plex.PlexClient;
import plex.PlexPinLogin;

import java.time.Duration;

/**
 * --init-plex: Plex PIN sign-in; saves plex.account_token after checking it (and the client
 * identifier it was issued to, when config.json had none). Nothing is written unless it succeeds.
 */
final class InitPlexCommand {
    private InitPlexCommand() {}

    static int run(Flags.Request req, Context ctx, Console console, ConfigDir dir, Config config) throws Exception {
        String clientId = config.plex().clientIdentifier();
        boolean saveClientId = ConfigFile.readOrDefaults(dir.configFile()).raw().path("plex").path("client_identifier").asText("").isBlank();
        Config.Plex anonymous = new Config.Plex("", clientId);
        try (PlexClient plex = new PlexClient(anonymous, config.endpoints(), Services.policy(ctx, console), VersionInfo.TOOL)) {
            PlexPinLogin login = new PlexPinLogin(plex);
            PlexPinLogin.Pin pin = login.create();
            String link = PlexPinLogin.authUrl(clientId, pin.code());
            console.plain("To sign in to Plex, open this link (on any device) and approve plex_simkl_sync:");
            console.plain("  " + link);
            if (req.open()) Browser.open(link, console);
            Duration limit = InitSimklCommand.timeout(ctx, Duration.ofSeconds(pin.expiresIn()));
            for (Duration waited = Duration.ZERO; waited.compareTo(limit) < 0; waited = waited.plusSeconds(1)) {
                ctx.sleeper().sleep(Duration.ofSeconds(1));
                String token = login.poll(pin.id());
                if (token == null) continue;
                console.redactor().add(token);
                String name;
                try (PlexClient check = new PlexClient(new Config.Plex(token, clientId), config.endpoints(), Services.policy(ctx, console), VersionInfo.TOOL)) {
                    name = check.user();
                }
                ConfigFile.update(dir.configFile(), tree -> {
                    ConfigFile.set(tree, "plex.account_token", token);
                    if (saveClientId) ConfigFile.set(tree, "plex.client_identifier", clientId);
                });
                console.ok("Signed in to Plex as " + name + ". Token saved to " + dir.configFile() + ".");
                return ExitCode.OK;
            }
            throw new Failure(ExitCode.PARTIAL, "The Plex PIN expired before it was approved; nothing was saved. Run --init-plex again.");
        } catch (PlexPinLogin.Expired e) {
            throw new Failure(ExitCode.PARTIAL, e.getMessage());
        }
    }
}
