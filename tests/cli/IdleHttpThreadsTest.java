package cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sandbox.Catalogue;
import support.Sandbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), Child.class.getName(), "--list", "simkl", "--dir",
                    tmp.toString());
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            env.clear();
            env.put("HOME", tmp.toString());
            env.putAll(sb.env());
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out");
            assertEquals(ExitCode.OK, p.exitValue(), out);
            assertTrue(out.contains("Arrival"), "the command asked SIMKL: " + out);
            assertTrue(out.contains("selector threads alive: 0"), out);
        }
    }
}
