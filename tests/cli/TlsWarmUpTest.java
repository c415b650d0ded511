package cli;

import http.TlsWarmUp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sandbox.Catalogue;
import support.ChildJvm;
import support.Sandbox;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A command that asks the services begins the HTTP client's TLS set-up as it starts, beside reading its
 * files; the commands that read only files (timed by scripts/bench) begin none. Checked in a JVM of its
 * own, since the set-up is begun once per JVM: the real command line runs one command after another there.
 */
class TlsWarmUpTest {
    @TempDir
    Path tmp;

    /** Runs each command line (its words split on "|") in turn, saying after each whether the set-up was begun. */
    public static final class Child {
        public static void main(String[] args) {
            for (String line : args) {
                int code = Cli.run(line.split("\\|"), Context.real());
                System.out.println("after " + line.split("\\|")[0] + " (exit " + code + "): " + TlsWarmUp.started());
            }
            System.exit(0);
        }
    }

    @Test
    void onlyACommandThatAsksTheServicesBeginsTheTlsSetUp() throws Exception {
        try (Sandbox sb = new Sandbox()) {
            sb.simkl.put(Catalogue.ARRIVAL.simkl(), "plantowatch");
            String dir = tmp.toString();
            String out = ChildJvm.run(Child.class, tmp, sb.env(), "--version", "--journal|--dir|" + dir,
                    "--health|--dir|" + dir, "--why|arrival|--offline|--dir|" + dir, "--list|simkl|--dir|" + dir).out();
            for (String local : List.of("--version", "--journal", "--health", "--why")) {
                assertTrue(out.lines().anyMatch(l -> l.startsWith("after " + local + " (") && l.endsWith(": false")),
                        local + " reads only files: " + out);
            }
            assertTrue(out.contains("after --list (exit 0): true"), "--list asks SIMKL: " + out);
        }
    }
}
