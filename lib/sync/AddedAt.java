package sync;

import config.Config.Side;
import http.AuthException;
import http.ServiceException;
import plex.PlexClient;
import simkl.SimklClient;
import simkl.SimklEntry;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * When a title that an --undo would remove was put on its list, as the service says now: Plex's
 * {@code watchlistedAt} (its userState, one request per title) and SIMKL's {@code added_to_watchlist_at}
 * (from the read, else from that list read again once). A time later than the run's write means the
 * title was put there again since, by hand (a later run would be in the journal), and the undo leaves
 * it. A time not known (the read failed, the service did not say) leaves it too: an undo never removes
 * what may be a later change. {@code unknown} says why the time is not known (null: it is).
 */
record AddedAt(Instant at, String unknown) {
    /**
     * How far the services' clocks and this machine's may disagree: a time within this of the run's
     * write is taken as that write. A removal and a new add by hand within it cannot be told apart.
     */
    static final Duration SLACK = Duration.ofMinutes(1);

    /** What the first pass of an undo's plan answers: no objection (it only collects what would be removed). */
    static final AddedAt NOT_ASKED = new AddedAt(Instant.EPOCH, null);

    static AddedAt unknown(String why) {
        return new AddedAt(null, why);
    }

    /** Whether the title was put on its list again after the write journaled at {@code written} (ISO-8601). */
    boolean after(String written) {
        return Instant.parse(written).plus(SLACK).isBefore(at);
    }

    /** Why this time cannot be compared with a write journaled at {@code written}; null: it can. */
    String uncomparable(String written) {
        if (unknown != null) return unknown;
        try {
            Instant.parse(written);
            return null;
        } catch (DateTimeParseException | NullPointerException e) {
            return "the journal's time of the write (" + written + ") is not a time";
        }
    }

    /**
     * The time of each title in {@code removing} (by the journal line the undo takes back), read now.
     * A read that fails is warned of and answers unknown; a refused credential stops the run (thrown).
     */
    static Map<Journal.Entry, AddedAt> read(PlexClient plex, SimklClient simkl, Map<Journal.Entry, Match> removing,
            Consumer<String> warn) throws AuthException {
        Map<Journal.Entry, AddedAt> out = new LinkedHashMap<>();
        SimklAgain again = new SimklAgain(simkl);
        for (Map.Entry<Journal.Entry, Match> r : removing.entrySet()) {
            Match m = r.getValue();
            Side side = r.getKey().side();
            Consumer<String> failed = why -> warn.accept("The undo leaves " + m.label() + " on " + side.display()
                    + ": " + why + ", so it cannot tell whether you added it again since. Run the same --undo "
                    + "again to take it back.");
            out.put(r.getKey(), side == Side.PLEX ? plex(plex, m, failed) : simkl(m, again, failed));
        }
        return out;
    }

    private static AddedAt plex(PlexClient plex, Match m, Consumer<String> failed) throws AuthException {
        String key = Planner.plexKey(m);
        if (key == null) return unknown("it has no Plex id to ask Plex when it was put on the watchlist");
        try {
            Instant at = plex.userState(key).watchlistedAt();
            return at != null ? new AddedAt(at, null)
                    : unknown("Plex's userState did not say when it was put on the watchlist");
        } catch (ServiceException e) {
            String why = "Plex's userState could not be read (" + e.getMessage() + ")";
            failed.accept(why);
            return unknown(why);
        }
    }

    /** The latest time among the entries the removal would take (an anime's seasons are entries of their own). */
    private static AddedAt simkl(Match m, SimklAgain again, Consumer<String> failed) throws AuthException {
        List<SimklEntry> entries = m.seasons().stream().filter(SimklEntry::removable).toList();
        if (entries.isEmpty()) return unknown("SIMKL holds no entry of it to remove");
        Instant latest = null;
        for (SimklEntry e : entries) {
            Instant at = e.addedAt();
            if (at == null) {
                at = again.addedAt(e);
                String failure = again.failure(e.bucket());
                if (failure != null) {
                    String why = "SIMKL's " + e.bucket() + " list could not be read again (" + failure + ")";
                    failed.accept(why);
                    return unknown(why);
                }
                if (at == null) return unknown("SIMKL did not say when it was added (no added_to_watchlist_at)");
            }
            if (latest == null || at.isAfter(latest)) latest = at;
        }
        return new AddedAt(latest, null);
    }

    /**
     * SIMKL's lists read again, a bucket at most once, for entries whose time the run's read did not
     * give (an entry taken from the copy in state.json carries none).
     */
    private static final class SimklAgain {
        private final SimklClient simkl;
        private final Map<String, List<SimklEntry>> lists = new HashMap<>();
        private final Map<String, String> failures = new HashMap<>();

        SimklAgain(SimklClient simkl) {
            this.simkl = simkl;
        }

        Instant addedAt(SimklEntry wanted) throws AuthException {
            String bucket = wanted.bucket();
            if (!lists.containsKey(bucket) && !failures.containsKey(bucket)) {
                try {
                    lists.put(bucket, simkl.list(bucket));
                } catch (ServiceException e) {
                    failures.put(bucket, e.getMessage());
                }
            }
            for (SimklEntry e : lists.getOrDefault(bucket, List.of())) {
                // by SIMKL id: an anime's seasons share the series' TVDB id, and each has a time of its own
                if (e.planToWatch() && SimklEntry.sameEntry(e.item(), wanted.item())) return e.addedAt();
            }
            return null;
        }

        String failure(String bucket) {
            return failures.get(bucket);
        }
    }
}
