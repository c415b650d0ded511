package cli;

import files.AtomicFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * last_report.txt beside last_run.json: the text report of the last run that could write to the lists
 * (--sync, a --watch round, --undo, --apply, --restore) as it is printed, its follow-up commands
 * included, or the error that stopped it; under a line naming the command, when it ended and its
 * exit code. The text even after a --json run (the document was on stdout). A dry run writes none:
 * the last real run's report stays. Written whole by each such run, secrets masked as on screen,
 * mode 0600, never through a link, and without fsync: only a person reads it, and the next run
 * writes it again.
 */
final class LastReport {
    private LastReport() {}

    /** A run that ended with a report: its lines as the text report prints them. */
    static void save(Session s, int code, List<String> lines) {
        Path file = s.folder().lastReportFile();
        StringBuilder text = new StringBuilder();
        text.append(s.console.shown(s.rerun() + ": ended " + s.ctx.clock().instant().truncatedTo(ChronoUnit.SECONDS)
                + " with exit " + code)).append("\n\n");
        for (String line : lines) text.append(s.console.shown(line)).append('\n');
        try {
            AtomicFile.writeUnsynced(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            s.console.warn("Could not keep this report in " + file + ": " + e.getMessage());
        }
    }

    /** A run an error stopped: the message the person saw ({@code null}: none was said). */
    static void failed(Session s, int code, String error) {
        save(s, code, List.of("[x] " + (error == null ? "the run failed (exit " + code + ")" : error)));
    }
}
