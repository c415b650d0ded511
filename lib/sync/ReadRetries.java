package sync;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * How long the read asks again for a change SIMKL's stamps announce but no read shows (pure).
 * SIMKL's lists can trail its activities by seconds, so the old stamps are kept and the next run
 * asks again; but asking every run for ever is the polling SIMKL suspends apps for. So a key
 * (a bucket, or its ratings) is asked again for at most {@link #RUNS} runs and not past
 * {@link #FOR} from the first; then its bucket is read whole once, which settles it whatever
 * happened. Re-reads that check a run's own writes neither count nor give up: only runs do.
 */
final class ReadRetries {
    static final int RUNS = 3;
    static final Duration FOR = Duration.ofHours(1);

    private final Map<String, State.Retry> saved;
    private final Instant now;
    private final boolean counting;
    private final Map<String, State.Retry> next = new TreeMap<>();

    ReadRetries(Map<String, State.Retry> saved, Instant now, boolean counting) {
        this.saved = saved == null ? Map.of() : saved;
        this.now = now;
        this.counting = counting;
    }

    /** Whether the change {@code key}'s stamps announce was asked for long enough: a run then reads it whole. */
    boolean overdue(String key) {
        State.Retry r = saved.get(key);
        if (!counting || r == null) return false;
        if (r.runs() >= RUNS) return true;
        try {
            return !now.isBefore(OffsetDateTime.parse(r.since()).toInstant().plus(FOR));
        } catch (DateTimeParseException | NullPointerException e) {
            return true; // a record that cannot be read cannot keep the bucket waiting
        }
    }

    /** The record of {@code key}, before this run. */
    State.Retry before(String key) {
        return saved.get(key);
    }

    /** Records that the old stamps of {@code key} are kept in this run; returns the record. */
    State.Retry kept(String key) {
        State.Retry before = saved.get(key);
        State.Retry r = before == null ? new State.Retry(now.toString(), 1)
                : counting ? new State.Retry(before.since(), before.runs() + 1) : before;
        next.put(key, r);
        return r;
    }

    /** The records to save: the keys kept in this run. */
    Map<String, State.Retry> next() {
        return Map.copyOf(next);
    }
}
