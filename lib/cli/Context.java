package cli;

import http.Sleeper;
import sync.SyncJob;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Everything a command may touch of the outside world: arguments aside, this is the whole input
 * of the command-line function, so tests can run it in-process with their own of each.
 * {@code errIsTerminal}: whether stderr is a terminal (colour, progress, no time stamps).
 * {@code beforeWrite} is called before each write to a service: the moment a kill could come.
 */
public record Context(Map<String, String> env, Path cwd, InputStream in, PrintStream out, PrintStream err,
                      Clock clock, Sleeper sleeper, boolean errIsTerminal, SyncJob.Hook beforeWrite) {

    public static Context real() {
        return new Context(System.getenv(), Path.of("").toAbsolutePath(), System.in, System.out, System.err,
                Clock.systemDefaultZone(), Sleeper.REAL, Terminal.stderr(), null);
    }

    public Context withEnv(Map<String, String> newEnv) {
        return new Context(newEnv, cwd, in, out, err, clock, sleeper, errIsTerminal, beforeWrite);
    }
}
