package notify;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a run is worth telling someone about, as config.json's notify targets name it in "on". */
public enum Event {
    /** The run failed: exit 1 (a write or read failed), 2 (config or usage) or 3 (a sign-in is needed). */
    FAILURE,
    /** The deletion guard withheld removals (exit 4): a person must allow them. */
    GUARD,
    /** A title could not be found on the other side for the first time (exit 1, nothing else wrong). */
    UNRESOLVED,
    /** The run changed something on either side. */
    CHANGES,
    /** The run ended in sync (exit 0). */
    SUCCESS;

    /** What a target is told when its "on" is left out: what needs a person. */
    public static final Set<Event> DEFAULT = EnumSet.of(FAILURE, GUARD, UNRESOLVED);

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Event of(String word) {
        for (Event e : values()) if (e.word().equals(word)) return e;
        return null;
    }

    /** Whether it asks for a person (a failure, withheld removals, a title not found). */
    public boolean problem() {
        return this == FAILURE || this == GUARD || this == UNRESOLVED;
    }
}
