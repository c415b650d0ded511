package cli;

import sync.Report;
import sync.SyncRun;

/** --sync (and --dry-run): one synchronization and its report, as text or one JSON document. */
record SyncCommand(SyncRound.Options options, boolean json) implements Command {
    @Override
    public int run(Session s) throws Exception {
        SyncRun.Result result = SyncRound.run(s, s.config(), options, true);
        int code = ExitCode.of(result.status());
        if (s.console.quiet() && !SyncRound.worthTelling(result, code)) return code;
        if (json) {
            s.console.document(Report.json(result, code));
            // stdout is the document: the person still hears of withheld removals, on stderr
            if (code == ExitCode.GUARD) s.console.warn(result.plan().guard());
        } else {
            for (String line : Report.text(result, s.rerun())) s.console.result(line);
        }
        return code;
    }
}
