package cli;

import sync.PlanFile;
import sync.SyncJob;

import java.nio.file.Path;

/**
 * --apply PLAN: carries out exactly the actions of a kept plan (a run the deletion guard held back,
 * or one written by --sync --dry-run --plan-out) while both lists still read as the plan saw them,
 * once; otherwise nothing is written and the refusal says what changed (exit 2).
 */
record ApplyCommand(String plan, SyncJob.Options options) implements Command {
    @Override
    public int run(Session s) throws Exception {
        Path file = s.ctx.cwd().resolve(plan);
        return UndoCommand.carryOut(s, options, job -> {
            try {
                return job.apply(options, file);
            } catch (PlanFile.Refused e) {
                throw Failure.usage(e.getMessage());
            }
        }, () -> Failure.usage("No plan in " + file));
    }
}
