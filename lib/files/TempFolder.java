package files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A temporary folder that is deleted, with everything in it, when closed (or, failing that, when the JVM stops).
 * Deleting is safe to start twice at once (on SIGTERM the JVM runs every shutdown hook together, and a
 * command's own hook may close the folder while this one deletes it): one deletes, the other waits, and a file
 * that is already gone is not an error.
 */
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

    private synchronized void delete() {
        if (!Files.exists(path)) return;
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    quietlyDelete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    quietlyDelete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // the folder cannot be read: the caller reports a folder that is still there
        }
    }

    private static void quietlyDelete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // left in place; the caller reports a folder that is still there
        }
    }
}
