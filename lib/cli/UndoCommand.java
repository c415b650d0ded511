package cli;

import config.Config;
import files.RunLock;
import sync.Report;
import sync.SyncJob;

/**
 * --undo [RUN|last]: takes back exactly what one run did, as the journal recorded it, with the plan,
 * guard, dry run, report, journal and notifications of a sync. What it must not take back (a title
 * watched since, marked watched by the watched rule, changed since) its report names.
 */
record UndoCommand(String run, SyncJob.Options options) implements Command {
    @Override
    public int run(Session s) throws Exception {
        Config config = s.config();
        s.requireSyncCredentials(config);
        try (Alerts alerts = Alerts.of(s, options.dryRun(), false)) {
            alerts.started();
            Report report;
            try (RunLock lock = options.dryRun() ? s.lockIfWritable() : s.lock();
                 SyncJob.Clients clients = s.connections.forSync(config);
                 Interruption interruption = new Interruption(s.console)) {
                report = s.job(config, clients).listening(new SyncJob.Listener() {
                    @Override
                    public void writing(SyncJob.Writes writes) {
                        interruption.watch(writes);
                    }
                }).undo(options, run);
            } catch (Exception e) {
                int code = Failure.report(e, s);
                alerts.failed(code, s.console.lastError());
                return code;
            }
            if (report == null) {
                throw Failure.usage("The journal " + s.folder().journalFile() + " holds no run "
                        + ("last".equals(run) ? "yet" : run) + ": see the runs with " + s.rerun(Verb.JOURNAL));
            }
            int code = ExitCode.of(report.status());
            if (s.json()) s.console.document(report.json(code));
            else for (String line : report.text(s.rerun())) s.console.result(line);
            alerts.finished(report, code);
            return code;
        }
    }
}
