package sync;

import config.Config.Side;
import model.TitleRow;
import sync.Executor.Outcome;
import sync.Executor.Status;
import sync.Plan.Action;
import sync.Plan.Kind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A run's --json document (README, "JSON output"), field by field in a fixed order. */
final class ReportDocument {
    private ReportDocument() {}

    static Map<String, Object> of(Report r, int exitCode) {
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
        doc.put("actions", actions(r));
        doc.put("skipped", notes(r.plan().skipped()));
        doc.put("conflicts", notes(r.plan().conflicts()));
        // the ledger as this run leaves it (a dry run: as it would), one shape either way
        doc.put("unresolved", r.after().ledger());
        doc.put("kept_apart", differences(r.after().keptApart()));
        doc.put("differences", differences(r.after().unexplained()));
        doc.put("guard", r.plan().guard());
        doc.put("allow_with_max_delete", r.plan().allowWith());
        // the run's id, for --undo (null: it wrote nothing), and the plan kept for --apply (null: none)
        doc.put("run", r.handles() == null ? null : r.handles().run());
        doc.put("plan_file", r.handles() == null || r.handles().plan() == null ? null : r.handles().plan().toString());
        doc.put("read_problem", r.readProblem());
        doc.put("not_saved", r.notSaved());
        doc.put("exit_code", exitCode);
        if (r.restored() != null) {
            doc.put("backup", r.restored().file().toString());
            doc.put("next_sync", r.restored().next().actions().stream().map(Action::describe).toList());
        }
        return doc;
    }

    /** Each action with its outcome ("planned" in a dry run), then the removals the guard withheld. */
    private static List<Object> actions(Report r) {
        Map<Action, Outcome> outcome = r.byAction();
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
        return actions;
    }

    /** {"plex": n, "simkl": m}, in that order. */
    private static Map<String, Object> sides(long plex, long simkl) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plex", plex);
        m.put("simkl", simkl);
        return m;
    }

    /**
     * Per side: added, removed, marked as watched, failed (incl. not found), unknown (sent, no answer
     * said what came of it), skipped (incl. waiting unresolved), withheld.
     */
    private static Map<String, Object> counts(Report r) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Side side : Side.values()) {
            Map<String, Long> c = new LinkedHashMap<>();
            c.put("added", done(r, side, Kind.ADD));
            c.put("removed", done(r, side, Kind.REMOVE));
            c.put("marked_watched", done(r, side, Kind.WATCHED));
            c.put("failed", r.outcomes().stream().filter(o -> o.action().side() == side
                    && (o.status() == Status.FAILED || o.status() == Status.NOT_FOUND)).count());
            c.put("unknown", r.outcomes().stream().filter(o -> o.action().side() == side
                    && o.status() == Status.UNKNOWN).count());
            c.put("skipped", r.plan().skipped().stream().filter(n -> n.side() == side).count()
                    + r.plan().deferred().stream().filter(n -> n.side() == side).count());
            c.put("withheld", r.plan().withheld().stream().filter(a -> a.side() == side).count());
            out.put(side.word, c);
        }
        return out;
    }

    private static long done(Report r, Side side, Kind kind) {
        return r.outcomes().stream().filter(o -> o.action().side() == side && o.action().kind() == kind
                && o.status() == Status.DONE).count();
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
        return TitleRow.of(match.item()).fields();
    }

    private static Map<String, Object> action(Action a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("side", a.side().word);
        m.put("action", a.kind().word());
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
