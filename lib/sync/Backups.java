package sync;

import files.AtomicFile;
import files.Json;
import model.MediaItem;
import simkl.SimklEntry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Both lists as read, saved before a run's first write: backups/<UTC timestamp>.json, the last 10 kept. */
public final class Backups {
    public static final int KEEP = 10;
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private Backups() {}

    public static Path save(Path dir, Instant at, SyncRun.Lists lists) throws IOException {
        Files.createDirectories(dir);
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
        prune(dir);
        return file;
    }

    private static Map<String, Object> item(MediaItem i, String bucket) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", i.type().word());
        m.put("title", i.title());
        m.put("year", i.year());
        m.put("ids", i.ids().asMap());
        if (bucket != null) m.put("bucket", bucket);
        return m;
    }

    static void prune(Path dir) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.list(dir)) {
            all = s.filter(p -> p.getFileName().toString().matches("\\d{8}T\\d{6}Z(-\\d+)?\\.json")).sorted().toList();
        }
        for (int i = 0; i < all.size() - KEEP; i++) Files.deleteIfExists(all.get(i));
    }
}
