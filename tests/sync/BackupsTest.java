package sync;

import model.Ids;
import model.MediaItem;
import model.MediaType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import simkl.SimklEntry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Both lists saved before a run's first write, found again by name, read back one side at a time. */
class BackupsTest {
    @TempDir Path dir;
    static final Instant AT = Instant.parse("2026-11-24T12:00:00Z");
    static final MediaItem ARRIVAL = new MediaItem(MediaType.MOVIE, "Arrival", 2016,
            Ids.of("imdb", "tt2543164", "plex", "5d776b83fb0d55001f56a04b"));
    static final MediaItem SEVERANCE = new MediaItem(MediaType.SHOW, "Severance", 2022,
            Ids.of("simkl", "1000201", "tvdb", "371980"));

    private static Backups.Lists lists() {
        return new Backups.Lists(List.of(ARRIVAL), List.of(
                new SimklEntry(SEVERANCE, "shows", "plantowatch", false, false, null),
                new SimklEntry(new MediaItem(MediaType.MOVIE, "Heat", 1995, Ids.of("simkl", "7")), "movies",
                        "completed", true, false, null)));
    }

    @Test
    void aBackupHoldsPlexAndSimklsPlanToWatchAndReadsBackOneSideAtATime() throws Exception {
        Path file = Backups.save(dir, AT, lists());
        assertEquals("20261124T120000Z.json", file.getFileName().toString());
        assertEquals(List.of(ARRIVAL), Backups.load(file, "plex"));
        assertEquals(List.of(SEVERANCE), Backups.load(file, "simkl"),
                "only Plan to Watch: the other lists are never restored");
    }

    @Test
    void aBackupIsFoundByPathByNameWithOrWithoutItsEndingAndAsLatest() throws Exception {
        Path first = Backups.save(dir, AT, lists());
        Path second = Backups.save(dir, AT.plusSeconds(60), lists());
        assertEquals(second, Backups.find(dir, Path.of("/"), "latest"));
        assertEquals(first, Backups.find(dir, Path.of("/"), "20261124T120000Z"));
        assertEquals(first, Backups.find(dir, Path.of("/"), "20261124T120000Z.json"));
        assertEquals(first, Backups.find(Path.of("/nowhere"), dir, first.getFileName().toString()),
                "a path from the working directory");
        assertNull(Backups.find(dir, Path.of("/"), "20201231T000000Z"));
        assertEquals(List.of(second, first), Backups.list(dir), "newest first");
        assertNull(Backups.find(dir.resolve("none"), Path.of("/"), "latest"), "no folder, no backups");
    }

    @Test
    void twoBackupsInOneSecondBothStayAndOnlyTheLastTenAreKept() throws Exception {
        Path a = Backups.save(dir, AT, lists());
        Path b = Backups.save(dir, AT, lists());
        assertNotEquals(a, b);
        for (int i = 1; i <= 12; i++) Backups.save(dir, AT.plus(Duration.ofMinutes(i)), lists());
        assertEquals(Backups.KEEP, Backups.list(dir).size());
        assertFalse(Files.exists(a), "the oldest went first");
    }

    @Test
    void aBackupNamedInTheFutureDoesNotMakeNewOnesGo() throws Exception {
        for (int i = 0; i < Backups.KEEP; i++) Files.writeString(dir.resolve("2099010" + (i % 9) + "T00000" + i
                + "Z.json"), "{}");
        Path fresh = Backups.save(dir, AT, lists());
        Path next = Backups.save(dir, AT.plusSeconds(60), lists());
        assertTrue(Files.exists(fresh) && Files.exists(next), "today's backups stay beside future-dated ones");
        assertEquals(Backups.KEEP + 2, Backups.list(dir).size(), "and the future-dated ones are left alone");
    }

    @Test
    void aFileThatIsNotABackupIsRefusedSayingWhy() throws Exception {
        Path notJson = Files.writeString(dir.resolve("x.json"), "{ nope");
        assertThrows(Backups.Unreadable.class, () -> Backups.load(notJson, "plex"));
        Path noSide = Files.writeString(dir.resolve("y.json"), "{\"plex\": []}");
        Backups.Unreadable e = assertThrows(Backups.Unreadable.class, () -> Backups.load(noSide, "simkl"));
        assertTrue(e.getMessage().contains("no list for simkl"), e.getMessage());
        Path badType = Files.writeString(dir.resolve("z.json"),
                "{\"plex\": [{\"type\": \"podcast\", \"title\": \"X\"}]}");
        assertThrows(Backups.Unreadable.class, () -> Backups.load(badType, "plex"));
    }
}
