package sync;

import config.Config.Side;
import sync.Executor.Outcome;
import sync.Plan.Action;
import sync.Plan.Kind;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a person (text) or a program (--json) is told about a run. */
public final class Report {
    private Report() {}

    /** The exit code of DESIGN §3 for a finished run. */
    public static int exitCode(SyncRun.Result r) {
        if (!r.plan().withheld().isEmpty()) return 4;
        boolean failed = r.outcomes().stream().anyMatch(o -> !o.succeeded());
        if (failed || !r.plan().deferred().isEmpty() || !r.plan().conflicts().isEmpty() || !r.equal()) return 1;
        return 0;
    }

    public static List<String> text(SyncRun.Result r) {
        List<String> lines = new ArrayList<>();
        lines.add("Pre-sync counts: Plex=" + r.plexBefore() + " vs SIMKL=" + r.simklBefore());
        Map<Action, Outcome> outcome = outcomes(r);
        List<Action> all = r.plan().actions();
        if (all.isEmpty()) lines.add(r.dryRun() ? "Plan: nothing to do." : "Nothing to do: no adds, no removals.");
        else lines.add((r.dryRun() ? "Plan (dry run, nothing written): " : "Actions: ") + summary(r.plan()));
        for (Action a : all) {
            Outcome o = outcome.get(a);
            String result = r.dryRun() ? "planned" : o == null ? "not run" : o.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + (o.detail() == null || o.succeeded() ? "" : ": " + o.detail());
            lines.add("  " + (a.kind() == Kind.ADD ? "+ " : "- ") + pad(a.side().display(), 6) + a.match().label()
                    + "  [" + a.reason() + "] -> " + result);
        }
        for (Plan.Note n : r.plan().skipped()) lines.add("  = skipped " + n.match().label() + ": " + n.reason());
        for (Plan.Note n : r.plan().conflicts()) lines.add("  ! conflict " + n.match().label() + ": " + n.reason() + " (left alone; check the ids on both sides)");
        for (Plan.Note n : r.plan().deferred()) lines.add("  ? unresolved " + n.match().label() + ": " + n.reason());
        if (!r.dryRun()) {
            for (State.Unresolved u : r.newState().unresolved()) {
                if (r.plan().deferred().stream().noneMatch(n -> n.match().label().equals(label(u)))) {
                    lines.add("  ? unresolved " + label(u) + ": not found on " + (u.missingOn().equals("plex") ? "Plex" : "SIMKL")
                            + " (" + u.reason() + "); next try after " + u.nextTry());
                }
            }
        }
        if (r.plan().guard() != null) {
            lines.add("Removals withheld (" + r.plan().withheld().size() + "): " + r.plan().guard());
            for (Action a : r.plan().withheld()) lines.add("  - " + pad(a.side().display(), 6) + a.match().label() + "  [" + a.reason() + "] -> withheld");
        }
        if (r.readProblem() != null) lines.add("Read problem: " + r.readProblem());
        for (Match m : r.unexplained()) lines.add("  ! not in sync: " + m.label() + " (on " + (m.onPlex() ? "Plex" : "SIMKL") + " only)");
        lines.add((r.dryRun() ? "After this plan: Plex=" : "Post-sync: Plex=") + r.plexAfter() + " vs SIMKL=" + r.simklAfter() + " → " + (r.equal() ? "EQUAL" : "NOT EQUAL")
                + (r.equal() && r.plexAfter() != r.simklAfter() ? " (every difference is explained above)" : ""));
        return lines;
    }

    private static String label(State.Unresolved u) {
        return u.year() == null ? u.title() : u.title() + " (" + u.year() + ")";
    }

    private static String pad(String s, int n) {
        return String.format("%-" + n + "s ", s);
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

    /** The --json document (schema in README "JSON output"). */
    public static Map<String, Object> json(SyncRun.Result r, int exitCode) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("command", "sync");
        doc.put("mode", r.mode());
        doc.put("dry_run", r.dryRun());
        doc.put("first_run", r.firstRun());
        doc.put("before", Map.of("plex", r.plexBefore(), "simkl", r.simklBefore()));
        doc.put("after", Map.of("plex", r.plexAfter(), "simkl", r.simklAfter()));
        doc.put("equal", r.equal());
        Map<Action, Outcome> outcome = outcomes(r);
        List<Object> actions = new ArrayList<>();
        for (Action a : r.plan().actions()) {
            Outcome o = outcome.get(a);
            Map<String, Object> m = action(a);
            m.put("outcome", r.dryRun() ? "planned" : o == null ? "not_run" : o.status().name().toLowerCase(java.util.Locale.ROOT));
            m.put("detail", o == null ? null : o.detail());
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
        doc.put("unresolved", r.dryRun() ? notes(r.plan().deferred()) : r.newState().unresolved());
        doc.put("guard", r.plan().guard());
        doc.put("read_problem", r.readProblem());
        doc.put("exit_code", exitCode);
        return doc;
    }

    private static Map<String, Object> action(Action a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("side", a.side().word);
        m.put("action", a.kind() == Kind.ADD ? "add" : "remove");
        m.put("type", a.match().type().word());
        m.put("title", a.match().title());
        m.put("year", a.match().year());
        m.put("ids", a.match().ids().asMap());
        m.put("reason", a.reason());
        return m;
    }

    private static List<Object> notes(List<Plan.Note> notes) {
        List<Object> out = new ArrayList<>();
        for (Plan.Note n : notes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", n.match().type().word());
            m.put("title", n.match().title());
            m.put("year", n.match().year());
            m.put("ids", n.match().ids().asMap());
            m.put("reason", n.reason());
            out.add(m);
        }
        return out;
    }
}
