package cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sandbox.Catalogue;
import support.ChildJvm;
import support.Sandbox;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A command that asked a service leaves no HttpClient thread waiting in native code behind it: Java 17
 * waits up to 300 ms for such threads before the process ends. Checked in a JVM of its own, where the
 * real main runs a command against the emulators and then counts the threads.
 */
class IdleHttpThreadsTest {
    @TempDir
    Path tmp;

    /** The entry script's main, then a line with the HttpClient selector threads still alive. */
    public static final class Child {
        public static void main(String[] args) {
            int code = Cli.main(args);
            long alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && t.getName().matches("HttpClient-\\d+-SelectorManager")).count();
            System.out.println("selector threads alive: " + alive);
            System.exit(code);
        }
    }

    @Test
    void afterACommandThatAskedAServiceNoHttpClientThreadIsLeftWaiting() throws Exception {
        try (Sandbox sb = new Sandbox()) {
            sb.simkl.put(Catalogue.ARRIVAL.simkl(), "plantowatch");
            ChildJvm.Ended child = ChildJvm.run(Child.class, tmp, sb.env(), "--list", "simkl", "--dir", tmp.toString());
            String out = child.out();
            assertEquals(ExitCode.OK, child.code(), out);
            assertTrue(out.contains("Arrival"), "the command asked SIMKL: " + out);
            assertTrue(out.contains("selector threads alive: 0"), out);
        }
    }
}
