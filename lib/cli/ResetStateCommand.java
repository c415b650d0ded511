package cli;

import files.RunLock;
import sync.StateFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * --reset-state: takes state.json out of use under the run lock (renamed, kept for reference); the
 * next sync re-seeds safely (adds only). The day's count of SIMKL requests is kept.
 */
record ResetStateCommand() implements Command {
    @Override
    public int run(Session s) throws Exception {
        try (RunLock lock = s.lock()) {
            Path copy = StateFile.reset(s.folder().stateFile(), s.ctx.clock().instant());
            if (copy != null) {
                Path stamps = StateFile.stampsFile(s.folder().stateFile());
                boolean counted = Files.isRegularFile(stamps, LinkOption.NOFOLLOW_LINKS);
                s.console.ok("Reset: " + s.folder().stateFile() + " is now " + copy.getFileName() + " (its snapshot "
                        + "and its unresolved titles, kept for reference" + (counted ? "; today's SIMKL requests stay "
                        + "counted, in " + stamps.getFileName() : "") + "). The next --sync re-seeds safely (adds only).");
            } else {
                s.console.info("No state file at " + s.folder().stateFile() + "; nothing to delete.");
            }
            return ExitCode.OK;
        } catch (IOException e) {
            throw Failure.usage("Could not set " + s.folder().stateFile() + " aside: " + e.getMessage()
                    + ". Check that the folder is writable; nothing was reset.");
        }
    }
}
