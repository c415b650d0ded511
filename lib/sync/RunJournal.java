package sync;

import model.MediaItem;

import java.io.IOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

/**
 * One run's lines of the journal, appended as each outcome comes: the run's id, and the backup it
 * took before its first write. A journal that cannot be written is said once, then skipped, and
 * counted as what the run could not save.
 */
final class RunJournal implements Consumer<Executor.Outcome> {
    private final Journal journal;
    private final String run;
    private final String backup;
    private final Clock clock;
    private final Consumer<String> info;
    /** Why the journal could not be written in this run (said once); null: it could. */
    private volatile String problem;

    RunJournal(Journal journal, String run, String backup, Clock clock, Consumer<String> info) {
        this.journal = journal;
        this.run = run;
        this.backup = backup;
        this.clock = clock;
        this.info = info;
    }

    @Override
    public synchronized void accept(Executor.Outcome o) {
        if (journal == null) return;
        Plan.Action a = o.action();
        MediaItem item = o.resolved() != null ? a.match().item().withIds(o.resolved().ids()) : a.match().item();
        try {
            journal.append(Journal.Entry.of(clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(), run, a,
                    item, o, backup));
        } catch (IOException e) {
            if (problem == null) {
                problem = "the journal " + journal.file() + " (" + e.getMessage() + "): the actions of this run are "
                        + "in the report above only";
                info.accept("Could not append to the journal " + journal.file() + " (" + e.getMessage()
                        + "); the run goes on without it.");
            }
        }
    }

    /** What could not be written, in words, or null. */
    String problem() {
        return problem;
    }
}
