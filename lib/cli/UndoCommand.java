package cli;

import config.Config;
import files.RunLock;
import sync.Report;
import sync.SyncJob;

import java.util.function.Supplier;

/**
 * --undo [RUN|last]: takes back exactly what one run did, as the journal recorded it, with the plan,
 * guard, dry run, report, journal and notifications of a sync. What it must not take back (a title
 * watched since, marked watched by the watched rule, changed since) its report names.
 */
record UndoCommand(String run, SyncJob.Options options) implements Command {
    /** The job a command runs, from the job to its report (null: nothing to do, said by the command). */
    interface Body {
        Report of(SyncJob job) throws Exception;
    }

    @Override
    public int run(Session s) throws Exception {
        return carryOut(s, options, job -> job.undo(options, run), () -> Failure.usage("The journal "
                + s.folder().journalFile() + " holds no run " + ("last".equals(run) ? "yet" : run)
                + ": see the runs with " + s.rerun(Verb.JOURNAL)));
    }

    /**
     * What --undo and --apply share with a sync: the lock, the clients, Ctrl-C's handling, the report
     * as text or --json, the notifications and the last-run record.
     */
    static int carryOut(Session s, SyncJob.Options options, Body body, Supplier<Failure> none)
            throws Exception {
        Config config = s.config();
        s.requireSyncCredentials(config);
        try (Alerts alerts = Alerts.of(s, options.dryRun(), false)) {
            alerts.started();
            Report report;
            try (RunLock lock = options.dryRun() ? s.lockIfWritable() : s.lock();
                 SyncJob.Clients clients = s.connections.forSync(config);
                 Interruption interruption = new Interruption(s.console)) {
                report = body.of(s.job(config, clients).listening(new SyncJob.Listener() {
                    @Override
                    public void writing(SyncJob.Writes writes) {
                        interruption.watch(writes);
                    }
                }));
            } catch (Exception e) {
                int code = Failure.report(e, s);
                alerts.failed(code, s.console.lastError());
                return code;
            }
            if (report == null) throw none.get();
            int code = ExitCode.of(report.status());
            if (s.json()) s.console.document(report.json(code));
            else for (String line : report.text(s.rerun())) s.console.result(line);
            SyncCommand.followUps(s, report);
            alerts.finished(report, code);
            return code;
        }
    }
}
