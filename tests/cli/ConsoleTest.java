package cli;

import http.Redactor;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ConsoleTest {
    private static String stderrOf(boolean terminal, Map<String, String> env) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Context ctx = new Context(env, Path.of("."), System.in, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true),
                Clock.fixed(Instant.parse("2026-11-25T06:30:15.250Z"), ZoneOffset.UTC), d -> { }, terminal, null);
        Console c = new Console(ctx, new Redactor());
        c.progress("Plex watchlist: 100 of 900 titles read");
        c.info("done");
        return err.toString();
    }

    @Test
    void aHintNamesTheCommandAfterRunButNotInsideACommandLineAlreadyWritten() {
        Context ctx = new Context(Map.of(), Path.of("."), System.in, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC(), d -> { }, false, null);
        Console c = new Console(ctx, new Redactor());
        String name = c.command();
        assertEquals("Then run " + name + " --sync.", c.withCommand("Then run --sync."));
        assertEquals("Run " + name + " --doctor.", c.withCommand("Run --doctor."));
        String written = "Review the run again with --sync --dry-run --plan-out FILE.";
        assertEquals(written, c.withCommand(written));
    }

    @Test
    void quietKeepsWarningsAndErrorsOnly() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Context ctx = new Context(Map.of(), Path.of("."), System.in, new PrintStream(out, true),
                new PrintStream(err, true),
                Clock.systemUTC(), d -> { }, true, null);
        Console c = new Console(ctx, new Redactor());
        c.setQuiet(true);
        c.info("using folder");
        c.ok("saved");
        c.banner("=== banner ===");
        c.progress("reading");
        c.warn("careful");
        c.error("broken");
        String text = err.toString();
        assertFalse(text.contains("using folder") || text.contains("saved") || text.contains("banner")
                || text.contains("reading"), text);
        assertTrue(text.contains("careful") && text.contains("broken"), text);
    }

    @Test
    void aResultLineErasesTheProgressLineFirst() {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        PrintStream terminal = new PrintStream(both, true);
        Context ctx = new Context(Map.of(), Path.of("."), System.in, terminal, terminal, Clock.systemUTC(), d -> { },
                true, null);
        Console c = new Console(ctx, new Redactor());
        c.progress("Plex watchlist: 100 of 900 titles read");
        c.result("Pre-sync counts: Plex=1 vs SIMKL=1");
        String screen = both.toString();
        int progress = screen.indexOf("100 of 900");
        int erase = screen.indexOf("\r\u001b[2K", progress);
        assertTrue(progress >= 0 && erase > progress && erase < screen.indexOf("Pre-sync"),
                "the progress line is erased before the report");
    }

    @Test
    void progressAndColourOnlyOnATerminalAndNeverWithNoColor() {
        String tty = stderrOf(true, Map.of());
        assertTrue(tty.contains("100 of 900"), tty);
        assertTrue(tty.contains("\u001b[36m"), "colour on a terminal");
        assertFalse(tty.contains("2026-11-25"), "no time stamps on a terminal");
        String pipe = stderrOf(false, Map.of());
        assertEquals("2026-11-25T06:30:15Z [i] done\n", pipe,
                "no progress, no colour, a time stamp when stderr is not a terminal");
        String journal = stderrOf(false, Map.of("JOURNAL_STREAM", "8:12345"));
        assertEquals("[i] done\n", journal, "systemd's journal stamps lines itself");
        String noColor = stderrOf(true, Map.of("NO_COLOR", "1"));
        assertFalse(noColor.contains("\u001b[36m"));
    }

    @Test
    void controlCharactersFromAServiceArePrintedEscaped() {
        String title = "Evil\u001b[2J\u001b]0;pwned\u0007 \rTitle\u202e";
        String shown = Console.printable("+ Plex  " + title, false);
        assertEquals("+ Plex  Evil\\u001b[2J\\u001b]0;pwned\\u0007 \\u000dTitle\\u202e", shown);
        assertEquals("a\tb\nc\\u001b", Console.printable("a\tb\nc\u001b", true), "a list keeps its tabs and lines");
    }

    @Test
    void aHintNamesTheCommandBeforeRunButNotInsideTheFlagDryRun() {
        Context ctx = new Context(Map.of(), Path.of("."), System.in, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC(), d -> { }, false, null);
        Console c = new Console(ctx, new Redactor());
        c.hintContext(" --dir /cfg");
        assertEquals("Run plex_simkl_sync --dir /cfg --init-plex, then run plex_simkl_sync --dir /cfg --sync.",
                c.withCommand("Run --init-plex, then run --sync."));
        assertEquals("Review it with --sync --dry-run --plan-out FILE.",
                c.withCommand("Review it with --sync --dry-run --plan-out FILE."));
    }
}
