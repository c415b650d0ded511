package cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The command line (README, "Command line"), parsed with Apache Commons CLI into a {@link Request}. */
public final class Flags {
    /** The commands; exactly one per run (none: create config.json and print help). */
    public enum Command { HELP, SYNC, INIT_SIMKL, INIT_PLEX, RESET_STATE, VERSION, DEMO, LIST, RESTORE, DOCTOR, WATCH, NONE }

    /** A parsed command line. */
    public record Request(Command command, String initSimklMode, String bind, boolean open, String plexToken,
                          boolean debug, boolean dryRun, boolean json, String dir, Integer maxDelete,
                          boolean retryUnresolved, String listSide, String format, String restoreBackup,
                          String side, Duration watchInterval, boolean quiet, boolean serve) {}

    /** The help's sections: a heading and the long names of its flags, in the order shown. */
    private static final String[][] SECTIONS = {
            {"Sync", "sync", "dry-run", "max-delete", "retry-unresolved", "watch", "quiet", "json"},
            {"Sign in", "init-simkl", "bind", "open", "init-plex", "plex-account-token"},
            {"Look, repair, try", "list", "format", "restore", "side", "doctor", "reset-state", "demo", "serve"},
            {"Everywhere", "dir", "debug", "version", "help"}};

    /** Examples; CMD becomes the command the person runs the tool with. */
    private static final String EXAMPLES = String.join("\n",
            "Examples:",
            "  CMD --demo                    a full sync against emulators",
            "  CMD                           first run: creates config.json",
            "  CMD --init-simkl pin          SIMKL sign-in with a code",
            "  CMD --init-simkl redirect --bind 0.0.0.0:8787",
            "  CMD --init-simkl redirect --bind 127.0.0.1:8787 --open",
            "  CMD --init-plex               Plex sign-in with a link",
            "  CMD --sync --dry-run          show the plan, change nothing",
            "  CMD --sync                    run a sync",
            "  CMD --sync --quiet            cron: silent when nothing changed",
            "  CMD --watch 30m               a sync every 30 minutes",
            "  CMD --demo --serve            emulators to try each command",
            "  CMD --sync --plex-account-token YOUR_TOKEN",
            "  CMD --list simkl --format tsv | cut -f2 | sort",
            "",
            "Environment: PLEX_SIMKL_SYNC_DIR (folder of config.json and state.json),",
            "PLEX_ACCOUNT_TOKEN, SIMKL_CLIENT_ID, SIMKL_CLIENT_SECRET, SIMKL_ACCESS_TOKEN",
            "(override config.json), PLEX_SIMKL_SYNC_*_URL (service base URLs), NO_COLOR.",
            "",
            "Exit codes: 0 in sync, 1 something failed in this run, 2 usage or config error,",
            "3 a service refused the credentials, 4 the deletion guard withheld removals.",
            "",
            "More in README.md: signing in, modes and safety, files, recipes (cron, systemd,",
            "Docker), troubleshooting.");

    private Flags() {}

    public static Options options() {
        Options o = new Options();
        o.addOption(flag("h", "help", "Show this help"));
        o.addOption(flag(null, "sync", "Run synchronization using config.json"));
        o.addOption(valued("init-simkl", "MODE", "SIMKL sign-in: 'redirect' (local OAuth redirect helper) or 'pin' (device code, no port)"));
        o.addOption(valued("bind", "HOST:PORT", "Bind address for the redirect helper (default 0.0.0.0:8787)"));
        o.addOption(flag(null, "open", "Open the sign-in link in a browser on this device"));
        o.addOption(flag(null, "init-plex", "Plex sign-in with a PIN link; saves plex.account_token"));
        o.addOption(valued("plex-account-token", "TOKEN", "Override the Plex token from config.json for this run"));
        o.addOption(flag(null, "reset-state", "Delete state.json (next --sync will re-seed safely, adds only)"));
        o.addOption(flag(null, "debug", "Verbose logging (secrets redacted)"));
        o.addOption(flag(null, "version", "Print the tool's version and those of Java and its libraries"));
        o.addOption(flag(null, "dry-run", "Read both sides and print the plan; write nothing anywhere"));
        o.addOption(flag(null, "json", "Print exactly one JSON document on stdout; logs go to stderr"));
        o.addOption(valued("dir", "DIR", "Folder holding config.json and state.json"));
        o.addOption(flag(null, "demo", "Run a full sync against built-in emulators in a temporary folder"));
        o.addOption(valued("max-delete", "N", "Allow up to N removals per side for this run (deletion guard)"));
        o.addOption(flag(null, "retry-unresolved", "Retry unresolved titles now instead of waiting for their back-off"));
        o.addOption(valued("list", "SIDE", "Print one side's list as read: 'plex' or 'simkl'"));
        o.addOption(valued("format", "FORMAT", "Format for --list: json, csv or tsv (default tsv)"));
        o.addOption(valued("restore", "BACKUP", "Put a side back to a backup saved by a sync (with --side)"));
        o.addOption(valued("side", "SIDE", "Side for --restore: 'plex' or 'simkl'"));
        o.addOption(flag(null, "doctor", "Check config, files, tokens and endpoints; one line per check"));
        o.addOption(valued("watch", "INTERVAL", "Sync every INTERVAL (e.g. 30m, 1h; 5m at least) until stopped"));
        o.addOption(flag("q", "quiet", "Print nothing when nothing changed and nothing is wrong (cron)"));
        o.addOption(flag(null, "serve", "With --demo: keep both emulators up to try every command"));
        return o;
    }

    private static Option flag(String shortName, String longName, String desc) {
        return Option.builder(shortName).longOpt(longName).desc(desc).get();
    }

    private static Option valued(String longName, String arg, String desc) {
        return Option.builder().longOpt(longName).hasArg().argName(arg).desc(desc).get();
    }

    /** Parses and checks the arguments; a {@link UsageException} carries a one-line reason. */
    public static Request parse(String[] args) throws UsageException {
        CommandLine cl;
        try {
            cl = DefaultParser.builder().setAllowPartialMatching(false).get().parse(options(), args);
        } catch (UnrecognizedOptionException e) {
            throw new UsageException("unknown flag " + e.getOption() + Suggest.flag(e.getOption(), options()));
        } catch (ParseException e) {
            throw new UsageException(e.getMessage());
        }
        if (!cl.getArgList().isEmpty()) {
            String word = cl.getArgList().get(0);
            throw new UsageException("unexpected argument: " + word + Suggest.word(word, options()));
        }
        List<Command> commands = new ArrayList<>();
        if (cl.hasOption("help")) commands.add(Command.HELP);
        if (cl.hasOption("sync")) commands.add(Command.SYNC);
        if (cl.hasOption("init-simkl")) commands.add(Command.INIT_SIMKL);
        if (cl.hasOption("init-plex")) commands.add(Command.INIT_PLEX);
        if (cl.hasOption("reset-state")) commands.add(Command.RESET_STATE);
        if (cl.hasOption("version")) commands.add(Command.VERSION);
        if (cl.hasOption("demo")) commands.add(Command.DEMO);
        if (cl.hasOption("list")) commands.add(Command.LIST);
        if (cl.hasOption("restore")) commands.add(Command.RESTORE);
        if (cl.hasOption("doctor")) commands.add(Command.DOCTOR);
        if (cl.hasOption("watch")) commands.add(Command.WATCH);
        if (commands.size() > 1) {
            throw new UsageException("choose one of " + commands.stream()
                    .map(c -> "--" + c.name().toLowerCase(Locale.ROOT).replace('_', '-')).reduce((a, b) -> a + ", " + b).orElse("")
                    + " per run");
        }
        Command command = commands.isEmpty() ? (cl.hasOption("dry-run") ? Command.SYNC : Command.NONE) : commands.get(0);

        String initMode = cl.getOptionValue("init-simkl");
        if (initMode != null && !initMode.equals("redirect") && !initMode.equals("pin")) {
            throw new UsageException("--init-simkl takes 'redirect' or 'pin', not '" + initMode + "'");
        }
        String bind = cl.getOptionValue("bind");
        if (bind != null) {
            if (!"redirect".equals(initMode)) throw new UsageException("--bind goes with --init-simkl redirect");
            parseBind(bind);
        }
        if (cl.hasOption("open") && command != Command.INIT_SIMKL && command != Command.INIT_PLEX) {
            throw new UsageException("--open goes with --init-simkl or --init-plex");
        }
        Integer maxDelete = null;
        if (cl.hasOption("max-delete")) {
            String v = cl.getOptionValue("max-delete");
            try {
                maxDelete = Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                maxDelete = -1;
            }
            if (maxDelete < 0) throw new UsageException("--max-delete takes a whole number of 0 or more, not '" + v + "'");
        }
        String listSide = cl.getOptionValue("list");
        if (listSide != null) checkSide("--list", listSide);
        String format = cl.getOptionValue("format");
        if (format != null) {
            if (command != Command.LIST) throw new UsageException("--format goes with --list");
            if (!format.equals("json") && !format.equals("csv") && !format.equals("tsv")) {
                throw new UsageException("--format takes json, csv or tsv, not '" + format + "'");
            }
        }
        String side = cl.getOptionValue("side");
        if (side != null) {
            if (command != Command.RESTORE) throw new UsageException("--side goes with --restore");
            checkSide("--side", side);
        }
        Duration watch = null;
        if (cl.hasOption("watch")) watch = parseInterval(cl.getOptionValue("watch"));
        if (cl.hasOption("json") && (command == Command.DEMO || command == Command.WATCH || command == Command.HELP
                || command == Command.INIT_SIMKL || command == Command.INIT_PLEX || command == Command.NONE)) {
            throw new UsageException("--json goes with --sync, --dry-run, --list, --restore, --doctor, --reset-state or --version");
        }
        if (cl.hasOption("dry-run") && command != Command.SYNC && command != Command.RESTORE && command != Command.WATCH) {
            throw new UsageException("--dry-run goes with --sync, --restore or --watch");
        }
        if (cl.hasOption("quiet") && command != Command.SYNC && command != Command.WATCH) {
            throw new UsageException("--quiet goes with --sync or --watch");
        }
        if (cl.hasOption("serve") && command != Command.DEMO) throw new UsageException("--serve goes with --demo");
        return new Request(command, initMode, bind == null ? "0.0.0.0:8787" : bind, cl.hasOption("open"),
                cl.getOptionValue("plex-account-token"), cl.hasOption("debug"), cl.hasOption("dry-run"),
                cl.hasOption("json"), cl.getOptionValue("dir"), maxDelete, cl.hasOption("retry-unresolved"),
                listSide, format == null ? "tsv" : format, cl.getOptionValue("restore"), side, watch, cl.hasOption("quiet"),
                cl.hasOption("serve"));
    }

    private static void checkSide(String flag, String v) throws UsageException {
        if (!v.equals("plex") && !v.equals("simkl")) {
            throw new UsageException(flag + " takes 'plex' or 'simkl', not '" + v + "'");
        }
    }

    /** "HOST:PORT" with a port from 1 to 65535; IPv6 hosts in brackets. */
    public static String[] parseBind(String bind) throws UsageException {
        int colon = bind.lastIndexOf(':');
        if (colon <= 0 || colon == bind.length() - 1) throw new UsageException("--bind takes HOST:PORT, e.g. 0.0.0.0:8787, not '" + bind + "'");
        String host = bind.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(bind.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) throw new UsageException("--bind needs a port from 1 to 65535, not '" + bind.substring(colon + 1) + "'");
        return new String[] {host, String.valueOf(port)};
    }

    private static final Pattern INTERVAL = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    /** "30m", "1h", "1h30m", "45s"; at least 10 seconds. */
    public static Duration parseInterval(String v) throws UsageException {
        Matcher m = INTERVAL.matcher(v == null ? "" : v.trim().toLowerCase(Locale.ROOT));
        if (v == null || v.isBlank() || !m.matches()) {
            throw new UsageException("--watch takes an interval like 30m, 1h or 1h30m, not '" + v + "'");
        }
        long seconds = 0;
        if (m.group(1) != null) seconds += Long.parseLong(m.group(1)) * 3600;
        if (m.group(2) != null) seconds += Long.parseLong(m.group(2)) * 60;
        if (m.group(3) != null) seconds += Long.parseLong(m.group(3));
        if (seconds < 10) throw new UsageException("--watch interval must be at least 10s, not '" + v + "'");
        return Duration.ofSeconds(seconds);
    }

    /** "30m", "1h30m", "45s": an interval as a person writes it. */
    public static String describe(Duration d) {
        long s = d.toSeconds();
        StringBuilder sb = new StringBuilder();
        if (s >= 3600) sb.append(s / 3600).append('h');
        if (s % 3600 >= 60) sb.append(s % 3600 / 60).append('m');
        if (s % 60 > 0 || sb.length() == 0) sb.append(s % 60).append('s');
        return sb.toString();
    }

    /** The full help text, at most 80 columns: usage, the flags by command, examples, environment, exit codes. */
    public static String help(String command) {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: ").append(command).append(" COMMAND [options]\n");
        sb.append("Keeps your Plex Watchlist and SIMKL \"Plan to Watch\" list in sync.\n");
        Options all = options();
        for (String[] section : SECTIONS) {
            sb.append('\n').append(section[0]).append(":\n");
            for (int i = 1; i < section.length; i++) {
                Option o = all.getOption(section[i]);
                String name = (o.getOpt() != null ? "-" + o.getOpt() + ", " : "") + "--" + o.getLongOpt()
                        + (o.hasArg() ? " " + o.getArgName() : "");
                wrap(sb, String.format("  %-24s", name), o.getDescription(), 80);
            }
        }
        String short_ = command.length() <= 20 ? command : "plex_simkl_sync";
        sb.append('\n');
        if (!short_.equals(command)) sb.append("In the examples, plex_simkl_sync stands for: ").append(command).append("\n");
        sb.append(EXAMPLES.replace("CMD", short_)).append('\n');
        return sb.toString();
    }

    /** Appends {@code head} then {@code text} wrapped at {@code width}, continuation lines under the text. */
    private static void wrap(StringBuilder sb, String head, String text, int width) {
        String indent = " ".repeat(head.length());
        StringBuilder line = new StringBuilder(head);
        if (head.length() > 26) {
            sb.append(head.stripTrailing()).append('\n');
            indent = " ".repeat(26);
            line = new StringBuilder(indent);
        }
        boolean first = true;
        for (String word : text.split(" ")) {
            if (!first && line.length() + 1 + word.length() > width) {
                sb.append(line).append('\n');
                line = new StringBuilder(indent);
                first = true;
            }
            if (!first) line.append(' ');
            line.append(word);
            first = false;
        }
        sb.append(line).append('\n');
    }

    /** A bad command line: one line of reason; the caller adds the usage line and exits 2. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }
}
