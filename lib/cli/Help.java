package cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The help text, at most 80 columns, written from the flag table: usage, the flags by command, examples, environment,
 * exit codes. */
final class Help {
    private static final int WIDTH = 80;
    private static final int TEXT_COLUMN = 26;

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
            "  CMD --why \"dune part two\"     why a title is where it is",
            "  CMD --exclude imdb:tt9999991  keep a title out of the sync",
            "  CMD --journal 50              the last 50 things the tool did",
            "  PLEX_ACCOUNT_TOKEN=... CMD --sync   another token, kept out of ps",
            "  CMD --list simkl --format tsv | cut -f2 | sort",
            "",
            "Environment: PLEX_SIMKL_SYNC_DIR (folder of config.json and state.json),",
            "PLEX_ACCOUNT_TOKEN, SIMKL_CLIENT_ID, SIMKL_CLIENT_SECRET, SIMKL_ACCESS_TOKEN",
            "(override config.json), PLEX_SIMKL_SYNC_*_URL (service base URLs),",
            "PLEX_SIMKL_SYNC_NOTIFY_URL, _FORMAT, _CHAT_ID (one more notification target:",
            "ntfy, healthchecks, json, discord, telegram, gotify or push), NO_COLOR.",
            "",
            "Exit codes: 0 in sync, 1 something failed in this run, 2 usage or config error,",
            "3 a service refused the credentials, 4 the deletion guard withheld removals;",
            "130 or 143 stopped by Ctrl-C or SIGTERM (the writes under way finished first).",
            "",
            "More in the README: sign in, daily use, troubleshooting, running it unattended",
            "(cron, systemd, Docker), and the reference (files, environment variables):");

    private Help() {}

    /**
     * Where the README is for this run: beside the checkout it runs from, else beside the hosted
     * catalog it came from (the web installer names it in PLEX_SIMKL_SYNC_CATALOG; a catalog
     * command names it itself), else the project's README.md with no address known.
     */
    static String readme(Map<String, String> env, Path cwd, String command) {
        String home = env.get("PLEX_SIMKL_SYNC_HOME");
        for (Path dir : home == null || home.isBlank() ? List.of(cwd) : List.of(Path.of(home), cwd)) {
            if (Files.isRegularFile(dir.resolve("README.md"))
                    && Files.isRegularFile(dir.resolve("plex_simkl_sync.java"))) {
                return dir.resolve("README.md").toAbsolutePath().normalize().toString();
            }
        }
        String catalog = env.get("PLEX_SIMKL_SYNC_CATALOG");
        if (catalog == null || catalog.isBlank()) {
            Matcher m = Pattern.compile("@(https?://\\S+)").matcher(command);
            catalog = m.find() ? m.group(1) : null;
        }
        if (catalog != null && catalog.startsWith("http")) {
            String base = catalog.endsWith(".json") ? catalog.substring(0, catalog.lastIndexOf('/')) : catalog;
            return base.replaceAll("/+$", "") + "/README.md";
        }
        return "README.md, beside jbang-catalog.json where you got the tool";
    }

    static String text(String command, String readme) {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: ").append(command).append(" COMMAND [options]\n");
        sb.append("Keeps your Plex Watchlist and SIMKL \"Plan to Watch\" list in sync.\n");
        for (Flags.Section section : Flags.SECTIONS) {
            sb.append('\n').append(section.heading()).append(":\n");
            for (Flag<?> f : section.flags()) wrap(sb, String.format("  %-24s", f.usage()), f.help);
        }
        String shortForm = command.length() <= 20 ? command : "plex_simkl_sync";
        sb.append('\n');
        if (!shortForm.equals(command)) sb.append("In the examples, plex_simkl_sync stands for: ").append(command)
                .append("\n");
        sb.append(EXAMPLES.replace("CMD", shortForm)).append('\n');
        sb.append("  ").append(readme).append('\n');
        return sb.toString();
    }

    /** Appends {@code head} then {@code text} wrapped at the width, continuation lines under the text. */
    private static void wrap(StringBuilder sb, String head, String text) {
        String indent = " ".repeat(head.length());
        StringBuilder line = new StringBuilder(head);
        if (head.length() > TEXT_COLUMN) {
            sb.append(head.stripTrailing()).append('\n');
            indent = " ".repeat(TEXT_COLUMN);
            line = new StringBuilder(indent);
        }
        boolean first = true;
        for (String word : text.split(" ")) {
            if (!first && line.length() + 1 + word.length() > WIDTH) {
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
}
