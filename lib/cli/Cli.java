package cli;

import config.ConfigDir;
import http.Redactor;
import http.TlsWarmUp;
import sync.SyncJob;

import java.nio.file.Path;
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
            return refused(e, args, console);
        }
        Session.registerEarlySecrets(console.redactor(), ctx.env(), inv);
        console.setDebug(inv.has(Flags.DEBUG));
        // hints repeat the person's --dir; the demo's own runs use a folder that is gone once it ends
        if (inv.has(Flags.DIR) && !inv.get(Flags.DIR).equals(ctx.env().get(ConfigDir.ENV_DEMO))) {
            console.hintContext(" --dir " + Session.shellWord(inv.get(Flags.DIR)));
        }
        console.setQuiet(inv.has(Flags.QUIET));
        console.setTextToStderr(inv.json() && !inv.verb().documents());
        if (inv.verb() == Verb.DEMO && inv.has(Flags.DIR)) {
            console.info("--dir is not used by --demo: it works in a temporary folder of its own, deleted afterwards.");
        }
        console.setDocumentName(inv.verb().word());
        if (inv.verb().asksServices() && !inv.has(Flags.OFFLINE)) TlsWarmUp.start();
        int code;
        Session session = new Session(ctx, console, inv);
        try {
            if (!Set.of(Verb.HELP, Verb.VERSION, Verb.DEMO, Verb.REPLAY).contains(inv.verb())) {
                String problem = session.folder().notAFolder();
                if (problem != null) throw Failure.usage(problem);
            }
            code = command(inv).run(session);
        } catch (Exception e) {
            code = Failure.report(e, session);
        }
        if (inv.json() && !console.resultWritten()) console.document(outcome(code == ExitCode.OK, console.lastError(),
                code));
        return code;
    }

    /** A command line that cannot be run: what is wrong with it, and how to see every flag (exit 2). */
    private static int refused(UsageException e, String[] args, Console console) {
        console.plain("plex_simkl_sync: " + e.getMessage());
        console.plain("Usage: " + console.command() + " COMMAND [options]");
        console.plain("Run with --help to see every flag.");
        // --json promises one document on stdout, a command line it cannot run included
        if (Arrays.asList(args).contains("--json")) console.document(outcome(false, "plex_simkl_sync: "
                + e.getMessage(), ExitCode.USAGE));
        return ExitCode.USAGE;
    }

    /** The command the invocation asks for, with its values. */
    static Command command(Invocation inv) {
        return switch (inv.verb()) {
            case SETUP -> new SetupCommand();
            case HELP -> new HelpCommand();
            case VERSION -> new VersionCommand();
            case SYNC -> new SyncCommand(syncOptions(inv));
            case WATCH -> new WatchCommand(inv.get(Flags.WATCH), syncOptions(inv));
            case LIST -> new ListCommand(inv.get(Flags.LIST), inv.get(Flags.FORMAT));
            case RESTORE -> new RestoreCommand(inv.get(Flags.RESTORE), inv.get(Flags.SIDE), syncOptions(inv));
            case UNDO -> new UndoCommand(inv.get(Flags.UNDO), syncOptions(inv));
            case APPLY -> new ApplyCommand(inv.get(Flags.APPLY), syncOptions(inv));
            case DOCTOR -> new DoctorCommand();
            case INIT_SIMKL -> new InitSimklCommand(inv.get(Flags.INIT_SIMKL), inv.get(Flags.BIND),
                    inv.has(Flags.OPEN));
            case INIT_PLEX -> new InitPlexCommand(inv.has(Flags.OPEN), inv.get(Flags.HOME_USER),
                    inv.get(Flags.HOME_PIN), inv.has(Flags.SAVE_HOME_PIN), inv.has(Flags.OWNER_WATCHLIST));
            case RESET_STATE -> new ResetStateCommand();
            case DEMO -> inv.has(Flags.SERVE) ? new DemoServeCommand() : new DemoCommand();
            case WHY -> new WhyCommand(inv.get(Flags.WHY), inv.has(Flags.OFFLINE));
            case JOURNAL -> new JournalCommand(inv.get(Flags.JOURNAL), inv.get(Flags.FORMAT));
            case EXCLUDE -> new KeepApartCommand(KeepApartCommand.Op.EXCLUDE, inv.get(Flags.EXCLUDE),
                    inv.get(Flags.NOTE));
            case UNEXCLUDE -> new KeepApartCommand(KeepApartCommand.Op.UNEXCLUDE, inv.get(Flags.UNEXCLUDE), null);
            case PROTECT -> new KeepApartCommand(KeepApartCommand.Op.PROTECT, inv.get(Flags.PROTECT),
                    inv.get(Flags.NOTE));
            case UNPROTECT -> new KeepApartCommand(KeepApartCommand.Op.UNPROTECT, inv.get(Flags.UNPROTECT), null);
            case HEALTH -> new HealthCommand(inv.get(Flags.MAX_AGE));
            case NOTIFY_TEST -> new NotifyTestCommand();
            case SUPPORT_BUNDLE -> new SupportBundleCommand(inv.get(Flags.SUPPORT_BUNDLE), inv.has(Flags.NO_TITLES));
            case REPLAY -> new ReplayCommand(inv.get(Flags.REPLAY));
        };
    }

    /** What the command line asks of a sync, a dry run or a restore: built here, once. */
    static SyncJob.Options syncOptions(Invocation inv) {
        String planOut = inv.get(Flags.PLAN_OUT);
        return new SyncJob.Options(inv.dryRun(), inv.get(Flags.MAX_DELETE), inv.has(Flags.RETRY_UNRESOLVED),
                planOut == null ? null : Path.of(planOut));
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
