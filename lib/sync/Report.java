package sync;

import config.Config.Side;
import model.Plural;
import model.Times;
import sync.Executor.Outcome;
import sync.Plan.Action;
import sync.Plan.Kind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a run did, as a value: the plan, each action's outcome, where both sides stand after it, what
 * it could not read or save; and what a person (its text) or a program (its --json document) is
 * told of it. {@code restore} is set for a --restore (its target and backup), else null, and
 * {@code restored} then holds the backup's file, what the next sync will do and the backup that
 * undoes the restore.
 */
public record Report(String mode, Planner.Restore restore, boolean firstRun, boolean dryRun, Plan plan,
                     List<Outcome> outcomes, int plexBefore, int simklBefore, StateUpdate.Result after,
                     String readProblem, Times times, List<String> notSaved, Restored restored, Handles handles) {
    public Report {
        notSaved = List.copyOf(notSaved);
    }

    /** How a finished run stands: in sync (as far as the mode asks), partly done, or guarded (removals withheld). */
    public enum Status { IN_SYNC, PARTIAL, GUARDED }

    /**
     * After a restore: the backup restored from, what the next sync will do, and the backup this
     * restore took first, whose restore undoes it (null: it wrote nothing, or it was a dry run).
     */
    public record Restored(Path file, Plan next, String undoWith) {}

    /**
     * What a person can do after a run: take it back by its id with --undo (null: it wrote nothing),
     * and carry out the plan it held back, kept in a file for --apply (null: none).
     */
    public record Handles(String run, Path plan) {}

    /** This report with {@code h}. */
    public Report withHandles(Handles h) {
        return new Report(mode, restore, firstRun, dryRun, plan, outcomes, plexBefore, simklBefore, after, readProblem,
                times, notSaved, restored, h);
    }

    /** Whether the run removed a title from a side: its report ends with the command that takes it back. */
    public boolean removed() {
        return handles != null && handles.run() != null && outcomes.stream().anyMatch(o -> o.status()
                == Executor.Status.DONE && o.action().kind() == Plan.Kind.REMOVE);
    }

    /** This report, with one more file the run could not save (what, where and why, in words). */
    public Report withNotSaved(String what) {
        List<String> all = new ArrayList<>(notSaved);
        all.add(what);
        return new Report(mode, restore, firstRun, dryRun, plan, outcomes, plexBefore, simklBefore, after, readProblem,
                times, all, restored, handles);
    }

    /** This restore's report, with what {@link Restored} holds. */
    Report restored(Path file, Plan next, String undoWith) {
        return new Report(mode, restore, firstRun, dryRun, plan, outcomes, plexBefore, simklBefore, after, readProblem,
                times, notSaved, new Restored(file, next, undoWith), handles);
    }

    /** Both lists hold the same titles (nothing on one side only), and both were read whole. */
    public boolean equal() {
        return after.differences().isEmpty() && readProblem == null;
    }

    /**
     * The lists agree as the mode and the rules ask: every title on one side only is kept apart
     * by a rule (completed on SIMKL, excluded, waiting for its retry, …), and both were read whole.
     */
    public boolean inSync() {
        return after.unexplained().isEmpty() && readProblem == null;
    }

    public Status status() {
        if (!plan.withheld().isEmpty()) return Status.GUARDED;
        boolean failed = outcomes.stream().anyMatch(Report::notCarriedOut)
                || plan.skipped().stream().anyMatch(n -> n.rule() == Rule.LOOKUP_FAILED);
        // a write the services received but the files do not record is a run that went wrong, however it ended
        if (failed || !inSync() || !after.newlyUnresolved().isEmpty() || !notSaved.isEmpty()) return Status.PARTIAL;
        return Status.IN_SYNC;
    }

    /**
     * --quiet: a run is worth a report when it planned or did something, withheld something, or did
     * not end in sync. What only repeats from earlier runs (known unresolved titles, skips) is not.
     */
    public boolean worthTelling() {
        return status() != Status.IN_SYNC || !plan.actions().isEmpty() || !plan.withheld().isEmpty();
    }

    /** How many writes were carried out (a dry run's: planned). */
    public long changes() {
        return outcomes.stream().filter(o -> o.status() == Executor.Status.DONE).count();
    }

    /** Titles not found on a side for the first time in this run. */
    public int newlyUnresolved() {
        return after.newlyUnresolved().size();
    }

    /** Exit 1 only because titles went unresolved for the first time: nothing failed, both lists read whole. */
    public boolean onlyNewlyUnresolved() {
        boolean failed = outcomes.stream().anyMatch(Report::notCarriedOut);
        return !failed && readProblem == null && !after.newlyUnresolved().isEmpty()
                && after.unexplained().stream().allMatch(d -> d.rule() == Rule.NOT_FOUND);
    }

    /** An action that failed, or whose write got no answer saying whether it was carried out. */
    private static boolean notCarriedOut(Outcome o) {
        return o.status() == Executor.Status.FAILED || o.status() == Executor.Status.UNKNOWN;
    }

    /** The withheld removals' reason and, with {@code rerun}, the command that allows them once. */
    public String guardWarning(String rerun) {
        return plan.guard() + (plan.allowWith() == null ? "" : " To allow them once: " + rerun + " --max-delete "
                + plan.allowWith());
    }

    /**
     * The report of a run. {@code rerun} is the command that repeats it as the person typed it
     * ("plex_simkl_sync --dir /data --sync"): withheld removals end with it and the --max-delete
     * that allows them (null: no such line). A restore's ends with what the next sync will do.
     */
    /**
     * A restore compares one side with the backup's list for it, not with the other side: the line
     * names both, so that no count reads as the other service's.
     */
    private String beforeRestore() {
        return restore.target() == Side.PLEX
                ? "Before the restore: Plex=" + plexBefore + " now, the backup's Plex list=" + simklBefore
                : "Before the restore: SIMKL Plan to Watch=" + simklBefore + " now, the backup's SIMKL list="
                        + plexBefore;
    }

    public List<String> text(String rerun) {
        List<String> lines = new ArrayList<>();
        lines.add(restore == null ? "Pre-sync counts: Plex=" + plexBefore + " vs SIMKL=" + simklBefore
                : beforeRestore());
        if (!plan.actions().isEmpty()) {
            lines.add((dryRun ? "Plan (dry run, nothing written): " : "Actions: ") + summary(plan));
        } else if (plan.withheld().isEmpty()) {
            lines.add(dryRun ? "Plan: nothing to do." : "Nothing to do: no adds, no removals.");
        }
        lines.addAll(titleLines());
        lines.addAll(withheld(rerun));
        if (readProblem != null) lines.add("Read problem: " + readProblem);
        for (String what : notSaved) lines.add("Not saved: " + what + ".");
        // a restore's other side is a backup, not a list to agree with: its report ends with the next sync instead
        if (restore == null) lines.addAll(verdict());
        else if (restored != null) lines.addAll(nextSync(restored.next(), mode));
        return lines;
    }

    /** The --json document (schema in README "JSON output"); the caller names the command. */
    public Map<String, Object> json(int exitCode) {
        return ReportDocument.of(this, exitCode);
    }

    /**
     * One line per title the run acted on or kept apart, each starting with two spaces: the
     * actions with their outcomes, then titles kept apart, conflicting, waiting and unresolved,
     * then the removals the guard withheld. What a --watch round prints under its own line.
     */
    public List<String> actionLines() {
        List<String> lines = titleLines();
        for (Action a : plan.withheld()) lines.add("  " + actionLine(a) + " -> withheld");
        return lines;
    }

    /** The lines of titles kept apart, skipped, conflicting or unresolved: what stands from run to run. */
    public List<String> standingLines() {
        return noteLines();
    }

    /** The actions carried out, a line each ("+ SIMKL  Dune (2021)  [reason] -> done"). */
    public List<String> doneLines() {
        List<String> lines = new ArrayList<>();
        Map<Action, Outcome> outcome = byAction();
        for (Action a : plan.actions()) {
            Outcome o = outcome.get(a);
            if (!dryRun && o != null && o.status() == Executor.Status.DONE) lines.add(actionLine(a) + " -> done");
        }
        return lines;
    }

    /** The closing line: both counts after the run, and whether the lists agree. */
    public String verdictLine() {
        if (restore != null) {
            List<String> text = text(null);
            return text.get(text.size() - 1);
        }
        return verdict().get(0);
    }

    /** A line for each title not found on a side for the first time ("Not found on plex: Dune (2021) (why)"). */
    public List<String> notFoundLines() {
        List<String> lines = new ArrayList<>();
        for (State.Unresolved u : after.newlyUnresolved()) {
            lines.add("Not found on " + u.missingOn().word + ": " + u.item().label() + " (" + u.reason() + ")");
        }
        return lines;
    }

    /** A line for each title on one side only that nothing keeps apart, and why ("on Plex only" when nothing says). */
    public List<String> differenceLines() {
        List<String> lines = new ArrayList<>();
        for (StateUpdate.Difference d : after.unexplained()) {
            lines.add(d.match().label() + ": " + (d.reason() == null ? "on " + d.onlyOn().display() + " only"
                    : d.reason()));
        }
        return lines;
    }

    private List<String> titleLines() {
        List<String> lines = new ArrayList<>();
        Map<Action, Outcome> outcome = byAction();
        for (Action a : plan.actions()) {
            Outcome o = outcome.get(a);
            String result = dryRun ? "planned" : o == null ? "not run"
                    : o.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + (o.detail() == null || o.succeeded() ? "" : ": " + o.detail());
            lines.add("  " + actionLine(a) + " -> " + result);
        }
        lines.addAll(noteLines());
        return lines;
    }

    private List<String> noteLines() {
        List<String> lines = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        int outOfScope = 0;
        for (Plan.Note n : plan.skipped()) {
            // excluded titles are named together, once; kinds out of scope only counted
            if (n.rule() == Rule.EXCLUDED) excluded.add(n.match().label());
            else if (n.rule() == Rule.OUT_OF_SCOPE) outOfScope++;
            else if (n.rule() == Rule.LOOKUP_FAILED) lines.add("  ! " + n.match().label() + ": " + n.reason());
            else lines.add("  = skipped " + n.match().label() + ": " + n.reason());
        }
        for (Plan.Note n : plan.conflicts()) {
            lines.add("  ! conflict " + n.match().label() + ": " + n.reason()
                    + " (left alone; check the ids on both sides)");
        }
        for (Plan.Note n : plan.deferred()) lines.add("  ? unresolved " + n.match().label() + ": " + n.reason());
        for (State.Unresolved u : after.ledger()) {
            if (plan.deferred().stream().noneMatch(n -> n.match().item().sameTitle(u.item()))) {
                lines.add("  ? unresolved " + u.item().label() + ": not found on " + u.missingOn().display()
                        + " (" + u.reason() + "); next try " + times.when(u.nextTry())
                        + (u.attempts() == 1 ? " (new)" : ""));
            }
        }
        if (!excluded.isEmpty()) lines.add("  = excluded (sync.exclude): " + String.join(", ", excluded));
        if (outOfScope > 0) {
            lines.add("  = out of scope (sync.types): " + Plural.of(outOfScope, "title") + " left alone");
        }
        return lines;
    }

    /** The removals the guard withheld, said once: why, each title, and the command that allows them. */
    private List<String> withheld(String rerun) {
        List<String> lines = new ArrayList<>();
        if (plan.withheld().isEmpty()) return lines;
        lines.add(plan.guard()); // "Removals from SIMKL withheld: <why>"; the titles follow, one a line
        for (Action a : plan.withheld()) lines.add("  " + actionLine(a) + " -> withheld");
        if (rerun != null && plan.allowWith() != null) {
            lines.add("To allow them once: " + rerun + " --max-delete " + plan.allowWith());
        }
        return lines;
    }

    /**
     * The closing line: the counts, then "→ EQUAL" when both lists hold the same titles, "→ IN
     * SYNC (N kept apart: …)" when every title on one side only is kept apart by a rule, else
     * "→ NOT EQUAL (K differences)" with each difference nothing above explains.
     */
    private List<String> verdict() {
        List<String> lines = new ArrayList<>();
        String counts = (dryRun ? "After this plan: Plex=" : "Post-sync: Plex=") + after.plexCount()
                + " vs SIMKL=" + after.simklCount();
        if (equal()) {
            lines.add(counts + " → EQUAL");
        } else if (inSync()) {
            lines.add(counts + " → IN SYNC (" + keptApart(after.keptApart()) + ")");
        } else {
            List<StateUpdate.Difference> diffs = after.unexplained();
            List<String> why = new ArrayList<>();
            if (!diffs.isEmpty()) why.add(Plural.of(diffs.size(), "difference"));
            if (readProblem != null) why.add("a list was not read whole");
            if (!after.keptApart().isEmpty()) why.add(keptApart(after.keptApart()));
            lines.add(counts + " → NOT EQUAL (" + String.join("; ", why) + ")");
            for (StateUpdate.Difference d : diffs) {
                if (toldAbove(d)) continue; // its line above already says where it is and why
                lines.add("  ≠ " + d.match().label() + ": on " + d.onlyOn().display() + " only — "
                        + (d.reason() != null ? d.reason()
                                : "nothing explains it; please report this with the --debug output"));
            }
        }
        lines.addAll(lookups());
        return lines;
    }

    /**
     * A dry run's caveat: its verdict counts every Plex add as done, but a title new to the
     * Plex side is looked up on Plex only when the sync runs, and one Plex does not have then
     * stays unresolved.
     */
    private List<String> lookups() {
        if (!dryRun) return List.of();
        long n = plan.actions().stream().filter(a -> a.side() == Side.PLEX && a.kind() == Kind.ADD
                && !a.match().item().ids().has("plex")).count();
        if (n == 0) return List.of();
        return List.of("  (if Plex finds " + (n == 1 ? "the title" : "all " + n + " titles") + " to add: the sync "
                + "looks " + (n == 1 ? "it" : "them") + " up first, and one Plex does not have stays on SIMKL only, "
                + "in the unresolved ledger)");
    }

    /** "3 kept apart: 1 held-in-another-simkl-list, 2 unresolved-waiting", by rule in the order rules are listed. */
    static String keptApart(List<StateUpdate.Difference> kept) {
        Map<Rule, Long> byRule = new EnumMap<>(Rule.class);
        for (StateUpdate.Difference d : kept) byRule.merge(d.rule(), 1L, Long::sum);
        List<String> parts = new ArrayList<>();
        byRule.forEach((rule, n) -> parts.add(n + " " + rule.word));
        return kept.size() + " kept apart: " + String.join(", ", parts);
    }

    /** Whether a difference is a title the report already named with its reason (a note, a withheld removal, the
     * ledger). */
    private boolean toldAbove(StateUpdate.Difference d) {
        if (d.reason() == null) return false;
        boolean noted = Stream.of(plan.skipped(), plan.deferred(), plan.conflicts()).flatMap(List::stream)
                .anyMatch(n -> n.match() == d.match() && d.reason().endsWith(n.reason()));
        boolean withheld = plan.withheld().stream().anyMatch(a -> a.match() == d.match());
        boolean unresolved = d.rule() == Rule.UNRESOLVED || d.rule() == Rule.NOT_FOUND;
        return noted || withheld || unresolved
                && after.ledger().stream().anyMatch(u -> d.match().item().sameTitle(u.item()));
    }

    /** After a restore: what the next sync will do with it, so it is no surprise. */
    static List<String> nextSync(Plan next, String mode) {
        List<String> lines = new ArrayList<>();
        if (next.actions().isEmpty() && next.withheld().isEmpty()) {
            lines.add("The next --sync (" + mode + ") will change nothing: state.json was kept, so the restore "
                    + "stands.");
            return lines;
        }
        lines.add("The next --sync (" + mode + ") will carry on from here (state.json was kept; check with --sync "
                + "--dry-run):");
        for (Action a : next.actions()) lines.add("  " + actionLine(a));
        for (Action a : next.withheld()) lines.add("  " + actionLine(a) + " -> withheld by the deletion guard");
        return lines;
    }

    static String actionLine(Action a) {
        return sign(a.kind()) + String.format("%-6s ", a.side().display()) + a.match().label()
                + "  [" + a.reason() + "]";
    }

    /** "+ " an add, "- " a removal, "* " a title marked as watched. */
    static String sign(Kind kind) {
        return kind == Kind.ADD ? "+ " : kind == Kind.REMOVE ? "- " : "* ";
    }

    private static String summary(Plan p) {
        List<String> parts = new ArrayList<>();
        for (Side side : Side.values()) {
            int add = p.of(side, Kind.ADD).size();
            int rem = p.of(side, Kind.REMOVE).size();
            if (add > 0) parts.add(add + " to add to " + side.display());
            if (rem > 0) parts.add(rem + " to remove from " + side.display());
            int watched = p.of(side, Kind.WATCHED).size();
            if (watched > 0) parts.add(watched + " to mark as watched on " + side.display());
        }
        return String.join(", ", parts);
    }

    /** Each action's outcome, by the action. */
    Map<Action, Outcome> byAction() {
        Map<Action, Outcome> m = new IdentityHashMap<>();
        for (Outcome o : outcomes) m.put(o.action(), o);
        return m;
    }
}
