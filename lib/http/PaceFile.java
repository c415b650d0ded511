package http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import files.Folders;
import files.Json;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * When this config folder's commands last asked SIMKL (simkl_pace.json): the GETs of the last
 * second and the last POST, so that a command started right after another (a dry run, then --why;
 * cron beside a hand run) keeps SIMKL's pace with it, and when SIMKL last refused a POST for pace,
 * for --doctor. Not state: nothing is decided on it but how long to wait, and it may be deleted.
 *
 * Each change is made under an operating-system lock on the file (a lock per file within this
 * process too), read and rewritten in place; a request's slot is reserved before its wait, so two
 * commands racing are given different slots. Never opened through a symbolic link, nor used when it
 * is not a regular file of one name (a hard link to config.json would be rewritten in place);
 * created 0600. The lock is waited for {@link #LOCK_WAIT} at most: a command that holds it and
 * stopped (Ctrl-Z, docker pause, a dead network lock) must not hold up every other. A damaged file
 * counts as empty, and a time more than {@link #AHEAD} in the future (a clock set back) as never:
 * the worst a bad file costs is one short wait. When the file cannot be used, the pace is kept in
 * this process only from then on, which the debug log says once.
 */
public final class PaceFile {
    /** How far ahead a reserved slot may lie: more is a clock that moved back, or a damaged file. */
    static final Duration AHEAD = Duration.ofSeconds(5);
    /** A file larger than this is not ours as written: it counts as empty. */
    private static final int MAX_BYTES = 16 * 1024;
    /** How long the file's lock is waited for before the pace is kept in this process only. */
    static final Duration LOCK_WAIT = Duration.ofSeconds(2);
    /** The longest pause between two tries for the lock (the first pauses are shorter). */
    private static final Duration LOCK_RETRY = Duration.ofMillis(50);
    /** One lock per file within this process: the operating system's lock is the process's, not the thread's. */
    private static final Map<Path, Object> IN_THIS_PROCESS = new ConcurrentHashMap<>();

    private final Path file;
    private final Consumer<String> debug;
    private final Sleeper sleeper;
    /** The file could not be used: the pace is this process's alone from then on. */
    private volatile boolean alone;

    public PaceFile(Path file, Consumer<String> debug) {
        this(file, debug, Sleeper.REAL);
    }

    /** {@code sleeper}: the pauses while the lock is waited for (a test's never sleep). */
    public PaceFile(Path file, Consumer<String> debug, Sleeper sleeper) {
        this.file = file.toAbsolutePath().normalize();
        this.debug = debug;
        this.sleeper = sleeper;
    }

    /** What the file holds. {@code refusedAt}: when SIMKL last refused a POST for pace, none accepted since. */
    record Content(Pacer.Recent recent, Instant refusedAt) {}

    /**
     * The instant a request may go out, {@code earliest} or later so that it keeps to {@code rate}
     * with the requests of other processes; recorded for them. {@code earliest} when the file
     * cannot be used.
     */
    Instant reserve(String method, Instant earliest, Pacer.Rate rate) {
        Instant[] at = {earliest};
        update(earliest, c -> {
            Instant next = c.recent().next(method, earliest, rate);
            at[0] = next;
            c.recent().record(method, next);
            return c;
        });
        return at[0];
    }

    /** SIMKL refused a POST for pace at {@code at}. */
    void postRefused(Instant at) {
        update(at, c -> new Content(c.recent(), at));
    }

    /** SIMKL accepted a POST: whatever block there was is over. */
    void postAccepted() {
        update(null, c -> c.refusedAt() == null ? null : new Content(c.recent(), null));
    }

    /**
     * When SIMKL last refused a POST of this folder's commands for pace, none accepted since; null
     * when never, or when the file is missing, a link or damaged. Reads only.
     */
    public static Instant refusedAt(Path file) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_BYTES) return null;
            return parse(Files.readAllBytes(file), null).refusedAt();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Reads the file, applies {@code change} (null from it: nothing to write) and writes the result
     * back, all under the locks. {@code now}: for dropping times too far ahead (null: keep them).
     */
    private void update(Instant now, UnaryOperator<Content> change) {
        Path dir = file.getParent();
        if (alone || dir == null || !Files.isDirectory(dir)) return; // no folder yet: nothing to share it with
        synchronized (IN_THIS_PROCESS.computeIfAbsent(file, k -> new Object())) {
            if (alone) return;
            try {
                Folders.refuseLink(file);
                try (FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), Folders.ownerOnlyFile(file))) {
                    refuseShared(file);
                    try (FileLock lock = lock(ch)) {
                        Content after = change.apply(parse(read(ch), now));
                        if (after == null) return;
                        byte[] bytes = Json.compact(json(after)).getBytes(StandardCharsets.UTF_8);
                        ch.truncate(0);
                        ch.write(ByteBuffer.wrap(bytes), 0);
                    }
                }
            } catch (IOException | RuntimeException | InterruptedException e) {
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                alone = true;
                debug.accept("SIMKL's pace is kept by this run alone: " + file + " cannot be used (" + e.getMessage()
                        + ")");
            }
        }
    }

    /**
     * Refuses a file that is rewritten in place when it is not a regular file, or has another name
     * too (a hard link): rewriting it would rewrite that other file.
     */
    private static void refuseShared(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) throw new IOException("it is not a regular file");
        Object links;
        try {
            links = Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            throw new IOException("its other names (hard links) cannot be counted here");
        }
        if (!(links instanceof Integer n) || n != 1) throw new IOException("it has another name too (a hard link)");
    }

    /**
     * The file's lock, tried again after pauses, the first ones short, until {@link #LOCK_WAIT} has
     * been waited; then an IOException.
     */
    private FileLock lock(FileChannel ch) throws IOException, InterruptedException {
        Duration waited = Duration.ZERO;
        Duration pause = Duration.ofMillis(1);
        while (true) {
            FileLock lock = ch.tryLock();
            if (lock != null) return lock;
            if (waited.compareTo(LOCK_WAIT) >= 0) {
                throw new IOException("another command has held its lock for over " + LOCK_WAIT.toSeconds()
                        + " s; is one stopped midway?");
            }
            sleeper.sleep(pause);
            waited = waited.plus(pause);
            pause = pause.multipliedBy(2).compareTo(LOCK_RETRY) > 0 ? LOCK_RETRY : pause.multipliedBy(2);
        }
    }

    private static byte[] read(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size > MAX_BYTES) return new byte[0];
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
            // read it all
        }
        return buf.array();
    }

    /** The file's content; whatever cannot be read counts as not there. */
    static Content parse(byte[] bytes, Instant now) {
        JsonNode root;
        try {
            root = bytes.length == 0 ? null : Json.MAPPER.readTree(bytes);
        } catch (IOException | RuntimeException e) {
            root = null;
        }
        if (root == null || !root.isObject()) return new Content(new Pacer.Recent(), null);
        List<Instant> gets = new ArrayList<>();
        for (JsonNode g : root.path("gets")) {
            Instant t = instant(g, now);
            if (t != null) gets.add(t);
        }
        return new Content(new Pacer.Recent(gets, instant(root.path("last_post"), now)),
                instant(root.path("post_refused_at"), null));
    }

    /** A time the file holds; null when it is not one, or lies more than {@link #AHEAD} past {@code now}. */
    private static Instant instant(JsonNode n, Instant now) {
        if (!n.isTextual()) return null;
        try {
            Instant t = Instant.parse(n.asText());
            return now != null && t.isAfter(now.plus(AHEAD)) ? null : t;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static ObjectNode json(Content c) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode gets = root.putArray("gets");
        c.recent().gets().forEach(g -> gets.add(g.toString()));
        if (c.recent().lastPost() != null) root.put("last_post", c.recent().lastPost().toString());
        if (c.refusedAt() != null) root.put("post_refused_at", c.refusedAt().toString());
        return root;
    }
}
