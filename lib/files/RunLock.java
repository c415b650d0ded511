package files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Keeps two runs (cron, --watch, a hand run) from overlapping. An operating-system lock on the lock
 * file: it dies with its process, so a lock left by a crashed run is simply taken over.
 */
public final class RunLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or says who holds it. */
    public static RunLock acquire(Path file) throws LockedException, IOException {
        Folders.create(file.toAbsolutePath().getParent());
        Folders.refuseLink(file);
        // never through a link (a link planted between the check and the open fails here): the lock writes its pid
        FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), Folders.ownerOnlyFile(file));
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            String holder = "";
            try {
                holder = Files.readString(file).trim();
            } catch (IOException ignored) {
                // only informative
            }
            ch.close();
            throw new LockedException("Another plex_simkl_sync run is using " + file.getParent()
                    + (holder.isEmpty() ? "" : " (" + holder + ")")
                            + ". Wait for it to finish; a lock left by a crashed run frees itself.");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
        return new RunLock(ch, l);
    }

    /** Whether this lock is still held (not yet closed). */
    public boolean isHeld() {
        return lock.isValid();
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the lock dies with the process anyway
        }
    }

    public static final class LockedException extends Exception {
        public LockedException(String message) {
            super(message);
        }
    }
}
