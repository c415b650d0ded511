package cli;

import files.Json;
import http.Redactor;
import sync.SyncJob;

import java.io.PrintStream;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the tool talks: results on stdout, everything else on stderr, every line redacted.
 * Colour only on a terminal and never with NO_COLOR. A hint to "run --flag" is written with the
 * command the person started the tool with (PLEX_SIMKL_SYNC_COMMAND, set by the launchers), so it
 * can be pasted as it is. Outside a terminal (cron, a pipe, a log file) each line on stderr starts
 * with the time in UTC, unless systemd's journal (JOURNAL_STREAM) already stamps it. --quiet keeps
 * only warnings and errors on stderr.
 */
public final class Console implements SyncJob.Log {
    private final PrintStream out;
    private final PrintStream err;
    private final Redactor redactor;
    private final boolean colour;
    private final boolean progress;
    private final String command;
    private final Clock clock;
    private final boolean timestamps;
    private volatile boolean quiet;
    private volatile boolean progressShown;
    private volatile boolean debug;
    private volatile boolean resultWritten;
    private volatile String lastError;
    private volatile String documentName;

    public Console(Context ctx, Redactor redactor) {
        this.out = ctx.out();
        this.err = ctx.err();
        this.redactor = redactor;
        this.colour = ctx.errIsTerminal() && !ctx.env().containsKey("NO_COLOR")
                && !"dumb".equals(ctx.env().get("TERM"));
        this.progress = ctx.errIsTerminal() && !"dumb".equals(ctx.env().get("TERM"));
        this.command = command(ctx.env());
        this.clock = ctx.clock();
        this.timestamps = !ctx.errIsTerminal() && !ctx.env().containsKey("JOURNAL_STREAM");
    }

    /** --quiet: information, progress and banners are not shown; warnings and errors are. */
    public void setQuiet(boolean on) {
        quiet = on;
    }

    public boolean quiet() {
        return quiet;
    }

    /** How the person runs the tool: "plex_simkl_sync" (installed), or what the launcher says they typed. */
    public static String command(Map<String, String> env) {
        String c = env.get("PLEX_SIMKL_SYNC_COMMAND");
        // the demo alias runs --demo whatever else is typed: hints name the tool's own alias instead
        return c == null || c.isBlank() ? "plex_simkl_sync" : c.trim().replace("plex_simkl_sync-demo@",
                "plex_simkl_sync@");
    }

    /**
     * What a hint repeats besides the command, so that the hinted command acts where this one did:
     * " --dir X" when the person gave --dir (never a token: --plex-account-token is not repeated).
     */
    public void hintContext(String extra) {
        this.hintContext = extra == null ? "" : extra;
    }

    private String hintContext = "";

    public String command() {
        return command;
    }

    /** "run --init-plex" becomes "run plex_simkl_sync --init-plex" (or the form the person used). */
    String withCommand(String text) {
        return RUN_FLAG.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + command + hintContext
                + " --"));
    }

    /** "run --x", "Run --x", but not the flag "--dry-run --x" (a word "run" that ends a flag is not a verb). */
    private static final Pattern RUN_FLAG = Pattern.compile("(?<![-\\w])([Rr]un )--");

    /** A progress line for long phases, rewritten in place; only on a terminal. */
    @Override
    public void progress(String text) {
        if (!progress || quiet) return;
        synchronized (err) {
            err.print("\r\u001b[2K" + printable(redactor.apply(text), false));
            err.flush();
            progressShown = true;
        }
    }

    private void endProgress() {
        if (progressShown) {
            synchronized (err) {
                err.print("\r\u001b[2K");
                progressShown = false;
            }
        }
    }

    public Redactor redactor() {
        return redactor;
    }

    public void setDebug(boolean on) {
        debug = on;
    }

    public boolean debugEnabled() {
        return debug;
    }

    /** A result line on stdout. */
    public void result(String text) {
        endProgress();
        if (textToStderr) {
            plain(text);
            return;
        }
        resultWritten = true;
        out.println(shown(text));
        out.flush();
    }

    /** A line as {@link #result} prints it: the command named, secrets masked, control characters escaped. */
    String shown(String text) {
        return printable(redactor.apply(withCommand(text)), false);
    }

    /**
     * Text with the control characters a service could put in a title escaped (\u001b…): printed as
     * they are, they would move the cursor, rewrite the line or change the terminal's colours. Line
     * breaks and tabs stay where the text is a list or a document ({@code layout}); the tool's own
     * colours are added after.
     */
    static String printable(String text, boolean layout) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean kept = layout ? c == '\n' || c == '\t' : c == '\n';
            boolean control = (Character.isISOControl(c) && !kept) || (c >= '\u202a' && c <= '\u202e')
                    || (c >= '\u2066' && c <= '\u2069');
            if (control && sb == null) sb = new StringBuilder(text.substring(0, i));
            if (sb == null) continue;
            if (control) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb == null ? text : sb.toString();
    }

    /** What --json documents name as their command ("sync", "doctor"); null before the command line is understood. */
    public void setDocumentName(String name) {
        documentName = name;
    }

    /** A --json document on stdout: its {@code command} field first, then the fields given. */
    public void document(Map<String, Object> fields) {
        endProgress();
        resultWritten = true;
        out.print(documentText(fields));
        out.flush();
    }

    /** The document as {@link #document} prints it, redacted: byte for byte what --json puts on stdout. */
    public String documentText(Map<String, Object> fields) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("command", documentName);
        fields.forEach(doc::putIfAbsent);
        return redactor.apply(Json.pretty(doc));
    }

    /** Raw result text on stdout (already formatted, e.g. a JSON document). */
    public void resultRaw(String text) {
        endProgress();
        if (textToStderr) {
            err.print(printable(redactor.apply(text), true));
            err.flush();
            return;
        }
        resultWritten = true;
        out.print(printable(redactor.apply(text), true));
        out.flush();
    }

    /**
     * For a command with no --json document of its own, run with --json: its text goes to stderr, so
     * that stdout carries only the one document saying how it ended.
     */
    public void setTextToStderr(boolean on) {
        textToStderr = on;
    }

    private volatile boolean textToStderr;

    @Override
    public void info(String text) {
        if (!quiet) line("[i] ", text, "36");
    }

    public void ok(String text) {
        if (!quiet) line("[✓] ", text, "32");
    }

    @Override
    public void warn(String text) {
        line("[!] ", text, "33");
    }

    @Override
    public void error(String text) {
        lastError = text;
        line("[x] ", text, "31");
    }

    public boolean resultWritten() {
        return resultWritten;
    }

    /** The last error shown, redacted (for the --json error document). */
    public String lastError() {
        return lastError == null ? null : redactor.apply(lastError);
    }

    @Override
    public void debug(String text) {
        if (debug) line("[debug] ", text, "90");
    }

    /** A plain line on stderr (banners, what to type or open); shown even with --quiet. */
    public void plain(String text) {
        endProgress();
        err.println(stamp() + printable(redactor.apply(withCommand(text)), false));
        err.flush();
    }

    /** A banner line on stderr: left out with --quiet. */
    public void banner(String text) {
        if (!quiet) plain(text);
    }

    private String stamp() {
        return timestamps ? clock.instant().truncatedTo(ChronoUnit.SECONDS) + " " : "";
    }

    private void line(String tag, String text, String ansi) {
        endProgress();
        String safe = printable(redactor.apply(withCommand(text)), false);
        if (colour) err.println(stamp() + "\u001b[" + ansi + "m" + tag + "\u001b[0m" + safe);
        else err.println(stamp() + tag + safe);
        err.flush();
    }
}
