package sync;

import config.Config.Side;
import files.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class JournalTest {
    @TempDir Path dir;

    static Journal.Entry entry(String at, String title) {
        return new Journal.Entry(at, "r1", Side.PLEX, Plan.Kind.ADD, "movie", title, 2000, Map.of("imdb", "tt1"),
                "new-on-simkl", "new on SIMKL", Executor.Status.DONE, null, "b.json");
    }

    @Test
    void anAppendAfterALineCutShortStartsALineOfItsOwn() throws Exception {
        Path file = dir.resolve("journal.jsonl");
        Journal j = new Journal(file);
        j.append(entry("2026-01-01T00:00:00Z", "A"));
        Files.writeString(file, "{\"at\":\"2026-01-01T00:00:01Z\",\"ti", StandardOpenOption.APPEND);
        j.append(entry("2026-01-01T00:00:02Z", "B"));
        Journal.Read r = Journal.read(file);
        assertEquals(List.of("A", "B"), r.entries().stream().map(Journal.Entry::title).toList());
        assertEquals(1, r.unreadable());
        assertEquals(3, Files.readAllLines(file).size());
        Json.MAPPER.readTree(Files.readAllLines(file).get(2));
    }

    @Test
    void trimmingKeepsAYearAndAtMostTenThousandLinesAndDropsBrokenOnes() throws Exception {
        Path file = dir.resolve("journal.jsonl");
        Journal j = new Journal(file);
        Instant now = Instant.parse("2026-11-24T12:00:00Z");
        j.append(entry("2025-11-01T00:00:00Z", "old"));
        for (int i = 0; i < Journal.MAX_LINES + 5; i++) j.append(entry("2026-06-01T00:00:00Z", "T" + i));
        Files.writeString(file, "not json\n", StandardOpenOption.APPEND);
        assertEquals(6, Journal.trim(file, now), "the old one and the five oldest beyond the cap");
        Journal.Read r = Journal.read(file);
        assertEquals(Journal.MAX_LINES, r.entries().size());
        assertEquals(0, r.unreadable());
        assertEquals("T5", r.entries().get(0).title());
        assertEquals(0, Journal.trim(file, now), "nothing more to trim: the file is left alone");
    }

    @Test
    void theLastFewEntriesOfALongJournalAreReadLineByLine() throws Exception {
        Path file = dir.resolve("journal.jsonl");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 50_000; i++) sb.append(Json.compact(entry("2026-06-01T00:00:00Z", "T" + i))).append('\n');
        Files.writeString(file, sb + "cut sh");
        Journal.Read r = Journal.tail(file, 3);
        assertEquals(List.of("T49997", "T49998", "T49999"), r.entries().stream().map(Journal.Entry::title).toList());
        assertEquals(50_000, r.total());
        assertEquals(1, r.unreadable());
    }

    @Test
    void aLineIsRedactedBeforeItIsWritten() throws Exception {
        Path file = dir.resolve("journal.jsonl");
        new Journal(file, t -> t.replace("tok-0123456789", "tok…")).append(new Journal.Entry("2026-01-01T00:00:00Z",
                "r1", Side.SIMKL, Plan.Kind.ADD, "movie", "A", 2000, Map.of(), "r", "x", Executor.Status.FAILED,
                "HTTP 400 (tok-0123456789)",
                null));
        assertFalse(Files.readString(file).contains("tok-0123456789"));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)));
    }

    @Test
    void aLinkWhereTheJournalGoesIsRefusedNotFollowed() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "keep\n");
        Path file = dir.resolve("journal.jsonl");
        Files.createSymbolicLink(file, victim);
        assertThrows(files.Folders.LinkRefused.class, () -> new Journal(file).append(entry("2026-01-01T00:00:00Z",
                "A")));
        assertEquals("keep\n", Files.readString(victim));
    }

    @Test
    void noJournalReadsAsEmpty() throws Exception {
        assertEquals(0, Journal.read(dir.resolve("none.jsonl")).entries().size());
        assertEquals(0, Journal.trim(dir.resolve("none.jsonl"), Instant.now()));
        assertFalse(Files.exists(dir.resolve("none.jsonl")));
    }
}
