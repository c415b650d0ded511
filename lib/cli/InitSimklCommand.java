package cli;

import config.Config;
import config.ConfigException;
import files.RunLock;
import http.AuthException;
import http.ServiceException;
import model.Times;
import simkl.Pkce;
import simkl.SimklOAuth;
import simkl.SimklRedirectHelper;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

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
                    + "\"Sign in\") and put its"
                    + " client id in " + s.folder().configFile() + " (or set SIMKL_CLIENT_ID).");
        }
        return mode == Mode.PIN ? pin(s, config) : redirect(s, config);
    }

    /**
     * The browser sign-in. Which generation the app is, SIMKL says at its V2 device endpoint (the
     * only answer that tells them apart before the person is involved): a V1 app is refused there
     * (401 invalid_client) and keeps V1's flow; a V2 app SIMKL gives the device sign-in (the type
     * "TV, devices & command line", which has no redirect URI) signs in with that instead; any
     * other V2 app is sent to V2's authorization page with PKCE.
     */
    private int redirect(Session s, Config config) throws Exception {
        try (SimklOAuth oauth = s.simklOAuth(config)) {
            SimklOAuth.Device device = null;
            boolean v2;
            try {
                device = oauth.deviceStart(s.console::debug);
                v2 = device != null;
            } catch (SimklOAuth.Refused r) {
                s.console.debug(r.getMessage() + ": a V2 app that signs in in the browser, with PKCE");
                v2 = true;
            }
            if (device != null) {
                s.console.redactor().add(device.deviceCode());
                s.console.info("SIMKL gives this app the device sign-in (an AUTH V2 app of the type \"TV, devices & "
                        + "command line\", which has no redirect URI): sign in with this code instead.");
                return device(s, config, oauth, device);
            }
            if (!v2 && config.simkl().clientSecret().isBlank()) {
                throw Failure.usage("simkl.client_secret is empty: copy it from your SIMKL app into "
                        + s.folder().configFile()
                        + " (or set SIMKL_CLIENT_SECRET), or use --init-simkl pin, which needs no secret.");
            }
            return browser(s, config, oauth, v2);
        }
    }

    /**
     * The redirect helper: the link, the wait, the code exchanged as the app's generation wants it
     * (V1: with the client secret; V2: with the PKCE verifier, and the secret only when the app has one).
     */
    private int browser(Session s, Config config, SimklOAuth oauth, boolean v2) throws Exception {
        Bind at = bind == null ? Bind.DEFAULT : bind;
        Duration timeout = s.authTimeout(Duration.ofMinutes(10));
        Console console = s.console;
        Pkce pkce = v2 ? Pkce.create(new SecureRandom()) : null;
        if (pkce != null) console.redactor().add(pkce.verifier());
        String secret = config.simkl().clientSecret();
        String[] callback = new String[1];
        AtomicReference<Failure> locked = new AtomicReference<>();
        SimklRedirectHelper.CodeHandler exchange = code -> {
            console.redactor().add(code);
            console.info("Code received; exchanging it for a token...");
            SimklOAuth.Tokens tokens = pkce != null ? oauth.exchangeCodePkce(code, pkce.verifier(), callback[0], secret)
                    : oauth.exchangeCode(code, secret, callback[0]);
            try {
                save(s, tokens, config);
            } catch (Failure f) {
                // the helper keeps waiting: the same link signs in again once the other run is done
                locked.set(f);
                console.warn(f.getMessage() + " Once that run has finished, open the link again: this helper "
                        + "is still waiting.");
                throw new SimklRedirectHelper.TryAgain(f.getMessage());
            }
        };
        try (SimklRedirectHelper helper = new SimklRedirectHelper(at.host(), at.port(), exchange,
                console.redactor()::apply)) {
            callback[0] = helper.callbackUrl();
            String web = config.endpoints().simklWeb();
            String link = pkce != null ? helper.authorizeUrlV2(web, config.simkl().clientId(), pkce)
                    : helper.authorizeUrl(web, config.simkl().clientId());
            console.info("Redirect helper is running" + (v2 ? " (AUTH V2 app: SIMKL's authorization with PKCE)" : ""));
            console.plain("Callback URL: " + helper.callbackUrl());
            console.plain("Register exactly this Redirect URI in your SIMKL app (simkl.com → Developers): "
                    + helper.callbackUrl());
            console.plain("Open this link to authorize (on this or another device):");
            console.plain("  " + link);
            if (open) Browser.open(link, console);
            console.info("Waiting up to " + Times.span(timeout) + " for SIMKL to redirect back...");
            if (!signedIn(helper, timeout, s)) {
                if (locked.get() != null) {
                    throw Failure.usage(locked.get().getMessage() + " The SIMKL token was not saved: run "
                            + "--init-simkl redirect again.");
                }
                throw new Failure(ExitCode.PARTIAL, "No valid sign-in arrived within " + Times.span(timeout)
                        + "; nothing was saved. "
                        + "Check that " + helper.callbackUrl()
                                + " is reachable from your browser and run the helper again.");
            }
        } catch (IOException e) {
            throw Failure.usage("Could not start the redirect helper: " + e.getMessage());
        }
        console.ok("Code handled; token saved to " + s.folder().configFile()
                + (v2 ? " (renewed by each run before it runs out)" : "") + ". " + nextStep(config));
        return ExitCode.OK;
    }

    /**
     * Whether the redirect came and its code was exchanged within {@code timeout}. A code SIMKL
     * would not exchange ends the wait at once, said in words: the code was spent, so only a new
     * sign-in can help.
     */
    private static boolean signedIn(SimklRedirectHelper helper, Duration timeout, Session s) throws Exception {
        try {
            return helper.await(timeout, s.ctx.sleeper());
        } catch (ServiceException e) {
            throw new Failure(ExitCode.PARTIAL, e.getMessage() + " Run --init-simkl redirect again.");
        } catch (AuthException e) {
            throw new Failure(ExitCode.AUTH, "SIMKL would not exchange the code for a token (HTTP " + e.status()
                    + "); nothing was saved. Check simkl.client_secret and the Redirect URI against your app on "
                    + "simkl.com → Developers, then run --init-simkl redirect again.");
        }
    }

    /**
     * A code entered on SIMKL's PIN page: the device sign-in of AUTH V2 apps, or, for an app SIMKL
     * says is not a V2 app (AUTH V1), the V1 PIN. Any other refusal is said with SIMKL's error.
     */
    private int pin(Session s, Config config) throws Exception {
        try (SimklOAuth oauth = s.simklOAuth(config)) {
            SimklOAuth.Device device;
            try {
                device = oauth.deviceStart(s.console::debug);
            } catch (SimklOAuth.Refused r) {
                throw new Failure(ExitCode.AUTH, r.getMessage() + "; nothing was saved. If your app is an AUTH V2 "
                        + "app of another type than \"TV, devices & command line\" (one with a Redirect URI), sign "
                        + "in with --init-simkl redirect; else check simkl.client_id against your app on simkl.com → "
                        + "Developers.");
            }
            if (device != null) {
                s.console.redactor().add(device.deviceCode());
                return device(s, config, oauth, device);
            }
            try {
                return v1Pin(s, config, oauth);
            } catch (SimklOAuth.Refused r) {
                throw new Failure(ExitCode.AUTH, r.getMessage() + ", yet SIMKL did not give it the device sign-in "
                        + "either; nothing was saved. A V2 app with a Redirect URI signs in with --init-simkl "
                        + "redirect; for --init-simkl pin, create an app of the type \"TV, devices & command "
                        + "line\" on simkl.com → Developers and put its client id in simkl.client_id.");
            }
        }
    }

    private int device(Session s, Config config, SimklOAuth oauth, SimklOAuth.Device device) throws Exception {
        Console console = s.console;
        String link = device.verificationUriComplete() != null ? device.verificationUriComplete()
                : device.verificationUri();
        console.plain("To sign in to SIMKL, open " + device.verificationUri() + " (on any device) and enter this "
                + "code:  " + device.userCode());
        if (device.verificationUriComplete() != null) {
            console.plain("(or open " + device.verificationUriComplete() + ", which has the code filled in)");
        }
        if (open) Browser.open(link, console);
        Poll<SimklOAuth.Tokens> poll = () -> {
            SimklOAuth.DevicePoll p = oauth.devicePoll(device);
            return new Polled<>(p.tokens(), p.slowDown());
        };
        SimklOAuth.Tokens tokens = await(s, poll, device.expiresIn(), device.interval());
        save(s, tokens, config);
        console.ok("Signed in to SIMKL; token saved to " + s.folder().configFile() + " (renewed by each run before it"
                + " runs out). " + nextStep(config));
        return ExitCode.OK;
    }

    private int v1Pin(Session s, Config config, SimklOAuth oauth) throws Exception {
        Console console = s.console;
        SimklOAuth.Pin pin = oauth.pinStart();
        String page = config.endpoints().simklWeb() + "/pin";
        console.plain("To sign in to SIMKL, open " + page + " (on any device) and enter this code:  "
                + pin.userCode());
        if (open) Browser.open(page, console);
        Poll<String> poll = () -> {
            SimklOAuth.PinPoll p = oauth.pinPoll(pin.userCode());
            return new Polled<>(p.token(), p.slowDown());
        };
        String token = await(s, poll, pin.expiresIn(), pin.interval());
        save(s, new SimklOAuth.Tokens(token, "", 0), config);
        console.ok("Signed in to SIMKL; token saved to " + s.folder().configFile() + ". " + nextStep(config));
        return ExitCode.OK;
    }

    /**
     * What is left to do after signing in to SIMKL, in the order a first setup goes: the Plex
     * sign-in when there is no Plex token yet, else a dry run to see what a sync would do.
     */
    static String nextStep(Config config) {
        return config.plex().accountToken().isBlank() ? "Next, sign in to Plex: run --init-plex."
                : "Next, see what a sync would do without changing anything: run --sync --dry-run.";
    }

    /** One poll's answer: the result once there (else null), and whether to poll less often. */
    private record Polled<T>(T result, boolean slowDown) {}

    private interface Poll<T> {
        Polled<T> once() throws Exception;
    }

    /**
     * Polls every {@code interval} seconds until the result comes or the code runs out. Asked to
     * slow down, it waits five seconds more between polls from then on, as device sign-ins do (RFC 8628).
     */
    private static <T> T await(Session s, Poll<T> poll, int expiresIn, int interval) throws Exception {
        Duration waited = Duration.ZERO;
        Duration limit = s.authTimeout(Duration.ofSeconds(expiresIn));
        Duration every = Duration.ofSeconds(interval);
        while (waited.compareTo(limit) < 0) {
            s.ctx.sleeper().sleep(every);
            waited = waited.plus(every);
            Polled<T> p = poll.once();
            if (p.slowDown()) {
                every = every.plusSeconds(5);
                s.console.debug("SIMKL asked to poll less often; polling every " + every.toSeconds() + " s");
            }
            if (p.result() != null) return p.result();
            s.console.debug("SIMKL sign-in still pending");
        }
        throw new Failure(ExitCode.PARTIAL, "The code expired before it was entered; nothing was saved. Run "
                + "--init-simkl pin again.");
    }

    /**
     * Registers the tokens for redaction, then saves them (and the client id they belong to) in one
     * rewrite under the run lock. Only the rewrite holds it, not the wait for the person, and the
     * rewrite reads config.json again first: a sync's or an --exclude's write in between stays.
     */
    private static void save(Session s, SimklOAuth.Tokens tokens, Config config) throws ConfigException, Failure {
        s.console.redactor().add(tokens.access());
        s.console.redactor().add(tokens.refresh());
        try (RunLock lock = s.lockToEdit()) {
            Session.saveSimklTokens(s.folder().configFile(), tokens, config.simkl().clientId());
        }
    }
}
