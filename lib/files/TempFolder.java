package files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary folder that is deleted, with everything in it, when closed (or, failing that, when the JVM stops). */
public final class TempFolder implements AutoCloseable {
    private final Path path;
    private final Thread onExit;

    public TempFolder(String prefix) throws IOException {
        path = Files.createTempDirectory(prefix);
        onExit = new Thread(this::delete, "delete " + prefix);
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        delete();
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException ignored) {
            // the JVM is going down: the hook deletes the folder
        }
    }

    private void delete() {
        try (Stream<Path> s = Files.walk(path)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // already gone, or a temporary folder the system cleans up
        }
    }
}
