package sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import files.AtomicFile;
import files.Json;
import model.Ids;
import model.MediaItem;
import model.MediaType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * journal.jsonl beside state.json: one JSON line per action the tool carried out (a sync's or a
 * restore's), appended as it happens, so that "who removed this, and when?" has an answer across
 * runs. Each line is written whole in one append; a line a kill cut short is skipped when read,
 * and the next append starts on a fresh line. Trimmed at the start of a run to the last
 * {@link #KEEP} and at most {@link #MAX_LINES} lines. Mode 0600, like every file the tool writes.
 */
public final class Journal {
    public static final Duration KEEP = Duration.ofDays(365);
    public static final int MAX_LINES = 10_000;

    /**
     * One action: when, the run it belongs to, the side and what was done, the title with its
     * ids, the rule and the report's reason, the outcome (done, already, failed, not_found) with
     * its detail, and the backup taken before the run's first write.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String at, String run, String side, String action, String type, String title, Integer year,
                        Map<String, String> ids, String rule, String reason, String outcome, String detail,
                        String backup) {
        /** The title as a media item (a show when the line names no type the tool knows). */
        public MediaItem item() {
            MediaType t;
            try {
                t = MediaType.parse(type);
            } catch (IllegalArgumentException unknown) {
                t = MediaType.SHOW;
            }
            return new MediaItem(t, title == null ? "?" : title, year, Ids.of(ids == null ? Map.of() : ids));
        }
    }

    /** What a read found: the entries, oldest first, and how many lines could not be read (cut short). */
    public record Read(List<Entry> entries, int unreadable) {}

    private final Path file;

    public Journal(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Appends one entry as one line (after a newline if the last line was cut short). */
    public synchronized void append(Entry e) throws IOException {
        byte[] line = (Json.compact(e) + "\n").getBytes(StandardCharsets.UTF_8);
        createOwnerOnly();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            ByteBuffer buf = ByteBuffer.allocate(line.length + 1);
            if (size > 0) {
                ByteBuffer last = ByteBuffer.allocate(1);
                ch.read(last, size - 1);
                if (last.get(0) != '\n') buf.put((byte) '\n');
            }
            buf.put(line).flip();
            ch.position(size);
            while (buf.hasRemaining()) ch.write(buf);
        }
    }

    private void createOwnerOnly() throws IOException {
        if (Files.exists(file)) return;
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(AtomicFile.OWNER_ONLY));
            } else {
                Files.createFile(file);
            }
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // another writer made it first
        }
    }

    /** Every entry, oldest first; none when there is no journal yet. */
    public static Read read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Read(List.of(), 0);
        }
        List<Entry> out = new ArrayList<>();
        int bad = 0;
        for (String l : lines) {
            if (l.isBlank()) continue;
            try {
                Entry e = Json.MAPPER.readValue(l, Entry.class);
                if (e.at() == null || e.action() == null) bad++;
                else out.add(e);
            } catch (JsonProcessingException e) {
                bad++;
            }
        }
        return new Read(out, bad);
    }

    /**
     * Drops entries older than {@link #KEEP} and all but the last {@link #MAX_LINES}, rewriting the
     * file atomically only when something goes. Answers how many entries went.
     */
    public static int trim(Path file, Instant now) throws IOException {
        Read r = read(file);
        Instant oldest = now.minus(KEEP);
        List<Entry> kept = new ArrayList<>();
        for (Entry e : r.entries()) if (!before(e, oldest)) kept.add(e);
        if (kept.size() > MAX_LINES) kept = kept.subList(kept.size() - MAX_LINES, kept.size());
        int gone = r.entries().size() - kept.size();
        if (gone == 0 && r.unreadable() == 0) return 0;
        StringBuilder sb = new StringBuilder();
        for (Entry e : kept) sb.append(Json.compact(e)).append('\n');
        AtomicFile.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
        return gone;
    }

    private static boolean before(Entry e, Instant oldest) {
        try {
            return Instant.parse(e.at()).isBefore(oldest);
        } catch (DateTimeParseException bad) {
            return false;
        }
    }
}
