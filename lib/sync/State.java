package sync;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import model.Ids;
import model.MediaItem;
import model.MediaType;

import java.util.List;
import java.util.Map;

/**
 * What state.json holds (README, "Files"): the last agreed snapshot, SIMKL's activity timestamps with
 * the copy of the SIMKL library they describe (every list, so that titles SIMKL holds as completed
 * and the like are known), the ledger of titles that could not be placed, and when the Plex token
 * was last kept alive.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record State(int version, String savedAt, Snapshot snapshot, SimklCache simkl, List<Unresolved> unresolved,
                    String plexPingedAt, Budget simklRequests) {
    public static final int CURRENT_VERSION = 1;

    public State {
        unresolved = unresolved == null ? List.of() : List.copyOf(unresolved);
    }

    public static State empty() {
        return new State(CURRENT_VERSION, null, null, null, List.of(), null, null);
    }

    public boolean seeded() {
        return snapshot != null;
    }

    public State withSnapshot(Snapshot s) {
        return new State(version, savedAt, s, simkl, unresolved, plexPingedAt, simklRequests);
    }

    public State withSimkl(SimklCache c) {
        return new State(version, savedAt, snapshot, c, unresolved, plexPingedAt, simklRequests);
    }

    public State withUnresolved(List<Unresolved> u) {
        return new State(version, savedAt, snapshot, simkl, u, plexPingedAt, simklRequests);
    }

    public State withSavedAt(String at) {
        return new State(version, at, snapshot, simkl, unresolved, plexPingedAt, simklRequests);
    }

    public State withPlexPingedAt(String at) {
        return new State(version, savedAt, snapshot, simkl, unresolved, at, simklRequests);
    }

    /** This state with {@code n} more SIMKL requests counted on {@code day} (UTC, yyyy-mm-dd); a new day starts at 0.
     * */
    public State withSimklRequests(String day, int n) {
        int before = simklRequests != null && day.equals(simklRequests.day()) ? simklRequests.count() : 0;
        return new State(version, savedAt, snapshot, simkl, unresolved, plexPingedAt, new Budget(day, before + n));
    }

    /** How many requests the syncs sent SIMKL on a day (UTC): SIMKL's quotas are daily. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Budget(String day, int count) {}

    /** The titles both sides agreed on at the end of the last run, each with every id known. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Snapshot(String takenAt, List<Entry> items) {
        public Snapshot {
            items = items == null ? List.of() : List.copyOf(items);
        }

        public long count(boolean plexSide) {
            return items.stream().filter(e -> plexSide ? e.onPlex() : e.onSimkl()).count();
        }
    }

    /**
     * One title of the snapshot: where it was confirmed and every id known on either side; the Plex
     * ratingKey is {@code ids.plex}, reused for removals and adds without a lookup.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Entry(MediaType type, String title, Integer year, Map<String, String> ids, boolean onPlex,
            boolean onSimkl) {
        public Entry {
            ids = ids == null ? Map.of() : Map.copyOf(ids);
        }

        public MediaItem item() {
            return new MediaItem(type, title, year, Ids.of(ids));
        }
    }

    /** SIMKL activity timestamps per bucket and the list read when they were current. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SimklCache(Map<String, String> activities, Map<String, List<CachedSimklItem>> buckets) {
        public SimklCache {
            activities = activities == null ? Map.of() : Map.copyOf(activities);
            buckets = buckets == null ? Map.of() : Map.copyOf(buckets);
        }
    }

    /** A SIMKL list entry as cached: enough to plan without re-reading. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CachedSimklItem(MediaType type, String title, Integer year, Map<String, String> ids,
                                  String status, boolean watched, boolean rated, String animeType) {
        public CachedSimklItem {
            ids = ids == null ? Map.of() : Map.copyOf(ids);
        }
    }

    /** A title that cannot be placed on a side, why, and when to try again. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Unresolved(MediaType type, String title, Integer year, Map<String, String> ids,
                             String missingOn, String reason, String firstSeen, String lastTried,
                             int attempts, String nextTry) {
        public Unresolved {
            ids = ids == null ? Map.of() : Map.copyOf(ids);
        }

        public MediaItem item() {
            return new MediaItem(type, title, year, Ids.of(ids));
        }
    }
}
