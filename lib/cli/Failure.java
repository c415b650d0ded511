package cli;

import config.ConfigException;
import files.RunLock;
import http.AuthException;
import http.LimitException;
import http.Service;
import http.ServiceException;
import sync.Backups;
import sync.SyncFailure;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Set;

/**
 * The one mapping from what went wrong to the exit code and the message a person sees. Commands
 * throw; {@link Cli} calls {@link #report} once (a --watch round for each round). A command with a
 * reason of its own to stop throws a Failure with the code and the message.
 */
final class Failure extends Exception {
    final int code;

    Failure(int code, String message) {
        super(message);
        this.code = code;
    }

    static Failure usage(String message) {
        return new Failure(ExitCode.USAGE, message);
    }

    /**
     * Prints the message (and the hint that fixes it) and returns the exit code. The session gives the
     * console, the command (a sync stopped midway is picked up by the next one) and the environment
     * (with --plex-account-token as PLEX_ACCOUNT_TOKEN), for a refused token that came from there.
     */
    static int report(Exception e, Session s) {
        return report(e, s.console, s.environment(), RESUMED.contains(s.verb()));
    }

    /** The commands whose next run picks up where a failed request stopped this one. */
    private static final Set<Verb> RESUMED = Set.of(Verb.SYNC, Verb.WATCH, Verb.RESTORE);

    private static int report(Exception e, Console console, Map<String, String> env, boolean resumed) {
        if (e instanceof Failure f) return say(console, f.getMessage(), f.code);
        if (e instanceof ConfigException || e instanceof Backups.Unreadable) return say(console, e.getMessage(),
                ExitCode.USAGE);
        if (e instanceof AuthException a) {
            return say(console, a.getMessage() + " " + signInHint(a, env), ExitCode.AUTH);
        }
        if (e instanceof RunLock.LockedException || e instanceof SyncFailure) {
            return say(console, e.getMessage(), ExitCode.PARTIAL);
        }
        if (e instanceof LimitException) return say(console, e.getMessage(), ExitCode.PARTIAL);
        if (e instanceof ServiceException) {
            // a sync stopped midway is picked up by the next one; other commands simply did not finish
            return say(console, e.getMessage() + (resumed ? " Nothing more was changed; the next run picks up from "
                    + "here." : ""), ExitCode.PARTIAL);
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return say(console, "Interrupted; nothing more was saved.", ExitCode.PARTIAL);
        }
        return unexpected(e, console);
    }

    private static int say(Console console, String message, int code) {
        console.error(message);
        return code;
    }

    private static int unexpected(Exception e, Console console) {
        console.error("Unexpected error: " + e + ". Nothing more was changed. Run with --debug for details and "
                + "report it.");
        if (console.debugEnabled()) {
            StringWriter sw = new StringWriter();
            e.printStackTrace(new PrintWriter(sw));
            console.debug(sw.toString());
        }
        return ExitCode.PARTIAL;
    }

    /**
     * What to do about refused credentials: it depends on the service, on what it refused, and on
     * where the credential came from. One from the environment wins over config.json, so a new
     * sign-in (saved in config.json) would change nothing until the variable is changed or unset.
     */
    static String signInHint(AuthException e, Map<String, String> env) {
        String variable = e.service().isPlex() && e.service() != Service.PLEX_HOME ? "PLEX_ACCOUNT_TOKEN"
                : e.service() == Service.SIMKL && e.status() != 412 && e.status() != 403 ? "SIMKL_ACCESS_TOKEN"
                : e.service() == Service.SIMKL && e.status() == 412 ? "SIMKL_CLIENT_ID" : null;
        String fromEnv = variable == null ? null : fromEnvironment(variable, env);
        return fromEnv != null ? fromEnv : signInHint(e);
    }

    /** What to do about a refused credential that {@code variable} gave, or null when it is not set. */
    static String fromEnvironment(String variable, Map<String, String> env) {
        String given = env.get(variable);
        if (given == null || given.isBlank()) return null;
        String signIn = switch (variable) {
            case "PLEX_ACCOUNT_TOKEN" -> " and run --init-plex";
            case "SIMKL_ACCESS_TOKEN" -> " and run --init-simkl pin";
            default -> "";
        };
        // a sign-in saves to config.json, which the variable overrides: it must go first, or the sign-in changes
        // nothing
        return "The refused " + (variable.endsWith("CLIENT_ID") ? "client id" : "token") + " comes from "
                + variable + (variable.equals("PLEX_ACCOUNT_TOKEN") ? " (or --plex-account-token)" : "")
                + ", which wins over config.json: put a fresh one there, or unset it" + signIn + ".";
    }

    /** What to do about refused credentials kept in config.json. */
    static String signInHint(AuthException e) {
        if (e.service() == Service.PLEX_HOME) {
            return "The sync never falls back to the owner's watchlist. Check the Home user's PIN (PLEX_HOME_PIN), "
                    + "or choose the user again: run --init-plex --home-user NAME.";
        }
        if (e.service().isPlex()) {
            return "Your Plex token may have expired: run --init-plex (or put a fresh one in PLEX_ACCOUNT_TOKEN).";
        }
        if (e.missingScope()) {
            return "Your SIMKL sign-in may read your lists but not change them (it was granted without write "
                    + "access): run --init-simkl pin again and allow the app to change your lists.";
        }
        return switch (e.status()) {
            case 403 -> "SIMKL refused this app (not approved, or blocked after too many requests); signing in "
                    + "again does not help."
                    + " Check simkl.client_id against your app on simkl.com → Developers; if it is right, wait a "
                            + "day before the next run.";
            case 412 -> "SIMKL does not know this client id: copy it again from your app on simkl.com → Developers "
                    + "into simkl.client_id.";
            default -> "Your SIMKL token was revoked or is wrong: run --init-simkl pin (or redirect) again.";
        };
    }
}
