package sync;

import config.Config;
import config.Config.Side;
import model.MediaType;
import model.Plural;
import model.Times;
import simkl.SimklEntry;
import sync.Plan.Action;
import sync.Plan.Kind;
import sync.Plan.Note;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The sync policy, in one place and without I/O: given both reads (as matches), what the last sync
 * agreed on, and the settings, decide what to add and remove on each side.
 *
 * Modes: two-way (the first run adds only; later runs carry adds and deletions over, judged against
 * the snapshot), mirror with a source of truth, one-way Plex -> SIMKL, and restore (one side made
 * equal to a backup).
 * Safety: SIMKL titles outside Plan to Watch are never sent to it nor removed; removals from SIMKL
 * only of titles read in Plan to Watch with no watch data and no rating; then the {@link DeletionGuard}.
 */
public final class Planner {
    /** Everything the planner looks at, in named parts. */
    public record Input(List<Match> matches, Config.Sync sync, Reads reads, LastSync last, Choices choices,
            Restore restore) {
        public Input {
            matches = List.copyOf(matches);
        }
    }

    /**
     * This run's reads: titles on Plex and in SIMKL's Plan to Watch, whether the Plex read was whole,
     * why the SIMKL read is doubted (a list that vanished at once), or null, and the Plex titles whose
     * ids a failed lookup did not give.
     */
    public record Reads(int plexCount, int simklCount, boolean plexComplete, String simklDoubt,
            List<LookupFault> lookupFaults) {
        public Reads {
            lookupFaults = lookupFaults == null ? List.of() : List.copyOf(lookupFaults);
        }

        /** Reads whose every lookup was answered. */
        public Reads(int plexCount, int simklCount, boolean plexComplete, String simklDoubt) {
            this(plexCount, simklCount, plexComplete, simklDoubt, List.of());
        }

        public static Reads whole(int plexCount, int simklCount) {
            return new Reads(plexCount, simklCount, true, null);
        }
    }

    /** What the last sync agreed on: whether there is a snapshot, its size per side, the unresolved ledger. */
    public record LastSync(boolean seeded, long plexCount, long simklCount, List<State.Unresolved> unresolved) {
        public static final LastSync NONE = new LastSync(false, 0, 0, List.of());

        public static LastSync of(State state) {
            if (!state.seeded()) return new LastSync(false, 0, 0, state.unresolved());
            return new LastSync(true, state.snapshot().count(true), state.snapshot().count(false), state.unresolved());
        }

        long count(Side side) {
            return side == Side.PLEX ? plexCount : simklCount;
        }
    }

    /** This run's choices from the command line: --retry-unresolved, --max-delete N (or null). */
    public record Choices(Instant now, boolean retryUnresolved, Integer maxDelete, Times times) {
        /** Times in UTC. */
        public Choices(Instant now, boolean retryUnresolved, Integer maxDelete) {
            this(now, retryUnresolved, maxDelete, Times.utc(now));
        }
    }

    /** --restore: make {@code target} equal to the backup's list (which the matches carry on the other side). */
    public record Restore(Side target, String backup) {}

    private Planner() {}

    public static Plan plan(Input in) {
        Config.Sync s = in.sync();
        List<Action> actions = new ArrayList<>();
        List<Note> skipped = new ArrayList<>();
        List<Note> deferred = new ArrayList<>();
        List<Note> conflicts = new ArrayList<>();
        for (Match m : in.matches()) {
            Note apart = keptApartBySettings(m, s);
            if (apart != null) {
                skipped.add(apart);
                continue;
            }
            Note unlooked = lookupFailed(m, in.reads());
            if (unlooked != null) {
                skipped.add(unlooked);
                continue;
            }
            if (m.conflict() != null) {
                conflicts.add(new Note(m, null, Rule.CONFLICT, m.conflict()));
                continue;
            }
            if (m.simklStatusUnknown()) {
                // not Plan to Watch, and not known to be anywhere else: no add, no removal, either side
                skipped.add(new Note(m, Side.SIMKL, Rule.UNKNOWN_STATUS, "SIMKL lists it with a status it does not "
                        + "document (" + m.simkl().statusLabel()
                        + "); left alone on both sides until SIMKL answers with a list it documents"));
                continue;
            }
            if (in.restore() != null) restore(m, in.restore(), actions, skipped);
            else decide(m, in, actions, skipped);
        }
        // sync.protect, enable_add / enable_remove, in every mode
        List<Action> ready = new ArrayList<>();
        for (Action a : actions) {
            String waits = waiting(a, in);
            Config.Listed guarded = a.kind() == Kind.REMOVE ? listed(s.protect(), a.match()) : null;
            if (guarded != null) skipped.add(new Note(a.match(), a.side(), Rule.PROTECTED,
                    "protected (sync.protect" + note(guarded) + "): not removed from " + a.side().display()));
            else if (a.kind() == Kind.ADD && !s.enableAdd()) skipped.add(new Note(a.match(), a.side(), Rule.ADDS_OFF,
                    "adds are off (sync.enable_add): would " + a.describe()));
            else if (a.kind() == Kind.REMOVE && !s.enableRemove()) skipped.add(new Note(a.match(), a.side(),
                    Rule.REMOVALS_OFF, "removals are off (sync.enable_remove): would " + a.describe()));
            else if (waits != null) deferred.add(new Note(a.match(), a.side(), Rule.UNRESOLVED, waits));
            else ready.add(retried(a, in));
        }
        DeletionGuard.Verdict verdict = DeletionGuard.check(in, ready);
        ready.removeAll(verdict.withheld());
        return new Plan(ready, skipped, verdict.withheld(), verdict.reason(), verdict.allowWith(), deferred, conflicts,
                verdict.untrusted());
    }

    /**
     * A title the settings keep out of the sync altogether, in every mode and in a restore: named
     * in sync.exclude, or of a kind sync.types leaves out.
     */
    static Note keptApartBySettings(Match m, Config.Sync s) {
        Config.Listed excluded = listed(s.exclude(), m);
        if (excluded != null) {
            return new Note(m, null, Rule.EXCLUDED, "excluded (sync.exclude" + note(excluded)
                    + "): never added or removed");
        }
        Config.TitleKind kind = kind(m);
        if (!s.types().contains(kind)) {
            return new Note(m, null, Rule.OUT_OF_SCOPE, kind.word + " are not synced (sync.types)");
        }
        return null;
    }

    /**
     * A title whose ids a service failed to give is left alone until a run gets them: with only the
     * ids it has, SIMKL would not find it and it would be filed as missing, for a fault that passes.
     */
    private static Note lookupFailed(Match m, Reads reads) {
        for (LookupFault f : reads.lookupFaults()) {
            if (f.about(m)) return new Note(m, null, Rule.LOOKUP_FAILED, f.reason());
        }
        return null;
    }

    /** The entry of {@code list} that names the title (by any side's ids, an anime season's too), or null. */
    static Config.Listed listed(List<Config.Listed> list, Match m) {
        for (Config.Listed l : list) {
            if (l.names(m.item()) || l.names(m.plex())) return l;
            for (SimklEntry e : m.seasons()) if (l.names(e.item())) return l;
        }
        return null;
    }

    /** A title's kind for sync.types: anime when SIMKL files it under anime, else movie or show. */
    static Config.TitleKind kind(Match m) {
        boolean anime = m.seasons().stream().anyMatch(e -> "anime".equals(e.bucket()));
        if (anime) return Config.TitleKind.ANIME;
        return m.item().type() == MediaType.MOVIE ? Config.TitleKind.MOVIES : Config.TitleKind.SHOWS;
    }

    private static String note(Config.Listed l) {
        return l.note() == null || l.note().isBlank() ? "" : ": " + l.note();
    }

    private static void decide(Match m, Input in, List<Action> actions, List<Note> skipped) {
        Config.Sync sync = in.sync();
        boolean onPlex = m.onPlex();
        boolean inPlanToWatch = m.inPlanToWatch();
        boolean heldElsewhere = m.inOtherSimklList();
        boolean seeded = in.last().seeded();
        boolean wasOnPlex = seeded && m.wasOnPlex();
        boolean wasOnSimkl = seeded && m.wasOnSimkl();

        if (!sync.bidirectional()) { // one-way Plex -> SIMKL
            if (onPlex && !inPlanToWatch) addToSimkl(m, Rule.ONE_WAY, "on Plex", actions, skipped);
            else if (!onPlex && inPlanToWatch && wasOnPlex) removeFromSimkl(m, Rule.ONE_WAY, "removed from Plex",
                    actions, skipped);
            return;
        }
        if (sync.mode() == Config.Mode.MIRROR) {
            if (sync.sourceOfTruth() == Side.PLEX) {
                if (onPlex && !inPlanToWatch) addToSimkl(m, Rule.MIRROR, "mirror of Plex", actions, skipped);
                else if (!onPlex && inPlanToWatch) removeFromSimkl(m, Rule.MIRROR, "not on Plex (mirror of Plex)",
                        actions, skipped);
            } else {
                if (inPlanToWatch && !onPlex) {
                    actions.add(new Action(Side.PLEX, Kind.ADD, m, Rule.MIRROR, "mirror of SIMKL"));
                } else if (onPlex && !inPlanToWatch) {
                    actions.add(new Action(Side.PLEX, Kind.REMOVE, m, Rule.MIRROR,
                            "not in SIMKL's Plan to Watch (mirror of SIMKL)"));
                }
            }
            return;
        }
        // two-way: what changed since the snapshot travels; what never agreed is added, never removed
        if (onPlex && !inPlanToWatch) {
            if (wasOnSimkl) {
                actions.add(heldElsewhere
                        ? new Action(Side.PLEX, Kind.REMOVE, m, Rule.MOVED_ON_SIMKL,
                                "moved on SIMKL from Plan to Watch to " + m.simkl().status())
                        : new Action(Side.PLEX, Kind.REMOVE, m, Rule.REMOVED_ON_SIMKL,
                                "removed from SIMKL's Plan to Watch"));
            } else if (seeded) {
                addToSimkl(m, Rule.NEW_ON_PLEX, "new on Plex", actions, skipped);
            } else {
                addToSimkl(m, Rule.FIRST_RUN, "on Plex (first run: adds only)", actions, skipped);
            }
        } else if (!onPlex && inPlanToWatch) {
            if (wasOnPlex) removeFromSimkl(m, Rule.REMOVED_ON_PLEX, "removed from Plex", actions, skipped);
            else if (seeded) actions.add(new Action(Side.PLEX, Kind.ADD, m, Rule.NEW_ON_SIMKL, "new on SIMKL"));
            else actions.add(new Action(Side.PLEX, Kind.ADD, m, Rule.FIRST_RUN, "on SIMKL (first run: adds only)"));
        }
    }

    /** The target side made equal to the backup, which the matches carry on the other side. */
    private static void restore(Match m, Restore r, List<Action> actions, List<Note> skipped) {
        String in = "in backup " + r.backup();
        String notIn = "not in backup " + r.backup();
        if (r.target() == Side.PLEX) {
            if (m.inPlanToWatch() && !m.onPlex()) actions.add(new Action(Side.PLEX, Kind.ADD, m, Rule.RESTORE, in));
            else if (m.onPlex() && !m.inPlanToWatch()) {
                actions.add(new Action(Side.PLEX, Kind.REMOVE, m, Rule.RESTORE, notIn));
            }
        } else {
            if (m.onPlex() && !m.inPlanToWatch()) addToSimkl(m, Rule.RESTORE, in, actions, skipped);
            else if (!m.onPlex() && m.inPlanToWatch()) removeFromSimkl(m, Rule.RESTORE, notIn, actions, skipped);
        }
    }

    /** Adds to SIMKL's Plan to Watch, unless SIMKL holds the title in another list (that would move it back). */
    private static void addToSimkl(Match m, Rule rule, String reason, List<Action> actions, List<Note> skipped) {
        if (m.inOtherSimklList()) {
            skipped.add(new Note(m, Side.SIMKL, Rule.HELD_ON_SIMKL, "SIMKL holds it as " + m.simkl().status()
                    + "; not moved back to Plan to Watch"));
        } else {
            actions.add(new Action(Side.SIMKL, Kind.ADD, m, rule, reason));
        }
    }

    /**
     * Removes from SIMKL what can go without erasing watch history or a rating; an anime's season
     * that has either stays (the show's other seasons still go).
     */
    private static void removeFromSimkl(Match m, Rule rule, String reason, List<Action> actions,
                                        List<Note> skipped) {
        if (!m.simklRemovals().isEmpty()) actions.add(new Action(Side.SIMKL, Kind.REMOVE, m, rule, reason));
        List<SimklEntry> kept = m.simklKept();
        if (kept.isEmpty()) return;
        boolean rated = kept.stream().anyMatch(SimklEntry::rated);
        String what = m.seasons().size() > 1 ? kept.stream().map(e -> e.item().label())
                .collect(Collectors.joining(", ")) + " has"
                : "it has";
        skipped.add(new Note(m, Side.SIMKL, Rule.KEEPS_HISTORY, "kept on SIMKL: " + what + " "
                + (rated ? "a rating" : "watch history")
                + ", which removal would erase"));
    }

    /**
     * An add of a title the ledger holds as not found on that side is a retry, and says so ("new on
     * SIMKL" would be untrue of a title SIMKL always had); its rule stays the one that asked for it.
     */
    private static Action retried(Action a, Input in) {
        if (a.kind() != Kind.ADD) return a;
        for (State.Unresolved u : in.last().unresolved()) {
            if (u.missingOn() == a.side() && a.match().item().sameTitle(u.item())) {
                return new Action(a.side(), a.kind(), a.match(), a.rule(), "retry: not found on "
                        + a.side().display() + " before (" + Plural.of(u.attempts(), "try") + ")");
            }
        }
        return a;
    }

    /** Why an add waits: its title is in the unresolved ledger and its back-off has not run out. Null: it does not
     * wait. */
    private static String waiting(Action a, Input in) {
        if (a.kind() != Kind.ADD || in.choices().retryUnresolved()) return null;
        for (State.Unresolved u : in.last().unresolved()) {
            if (u.missingOn() == a.side() && a.match().item().sameTitle(u.item())
                    && u.nextTry() != null && Instant.parse(u.nextTry()).isAfter(in.choices().now())) {
                return "not found on " + a.side().display() + " (" + u.reason() + "); next try "
                        + in.choices().times().when(u.nextTry())
                        + ", or now with --retry-unresolved";
            }
        }
        return null;
    }
}
