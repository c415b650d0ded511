package files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.*;

class AtomicFileTest {
    @TempDir Path dir;

    @Test
    void aWriteThatFailsHalfwayLeavesTheOldFileAndNoTemporary() throws Exception {
        Path f = dir.resolve("state.json");
        AtomicFile.write(f, "old content".getBytes());
        IOException boom = assertThrows(IOException.class, () -> AtomicFile.write(f, out -> {
            out.write("half of the new".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("disk full", boom.getMessage());
        assertEquals("old content", Files.readString(f));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "temporary file left behind");
        }
    }

    @Test
    void filesAreOwnerOnly() throws Exception {
        Path f = dir.resolve("config.json");
        AtomicFile.write(f, "{}".getBytes());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertFalse(AtomicFile.isReadableByOthers(f));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(AtomicFile.isReadableByOthers(f));
    }

    @Test
    void anUnsyncedWriteIsAsWholeOwnerOnlyAndRefusesALinkAsAnyOther() throws Exception {
        Path f = dir.resolve("last_report.txt");
        AtomicFile.writeUnsynced(f, "old".getBytes());
        AtomicFile.writeUnsynced(f, "new".getBytes());
        assertEquals("new", Files.readString(f));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        Path target = dir.resolve("target.txt");
        Files.writeString(target, "mine");
        Path link = dir.resolve("link.txt");
        Files.createSymbolicLink(link, target);
        assertThrows(Folders.LinkRefused.class, () -> AtomicFile.writeUnsynced(link, "x".getBytes()));
        assertEquals("mine", Files.readString(target));
        try (var s = Files.list(dir)) {
            assertEquals(3, s.count(), "no temporary file left behind");
        }
    }
}
