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

    public static List<String> text(SyncRun.Result r) {
        List<String> lines = new ArrayList<>();
        lines.add("Pre-sync counts: Plex=" + r.plexBefore() + " vs SIMKL=" + r.simklBefore());
        List<Action> all = r.plan().actions();
        if (all.isEmpty()) lines.add(r.dryRun() ? "Plan: nothing to do." : "Nothing to do: no adds, no removals.");
        else lines.add((r.dryRun() ? "Plan (dry run, nothing written): " : "Actions: ") + summary(r.plan()));
        lines.addAll(titleLines(r));
        if (r.plan().guard() != null) {
            lines.add("Removals withheld (" + r.plan().withheld().size() + "): " + r.plan().guard());
            lines.addAll(withheldLines(r.plan()));
        }
        if (r.readProblem() != null) lines.add("Read problem: " + r.readProblem());
        // a restore's other side is a backup, not a list to agree with: its report ends with the next sync instead
        if (r.restore() == null) lines.addAll(verdict(r));
        return lines;
    }

    /**
     * One line per title the run acted on or left apart, each starting with two spaces: the actions
     * with their outcomes, then skipped, conflicting, waiting and unresolved titles, then the
     * removals the guard withheld. What a --watch round prints under its own line.
     */
    public static List<String> actionLines(SyncRun.Result r) {
        List<String> lines = titleLines(r);
        lines.addAll(withheldLines(r.plan()));
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
        for (Plan.Note n : r.plan().skipped()) lines.add("  = skipped " + n.match().label() + ": " + n.reason());
        for (Plan.Note n : r.plan().conflicts()) {
            lines.add("  ! conflict " + n.match().label() + ": " + n.reason()
                    + " (left alone; check the ids on both sides)");
        }
        for (Plan.Note n : r.plan().deferred()) lines.add("  ? unresolved " + n.match().label() + ": " + n.reason());
        for (State.Unresolved u : r.after().ledger()) {
            if (r.plan().deferred().stream().noneMatch(n -> n.match().item().sameTitle(u.item()))) {
                lines.add("  ? unresolved " + u.item().label() + ": not found on "
                        + Side.valueOf(u.missingOn().toUpperCase(Locale.ROOT)).display()
                        + " (" + u.reason() + "); next try after " + u.nextTry() + (u.attempts() == 1 ? " (new)" : ""));
            }
        }
        return lines;
    }

    private static List<String> withheldLines(Plan plan) {
        List<String> lines = new ArrayList<>();
        for (Action a : plan.withheld()) lines.add("  " + actionLine(a) + " -> withheld");
        return lines;
    }

    /** The closing line, "→ EQUAL" only when the lists agree as the mode asks, else each difference and why. */
    private static List<String> verdict(SyncRun.Result r) {
        List<String> lines = new ArrayList<>();
        String counts = (r.dryRun() ? "After this plan: Plex=" : "Post-sync: Plex=") + r.after().plexCount()
                + " vs SIMKL=" + r.after().simklCount();
        List<StateUpdate.Difference> diffs = r.after().differences();
        if (r.equal()) {
            int alone = r.after().leftAlone();
            lines.add(counts + " → EQUAL" + (alone == 0 ? ""
                    : " (one-way Plex → SIMKL: " + Plural.of(alone, "title")
                    + " only on SIMKL " + (alone == 1 ? "is" : "are") + " left alone)"));
            return lines;
        }
        List<String> why = new ArrayList<>();
        if (!diffs.isEmpty()) why.add(Plural.of(diffs.size(), "difference"));
        if (r.readProblem() != null) why.add("a list was not read whole");
        lines.add(counts + " → NOT EQUAL (" + String.join("; ", why) + ")");
        for (StateUpdate.Difference d : diffs) {
            if (toldAbove(r, d)) continue; // its note line above already says where it is and why
            lines.add("  ≠ " + d.match().label() + ": on " + d.onlyOn().display() + " only — "
                    + (d.reason() != null ? d.reason()
                            : "nothing explains it; please report this with the --debug output"));
        }
        return lines;
    }

    /** Whether a difference is a title the report already named with its reason (skipped, waiting, conflict,
     * unresolved). */
    private static boolean toldAbove(SyncRun.Result r, StateUpdate.Difference d) {
        if (d.reason() == null) return false;
        Plan plan = r.plan();
        boolean noted = Stream.of(plan.skipped(), plan.deferred(), plan.conflicts()).flatMap(List::stream)
                .anyMatch(n -> n.match() == d.match() && d.reason().endsWith(n.reason()));
        return noted || d.reason().startsWith("unresolved:")
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
        return (a.kind() == Kind.ADD ? "+ " : "- ") + String.format("%-6s ", a.side().display()) + a.match().label()
                + "  [" + a.reason() + "]";
    }

    private static String summary(Plan p) {
        List<String> parts = new ArrayList<>();
        for (Side side : Side.values()) {
            int add = p.of(side, Kind.ADD).size();
            int rem = p.of(side, Kind.REMOVE).size();
            if (add > 0) parts.add(add + " to add to " + side.display());
            if (rem > 0) parts.add(rem + " to remove from " + side.display());
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
        doc.put("before", Map.of("plex", r.plexBefore(), "simkl", r.simklBefore()));
        doc.put("after", Map.of("plex", r.after().plexCount(), "simkl", r.after().simklCount()));
        doc.put("equal", r.equal());
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
        doc.put("unresolved", r.dryRun() ? notes(r.plan().deferred()) : r.after().ledger());
        List<Object> differences = new ArrayList<>();
        for (StateUpdate.Difference d : r.after().differences()) {
            Map<String, Object> m = title(d.match());
            m.put("only_on", d.onlyOn().word);
            m.put("reason", d.reason());
            differences.add(m);
        }
        doc.put("differences", differences);
        doc.put("guard", r.plan().guard());
        doc.put("read_problem", r.readProblem());
        doc.put("exit_code", exitCode);
        return doc;
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
            c.put("failed", r.outcomes().stream().filter(o -> o.action().side() == side
                    && (o.status() == Status.FAILED || o.status() == Status.NOT_FOUND)).count());
            c.put("skipped", r.plan().skipped().stream().filter(n -> n.side() == side).count()
                    + r.plan().deferred().stream().filter(n -> n.side() == side).count());
            c.put("withheld", r.plan().withheld().stream().filter(a -> a.side() == side).count());
            out.put(side.word, c);
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
        m.put("action", a.kind() == Kind.ADD ? "add" : "remove");
        m.putAll(title(a.match()));
        m.put("reason", a.reason());
        return m;
    }

    private static List<Object> notes(List<Plan.Note> notes) {
        List<Object> out = new ArrayList<>();
        for (Plan.Note n : notes) {
            Map<String, Object> m = title(n.match());
            m.put("reason", n.reason());
            out.add(m);
        }
        return out;
    }
}
