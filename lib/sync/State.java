package sync;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import config.Config.Side;
import model.Ids;
import model.MediaItem;
import model.MediaType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What state.json holds (README, "Files"): the last agreed snapshot, SIMKL's activity timestamps with
 * the copy of the SIMKL library they describe (every list, so that titles SIMKL holds as completed
 * and the like are known), the ledger of titles that could not be placed, when the Plex token
 * was last kept alive, whose lists the snapshot and the copy are of (a Plex watchlist, a SIMKL account),
 * which Plex Home user the token kept in config.json stands for (a digest of it, never the token), and
 * the titles an --undo left on one side only, as it left them: kept so until either side changes them.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record State(int version, String savedAt, Snapshot snapshot, SimklCache simkl, List<Unresolved> unresolved,
                    String plexPingedAt, Budget simklRequests, PlexWatchlist plexWatchlist,
                    SimklAccount simklAccount, HomeToken plexHomeToken,
                    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Entry> undone) {
    public static final int CURRENT_VERSION = 1;

    public State {
        unresolved = unresolved == null ? List.of() : List.copyOf(unresolved);
        undone = undone == null ? List.of() : List.copyOf(undone);
    }

    public static State empty() {
        return new State(CURRENT_VERSION, null, null, null, List.of(), null, null, null, null, null, List.of());
    }

    public boolean seeded() {
        return snapshot != null;
    }

    public State withSnapshot(Snapshot s) {
        return new State(version, savedAt, s, simkl, unresolved, plexPingedAt, simklRequests, plexWatchlist,
                simklAccount, plexHomeToken, undone);
    }

    public State withSimkl(SimklCache c) {
        return new State(version, savedAt, snapshot, c, unresolved, plexPingedAt, simklRequests, plexWatchlist,
                simklAccount, plexHomeToken, undone);
    }

    public State withUnresolved(List<Unresolved> u) {
        return new State(version, savedAt, snapshot, simkl, u, plexPingedAt, simklRequests, plexWatchlist,
                simklAccount, plexHomeToken, undone);
    }

    /** This state with {@code u} as the titles an --undo left on one side only. */
    public State withUndone(List<Entry> u) {
        return new State(version, savedAt, snapshot, simkl, unresolved, plexPingedAt, simklRequests, plexWatchlist,
                simklAccount, plexHomeToken, u);
    }

    public State withSavedAt(String at) {
        return new State(version, at, snapshot, simkl, unresolved, plexPingedAt, simklRequests, plexWatchlist,
                simklAccount, plexHomeToken, undone);
    }

    public State withPlexPingedAt(String at) {
        return new State(version, savedAt, snapshot, simkl, unresolved, at, simklRequests, plexWatchlist,
                simklAccount, plexHomeToken, undone);
    }

    /** This state with {@code b} as the count of the day's SIMKL requests. */
    public State withSimklRequests(Budget b) {
        return new State(version, savedAt, snapshot, simkl, unresolved, plexPingedAt, b, plexWatchlist, simklAccount,
                plexHomeToken, undone);
    }

    /**
     * This state for a sync of {@code w}: {@code w} is recorded, and a snapshot taken of another
     * watchlist (a Plex Home user chosen since, another account's token) is dropped, so that the
     * run is a first run (adds only) instead of reading every title missing from this watchlist as
     * removed by the person. A state that names no watchlist (written before it did) keeps its snapshot.
     */
    public State forWatchlist(PlexWatchlist w) {
        Snapshot kept = snapshotOfAnother(w) ? null : snapshot;
        return new State(version, savedAt, kept, simkl, unresolved, plexPingedAt, simklRequests, w,
                simklAccount, plexHomeToken, undone);
    }

    /** This state with {@code w} recorded as the watchlist its snapshot is of (nothing dropped). */
    public State withPlexWatchlist(PlexWatchlist w) {
        return new State(version, savedAt, snapshot, simkl, unresolved, plexPingedAt, simklRequests, w,
                simklAccount, plexHomeToken, undone);
    }

    /** Whether the snapshot was taken of a watchlist other than {@code w}. */
    public boolean snapshotOfAnother(PlexWatchlist w) {
        return seeded() && plexWatchlist != null && w != null && !plexWatchlist.same(w);
    }

    /**
     * This state for a sync with SIMKL account {@code a}: {@code a} is recorded, and when the
     * snapshot and the copy of the SIMKL library were taken of another account (the person signed
     * in to another SIMKL account in this folder), both are dropped: the run is a first run (adds
     * only) that reads SIMKL whole, instead of taking every title that account lacks as removed by
     * the person, or mixing its changes into the other account's copy. {@code a} null: the account
     * could not be learnt, so nothing recorded can be trusted to be this account's either.
     */
    public State forSimklAccount(SimklAccount a) {
        boolean another = a == null ? simklAccount != null || seeded() || simkl != null : simklOfAnother(a);
        if (!another) {
            return new State(version, savedAt, snapshot, simkl, unresolved, plexPingedAt, simklRequests,
                    plexWatchlist, a, plexHomeToken, undone);
        }
        return new State(version, savedAt, null, null, unresolved, plexPingedAt, simklRequests, plexWatchlist,
                a, plexHomeToken, undone);
    }

    /** This state with {@code a} recorded as the SIMKL account its snapshot and copy are of (nothing dropped). */
    public State withSimklAccount(SimklAccount a) {
        return new State(version, savedAt, snapshot, simkl, unresolved, plexPingedAt, simklRequests, plexWatchlist,
                a, plexHomeToken, undone);
    }

    /** This state with {@code t} recorded as the Home user's token kept in config.json (null: none kept). */
    public State withPlexHomeToken(HomeToken t) {
        return new State(version, savedAt, snapshot, simkl, unresolved, plexPingedAt, simklRequests, plexWatchlist,
                simklAccount, t, undone);
    }

    /**
     * Which Plex Home user the token in config.json (plex.home_user_token) was switched to: its
     * {@code userId}, {@code tokenTag} (see {@link #tag}) and when. A kept token is used only while
     * both still match, so a token is never read as another user's (config.json edited, or copied
     * from another folder): the run switches again instead.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record HomeToken(String userId, String tokenTag, String switchedAt) {
        /** Whether {@code token} is the one recorded here for the Home user {@code id}. */
        public boolean stands(String id, String token) {
            return token != null && !token.isBlank() && userId != null && userId.equals(id)
                    && tag(token).equals(tokenTag);
        }
    }

    /** Whether the snapshot or the SIMKL copy was taken of a SIMKL account other than {@code a}. */
    public boolean simklOfAnother(SimklAccount a) {
        return (seeded() || simkl != null) && simklAccount != null && a != null
                && !simklAccount.id().equals(a.id());
    }

    /**
     * Which SIMKL account the snapshot and the copy of the SIMKL library are of: its {@code id}
     * and {@code name} as SIMKL's settings route gives them, {@code tokenTag}, a digest of the
     * sign-in it was learnt with (see {@link #tag}), so that SIMKL is asked again only after a new
     * sign-in, and {@code plan}, the account's {@code account.type} there ("free", "pro", "vip";
     * "unknown" when the answer had none; null in a state.json from before it was recorded), which
     * sets the day's request allowance.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SimklAccount(String id, String name, String tokenTag, String plan) {
        /** An account whose plan is not known. */
        public SimklAccount(String id, String name, String tokenTag) {
            this(id, name, tokenTag, null);
        }

        /** "Andrea (SIMKL account 51)", as a person reads it. */
        public String describe() {
            return (name == null || name.isBlank() ? "" : name + " ") + "(SIMKL account " + id + ")";
        }
    }

    /** The first 16 hex digits of a token's SHA-256: tells tokens apart, gives nothing of one away. */
    public static String tag(String token) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    /** Whose watchlist a Plex watchlist is: the signed-in account's own, or a Plex Home user's. */
    public enum Owner {
        ACCOUNT("account"), HOME("home");

        final String word;

        Owner(String word) {
            this.word = word;
        }
    }

    /**
     * Whose Plex watchlist the snapshot describes: its {@code owner} (null: a value this tool does not
     * know, kept as {@code id}) and {@code id}, {@code name} as plex.tv names it, and {@code tokenTag}, a
     * short digest of the account token it was learnt with (not the token), so that plex.tv is asked
     * again only when the token changes. In state.json as {@code "of": "account:ID"} or {@code "home:ID"}.
     */
    @JsonPropertyOrder({"of", "name", "token_tag"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PlexWatchlist(@JsonIgnore Owner owner, @JsonIgnore String id, String name, String tokenTag) {
        public static PlexWatchlist ofAccount(String id, String name, String token) {
            return new PlexWatchlist(Owner.ACCOUNT, id, name, State.tag(token));
        }

        public static PlexWatchlist ofHomeUser(String id, String name) {
            return new PlexWatchlist(Owner.HOME, id, name, null);
        }

        /** As state.json holds it: "account:ID", "home:ID". */
        @JsonCreator
        static PlexWatchlist read(@JsonProperty("of") String of, @JsonProperty("name") String name,
                @JsonProperty("token_tag") String tokenTag) {
            for (Owner o : Owner.values()) {
                if (of != null && of.startsWith(o.word + ":")) {
                    return new PlexWatchlist(o, of.substring(o.word.length() + 1), name, tokenTag);
                }
            }
            return new PlexWatchlist(null, of, name, tokenTag);
        }

        /** "account:ID" or "home:ID": which watchlist, as state.json names it. */
        @JsonProperty("of")
        public String of() {
            return owner == null ? id : owner.word + ":" + id;
        }

        /** Whether this is the same watchlist as {@code w}. */
        public boolean same(PlexWatchlist w) {
            return of().equals(w.of());
        }

        /** "Kid's watchlist (a Plex Home user)", "Demo's watchlist", as a person reads it. */
        public String describe() {
            String who = name == null || name.isBlank() ? of() : name;
            return who + "'s watchlist" + (owner == Owner.HOME ? " (a Plex Home user)" : "");
        }
    }

    /**
     * How many requests the syncs sent SIMKL on {@code day} (yyyy-mm-dd) of time zone {@code zone}:
     * SIMKL's allowance is daily. {@code zone} null: written before the day was SIMKL's (New York's),
     * when it was a UTC day. {@code refusedUntil}: when SIMKL answered that the day's requests are
     * used up, the moment it is asked again (ISO-8601), else null.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Budget(String day, int count, String zone, String refusedUntil) {
        /**
         * The requests counted for {@code today} in {@code dayZone}. A count of a day in another zone
         * (a UTC day, from an older state.json) is taken whole for every day it overlaps: it cannot
         * be split, and counting a request twice only warns early, while losing one spends more of
         * the person's allowance than the tool believes.
         */
        public int countOn(LocalDate today, ZoneId dayZone) {
            LocalDate d;
            try {
                d = LocalDate.parse(String.valueOf(day));
            } catch (DateTimeParseException e) {
                return 0;
            }
            ZoneId recorded = zoneOrUtc();
            if (recorded.equals(dayZone)) return d.equals(today) ? count : 0;
            Instant start = d.atStartOfDay(recorded).toInstant();
            Instant end = d.plusDays(1).atStartOfDay(recorded).toInstant();
            Instant todayStart = today.atStartOfDay(dayZone).toInstant();
            Instant todayEnd = today.plusDays(1).atStartOfDay(dayZone).toInstant();
            return start.isBefore(todayEnd) && todayStart.isBefore(end) ? count : 0;
        }

        private ZoneId zoneOrUtc() {
            try {
                return zone == null ? ZoneOffset.UTC : ZoneId.of(zone);
            } catch (DateTimeException e) {
                return ZoneOffset.UTC;
            }
        }

        /** When SIMKL may be asked again after it said the day's requests are used up; null: it did not say so. */
        public Instant refusedUntilInstant() {
            try {
                return refusedUntil == null ? null : Instant.parse(refusedUntil);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

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

    /**
     * SIMKL activity timestamps per bucket and the list read when they were current; and the
     * changes those stamps announce that no read has shown yet, each kept as a {@link Retry}
     * under the bucket ("shows") or its ratings ("shows.rated_at"). A file written before
     * retries were counted has none.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SimklCache(Map<String, String> activities, Map<String, List<CachedSimklItem>> buckets,
                             Map<String, Retry> retries) {
        public SimklCache {
            activities = activities == null ? Map.of() : Map.copyOf(activities);
            buckets = buckets == null ? Map.of() : Map.copyOf(buckets);
            retries = retries == null ? Map.of() : Map.copyOf(retries);
        }

        public SimklCache(Map<String, String> activities, Map<String, List<CachedSimklItem>> buckets) {
            this(activities, buckets, Map.of());
        }
    }

    /**
     * Stamps SIMKL moved although no read showed what changed: the old stamps are kept so the next
     * run asks again, {@code since} (when that began, ISO-8601) and for how many {@code runs}.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Retry(String since, int runs) {}

    /** A SIMKL list entry as cached: enough to plan without re-reading. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CachedSimklItem(MediaType type, String title, Integer year, Map<String, String> ids,
                                  String status, boolean watched, boolean rated, String animeType) {
        public CachedSimklItem {
            ids = ids == null ? Map.of() : Map.copyOf(ids);
        }
    }

    /** A title that cannot be placed on a side ({@code missingOn}), why, and when to try again. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Unresolved(MediaType type, String title, Integer year, Map<String, String> ids,
                             Side missingOn, String reason, String firstSeen, String lastTried,
                             int attempts, String nextTry) {
        public Unresolved {
            ids = ids == null ? Map.of() : Map.copyOf(ids);
        }

        public MediaItem item() {
            return new MediaItem(type, title, year, Ids.of(ids));
        }
    }
}
