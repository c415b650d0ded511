package cli;

import files.RunLock;
import sync.StateFile;

import java.io.IOException;

/** --reset-state: delete state.json under the run lock; the next sync re-seeds safely (adds only). */
record ResetStateCommand() implements Command {
    @Override
    public int run(Session s) throws Exception {
        try (RunLock lock = s.lock()) {
            if (StateFile.reset(s.folder().stateFile())) {
                s.console.ok("Deleted " + s.folder().stateFile() + ". The next --sync re-seeds safely (adds only).");
            } else {
                s.console.info("No state file at " + s.folder().stateFile() + "; nothing to delete.");
            }
            return ExitCode.OK;
        } catch (IOException e) {
            throw Failure.usage("Could not delete " + s.folder().stateFile() + ": " + e.getMessage());
        }
    }
}
