package cli;

import config.Config;
import config.Config.Side;
import files.RunLock;
import model.MediaItem;
import model.Plural;
import model.Times;
import sync.Backups;
import sync.Report;
import sync.SyncJob;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * --restore BACKUP --side plex|simkl: makes one side equal to its list in a backup, with the same
 * plan, guard, dry run and report as a sync. state.json is kept, so to the next sync the restore is
 * an edit of that side; the report says what that next sync will do, and is kept in last_report.txt
 * (not a dry run's).
 */
record RestoreCommand(String backup, Side side, SyncJob.Options options) implements Command {
    @Override
    public int run(Session s) throws Exception {
        Path dir = s.folder().backupsDir();
        if (backup.isEmpty()) return list(s, dir, null);
        Path file = Backups.find(dir, s.ctx.cwd(), backup);
        if (file == null) return list(s, dir, backup);
        if (side == null) throw Failure.usage("--restore needs --side plex or --side simkl: which side to put back.");
        Config config = s.config();
        List<MediaItem> wanted;
        try {
            wanted = Backups.load(file, side.word);
        } catch (Backups.Unreadable e) {
            throw Failure.usage(e.getMessage());
        }
        s.requireSyncCredentials(config);
        s.console.info("Restoring " + (side == Side.PLEX ? "the Plex watchlist" : "SIMKL Plan to Watch") + " to " + file
                + " (" + Plural.of(wanted.size(), "title") + ")");
        Report report;
        try (RunLock lock = s.lock(); SyncJob.Clients clients = s.connections.forSync(config);
             Interruption interruption = new Interruption(s.console)) {
            report = s.job(config, clients).listening(interruption).restore(options, side, file, wanted);
        } catch (Exception e) {
            int code = Failure.report(e, s);
            if (!options.dryRun()) LastReport.failed(s, code, s.console.lastError());
            return code;
        }
        int code = ExitCode.of(report.status());
        List<String> lines = new ArrayList<>(report.text(s.rerun()));
        String undo = report.restored().undoWith();
        if (undo != null) lines.add("To undo this restore: " + s.rerun(Verb.RESTORE, undo));
        if (s.json()) s.console.document(report.json(code));
        else for (String line : lines) s.console.result(line);
        if (!options.dryRun()) LastReport.save(s, code, lines);
        return code;
    }

    /**
     * The backups there are, newest first, with what each holds: what bare --restore prints (exit
     * 0), and what a name that matches none gets instead of a restore (exit 2).
     */
    private int list(Session s, Path dir, String missing) throws Failure {
        List<Path> files = Backups.list(dir);
        Times times = s.times();
        List<Backups.Summary> all = files.stream().map(Backups::summary).toList();
        if (s.json() && missing == null) {
            s.console.document(new LinkedHashMap<>(Map.of("folder", dir.toString(), "backups", documents(all))));
            return ExitCode.OK;
        }
        List<String> lines = new ArrayList<>();
        String head = missing == null ? "" : "No backup named " + missing + ". ";
        if (all.isEmpty()) {
            lines.add(head + "There are no backups in " + dir + " yet: a sync saves both lists there before its "
                    + "first change.");
        } else {
            lines.add(head + "The backups in " + dir + ", newest first:");
            for (Backups.Summary b : all) {
                String when = b.takenAt() == null ? "taken at an unknown time" : "taken " + times.when(b.takenAt());
                String holds = b.plex() < 0 || b.simkl() < 0 ? "not readable as a backup"
                        : "Plex " + Plural.of(b.plex(), "title") + ", SIMKL Plan to Watch "
                                + Plural.of(b.simkl(), "entry") + " (an anime's seasons are one each)";
                lines.add("  " + Backups.stem(b.file()) + "  " + when + ": " + holds);
            }
            String sideWord = side == null ? "plex" : side.word;
            lines.add("Put one side back with: " + s.rerun(Verb.RESTORE, Backups.stem(all.get(0).file()))
                    + (side == null ? " --side " + sideWord : "") + "  ('latest' is the newest; --side plex or "
                    + "simkl; --dry-run first to see the plan)");
        }
        if (missing != null) throw Failure.usage(String.join("\n", lines));
        for (String line : lines) s.console.result(line);
        return ExitCode.OK;
    }

    /** The backups as --restore --json lists them. */
    private static List<Object> documents(List<Backups.Summary> all) {
        List<Object> docs = new ArrayList<>();
        for (Backups.Summary b : all) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", Backups.stem(b.file()));
            m.put("file", b.file().toString());
            m.put("taken_at", b.takenAt() == null ? null : b.takenAt().toString());
            m.put("plex", b.plex() < 0 ? null : b.plex());
            m.put("simkl", b.simkl() < 0 ? null : b.simkl());
            docs.add(m);
        }
        return docs;
    }
}
