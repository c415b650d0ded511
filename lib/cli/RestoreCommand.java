package cli;

import com.fasterxml.jackson.databind.JsonNode;
import config.Config;
import config.ConfigDir;
import config.ConfigException;
import files.Json;
import files.RunLock;
import http.AuthException;
import http.ServiceException;
import model.Ids;
import model.MediaItem;
import model.MediaType;
import plex.PlexClient;
import simkl.SimklEntry;
import sync.Backups;
import sync.Executor;
import sync.Matcher;
import sync.Match;
import sync.Plan;
import sync.Planner;
import sync.Report;
import sync.SimklRead;
import sync.State;
import sync.StateFile;
import sync.SyncRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * --restore BACKUP --side plex|simkl: makes one side equal to its list in a backup, as a mirror
 * whose source is the backup: the same plan, guards, dry run and report as a sync.
 */
final class RestoreCommand {
    private RestoreCommand() {}

    static int run(Flags.Request req, Context ctx, Console console, ConfigDir dir, Config config) throws ConfigException {
        if (req.side() == null) {
            console.error("--restore needs --side plex or --side simkl: which side to put back.");
            return ExitCode.USAGE;
        }
        Path file = locate(req.restoreBackup(), ctx, dir);
        if (file == null) {
            console.error("No backup " + req.restoreBackup() + " (looked in " + dir.backupsDir() + "). Give a path, a file name there, or 'latest'.");
            return ExitCode.USAGE;
        }
        List<MediaItem> wanted;
        try {
            wanted = items(Json.MAPPER.readTree(file.toFile()).path(req.side()));
        } catch (IOException | IllegalArgumentException e) {
            console.error(file + " is not a backup this tool can read: " + e.getMessage());
            return ExitCode.USAGE;
        }
        List<String> missing = Credentials.missingForSync(config);
        if (!missing.isEmpty()) {
            missing.forEach(console::error);
            return ExitCode.USAGE;
        }
        boolean plexSide = req.side().equals("plex");
        console.info("Restoring " + (plexSide ? "the Plex watchlist" : "SIMKL Plan to Watch") + " to " + file + " (" + wanted.size() + " titles)");
        try (RunLock lock = RunLock.acquire(dir.lockFile()); Services s = new Services(config, ctx, console)) {
            State state = StateFile.load(dir.stateFile());
            PlexClient.WatchlistRead plexRead = s.plex.readWatchlist();
            SimklRead simklRead = new SimklRead(s.simkl, null, false, console::debug);
            List<SimklEntry> simkl = simklRead.read();
            List<MediaItem> source = wanted;
            List<Match> matches = plexSide
                    ? Matcher.match(plexRead.items(), asPlanToWatch(source), List.of(), console::debug)
                    : Matcher.match(source, simkl, List.of(), console::debug);
            Config.Sync mirror = new Config.Sync(config.sync().enableAdd(), config.sync().enableRemove(), config.sync().verifyAfterWrite(),
                    true, Config.Mode.MIRROR, plexSide ? Config.Side.SIMKL : Config.Side.PLEX, false, config.sync().maxDelete(),
                    config.sync().maxDeletePercent());
            int plexCount = plexSide ? plexRead.items().size() : source.size();
            int simklCount = plexSide ? source.size() : (int) simkl.stream().filter(SimklEntry::planToWatch).count();
            Plan plan = Planner.plan(new Planner.Input(matches, true, mirror, plexRead.complete(), true, plexCount, simklCount,
                    0, 0, List.of(), ctx.clock().instant(), true, req.maxDelete()));
            List<Executor.Outcome> outcomes = List.of();
            if (!req.dryRun() && plan.writes()) {
                console.info("Backup of both lists: " + Backups.save(dir.backupsDir(), ctx.clock().instant(), new SyncRun.Lists(plexRead.items(), simkl)));
                Set<String> keys = new HashSet<>();
                plexRead.items().forEach(i -> keys.add(i.ids().get("plex")));
                outcomes = new Executor(s.plex, s.simkl, 4, console::debug, null).execute(plan, keys);
                // The lists changed outside the snapshot: the next sync re-seeds (adds only), so a restore never deletes on the other side.
                StateFile.save(dir.stateFile(), state.withSnapshot(null).withSimkl(null).withSavedAt(ctx.clock().instant().toString()));
                console.info("state.json reset: the next sync re-seeds from both lists (adds only).");
            }
            SyncRun.Result result = new SyncRun.Result("restore " + req.side(), false, req.dryRun(), plan, outcomes,
                    plexRead.items().size(), simklCount, plexCount, simklCount, List.of(), state, plexRead.complete(), true,
                    plexRead.complete() ? null : plexRead.problem());
            int code = Report.exitCode(result);
            if (req.json()) {
                var doc = Report.json(result, code);
                doc.put("command", "restore");
                doc.put("backup", file.toString());
                console.resultRaw(Json.pretty(doc));
            } else {
                for (String line : Report.text(result)) if (!line.startsWith("Post-sync") && !line.startsWith("After this plan")) console.result(line);
            }
            return code;
        } catch (RunLock.LockedException e) {
            console.error(e.getMessage());
            return ExitCode.PARTIAL;
        } catch (AuthException e) {
            console.error(e.getMessage() + " " + SyncCommand.authHint(e.getMessage()));
            return ExitCode.AUTH;
        } catch (ServiceException | IOException e) {
            console.error("Restore stopped: " + e.getMessage());
            return ExitCode.PARTIAL;
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
            var ids = new HashMap<String, Object>();
            n.path("ids").properties().forEach(e -> ids.put(e.getKey(), e.getValue().asText()));
            Integer year = n.hasNonNull("year") ? n.get("year").asInt() : null;
            out.add(new MediaItem(MediaType.parse(n.path("type").asText()), n.path("title").asText(""), year, Ids.of(ids)));
        }
        return out;
    }

    private static List<SimklEntry> asPlanToWatch(List<MediaItem> items) {
        List<SimklEntry> out = new ArrayList<>();
        for (MediaItem i : items) out.add(new SimklEntry(i, i.type() == MediaType.MOVIE ? "movies" : "shows", "plantowatch", false, false, null));
        return out;
    }
}
