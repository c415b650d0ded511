package cli;

import sync.Report;
import sync.SyncRun;

/**
 * --sync (and --dry-run): one synchronization and its report, as text or one JSON document; then
 * the notifications and the last-run record (a dry run neither tells nor records).
 */
record SyncCommand(SyncRound.Options options, boolean json) implements Command {
    @Override
    public int run(Session s) throws Exception {
        try (Alerts alerts = Alerts.of(s, options.dryRun(), false)) {
            alerts.started();
            SyncRun.Result result;
            try (Interruption interruption = new Interruption(s.console)) {
                result = SyncRound.run(s, s.config(), options, true, interruption);
            } catch (Exception e) {
                int code = Failure.report(e, s.console, s.environment());
                alerts.failed(code, s.console.lastError());
                return code;
            }
            int code = ExitCode.of(result.status());
            if (!s.console.quiet() || SyncRound.worthTelling(result, code)) {
                if (json) {
                    s.console.document(Report.json(result, code));
                    // stdout is the document: the person still hears of withheld removals, on stderr
                    if (code == ExitCode.GUARD) {
                        s.console.warn(result.plan().guard() + (result.plan().allowWith() == null ? ""
                                : " To allow them once: " + s.rerun() + " --max-delete " + result.plan().allowWith()));
                    }
                } else {
                    for (String line : Report.text(result, s.rerun())) s.console.result(line);
                }
            }
            alerts.finished(result, code);
            return code;
        }
    }
}
