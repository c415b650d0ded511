package cli;

import http.Redactor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The whole command line as one function: arguments and a {@link Context} in, exit code out.
 * {@code main} only calls it; tests call it in-process. The flags become one {@link Invocation},
 * the invocation one {@link Command}; whatever stops the command is turned into a message and an
 * exit code by {@link Failure}, here, once.
 */
public final class Cli {
    private Cli() {}

    public static int main(String[] args) {
        int code = run(args, Context.real());
        IdleHttpThreads.stop();
        return code;
    }

    public static int run(String[] args, Context ctx) {
        Console console = new Console(ctx, new Redactor());
        Session.registerEarlySecrets(console.redactor(), ctx.env(), null);
        Invocation inv;
        try {
            inv = Flags.parse(args);
        } catch (UsageException e) {
            console.plain("plex_simkl_sync: " + e.getMessage());
            console.plain("Usage: " + console.command() + " COMMAND [options]");
            console.plain("Run with --help to see every flag.");
            // --json promises one document on stdout, a command line it cannot run included
            if (Arrays.asList(args).contains("--json")) console.document(outcome(false, "plex_simkl_sync: "
                    + e.getMessage(), ExitCode.USAGE));
            return ExitCode.USAGE;
        }
        Session.registerEarlySecrets(console.redactor(), ctx.env(), inv);
        console.setDebug(inv.has(Flags.DEBUG));
        // hints repeat the person's --dir; the demo's own runs use a folder that is gone once it ends
        if (inv.has(Flags.DIR) && !inv.get(Flags.DIR).equals(ctx.env().get(config.ConfigDir.ENV_DEMO))) {
            console.hintContext(" --dir " + Session.shellWord(inv.get(Flags.DIR)));
        }
        console.setQuiet(inv.has(Flags.QUIET));
        console.setTextToStderr(inv.json() && !inv.verb().documents());
        if (inv.verb() == Verb.DEMO && inv.has(Flags.DIR)) {
            console.info("--dir is not used by --demo: it works in a temporary folder of its own, deleted afterwards.");
        }
        console.setDocumentName(inv.verb().word());
        int code;
        Session session = new Session(ctx, console, inv);
        try {
            if (!Set.of(Verb.HELP, Verb.VERSION, Verb.DEMO).contains(inv.verb())) {
                String problem = session.folder().notAFolder();
                if (problem != null) throw Failure.usage(problem);
            }
            code = command(inv).run(session);
        } catch (Exception e) {
            code = Failure.report(e, console, session.environment());
        }
        if (inv.json() && !console.resultWritten()) console.document(outcome(code == ExitCode.OK, console.lastError(),
                code));
        return code;
    }

    /** The command the invocation asks for, with its values. */
    static Command command(Invocation inv) {
        return switch (inv.verb()) {
            case SETUP -> new SetupCommand();
            case HELP -> new HelpCommand();
            case VERSION -> new VersionCommand(inv.json());
            case SYNC -> new SyncCommand(SyncRound.Options.of(inv), inv.json());
            case WATCH -> new WatchCommand(inv.get(Flags.WATCH), SyncRound.Options.of(inv));
            case LIST -> new ListCommand(inv.get(Flags.LIST), inv.json() ? ListCommand.Format.JSON
                    : inv.get(Flags.FORMAT, ListCommand.Format.TSV));
            case RESTORE -> new RestoreCommand(inv.get(Flags.RESTORE), inv.get(Flags.SIDE), inv.dryRun(),
                    inv.get(Flags.MAX_DELETE), inv.json());
            case DOCTOR -> new DoctorCommand(inv.json());
            case INIT_SIMKL -> new InitSimklCommand(inv.get(Flags.INIT_SIMKL), inv.get(Flags.BIND),
                    inv.has(Flags.OPEN));
            case INIT_PLEX -> new InitPlexCommand(inv.has(Flags.OPEN), inv.get(Flags.HOME_USER),
                    inv.get(Flags.HOME_PIN), inv.has(Flags.SAVE_HOME_PIN), inv.has(Flags.OWNER_WATCHLIST));
            case RESET_STATE -> new ResetStateCommand();
            case DEMO -> inv.has(Flags.SERVE) ? new DemoServeCommand() : new DemoCommand();
            case WHY -> new WhyCommand(inv.get(Flags.WHY), inv.has(Flags.OFFLINE), inv.json());
            case JOURNAL -> new JournalCommand(inv.get(Flags.JOURNAL), inv.get(Flags.FORMAT), inv.json());
            case EXCLUDE -> new KeepApartCommand(KeepApartCommand.Op.EXCLUDE, inv.get(Flags.EXCLUDE),
                    inv.get(Flags.NOTE), inv.json());
            case UNEXCLUDE -> new KeepApartCommand(KeepApartCommand.Op.UNEXCLUDE, inv.get(Flags.UNEXCLUDE), null,
                    inv.json());
            case PROTECT -> new KeepApartCommand(KeepApartCommand.Op.PROTECT, inv.get(Flags.PROTECT),
                    inv.get(Flags.NOTE), inv.json());
            case UNPROTECT -> new KeepApartCommand(KeepApartCommand.Op.UNPROTECT, inv.get(Flags.UNPROTECT), null,
                    inv.json());
            case HEALTH -> new HealthCommand(inv.get(Flags.MAX_AGE, HealthCommand.DEFAULT_MAX_AGE), inv.json());
            case NOTIFY_TEST -> new NotifyTestCommand();
        };
    }

    /** The document of a command that printed none of its own: whether it went well, and why not. */
    static Map<String, Object> outcome(boolean ok, String error, int code) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("ok", ok);
        doc.put("error", error);
        doc.put("exit_code", code);
        return doc;
    }
}
