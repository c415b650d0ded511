package sync;

import config.Config.Side;
import model.Plural;
import sync.Executor.Outcome;
import sync.Executor.Status;
import sync.Plan.Action;
import sync.Plan.Kind;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** What a person (text) or a program (--json) is told about a run. */
public final class Report {
    private Report() {}

    /**
     * The report of a run. {@code rerun} is the command that repeats it as the person typed it
     * ("plex_simkl_sync --sync --dir /data"): withheld removals end with it and the --max-delete
     * that allows them (null: no such line).
     */
    public static List<String> text(SyncRun.Result r, String rerun) {
        List<String> lines = new ArrayList<>();
        lines.add((r.restore() == null ? "Pre-sync counts: Plex=" : "Before the restore: Plex=") + r.plexBefore()
                + " vs SIMKL=" + r.simklBefore());
        List<Action> all = r.plan().actions();
        if (!all.isEmpty()) {
            lines.add((r.dryRun() ? "Plan (dry run, nothing written): " : "Actions: ") + summary(r.plan()));
        } else if (r.plan().withheld().isEmpty()) {
            lines.add(r.dryRun() ? "Plan: nothing to do." : "Nothing to do: no adds, no removals.");
        }
        lines.addAll(titleLines(r));
        lines.addAll(withheld(r.plan(), rerun));
        if (r.readProblem() != null) lines.add("Read problem: " + r.readProblem());
        for (String what : r.notSaved()) lines.add("Not saved: " + what + ".");
        // a restore's other side is a backup, not a list to agree with: its report ends with the next sync instead
        if (r.restore() == null) lines.addAll(verdict(r));
        return lines;
    }

    /**
     * One line per title the run acted on or kept apart, each starting with two spaces: the
     * actions with their outcomes, then titles kept apart, conflicting, waiting and unresolved,
     * then the removals the guard withheld. What a --watch round prints under its own line.
     */
    public static List<String> actionLines(SyncRun.Result r) {
        List<String> lines = titleLines(r);
        for (Action a : r.plan().withheld()) lines.add("  " + actionLine(a) + " -> withheld");
        return lines;
    }

    private static List<String> titleLines(SyncRun.Result r) {
        List<String> lines = new ArrayList<>();
        Map<Action, Outcome> outcome = outcomes(r);
        for (Action a : r.plan().actions()) {
            Outcome o = outcome.get(a);
            String result = r.dryRun() ? "planned" : o == null ? "not run"
                    : o.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + (o.detail() == null || o.succeeded() ? "" : ": " + o.detail());
            lines.add("  " + actionLine(a) + " -> " + result);
        }
        List<String> excluded = new ArrayList<>();
        int outOfScope = 0;
        for (Plan.Note n : r.plan().skipped()) {
            // excluded titles are named together, once; kinds out of scope only counted
            if (n.rule() == Rule.EXCLUDED) excluded.add(n.match().label());
            else if (n.rule() == Rule.OUT_OF_SCOPE) outOfScope++;
            else if (n.rule() == Rule.LOOKUP_FAILED) lines.add("  ! " + n.match().label() + ": " + n.reason());
            else lines.add("  = skipped " + n.match().label() + ": " + n.reason());
        }
        for (Plan.Note n : r.plan().conflicts()) {
            lines.add("  ! conflict " + n.match().label() + ": " + n.reason()
                    + " (left alone; check the ids on both sides)");
        }
        for (Plan.Note n : r.plan().deferred()) lines.add("  ? unresolved " + n.match().label() + ": " + n.reason());
        for (State.Unresolved u : r.after().ledger()) {
            if (r.plan().deferred().stream().noneMatch(n -> n.match().item().sameTitle(u.item()))) {
                lines.add("  ? unresolved " + u.item().label() + ": not found on "
                        + Side.valueOf(u.missingOn().toUpperCase(Locale.ROOT)).display()
                        + " (" + u.reason() + "); next try " + r.times().when(u.nextTry())
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
    private static List<String> withheld(Plan plan, String rerun) {
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
    private static List<String> verdict(SyncRun.Result r) {
        List<String> lines = new ArrayList<>();
        String counts = (r.dryRun() ? "After this plan: Plex=" : "Post-sync: Plex=") + r.after().plexCount()
                + " vs SIMKL=" + r.after().simklCount();
        if (r.equal()) {
            lines.add(counts + " → EQUAL");
            lines.addAll(lookups(r));
            return lines;
        }
        if (r.inSync()) {
            lines.add(counts + " → IN SYNC (" + keptApart(r.after().keptApart()) + ")");
            lines.addAll(lookups(r));
            return lines;
        }
        List<StateUpdate.Difference> diffs = r.after().unexplained();
        List<String> why = new ArrayList<>();
        if (!diffs.isEmpty()) why.add(Plural.of(diffs.size(), "difference"));
        if (r.readProblem() != null) why.add("a list was not read whole");
        if (!r.after().keptApart().isEmpty()) why.add(keptApart(r.after().keptApart()));
        lines.add(counts + " → NOT EQUAL (" + String.join("; ", why) + ")");
        for (StateUpdate.Difference d : diffs) {
            if (toldAbove(r, d)) continue; // its line above already says where it is and why
            lines.add("  ≠ " + d.match().label() + ": on " + d.onlyOn().display() + " only — "
                    + (d.reason() != null ? d.reason()
                            : "nothing explains it; please report this with the --debug output"));
        }
        lines.addAll(lookups(r));
        return lines;
    }

    /**
     * A dry run's caveat: its verdict counts every Plex add as done, but a title new to the
     * Plex side is looked up on Plex only when the sync runs, and one Plex does not have then
     * stays unresolved.
     */
    private static List<String> lookups(SyncRun.Result r) {
        if (!r.dryRun()) return List.of();
        long n = r.plan().actions().stream().filter(a -> a.side() == Side.PLEX && a.kind() == Kind.ADD
                && !a.match().item().ids().has("plex")).count();
        if (n == 0) return List.of();
        return List.of("  (if Plex finds " + (n == 1 ? "the title" : "all " + n + " titles") + " to add: the sync "
                + "looks " + (n == 1 ? "it" : "them") + " up first, and one Plex does not have stays on SIMKL only, "
                + "in the unresolved ledger)");
    }

    /** "3 kept apart: 1 held-in-another-simkl-list, 2 unresolved-waiting", by rule in the order rules are listed. */
    static String keptApart(List<StateUpdate.Difference> kept) {
        Map<Rule, Long> byRule = new java.util.EnumMap<>(Rule.class);
        for (StateUpdate.Difference d : kept) byRule.merge(d.rule(), 1L, Long::sum);
        List<String> parts = new ArrayList<>();
        byRule.forEach((rule, n) -> parts.add(n + " " + rule.word));
        return kept.size() + " kept apart: " + String.join(", ", parts);
    }

    /** Whether a difference is a title the report already named with its reason (a note, a withheld removal, the
     * ledger). */
    private static boolean toldAbove(SyncRun.Result r, StateUpdate.Difference d) {
        if (d.reason() == null) return false;
        Plan plan = r.plan();
        boolean noted = Stream.of(plan.skipped(), plan.deferred(), plan.conflicts()).flatMap(List::stream)
                .anyMatch(n -> n.match() == d.match() && d.reason().endsWith(n.reason()));
        boolean withheld = plan.withheld().stream().anyMatch(a -> a.match() == d.match());
        return noted || withheld || d.reason().startsWith("unresolved:")
                && r.after().ledger().stream().anyMatch(u -> d.match().item().sameTitle(u.item()));
    }

    /** After a restore: what the next sync will do with it, so it is no surprise. */
    public static List<String> nextSync(Plan next, String mode) {
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

    private static String actionLine(Action a) {
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

    private static Map<Action, Outcome> outcomes(SyncRun.Result r) {
        Map<Action, Outcome> m = new IdentityHashMap<>();
        for (Outcome o : r.outcomes()) m.put(o.action(), o);
        return m;
    }

    /** The --json document (schema in README "JSON output"); the caller names the command. */
    public static Map<String, Object> json(SyncRun.Result r, int exitCode) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("mode", r.restore() != null ? "restore " + r.restore().target().word : r.mode());
        doc.put("dry_run", r.dryRun());
        doc.put("first_run", r.firstRun());
        doc.put("before", sides(r.plexBefore(), r.simklBefore()));
        doc.put("after", sides(r.after().plexCount(), r.after().simklCount()));
        doc.put("equal", r.equal());
        doc.put("in_sync", r.inSync());
        doc.put("status", r.status().name().toLowerCase(Locale.ROOT));
        doc.put("counts", counts(r));
        Map<Action, Outcome> outcome = outcomes(r);
        List<Object> actions = new ArrayList<>();
        for (Action a : r.plan().actions()) {
            Outcome o = outcome.get(a);
            Map<String, Object> m = action(a);
            m.put("outcome", r.dryRun() ? "planned" : o == null ? "not_run"
                    : o.status().name().toLowerCase(Locale.ROOT));
            m.put("detail", o == null || r.dryRun() ? null : o.detail());
            actions.add(m);
        }
        for (Action a : r.plan().withheld()) {
            Map<String, Object> m = action(a);
            m.put("outcome", "withheld");
            m.put("detail", r.plan().guard());
            actions.add(m);
        }
        doc.put("actions", actions);
        doc.put("skipped", notes(r.plan().skipped()));
        doc.put("conflicts", notes(r.plan().conflicts()));
        // the ledger as this run leaves it (a dry run: as it would), one shape either way
        doc.put("unresolved", r.after().ledger());
        doc.put("kept_apart", differences(r.after().keptApart()));
        doc.put("differences", differences(r.after().unexplained()));
        doc.put("guard", r.plan().guard());
        doc.put("allow_with_max_delete", r.plan().allowWith());
        doc.put("read_problem", r.readProblem());
        doc.put("not_saved", r.notSaved());
        doc.put("exit_code", exitCode);
        return doc;
    }

    /** {"plex": n, "simkl": m}, in that order. */
    private static Map<String, Object> sides(long plex, long simkl) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plex", plex);
        m.put("simkl", simkl);
        return m;
    }

    /** Per side: added, removed, failed (incl. not found), skipped (incl. waiting unresolved), withheld. */
    private static Map<String, Object> counts(SyncRun.Result r) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Side side : Side.values()) {
            Map<String, Long> c = new LinkedHashMap<>();
            c.put("added", r.outcomes().stream().filter(o -> o.action().side() == side && o.action().kind() == Kind.ADD
                    && o.status() == Status.DONE).count());
            c.put("removed", r.outcomes().stream().filter(o -> o.action().side() == side
                    && o.action().kind() == Kind.REMOVE
                    && o.status() == Status.DONE).count());
            c.put("marked_watched", r.outcomes().stream().filter(o -> o.action().side() == side
                    && o.action().kind() == Kind.WATCHED && o.status() == Status.DONE).count());
            c.put("failed", r.outcomes().stream().filter(o -> o.action().side() == side
                    && (o.status() == Status.FAILED || o.status() == Status.NOT_FOUND)).count());
            c.put("skipped", r.plan().skipped().stream().filter(n -> n.side() == side).count()
                    + r.plan().deferred().stream().filter(n -> n.side() == side).count());
            c.put("withheld", r.plan().withheld().stream().filter(a -> a.side() == side).count());
            out.put(side.word, c);
        }
        return out;
    }

    private static List<Object> differences(List<StateUpdate.Difference> diffs) {
        List<Object> out = new ArrayList<>();
        for (StateUpdate.Difference d : diffs) {
            Map<String, Object> m = title(d.match());
            m.put("only_on", d.onlyOn().word);
            m.put("rule", d.rule() == null ? null : d.rule().word);
            m.put("reason", d.reason());
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> title(Match match) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", match.item().type().word());
        m.put("title", match.item().title());
        m.put("year", match.item().year());
        m.put("ids", match.item().ids().asMap());
        return m;
    }

    private static Map<String, Object> action(Action a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("side", a.side().word);
        m.put("action", a.kind().word);
        m.putAll(title(a.match()));
        m.put("rule", a.rule().word);
        m.put("reason", a.reason());
        return m;
    }

    private static List<Object> notes(List<Plan.Note> notes) {
        List<Object> out = new ArrayList<>();
        for (Plan.Note n : notes) {
            Map<String, Object> m = title(n.match());
            m.put("rule", n.rule().word);
            m.put("reason", n.reason());
            out.add(m);
        }
        return out;
    }
}
