package cli;

import config.Config.Side;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


/**
 * The command line (README, "Command line") as one table: every flag, what it does, and which
 * command it goes with. Parsing (Apache Commons CLI), the "goes with" checks and the help text are
 * all read from it.
 */
public final class Flags {
    // commands: exactly one per run
    public static final Flag<Boolean> SYNC = Flag.command(Verb.SYNC, "Run synchronization using config.json");
    public static final Flag<Duration> WATCH = Flag.command(Verb.WATCH, "INTERVAL",
            "Sync every INTERVAL (e.g. 30m, 1h; 5m at least) until stopped", FlagValues::interval);
    public static final Flag<InitSimklCommand.Mode> INIT_SIMKL = Flag.command(Verb.INIT_SIMKL, "MODE",
            "SIMKL sign-in: 'redirect' (local OAuth redirect helper) or 'pin' (device code, no port)",
                    FlagValues::signInMode);
    public static final Flag<Boolean> INIT_PLEX = Flag.command(Verb.INIT_PLEX,
            "Plex sign-in with a PIN link; saves plex.account_token");
    public static final Flag<Side> LIST = Flag.command(Verb.LIST, "SIDE",
            "Print one side's list as read: 'plex' or 'simkl'",
            text -> FlagValues.side("--list", text));
    public static final Flag<String> RESTORE = Flag.command(Verb.RESTORE, "BACKUP",
            "Put a side back to a backup saved by a sync (with --side); alone, list the backups",
            text -> text).valueOptional("");
    public static final Flag<String> UNDO = Flag.command(Verb.UNDO, "RUN",
            "Take back exactly what one run did (RUN as --journal shows it; default 'last')",
            text -> text).valueOptional("last");
    public static final Flag<String> APPLY = Flag.command(Verb.APPLY, "PLAN",
            "Carry out exactly a kept plan (a run the guard held back, or --plan-out), if both lists still match it",
            text -> text);
    public static final Flag<Boolean> DOCTOR = Flag.command(Verb.DOCTOR,
            "Check config, files, tokens and endpoints; one line per check");
    public static final Flag<Boolean> RESET_STATE = Flag.command(Verb.RESET_STATE,
            "Set state.json aside as state-reset-TIME.json (next --sync re-seeds safely, adds only)");
    public static final Flag<Boolean> DEMO = Flag.command(Verb.DEMO,
            "Run a full sync against built-in emulators in a temporary folder");
    public static final Flag<String> WHY = Flag.command(Verb.WHY, "QUERY",
            "Explain one title: where it is, what past runs did, what the next sync will do", FlagValues::query);
    public static final Flag<Integer> JOURNAL = Flag.command(Verb.JOURNAL, "N",
            "Print the last N actions the tool carried out (default 20), newest first",
            text -> FlagValues.number("--journal", text)).valueOptional(20);
    public static final Flag<String> EXCLUDE = Flag.command(Verb.EXCLUDE, "QUERY",
            "Keep a title out of the sync: never added or removed (sync.exclude)", FlagValues::query);
    public static final Flag<String> UNEXCLUDE = Flag.command(Verb.UNEXCLUDE, "QUERY",
            "Take a title back into the sync", FlagValues::query);
    public static final Flag<String> PROTECT = Flag.command(Verb.PROTECT, "QUERY",
            "Never remove a title from either side, in any mode (sync.protect)", FlagValues::query);
    public static final Flag<String> UNPROTECT = Flag.command(Verb.UNPROTECT, "QUERY",
            "Let a title be removed again", FlagValues::query);
    public static final Flag<Boolean> HEALTH = Flag.command(Verb.HEALTH,
            "Exit 0 when the last sync ended well within --max-age (default 2h), else 1 and why");
    public static final Flag<Boolean> NOTIFY_TEST = Flag.command(Verb.NOTIFY_TEST,
            "Send a sample to every notification target and print what each answered");
    public static final Flag<Boolean> VERSION = Flag.command(Verb.VERSION,
            "Print the tool's version and those of Java and its libraries");
    public static final Flag<String> SUPPORT_BUNDLE = Flag.command(Verb.SUPPORT_BUNDLE, "FILE",
            "Write one .zip for a bug report (version, --doctor, settings without secrets, state, lists)",
            text -> text).valueOptional("");
    public static final Flag<String> REPLAY = Flag.command(Verb.REPLAY, "BUNDLE",
            "Show the plan a support bundle's next sync would make, against the built-in emulators", text -> text);
    public static final Flag<Boolean> HELP = Flag.command(Verb.HELP, "Show this help").shortName("h");

    // options, each with the commands it goes with
    public static final Flag<Boolean> DRY_RUN = Flag.option("dry-run",
            "Read both sides and print the plan; write nothing anywhere",
            Verb.SYNC, Verb.WATCH, Verb.RESTORE, Verb.UNDO, Verb.APPLY);
    public static final Flag<Integer> MAX_DELETE = Flag.option("max-delete", "N",
            "Allow up to N removals per side for this run (deletion guard)", FlagValues::count, Verb.SYNC, Verb.WATCH,
                    Verb.RESTORE, Verb.UNDO);
    public static final Flag<String> PLAN_OUT = Flag.option("plan-out", "FILE",
            "With --sync --dry-run: keep the plan in FILE, to carry out as reviewed with --apply", text -> text,
            Verb.SYNC);
    public static final Flag<Boolean> RETRY_UNRESOLVED = Flag.option("retry-unresolved",
            "Retry unresolved titles now instead of waiting for their back-off", Verb.SYNC, Verb.WATCH);
    public static final Flag<Boolean> QUIET = Flag.option("quiet",
            "Print nothing when nothing changed and nothing is wrong (cron)",
            Verb.SYNC, Verb.WATCH).shortName("q");
    // --json, --dir and --debug go with every command: an alias that always passes them works for --help too
    public static final Flag<Boolean> JSON = Flag.option("json",
            "Print exactly one JSON document on stdout; logs go to stderr", Verb.SETUP, Verb.values());
    public static final Flag<Duration> MAX_AGE = Flag.option("max-age", "AGE",
            "With --health: how old the last good sync may be (e.g. 2h, 90m, 1d)", FlagValues::age, Verb.HEALTH);
    public static final Flag<Boolean> OFFLINE = Flag.option("offline",
            "With --why: answer from state.json and the journal only, asking no service", Verb.WHY);
    public static final Flag<String> NOTE = Flag.option("note", "TEXT",
            "With --exclude or --protect: why, kept beside the entry in config.json", text -> text, Verb.EXCLUDE,
            Verb.PROTECT);
    public static final Flag<InitSimklCommand.Bind> BIND = Flag.option("bind", "HOST:PORT",
            "Bind address for the redirect helper (default 0.0.0.0:8787)", FlagValues::bind, Verb.INIT_SIMKL);
    public static final Flag<String> HOME_USER = Flag.option("home-user", "NAME",
            "With --init-plex: sync this Plex Home user's watchlist (no NAME: pick from a list)", text -> text,
            Verb.INIT_PLEX).valueOptional("");
    public static final Flag<String> HOME_PIN = Flag.option("home-pin", "PIN",
            "With --home-user: the user's PIN (else PLEX_HOME_PIN, or a prompt that does not echo)",
            text -> FlagValues.credential("--home-pin", "PIN", text), Verb.INIT_PLEX);
    public static final Flag<Boolean> SAVE_HOME_PIN = Flag.option("save-home-pin",
            "With --home-user: keep the PIN in config.json (mode 600) for unattended syncs", Verb.INIT_PLEX);
    public static final Flag<Boolean> OWNER_WATCHLIST = Flag.option("owner-watchlist",
            "With --init-plex: sync the owner's own watchlist again instead of a Plex Home user's", Verb.INIT_PLEX);
    public static final Flag<Boolean> OPEN = Flag.option("open", "Open the sign-in link in a browser on this device",
            Verb.INIT_SIMKL, Verb.INIT_PLEX);
    public static final Flag<String> PLEX_ACCOUNT_TOKEN = Flag.option("plex-account-token", "TOKEN",
            "Override the Plex token from config.json for this run",
            text -> FlagValues.credential("--plex-account-token", "token", text),
            Verb.SYNC, Verb.WATCH, Verb.LIST, Verb.RESTORE, Verb.DOCTOR, Verb.WHY, Verb.EXCLUDE, Verb.UNEXCLUDE,
            Verb.PROTECT, Verb.UNPROTECT, Verb.UNDO, Verb.APPLY);
    public static final Flag<ListCommand.Format> FORMAT = Flag.option("format", "FORMAT",
            "Format for --list (default tsv) or --journal (default lines to read): json, csv or tsv",
            FlagValues::format, Verb.LIST, Verb.JOURNAL);
    public static final Flag<Side> SIDE = Flag.option("side", "SIDE", "Side for --restore: 'plex' or 'simkl'",
            text -> FlagValues.side("--side", text), Verb.RESTORE);
    public static final Flag<Boolean> SERVE = Flag.option("serve",
            "With --demo: keep both emulators up to try every command", Verb.DEMO);
    public static final Flag<Boolean> NO_TITLES = Flag.option("no-titles",
            "With --support-bundle: leave titles out of the bundle (ids and types only)", Verb.SUPPORT_BUNDLE);
    public static final Flag<String> DIR = Flag.option("dir", "DIR", "Folder holding config.json and state.json",
            text -> text, Verb.SETUP, Verb.values());
    public static final Flag<Boolean> DEBUG = Flag.option("debug", "Verbose logging (secrets redacted)", Verb.SETUP,
            Verb.values());

    /** The help's sections: a heading and its flags, in the order shown. */
    record Section(String heading, List<Flag<?>> flags) {}

    static final List<Section> SECTIONS = List.of(
            new Section("Sync", List.of(SYNC, DRY_RUN, MAX_DELETE, RETRY_UNRESOLVED, WATCH, QUIET, JSON, UNDO,
                    APPLY, PLAN_OUT)),
            new Section("Sign in", List.of(INIT_SIMKL, BIND, OPEN, INIT_PLEX, HOME_USER, HOME_PIN, SAVE_HOME_PIN,
                    OWNER_WATCHLIST, PLEX_ACCOUNT_TOKEN)),
            new Section("Why and what", List.of(WHY, OFFLINE, JOURNAL, EXCLUDE, NOTE, UNEXCLUDE, PROTECT, UNPROTECT)),
            new Section("Look, repair, try", List.of(LIST, FORMAT, RESTORE, SIDE, DOCTOR, HEALTH, MAX_AGE, NOTIFY_TEST,
                    RESET_STATE, DEMO, SERVE, SUPPORT_BUNDLE, NO_TITLES, REPLAY)),
            new Section("Everywhere", List.of(DIR, DEBUG, VERSION, HELP)));

    /** Every flag. */
    static final List<Flag<?>> ALL = SECTIONS.stream().flatMap(s -> s.flags().stream()).toList();

    private Flags() {}

    /** The flags for Commons CLI. */
    public static Options options() {
        Options o = new Options();
        for (Flag<?> f : ALL) {
            Option.Builder b = Option.builder(f.shortName).longOpt(f.name).desc(f.help);
            if (f.takesValue()) b.hasArg().argName(f.argName).optionalArg(f.whenBare != null);
            o.addOption(b.get());
        }
        return o;
    }

    /** Parses and checks the arguments: one command, each value read, each option with a command it goes with. */
    public static Invocation parse(String[] args) throws UsageException {
        CommandLine cl;
        try {
            cl = DefaultParser.builder().setAllowPartialMatching(false).get().parse(options(), args);
        } catch (UnrecognizedOptionException e) {
            throw new UsageException("unknown flag " + e.getOption() + Suggest.flag(e.getOption(), options()));
        } catch (MissingArgumentException e) {
            Flag<?> f = byName(e.getOption().getLongOpt());
            String help = f.help.length() < 2 || Character.isUpperCase(f.help.charAt(1)) ? f.help // SIMKL stays so
                    : Character.toLowerCase(f.help.charAt(0)) + f.help.substring(1);
            throw new UsageException("--" + f.name + " needs " + f.argName + ": " + help + ".");
        } catch (ParseException e) {
            throw new UsageException(e.getMessage());
        }
        if (!cl.getArgList().isEmpty()) {
            String word = cl.getArgList().get(0);
            for (Flag<?> f : List.of(WHY, EXCLUDE, UNEXCLUDE, PROTECT, UNPROTECT, NOTE)) {
                if (cl.hasOption(f.name)) {
                    throw new UsageException("unexpected argument: " + word + " (quote words that go together: --"
                            + f.name + " \"" + cl.getOptionValue(f.name) + " " + String.join(" ", cl.getArgList())
                            + "\")");
                }
            }
            throw new UsageException("unexpected argument: " + word + Suggest.word(word, options()));
        }
        Map<Flag<?>, Object> values = new LinkedHashMap<>();
        List<Verb> commands = new ArrayList<>();
        for (Flag<?> f : ALL) {
            if (!cl.hasOption(f.name)) continue;
            String text = f.takesValue() ? cl.getOptionValue(f.name) : null;
            values.put(f, !f.takesValue() ? Boolean.TRUE : text == null ? f.whenBare : f.reader.read(text));
            if (f.command != null) commands.add(f.command);
        }
        if (commands.size() > 1) {
            throw new UsageException("choose one of " + String.join(", ", commands.stream().map(Verb::flag).toList())
                    + " per run");
        }
        Verb verb = !commands.isEmpty() ? commands.get(0) : values.containsKey(DRY_RUN) ? Verb.SYNC : Verb.SETUP;
        for (Flag<?> f : values.keySet()) {
            if (f.command == null && !f.with.contains(verb)) throw new UsageException(f + " goes with "
                    + commandList(f));
        }
        if (values.containsKey(BIND) && values.get(INIT_SIMKL) != InitSimklCommand.Mode.REDIRECT) {
            throw new UsageException("--bind goes with --init-simkl redirect");
        }
        if (values.containsKey(OWNER_WATCHLIST) && values.containsKey(HOME_USER)) {
            throw new UsageException("--owner-watchlist and --home-user choose different watchlists: give one");
        }
        for (Flag<?> f : List.of(HOME_PIN, SAVE_HOME_PIN)) {
            if (values.containsKey(f) && !values.containsKey(HOME_USER)) {
                throw new UsageException(f + " goes with --init-plex --home-user");
            }
        }
        return new Invocation(verb, values);
    }

    private static Flag<?> byName(String name) {
        return ALL.stream().filter(f -> f.name.equals(name)).findFirst().orElseThrow();
    }

    /** "--sync, --list or --doctor": the commands a flag goes with, as people write a list. */
    private static String commandList(Flag<?> f) {
        List<String> names = EnumSet.copyOf(f.with).stream().filter(v -> v != Verb.SETUP).map(Verb::flag).toList();
        if (names.size() == 1) return names.get(0);
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}
