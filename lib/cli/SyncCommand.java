package cli;

import sync.Report;
import sync.SyncJob;

/**
 * --sync (and --dry-run): one synchronization and its report, as text or one JSON document; then
 * the notifications and the last-run record (a dry run neither tells nor records).
 */
record SyncCommand(SyncJob.Options options) implements Command {
    @Override
    public int run(Session s) throws Exception {
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
            }
            alerts.finished(report, code);
            return code;
        }
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
