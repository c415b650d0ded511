package cli;

import config.Config;
import config.ConfigException;
import config.ConfigFile;
import simkl.SimklClient;
import simkl.SimklRedirectHelper;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** --init-simkl redirect|pin: sign in to SIMKL and save the access token into config.json. */
record InitSimklCommand(Mode mode, Bind bind, boolean open) implements Command {
    /** How to sign in: the local redirect helper, or a code entered on simkl.com/pin. */
    enum Mode {
        REDIRECT, PIN;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where the redirect helper listens. */
    record Bind(String host, int port) {
        static final Bind DEFAULT = new Bind("0.0.0.0", 8787);
    }

    @Override
    public int run(Session s) throws Exception {
        Config config = s.config();
        if (config.simkl().clientId().isBlank()) {
            throw Failure.usage("simkl.client_id is empty: create an app at simkl.com → Developers (see README, "
                    + "\"Signing in\") and put its"
                    + " client id in " + s.folder().configFile() + " (or set SIMKL_CLIENT_ID).");
        }
        return mode == Mode.PIN ? pin(s, config) : redirect(s, config);
    }

    private int redirect(Session s, Config config) throws Exception {
        if (config.simkl().clientSecret().isBlank()) {
            throw Failure.usage("simkl.client_secret is empty: copy it from your SIMKL app into "
                    + s.folder().configFile()
                    + " (or set SIMKL_CLIENT_SECRET), or use --init-simkl pin, which needs no secret.");
        }
        Bind at = bind == null ? Bind.DEFAULT : bind;
        Duration timeout = s.authTimeout(Duration.ofMinutes(10));
        Console console = s.console;
        try (SimklClient simkl = s.simkl(config)) {
            String[] callback = new String[1];
            SimklRedirectHelper.CodeHandler exchange = code -> {
                console.redactor().add(code);
                console.info("Code received; exchanging it for a token...");
                String token = simkl.exchangeCode(code, config.simkl().clientSecret(), callback[0],
                        config.simkl().clientId());
                console.redactor().add(token);
                saveToken(s.folder().configFile(), token, config.simkl().clientId());
            };
            try (SimklRedirectHelper helper = new SimklRedirectHelper(at.host(), at.port(), exchange)) {
                callback[0] = helper.callbackUrl();
                String link = helper.authorizeUrl(config.endpoints().simklWeb(), config.simkl().clientId());
                console.info("Redirect helper is running");
                console.plain("Callback URL: " + helper.callbackUrl());
                console.plain("Register exactly this Redirect URI in your SIMKL app (simkl.com → Developers): "
                        + helper.callbackUrl());
                console.plain("Open this link to authorize (on this or another device):");
                console.plain("  " + link);
                if (open) Browser.open(link, console);
                console.info("Waiting up to " + timeout.toMinutes() + " min for SIMKL to redirect back...");
                if (!helper.await(timeout)) {
                    throw new Failure(ExitCode.PARTIAL, "No valid sign-in arrived within " + timeout.toMinutes()
                            + " min; nothing was saved. "
                            + "Check that " + helper.callbackUrl()
                                    + " is reachable from your browser and run the helper again.");
                }
            }
            console.ok("Code handled; token saved to " + s.folder().configFile() + ". Run --sync next.");
            return ExitCode.OK;
        } catch (IOException e) {
            throw Failure.usage("Could not start the redirect helper: " + e.getMessage());
        }
    }

    private int pin(Session s, Config config) throws Exception {
        Console console = s.console;
        try (SimklClient simkl = s.simkl(config)) {
            SimklClient.Pin pin = simkl.pinStart();
            String page = config.endpoints().simklWeb() + "/pin";
            console.plain("To sign in to SIMKL, open " + page + " (on any device) and enter this code:  "
                    + pin.userCode());
            if (open) Browser.open(page, console);
            Duration waited = Duration.ZERO;
            Duration limit = s.authTimeout(Duration.ofSeconds(pin.expiresIn()));
            Duration interval = Duration.ofSeconds(pin.interval());
            while (waited.compareTo(limit) < 0) {
                s.ctx.sleeper().sleep(interval);
                waited = waited.plus(interval);
                SimklClient.PinPoll poll = simkl.pinPoll(pin.userCode());
                if (poll.slowDown()) {
                    // as device sign-ins do (RFC 8628): five seconds more between polls from now on
                    interval = interval.plusSeconds(5);
                    console.debug("SIMKL asked to poll less often; polling every " + interval.toSeconds() + " s");
                }
                if (poll.token() != null) {
                    console.redactor().add(poll.token());
                    saveToken(s.folder().configFile(), poll.token(), config.simkl().clientId());
                    console.ok("Signed in to SIMKL; token saved to " + s.folder().configFile() + ". Run --sync next.");
                    return ExitCode.OK;
                }
                console.debug("SIMKL PIN still pending");
            }
            throw new Failure(ExitCode.PARTIAL, "The code expired before it was entered; nothing was saved. Run "
                    + "--init-simkl pin again.");
        }
    }

    /**
     * Saves the token, and the client id it was issued to when config.json has none (it came from
     * SIMKL_CLIENT_ID): a token is of no use without it, so later runs need no environment.
     */
    private static void saveToken(Path configFile, String token, String clientId) throws ConfigException {
        ConfigFile.update(configFile, tree -> {
            ConfigFile.set(tree, "simkl.access_token", token);
            ConfigFile.set(tree, "simkl.token_expires_at", 0);
            if (tree.path("simkl").path("client_id").asText("").isBlank()) ConfigFile.set(tree, "simkl.client_id",
                    clientId);
        });
    }
}
