package cli;

import simkl.SimklEntry;
import sync.KnownTitles;
import sync.Match;
import sync.Plan;
import sync.State;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * --why --json: the same answer as the text, as one document (query, title, plex, simkl,
 * snapshot, journal, unresolved, next); the README's JSON section names each field.
 */
final class WhyDocument {
    private WhyDocument() {
    }

    /** The document for {@code f}, found by {@code query}; with {@code offline} the sides were not read. */
    static Map<String, Object> of(Session s, TitleLookup.Found f, String query, boolean offline) {
        KnownTitles.Known k = f.title();
        Match m = k.match();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("query", query);
        doc.put("offline", offline);
        Map<String, Object> title = new LinkedHashMap<>();
        title.put("type", m.item().type().word());
        title.put("title", m.item().title());
        title.put("year", m.item().year());
        title.put("ids", k.ids().matching());
        doc.put("title", title);
        if (offline) {
            doc.put("plex", null);
            doc.put("simkl", null);
        } else {
            Map<String, Object> plex = new LinkedHashMap<>();
            plex.put("on_watchlist", m.onPlex());
            plex.put("ids", m.plex() == null ? null : m.plex().ids().matching());
            doc.put("plex", plex);
            List<Object> entries = new ArrayList<>();
            for (SimklEntry e : m.seasons()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("title", e.item().title());
                row.put("status", e.status().isEmpty() ? null : e.status());
                row.put("watched", e.watched());
                row.put("rated", e.rated());
                row.put("ids", e.item().ids().matching());
                entries.add(row);
            }
            Map<String, Object> simkl = new LinkedHashMap<>();
            simkl.put("in_plan_to_watch", m.inPlanToWatch());
            simkl.put("entries", entries);
            doc.put("simkl", simkl);
        }
        State.Entry e = m.snapshot();
        Map<String, Object> snap = null;
        if (e != null) {
            snap = new LinkedHashMap<>();
            snap.put("on_plex", e.onPlex());
            snap.put("on_simkl", e.onSimkl());
            snap.put("taken_at", f.state().snapshot().takenAt());
        }
        doc.put("snapshot", snap);
        doc.put("journal", WhyCommand.newestFirst(k.journal()));
        doc.put("unresolved", k.unresolved());
        doc.put("next", next(s, f));
        return doc;
    }

    private static Map<String, Object> next(Session s, TitleLookup.Found f) {
        if (f.planned() == null) return null;
        Plan plan = f.planned().plan();
        List<Object> decisions = decisions(plan, f.title().match());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("decisions", decisions);
        out.put("idle", decisions.isEmpty() ? WhyCommand.idle(f.title().match(), f.config()) : null);
        boolean guarded = plan.about(f.title().match()).stream().anyMatch(d -> d.rule() == sync.Rule.GUARD);
        out.put("allow_with_max_delete", guarded ? plan.allowWith() : null);
        return out;
    }

    /** The plan's decisions about one title, a row each: side, action (null: left as it is), rule, reason. */
    static List<Object> decisions(Plan plan, Match m) {
        List<Object> rows = new ArrayList<>();
        for (Plan.Decision d : plan.about(m)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("side", d.side() == null ? null : d.side().word);
            row.put("action", d.kind() == null ? null : d.kind().name().toLowerCase(Locale.ROOT));
            row.put("rule", d.rule().word);
            row.put("reason", d.reason());
            rows.add(row);
        }
        return rows;
    }
}
