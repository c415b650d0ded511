package sync;

import com.fasterxml.jackson.databind.JsonNode;
import files.AtomicFile;
import files.Folders;
import files.Json;
import model.Ids;
import model.MediaItem;
import model.MediaType;
import model.TitleRow;
import simkl.SimklEntry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Both lists as read, saved before a run's first write: backups/<UTC timestamp>.json, the last 10 kept. */
public final class Backups {
    public static final int KEEP = 10;
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** Both lists as read: the Plex watchlist, and every SIMKL entry (the backup keeps those in Plan to Watch). */
    public record Lists(List<MediaItem> plex, List<SimklEntry> simkl) {}

    private Backups() {}

    public static Path save(Path dir, Instant at, Lists lists) throws IOException {
        Folders.createOwn(dir);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("taken_at", at.toString());
        List<Object> plex = new ArrayList<>();
        for (MediaItem i : lists.plex()) plex.add(item(i, null));
        List<Object> simkl = new ArrayList<>();
        for (SimklEntry e : lists.simkl()) if (e.planToWatch()) simkl.add(item(e.item(), e.bucket()));
        doc.put("plex", plex);
        doc.put("simkl", simkl);
        String base = NAME.format(at);
        Path file = dir.resolve(base + ".json");
        for (int n = 2; Files.exists(file); n++) file = dir.resolve(base + "-" + n + ".json");
        AtomicFile.write(file, Json.pretty(doc).getBytes(StandardCharsets.UTF_8));
        prune(dir, at);
        return file;
    }

    private static Map<String, Object> item(MediaItem i, String bucket) {
        Map<String, Object> m = TitleRow.of(i).fields();
        if (bucket != null) m.put("bucket", bucket);
        return m;
    }

    /** A backup that cannot be read as one: the message says why. */
    public static final class Unreadable extends Exception {
        Unreadable(Path file, String why) {
            super(file + " is not a backup this tool can read: " + why);
        }
    }

    /**
     * A backup by the name a person gives: a path (from {@code cwd}), a file name in the backups
     * folder (with or without .json), or "latest" for the newest; null when there is none.
     */
    public static Path find(Path dir, Path cwd, String name) {
        if (name.equals("latest")) {
            List<Path> all = list(dir);
            return all.isEmpty() ? null : all.get(0);
        }
        for (Path p : List.of(cwd.resolve(name), dir.resolve(name), dir.resolve(name + ".json"))) {
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }

    /** A backup's name as --restore takes it: its file name without ".json". */
    public static String stem(Path backupFile) {
        String name = backupFile.getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }

    /** The backups in the folder, newest first (none when there is no folder). */
    public static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> NAMED.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** What a backup holds, for a list to choose from: when it was taken and how many titles a side (-1: unreadable).
     * */
    public record Summary(Path file, Instant takenAt, int plex, int simkl) {}

    public static Summary summary(Path file) {
        try {
            JsonNode doc = Json.MAPPER.readTree(file.toFile());
            Instant at;
            try {
                at = Instant.parse(doc.path("taken_at").asText());
            } catch (DateTimeParseException e) {
                at = null;
            }
            return new Summary(file, at, doc.path("plex").isArray() ? doc.path("plex").size() : -1,
                    doc.path("simkl").isArray() ? doc.path("simkl").size() : -1);
        } catch (IOException e) {
            return new Summary(file, null, -1, -1);
        }
    }

    /** One side's list ("plex" or "simkl") as the backup holds it. */
    public static List<MediaItem> load(Path file, String side) throws Unreadable {
        JsonNode list;
        try {
            list = Json.MAPPER.readTree(file.toFile()).path(side);
        } catch (IOException e) {
            throw new Unreadable(file, e.getMessage());
        }
        if (!list.isArray()) throw new Unreadable(file, "it has no list for " + side);
        List<MediaItem> out = new ArrayList<>();
        for (JsonNode n : list) {
            Map<String, Object> ids = new HashMap<>();
            n.path("ids").properties().forEach(e -> ids.put(e.getKey(), e.getValue().asText()));
            Integer year = n.hasNonNull("year") ? n.get("year").asInt() : null;
            try {
                out.add(new MediaItem(MediaType.parse(n.path("type").asText()), n.path("title").asText(""), year,
                        Ids.of(ids)));
            } catch (IllegalArgumentException e) {
                throw new Unreadable(file, e.getMessage());
            }
        }
        return out;
    }

    private static final Pattern NAMED = Pattern.compile("\\d{8}T\\d{6}Z(-\\d+)?\\.json");

    /**
     * Keeps the newest {@link #KEEP} backups taken up to {@code now}. A name dated later (a clock that was
     * ahead, a file copied in) is left alone and not counted: otherwise it would stay "newest" and every
     * new backup would be the one deleted.
     */
    static void prune(Path dir, Instant now) throws IOException {
        String latest = NAME.format(now);
        List<Path> all;
        try (Stream<Path> s = Files.list(dir)) {
            all = s.filter(p -> NAMED.matcher(p.getFileName().toString()).matches())
                    .filter(p -> p.getFileName().toString().substring(0, latest.length()).compareTo(latest) <= 0)
                    .sorted().toList();
        }
        for (int i = 0; i < all.size() - KEEP; i++) Files.deleteIfExists(all.get(i));
    }
}
