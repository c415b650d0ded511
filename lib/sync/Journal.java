package sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import config.Config.Side;
import files.AtomicFile;
import files.Folders;
import files.Json;
import model.Ids;
import model.MediaItem;
import model.MediaType;
import model.Plural;
import model.Times;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * journal.jsonl beside state.json: one JSON line per action the tool carried out (a sync's or a
 * restore's), appended as it happens, so that "who removed this, and when?" has an answer across
 * runs. Each line is written whole in one append; a line a kill cut short is skipped when read,
 * and the next append starts on a fresh line. Trimmed, when a run is about to write to it, to the
 * last {@link #KEEP} and at most {@link #MAX_LINES} lines. Mode 0600, like every file the tool writes.
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
    public record Entry(String at, String run, Side side, Plan.Kind action, String type, String title, Integer year,
                        Map<String, String> ids, String rule, String reason, Executor.Status outcome, String detail,
                        String backup) {
        /** The line for {@code a}, carried out on {@code item} (with the ids a lookup found) as {@code o} says. */
        static Entry of(String at, String run, Plan.Action a, MediaItem item, Executor.Outcome o, String backup) {
            return new Entry(at, run, a.side(), a.kind(), item.type().word(), item.title(), item.year(),
                    item.ids().matching(), a.rule().word, a.reason(), o.status(), o.detail(), backup);
        }

        /**
         * One action to read: "2026-11-24T12:03:00Z  - Plex   Dune: Part Two (2024)  [moved on SIMKL …]
         * done  (rule moved-on-simkl, backup 20261124T120300Z.json, run 20261124T120300Z-3fa9)": the run as --undo
         * takes it.
         */
        public String line(Times times) {
            String sign = added() ? "+ " : action == Plan.Kind.WATCHED ? "* " : "- ";
            String where = side == Side.PLEX ? "Plex " : "SIMKL";
            String how = outcome == null ? "" : outcome.word().replace('_', ' ')
                    + (detail == null || done() ? "" : ": " + detail);
            return times.full(Instant.parse(at)) + "  " + sign + where + "  " + item().label() + "  [" + reason + "]  "
                    + how + "  (rule " + rule + (backup == null ? "" : ", backup " + backup)
                    + (run == null ? "" : ", run " + run) + ")";
        }

        /** Whether the action added the title (else it removed it, or marked it as watched). */
        public boolean added() {
            return action == Plan.Kind.ADD;
        }

        /** Whether the action was carried out (not already so, failed or not found). */
        public boolean done() {
            return outcome == Executor.Status.DONE;
        }

        /**
         * This entry with its free text passed through {@code redact}: what a service answered may hold a
         * credential, perhaps one no longer current, written before the tool redacted journal lines.
         */
        public Entry redacted(UnaryOperator<String> redact) {
            return new Entry(at, run, side, action, type, redact.apply(title), year, ids, rule, redact.apply(reason),
                    outcome, redact.apply(detail), backup);
        }

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

    /**
     * What a read found: the entries kept, oldest first, how many lines could not be read (cut
     * short), and how many entries the file holds in all.
     */
    public record Read(List<Entry> entries, int unreadable, int total) {}

    private final Path file;
    private final UnaryOperator<String> redact;

    public Journal(Path file) {
        this(file, UnaryOperator.identity());
    }

    /**
     * {@code redact} is applied to each line before it is written: an action's detail can hold what a
     * service echoed back, credentials included, and the journal outlives the tokens it could hold.
     */
    public Journal(Path file, UnaryOperator<String> redact) {
        this.file = file;
        this.redact = redact;
    }

    public Path file() {
        return file;
    }

    /**
     * The journal in {@code file} for a run about to write to it, trimmed of old entries first
     * ({@link #trim}); a journal that cannot be trimmed is warned about and written to all the same.
     */
    static Journal trimmed(Path file, UnaryOperator<String> redact, Instant now, Consumer<String> debug,
            Consumer<String> warn) {
        try {
            int gone = trim(file, now);
            if (gone > 0) debug.accept("journal: " + Plural.of(gone, "old entry") + " trimmed");
        } catch (IOException e) {
            warn.accept("Could not trim the journal " + file + ": " + e.getMessage());
        }
        return new Journal(file, redact);
    }

    /** Appends one entry as one line (after a newline if the last line was cut short). */
    public synchronized void append(Entry e) throws IOException {
        byte[] line = (redact.apply(Json.compact(e)) + "\n").getBytes(StandardCharsets.UTF_8);
        Folders.create(file.toAbsolutePath().getParent());
        Folders.refuseLink(file);
        // never through a link: a link planted where the journal goes would have the tool append to its target
        try (FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), Folders.ownerOnlyFile(file))) {
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

    /** Every entry, oldest first; none when there is no journal yet. */
    public static Read read(Path file) throws IOException {
        return tail(file, Integer.MAX_VALUE);
    }

    /**
     * The last {@code n} entries, oldest first, read line by line: a journal of a million lines is
     * streamed, never held whole. Counts every unreadable line of the file.
     */
    public static Read tail(Path file, int n) throws IOException {
        ArrayDeque<Entry> out = new ArrayDeque<>();
        int bad = 0;
        int total = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String l = in.readLine(); l != null; l = in.readLine()) {
                if (l.isBlank()) continue;
                try {
                    Entry e = Json.MAPPER.readValue(l, Entry.class);
                    if (e.at() == null || e.action() == null) {
                        bad++;
                    } else if (n > 0) {
                        total++;
                        if (out.size() == n) out.removeFirst();
                        out.addLast(e);
                    }
                } catch (JsonProcessingException e) {
                    bad++;
                }
            }
        } catch (NoSuchFileException e) {
            return new Read(List.of(), 0, 0);
        } catch (CharacterCodingException e) {
            throw new IOException(file + " is not UTF-8 text", e);
        }
        return new Read(new ArrayList<>(out), bad, total);
    }

    /**
     * Drops entries older than {@link #KEEP} and all but the last {@link #MAX_LINES}, rewriting the
     * file atomically only when something goes. Answers how many entries went.
     */
    public static int trim(Path file, Instant now) throws IOException {
        Read r = tail(file, MAX_LINES);
        Instant oldest = now.minus(KEEP);
        List<Entry> kept = new ArrayList<>();
        for (Entry e : r.entries()) if (!before(e, oldest)) kept.add(e);
        int gone = r.total() - kept.size();
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
