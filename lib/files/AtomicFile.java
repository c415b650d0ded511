package files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so that readers see either the old content or the new, never half of it: a
 * temporary file in the same folder (mode 0600), flushed to disk (not by {@link #writeUnsynced}), then
 * renamed over the target.
 * A symbolic link at the target is refused ({@link Folders.LinkRefused}).
 */
public final class AtomicFile {
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** Writes the bytes a writer produces; if it throws, the target is left as it was. */
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {}

    public static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    public static void write(Path target, Writer writer) throws IOException {
        write(target, writer, true);
    }

    /**
     * As {@link #write(Path, byte[])} without the flush to disk: readers still see the old content
     * or the new, never half, but after a power cut the file may be empty. For a file every run
     * writes again and nothing depends on (the last report), so that it costs no fsync.
     */
    public static void writeUnsynced(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content), false);
    }

    private static void write(Path target, Writer writer, boolean durable) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Folders.create(dir);
        // a link where the file goes is refused, not replaced: it may be a person's own arrangement (a dotfile
        // manager), and it may be planted; either way the tool writes no file it was not asked to
        Folders.refuseLink(target);
        Path tmp = createTemp(dir, "." + target.getFileName() + ".");
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = Channels.newOutputStream(ch)) {
                writer.writeTo(out);
                out.flush();
                if (durable) ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) Files.deleteIfExists(tmp);
        }
    }

    private static Path createTemp(Path dir, String prefix) throws IOException {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            return Files.createTempFile(dir, prefix, ".tmp", attr);
        }
        return Files.createTempFile(dir, prefix, ".tmp");
    }

    /** True when the file can be read by its group or others (a token file should not be). */
    public static boolean isReadableByOthers(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) return false;
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
        return p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ);
    }

}
