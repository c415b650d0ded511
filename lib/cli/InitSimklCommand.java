package cli;

import config.Config;
import config.ConfigDir;
import config.ConfigException;
import config.ConfigFile;
import http.AuthException;
import http.ServiceException;
import simkl.SimklClient;
import simkl.SimklRedirectHelper;

import java.io.IOException;
import java.time.Duration;

/** --init-simkl redirect|pin: sign in to SIMKL and save the access token into config.json. */
final class InitSimklCommand {
    private InitSimklCommand() {}

    static int run(Flags.Request req, Context ctx, Console console, ConfigDir dir, Config config) throws Exception {
        if (config.simkl().clientId().isBlank()) {
            throw Failure.usage("simkl.client_id is empty: create an app at simkl.com → Developers (see README, \"Signing in\") and put its"
                    + " client id in " + dir.configFile() + " (or set SIMKL_CLIENT_ID).");
        }
        return "pin".equals(req.initSimklMode()) ? pin(req, ctx, console, dir, config) : redirect(req, ctx, console, dir, config);
    }

    static Duration timeout(Context ctx, Duration dflt) {
        String s = ctx.env().get("PLEX_SIMKL_SYNC_AUTH_TIMEOUT_SECONDS");
        return s != null && s.matches("\\d{1,6}") ? Duration.ofSeconds(Long.parseLong(s)) : dflt;
    }

    private static int redirect(Flags.Request req, Context ctx, Console console, ConfigDir dir, Config config) throws Exception {
        if (config.simkl().clientSecret().isBlank()) {
            throw Failure.usage("simkl.client_secret is empty: copy it from your SIMKL app into " + dir.configFile()
                    + " (or set SIMKL_CLIENT_SECRET), or use --init-simkl pin, which needs no secret.");
        }
        String[] hostPort = Flags.parseBind(req.bind()); // checked when the flags were parsed
        Duration timeout = timeout(ctx, Duration.ofMinutes(10));
        try (SimklClient simkl = new SimklClient(config.simkl(), config.endpoints(), Services.policy(ctx, console), VersionInfo.TOOL)) {
            String[] callback = new String[1];
            SimklRedirectHelper.CodeHandler exchange = code -> {
                console.redactor().add(code);
                console.info("Code received; exchanging it for a token...");
                String token = simkl.exchangeCode(code, config.simkl().clientSecret(), callback[0], config.simkl().clientId());
                console.redactor().add(token);
                saveToken(dir, token, config.simkl().clientId());
            };
            try (SimklRedirectHelper helper = new SimklRedirectHelper(hostPort[0], Integer.parseInt(hostPort[1]), exchange)) {
                callback[0] = helper.callbackUrl();
                String link = helper.authorizeUrl(config.endpoints().simklWeb(), config.simkl().clientId());
                console.info("Redirect helper is running");
                console.plain("Callback URL: " + helper.callbackUrl());
                console.plain("Register exactly this Redirect URI in your SIMKL app (simkl.com → Developers): " + helper.callbackUrl());
                console.plain("Open this link to authorize (on this or another device):");
                console.plain("  " + link);
                if (req.open()) Browser.open(link, console);
                console.info("Waiting up to " + timeout.toMinutes() + " min for SIMKL to redirect back...");
                if (!helper.await(timeout)) {
                    throw new Failure(ExitCode.PARTIAL, "No valid sign-in arrived within " + timeout.toMinutes() + " min; nothing was saved. "
                            + "Check that " + helper.callbackUrl() + " is reachable from your browser and run the helper again.");
                }
            }
            console.ok("Code handled; token saved to " + dir.configFile() + ". Run --sync next.");
            return ExitCode.OK;
        } catch (IOException e) {
            throw Failure.usage("Could not start the redirect helper: " + e.getMessage());
        }
    }

    private static int pin(Flags.Request req, Context ctx, Console console, ConfigDir dir, Config config) throws Exception {
        try (SimklClient simkl = new SimklClient(config.simkl(), config.endpoints(), Services.policy(ctx, console), VersionInfo.TOOL)) {
            SimklClient.Pin pin = simkl.pinStart();
            String page = config.endpoints().simklWeb() + "/pin";
            console.plain("To sign in to SIMKL, open " + page + " (on any device) and enter this code:  " + pin.userCode());
            if (req.open()) Browser.open(page, console);
            Duration waited = Duration.ZERO;
            Duration limit = timeout(ctx, Duration.ofSeconds(pin.expiresIn()));
            Duration interval = Duration.ofSeconds(pin.interval());
            while (waited.compareTo(limit) < 0) {
                ctx.sleeper().sleep(interval);
                waited = waited.plus(interval);
                SimklClient.PinPoll poll = simkl.pinPoll(pin.userCode());
                if (poll.slowDown()) {
                    // as device sign-ins do (RFC 8628): five seconds more between polls from now on
                    interval = interval.plusSeconds(5);
                    console.debug("SIMKL asked to poll less often; polling every " + interval.toSeconds() + " s");
                }
                String token = poll.token();
                if (token != null) {
                    console.redactor().add(token);
                    saveToken(dir, token, config.simkl().clientId());
                    console.ok("Signed in to SIMKL; token saved to " + dir.configFile() + ". Run --sync next.");
                    return ExitCode.OK;
                }
                console.debug("SIMKL PIN still pending");
            }
            throw new Failure(ExitCode.PARTIAL, "The code expired before it was entered; nothing was saved. Run --init-simkl pin again.");
        } catch (ServiceException e) {
            if (e instanceof AuthException || e.status() == 412) {
                throw new Failure(ExitCode.AUTH, "SIMKL refused the sign-in: " + e.getMessage() + " Check simkl.client_id.");
            }
            throw new Failure(ExitCode.PARTIAL, "SIMKL sign-in failed: " + e.getMessage() + " Nothing was saved.");
        }
    }

    /**
     * Saves the token, and the client id it was issued to when config.json has none (it came from
     * SIMKL_CLIENT_ID): a token is of no use without it, so later runs need no environment.
     */
    private static void saveToken(ConfigDir dir, String token, String clientId) throws ConfigException {
        ConfigFile.update(dir.configFile(), tree -> {
            ConfigFile.set(tree, "simkl.access_token", token);
            ConfigFile.set(tree, "simkl.token_expires_at", 0);
            if (tree.path("simkl").path("client_id").asText("").isBlank()) ConfigFile.set(tree, "simkl.client_id", clientId);
        });
    }
}
