package cli;

import http.Redactor;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ConsoleTest {
    private static String stderrOf(boolean terminal, Map<String, String> env) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Context ctx = new Context(env, Path.of("."), System.in, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true),
                Clock.systemUTC(), d -> { }, terminal, terminal, null);
        Console c = new Console(ctx, new Redactor());
        c.progress("Plex watchlist: 100 of 900 titles read");
        c.info("done");
        return err.toString();
    }

    @Test
    void progressAndColourOnlyOnATerminalAndNeverWithNoColor() {
        String tty = stderrOf(true, Map.of());
        assertTrue(tty.contains("100 of 900"), tty);
        assertTrue(tty.contains("\u001b[36m"), "colour on a terminal");
        String pipe = stderrOf(false, Map.of());
        assertEquals("[i] done\n", pipe, "no progress, no colour when stderr is not a terminal");
        String noColor = stderrOf(true, Map.of("NO_COLOR", "1"));
        assertFalse(noColor.contains("\u001b[36m"));
    }
}
