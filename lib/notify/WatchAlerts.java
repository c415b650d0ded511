package notify;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Under --watch, what a round is worth telling (pure): a problem when it starts or changes (not
 * every round it lasts), the recovery when rounds are good again, and changes whenever a round
 * makes some. A healthchecks target is pinged every round regardless, as its service expects.
 */
public final class WatchAlerts {
    /** The events to send for a round, and the problem it recovered from (null: none). */
    public record Decision(Set<Event> send, Event recoveredFrom) {}

    private Event standing;

    public Decision next(Set<Event> round) {
        Event problem = null;
        for (Event e : List.of(Event.FAILURE, Event.GUARD, Event.UNRESOLVED)) {
            if (round.contains(e)) {
                problem = e;
                break;
            }
        }
        Set<Event> send = EnumSet.noneOf(Event.class);
        if (round.contains(Event.CHANGES)) send.add(Event.CHANGES);
        Event recovered = null;
        if (problem != null && problem != standing) send.add(problem);
        if (problem == null && standing != null) {
            // told to whoever heard of the problem, and to whoever asks for successes
            recovered = standing;
            send.add(Event.SUCCESS);
            send.add(standing);
        }
        standing = problem;
        return new Decision(send, recovered);
    }
}
