package cli;

import config.Config;
import config.Config.Side;
import files.RunLock;
import model.MediaItem;
import model.Plural;
import plex.PlexClient;
import sync.Backups;
import sync.Plan;
import sync.Journal;
import sync.Report;
import sync.State;
import sync.StateFile;
import sync.SyncRun;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * --restore BACKUP --side plex|simkl: makes one side equal to its list in a backup, with the same
 * plan, guard, dry run and report as a sync. state.json is kept, so to the next sync the restore is
 * an edit of that side; the report says what that next sync will do.
 */
record RestoreCommand(String backup, Side side, boolean dryRun, Integer maxDelete, boolean json) implements Command {
    @Override
    public int run(Session s) throws Exception {
        if (side == null) throw Failure.usage("--restore needs --side plex or --side simkl: which side to put back.");
        Config config = s.config();
        Path file = Backups.find(s.folder().backupsDir(), s.ctx.cwd(), backup);
        if (file == null) {
            throw Failure.usage("No backup " + backup + " (looked in " + s.folder().backupsDir()
                    + "). Give a path, a file name there, or 'latest'.");
        }
        List<MediaItem> wanted;
        try {
            wanted = Backups.load(file, side.word);
        } catch (Backups.Unreadable e) {
            throw Failure.usage(e.getMessage());
        }
        s.requireSyncCredentials(config);
        String name = file.getFileName().toString();
        s.console.info("Restoring " + (side == Side.PLEX ? "the Plex watchlist" : "SIMKL Plan to Watch") + " to " + file
                + " (" + Plural.of(wanted.size(), "title") + ")");
        try (RunLock lock = s.lock(); Services services = s.services(config)) {
            State state = StateFile.load(s.folder().stateFile());
            SyncRun run = SyncRound.engine(s, config, services);
            SyncRun.Options opt = new SyncRun.Options(dryRun, maxDelete, true, PlexClient.CONCURRENCY,
                    s.ctx.beforeWrite());
            SyncRun.Planned planned = run.planRestore(state, opt, side, name, wanted);
            SyncRun.Result result = dryRun ? run.project(planned) : run.apply(planned, opt, s.folder().backupsDir(),
                    new Journal(s.folder().journalFile()));
            Plan next = run.nextSync(planned, result.outcomes());
            int code = ExitCode.of(result.status());
            if (json) {
                Map<String, Object> doc = Report.json(result, code);
                doc.put("backup", file.toString());
                doc.put("next_sync", next.actions().stream().map(Plan.Action::describe).toList());
                s.console.document(doc);
            } else {
                for (String line : Report.text(result, s.rerun())) s.console.result(line);
                for (String line : Report.nextSync(next, config.sync().describe())) s.console.result(line);
            }
            return code;
        }
    }
}
