package cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.help.HelpFormatter;
import org.apache.commons.cli.help.TextHelpAppendable;

import java.io.IOException;
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
                          String side, Duration watchInterval) {}

    public static final String USAGE = "plex_simkl_sync [--sync | --init-simkl redirect|pin | --init-plex | --list plex|simkl"
            + " | --restore BACKUP | --doctor | --watch INTERVAL | --demo | --reset-state | --version | --help] [options]";

    private static final String EXAMPLES = String.join("\n",
            "Examples:",
            "  jbang plex_simkl_sync@. --demo                      see a full sync against built-in emulators",
            "  jbang plex_simkl_sync@.                             first run: creates config.json",
            "  jbang plex_simkl_sync@. --init-simkl redirect --bind 0.0.0.0:8787",
            "  jbang plex_simkl_sync@. --init-simkl redirect --bind 127.0.0.1:8787 --open",
            "  jbang plex_simkl_sync@. --init-simkl pin           SIMKL sign-in on a headless machine",
            "  jbang plex_simkl_sync@. --init-plex                Plex sign-in, no browser dev tools",
            "  jbang plex_simkl_sync@. --sync                     run a sync",
            "  jbang plex_simkl_sync@. --sync --dry-run --json    show the plan as JSON, change nothing",
            "  jbang plex_simkl_sync@. --sync --plex-account-token YOUR_TOKEN",
            "  jbang plex_simkl_sync@. --list simkl --format tsv | cut -f2 | sort",
            "  jbang plex_simkl_sync@. --version",
            "",
            "Exit codes: 0 in sync, 1 some actions failed or unresolved, 2 usage or config error,",
            "3 a service refused the credentials, 4 a safety guard withheld deletions.",
            "Files: config.json and state.json in --dir, $PLEX_SIMKL_SYNC_DIR, the checkout, or ~/.config/plex_simkl_sync.");

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
        o.addOption(valued("watch", "INTERVAL", "Sync every INTERVAL (e.g. 30m, 1h) until stopped"));
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
        } catch (ParseException e) {
            throw new UsageException(e.getMessage());
        }
        if (!cl.getArgList().isEmpty()) {
            throw new UsageException("unexpected argument: " + cl.getArgList().get(0));
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
        return new Request(command, initMode, bind == null ? "0.0.0.0:8787" : bind, cl.hasOption("open"),
                cl.getOptionValue("plex-account-token"), cl.hasOption("debug"), cl.hasOption("dry-run"),
                cl.hasOption("json"), cl.getOptionValue("dir"), maxDelete, cl.hasOption("retry-unresolved"),
                listSide, format == null ? "tsv" : format, cl.getOptionValue("restore"), side, watch);
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

    /** The full help text: usage, every flag, examples. */
    public static String help() {
        StringBuilder sb = new StringBuilder();
        TextHelpAppendable text = new TextHelpAppendable(sb);
        text.setMaxWidth(100);
        HelpFormatter f = HelpFormatter.builder().setShowSince(false).setHelpAppendable(text).get();
        try {
            f.printHelp(USAGE, "Keep your Plex Watchlist and SIMKL \"Plan to Watch\" list in sync.", options(), EXAMPLES, false);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder clean = new StringBuilder();
        for (String line : sb.toString().split("\n", -1)) clean.append(line.replaceAll("\\s+$", "")).append('\n');
        return clean.toString().replaceAll("\n{3,}", "\n\n").trim() + "\n";
    }

    /** A bad command line: one line of reason; the caller adds the usage line and exits 2. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }
}
