package notify;

import java.util.List;
import java.util.Set;

/**
 * One run as notifications tell it: its exit code and events, a title and a short text for a
 * phone (what happened and what to do), the whole report, and the run's --json document. All of
 * it already redacted by the caller.
 */
public record News(int exitCode, Set<Event> events, String title, String text, String report, String document) {
    public News {
        events = Set.copyOf(events);
    }

    /** The event a message leads with: the most pressing one. */
    public Event main() {
        for (Event e : List.of(Event.FAILURE, Event.GUARD, Event.UNRESOLVED, Event.CHANGES, Event.SUCCESS)) {
            if (events.contains(e)) return e;
        }
        return Event.SUCCESS;
    }
}
