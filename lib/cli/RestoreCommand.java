package cli;

import com.fasterxml.jackson.databind.JsonNode;
import config.Config;
import config.Config.Side;
import config.ConfigDir;
import files.Json;
import files.RunLock;
import model.Ids;
import model.MediaItem;
import model.MediaType;
import model.Plural;
import sync.Plan;
import sync.Report;
import sync.State;
import sync.StateFile;
import sync.SyncRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * --restore BACKUP --side plex|simkl: makes one side equal to its list in a backup, with the same
 * plan, guard, dry run and report as a sync. state.json is kept, so to the next sync the restore is
 * an edit of that side; the report says what that next sync will do.
 */
final class RestoreCommand {
    private RestoreCommand() {}

    static int run(Flags.Request req, Context ctx, Console console, ConfigDir dir, Config config) throws Exception {
        if (req.side() == null) throw Failure.usage("--restore needs --side plex or --side simkl: which side to put back.");
        Path file = locate(req.restoreBackup(), ctx, dir);
        if (file == null) {
            throw Failure.usage("No backup " + req.restoreBackup() + " (looked in " + dir.backupsDir()
                    + "). Give a path, a file name there, or 'latest'.");
        }
        List<MediaItem> wanted;
        try {
            wanted = items(Json.MAPPER.readTree(file.toFile()).path(req.side()));
        } catch (IOException | IllegalArgumentException e) {
            throw Failure.usage(file + " is not a backup this tool can read: " + e.getMessage());
        }
        Credentials.requireForSync(config);
        Side target = req.side().equals("plex") ? Side.PLEX : Side.SIMKL;
        String name = file.getFileName().toString();
        console.info("Restoring " + (target == Side.PLEX ? "the Plex watchlist" : "SIMKL Plan to Watch") + " to " + file
                + " (" + Plural.of(wanted.size(), "title") + ")");
        try (RunLock lock = SyncCommand.lock(dir); Services s = new Services(config, ctx, console)) {
            State state = StateFile.load(dir.stateFile());
            SyncRun run = new SyncRun(config, s.plex, s.simkl, ctx.clock(), ctx.sleeper(), console::info, console::debug, console::progress);
            SyncRun.Options opt = new SyncRun.Options(req.dryRun(), req.maxDelete(), true, 4, ctx.beforeWrite());
            SyncRun.Planned planned = run.planRestore(state, opt, target, name, wanted);
            SyncRun.Result result = req.dryRun() ? run.project(planned) : run.apply(planned, opt, dir.backupsDir());
            Plan next = run.nextSync(planned, result.outcomes());
            int code = ExitCode.of(result.status());
            if (req.json()) {
                Map<String, Object> doc = Report.json(result, code);
                doc.put("command", "restore");
                doc.put("backup", file.toString());
                doc.put("next_sync", next.actions().stream().map(Plan.Action::describe).toList());
                console.resultRaw(Json.pretty(doc));
            } else {
                for (String line : Report.text(result)) console.result(line);
                for (String line : Report.nextSync(next, config.sync().describe())) console.result(line);
            }
            return code;
        }
    }

    private static Path locate(String name, Context ctx, ConfigDir dir) {
        if (name.equals("latest")) {
            try (Stream<Path> s = Files.list(dir.backupsDir())) {
                return s.filter(p -> p.getFileName().toString().endsWith(".json")).max(Path::compareTo).orElse(null);
            } catch (IOException e) {
                return null;
            }
        }
        for (Path p : List.of(ctx.cwd().resolve(name), dir.backupsDir().resolve(name), dir.backupsDir().resolve(name + ".json"))) {
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }

    private static List<MediaItem> items(JsonNode list) {
        if (!list.isArray()) throw new IllegalArgumentException("it has no list for this side");
        List<MediaItem> out = new ArrayList<>();
        for (JsonNode n : list) {
            Map<String, Object> ids = new HashMap<>();
            n.path("ids").properties().forEach(e -> ids.put(e.getKey(), e.getValue().asText()));
            Integer year = n.hasNonNull("year") ? n.get("year").asInt() : null;
            out.add(new MediaItem(MediaType.parse(n.path("type").asText()), n.path("title").asText(""), year, Ids.of(ids)));
        }
        return out;
    }
}
