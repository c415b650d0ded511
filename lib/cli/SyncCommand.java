package cli;

import sync.Report;
import sync.SyncJob;

import java.util.ArrayList;
import java.util.List;

/**
 * --sync (and --dry-run): one synchronization and its report, as text or one JSON document; then
 * the notifications and the last-run record (a dry run neither tells nor records).
 */
record SyncCommand(SyncJob.Options given) implements Command {
    @Override
    public int run(Session s) throws Exception {
        if (given.planOut() != null && !given.dryRun()) {
            throw Failure.usage("--plan-out goes with --dry-run: " + s.rerun(Verb.SYNC) + " --dry-run --plan-out "
                    + Session.shellWord(given.planOut().toString()) + " keeps the plan to review; --apply carries it "
                    + "out.");
        }
        SyncJob.Options options = given.planOut() == null ? given : new SyncJob.Options(true, given.maxDelete(),
                given.retryUnresolved(), s.ctx.cwd().resolve(given.planOut()));
        try (Alerts alerts = Alerts.of(s, options.dryRun(), false)) {
            alerts.started();
            Report report;
            try (Interruption interruption = new Interruption(s.console)) {
                report = s.sync(s.config(), options, listener(s, interruption));
            } catch (Exception e) {
                int code = Failure.report(e, s);
                alerts.failed(code, s.console.lastError());
                return code;
            }
            int code = ExitCode.of(report.status());
            if (!s.console.quiet() || report.worthTelling()) {
                if (s.json()) {
                    s.console.document(report.json(code));
                    // stdout is the document: the person still hears of withheld removals, on stderr
                    if (code == ExitCode.GUARD) s.console.warn(report.guardWarning(s.rerun()));
                } else {
                    for (String line : report.text(s.rerun())) s.console.result(line);
                }
                followUps(s, report);
            }
            alerts.finished(report, code);
            return code;
        }
    }

    /**
     * The commands that follow from a run, said last: --apply for the plan kept of a run the guard held
     * back, --undo for a run that removed titles. Under --json they go to stderr.
     */
    static void followUps(Session s, Report report) {
        for (String line : followUpLines(s, report)) {
            if (s.json()) s.console.warn(line);
            else s.console.result(line);
        }
    }

    static List<String> followUpLines(Session s, Report report) {
        List<String> lines = new ArrayList<>();
        Report.Handles h = report.handles();
        if (h != null && h.plan() != null) {
            lines.add((report.dryRun() ? "The plan is kept in " : "The plan held back is kept in ") + h.plan()
                    + ". To carry it out exactly as it is, after review: " + s.rerun(Verb.APPLY, h.plan().toString()));
        }
        if (report.removed()) lines.add("To undo this run: " + s.rerun(Verb.UNDO, h.run()));
        return lines;
    }

    /** The heading once the run knows its lists, and the writes handed to Ctrl-C's handling. */
    private static SyncJob.Listener listener(Session s, Interruption interruption) {
        return new SyncJob.Listener() {
            @Override
            public void starting(String mode, boolean firstRun, boolean dryRun) {
                s.console.banner("==============================================");
                s.console.banner(" Plex ⇄ SIMKL Watchlist Sync  (mode: " + mode
                        + (firstRun ? ", first run: adds only" : "") + (dryRun ? ", dry run" : "") + ")");
                s.console.banner("==============================================");
            }

            @Override
            public void writing(SyncJob.Writes writes) {
                interruption.watch(writes);
            }
        };
    }
}
