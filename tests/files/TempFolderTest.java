package files;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.*;

class TempFolderTest {
    /** On SIGTERM the JVM runs its shutdown hooks together: the folder's own and a command's may both delete it. */
    @Test
    void deletingFromSeveralThreadsAtOnceRemovesEverythingWithoutAnError() throws Exception {
        for (int round = 0; round < 5; round++) {
            TempFolder tmp = new TempFolder("temp-folder-test");
            Path nested = Files.createDirectories(tmp.path().resolve("backups/old"));
            for (int i = 0; i < 300; i++) {
                Files.writeString(tmp.path().resolve("file" + i + ".json"), "{}");
                Files.writeString(nested.resolve("backup" + i + ".json"), "{}");
            }
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread th = new Thread(() -> {
                    try {
                        start.await();
                        tmp.close();
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                th.start();
                threads.add(th);
            }
            start.countDown();
            for (Thread th : threads) th.join();
            assertEquals(List.of(), errors);
            assertFalse(Files.exists(tmp.path()), "the folder is gone");
        }
    }

    @Test
    void closingAFolderSomeoneElseDeletedIsQuiet() throws Exception {
        TempFolder tmp = new TempFolder("temp-folder-test");
        Files.writeString(tmp.path().resolve("demo.env"), "x");
        Files.delete(tmp.path().resolve("demo.env"));
        Files.delete(tmp.path());
        assertDoesNotThrow(tmp::close);
    }
}
