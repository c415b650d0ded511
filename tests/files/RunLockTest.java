package files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sync.Backups;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RunLockTest {
    @TempDir Path dir;

    @Test
    void aSecondRunIsRefusedWhileTheFirstHoldsTheLock() throws Exception {
        Path f = dir.resolve("state.lock");
        try (RunLock first = RunLock.acquire(f)) {
            RunLock.LockedException e = assertThrows(RunLock.LockedException.class, () -> RunLock.acquire(f));
            assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
        }
        RunLock.acquire(f).close();
    }

    @Test
    void aLockFileLeftByADeadProcessIsTakenOver() throws Exception {
        Path f = dir.resolve("state.lock");
        Files.writeString(f, "pid 999999");
        try (RunLock lock = RunLock.acquire(f)) {
            assertEquals("pid " + ProcessHandle.current().pid(), Files.readString(f));
        }
    }

    @Test
    void theLastTenBackupsAreKept() throws Exception {
        Path b = dir.resolve("backups");
        for (int i = 0; i < 13; i++) Backups.save(b, Instant.parse("2026-11-24T12:00:00Z").plusSeconds(i),
                new Backups.Lists(List.of(), List.of()));
        try (var s = Files.list(b)) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(10, names.size());
            assertEquals("20261124T120003Z.json", names.get(0));
        }
    }
}
