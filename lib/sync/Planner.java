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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 *
 * Played on Plex (sync.plex_watched "complete"): Plex drops a title from the watchlist when it is
 * played, so "left Plex" does not mean "unwanted". Whether it was played is a Plex read per title,
 * and the policy stays free of I/O by planning twice: the first plan names the SIMKL removals of
 * titles that left Plex ({@link #playsWanted}); the caller asks Plex about those titles only (none
 * in a run where nothing left Plex) and plans again with the answers in {@link Input#plays}. A
 * played title is then marked as watched on SIMKL (rule watched-on-plex), which the deletion guard
 * does not count; an unplayed one is removed as before; one whose read failed is left as it was.
 */
public final class Planner {
    /** Everything the planner looks at, in named parts. */
    public record Input(List<Match> matches, Config.Sync sync, Reads reads, LastSync last, Choices choices,
            Restore restore, Map<String, PlexPlay> plays) {
        public Input {
            matches = List.copyOf(matches);
            plays = plays == null ? Map.of() : Map.copyOf(plays);
        }

        /** Input without any play read from Plex yet. */
        public Input(List<Match> matches, Config.Sync sync, Reads reads, LastSync last, Choices choices,
                Restore restore) {
            this(matches, sync, reads, last, choices, restore, Map.of());
        }

        /** The same input with what Plex said of these titles' plays, by their Plex id. */
        public Input withPlays(Map<String, PlexPlay> more) {
            Map<String, PlexPlay> all = new HashMap<>(plays);
            all.putAll(more);
            return new Input(matches, sync, reads, last, choices, restore, all);
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

    /** What the last sync agreed on: snapshot or none, its size per side, the ledger, what --undo left apart. */
    public record LastSync(boolean seeded, long plexCount, long simklCount, List<State.Unresolved> unresolved,
            List<State.Entry> undone) {
        public static final LastSync NONE = new LastSync(false, 0, 0, List.of(), List.of());

        public static LastSync of(State state) {
            if (!state.seeded()) return new LastSync(false, 0, 0, state.unresolved(), List.of());
            return new LastSync(true, state.snapshot().count(true), state.snapshot().count(false), state.unresolved(),
                    state.undone());
        }

        /** The --undo record of {@code m} while both sides hold it as the undo left it; else null. */
        State.Entry undone(Match m) {
            for (State.Entry e : undone) {
                if (e.item().sameTitle(m.item())) return e.onPlex() == m.onPlex() && e.onSimkl() == m.inPlanToWatch()
                        ? e : null;
            }
            return null;
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
            else if (in.last().undone(m) == null) decide(m, in, actions, skipped);
            else skipped.add(new Note(m, m.onPlex() ? Side.SIMKL : Side.PLEX, Rule.UNDONE, Rule.UNDONE.meaning));
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
     * The titles whose plays on Plex decide what {@code plan} does with them, and that {@code in}
     * has no answer for: SIMKL removals (ready or withheld) of titles that left the Plex watchlist,
     * with a Plex id to ask by. None when sync.plex_watched is "remove", or when the Plex read was
     * not whole (a title missing from it may only be unread, and is not judged played either).
     */
    public static List<Match> playsWanted(Input in, Plan plan) {
        if (in.sync().plexWatched() != Config.PlexWatched.COMPLETE || !in.reads().plexComplete()
                || in.restore() != null) return List.of();
        List<Match> out = new ArrayList<>();
        List<Action> removals = new ArrayList<>(plan.actions());
        removals.addAll(plan.withheld());
        for (Action a : removals) {
            if (a.side() != Side.SIMKL || a.kind() != Kind.REMOVE || !leftPlex(a.rule())) continue;
            String key = plexKey(a.match());
            if (key != null && !in.plays().containsKey(key) && !out.contains(a.match())) out.add(a.match());
        }
        return out;
    }

    /** The rules that remove from SIMKL a title because it is no longer on Plex. */
    private static boolean leftPlex(Rule rule) {
        return rule == Rule.REMOVED_ON_PLEX || rule == Rule.MIRROR || rule == Rule.ONE_WAY;
    }

    /** The title's Plex id (from the last sync's record, as the title is off the watchlist now), or null. */
    public static String plexKey(Match m) {
        return m.item().ids().get("plex");
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
            else if (!onPlex && inPlanToWatch && wasOnPlex) leftPlex(m, in, Rule.ONE_WAY, "removed from Plex",
                    actions, skipped);
            return;
        }
        if (sync.mode() == Config.Mode.MIRROR) {
            if (sync.sourceOfTruth() == Side.PLEX) {
                if (onPlex && !inPlanToWatch) addToSimkl(m, Rule.MIRROR, "mirror of Plex", actions, skipped);
                else if (!onPlex && inPlanToWatch) leftPlex(m, in, Rule.MIRROR, "not on Plex (mirror of Plex)",
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
            if (wasOnPlex) leftPlex(m, in, Rule.REMOVED_ON_PLEX, "removed from Plex", actions, skipped);
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

    /**
     * A title in SIMKL's Plan to Watch that is not (or no longer) on Plex: removed from SIMKL by
     * {@code rule}, unless Plex said it was played (then marked as watched there), or could not say
     * (then left as it was, for the next run to ask again). Without an answer it is a removal: the
     * first plan, or sync.plex_watched "remove".
     */
    private static void leftPlex(Match m, Input in, Rule rule, String reason, List<Action> actions,
                                 List<Note> skipped) {
        String key = plexKey(m);
        PlexPlay play = key == null || in.sync().plexWatched() != Config.PlexWatched.COMPLETE ? null
                : in.plays().get(key);
        if (play == null || (play.known() && play.played() == PlexPlay.Played.NOT)) {
            removeFromSimkl(m, rule, reason, actions, skipped);
        } else if (!play.known()) {
            skipped.add(new Note(m, Side.SIMKL, Rule.PLAYS_UNREAD, "not on Plex any more, but Plex did not say "
                    + "whether it was played (" + play.failure() + "); left as it is, asked again next run"));
        } else {
            String when = play.at() == null ? "" : " on " + in.choices().times().full(play.at());
            String why = play.played() == PlexPlay.Played.WHOLLY
                    ? "played on Plex" + when + ": completed on SIMKL with that date"
                    : "partly played on Plex (" + Plural.of(play.episodes(), "episode") + ", last" + when
                            + "): moved to watching on SIMKL";
            actions.add(new Action(Side.SIMKL, Kind.WATCHED, m, Rule.WATCHED_ON_PLEX, why, play));
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
