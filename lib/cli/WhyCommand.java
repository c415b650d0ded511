package cli;

import config.Config;
import simkl.SimklEntry;
import sync.Journal;
import sync.KnownTitles;
import sync.Match;
import sync.Plan;
import sync.State;

import java.util.ArrayList;
import java.util.List;

/**
 * --why QUERY: one title explained. Its ids on each side; where it is now on each side, read as a
 * dry run reads; what the last sync agreed on; what past runs did to it (the journal, newest
 * first, with the backup each run took); its unresolved-ledger entry; and the next sync's decision,
 * from the same planner, with the rule that makes it. With --offline only the files are read.
 * Writes nothing anywhere.
 */
record WhyCommand(String query, boolean offline, boolean json) implements Command {
    @Override
    public int run(Session s) throws Exception {
        TitleLookup.Found f = TitleLookup.find(s, query, offline, json);
        if (json) s.console.document(WhyDocument.of(s, f, query, offline));
        else for (String line : text(s, f)) s.console.result(line);
        return ExitCode.OK;
    }

    private List<String> text(Session s, TitleLookup.Found f) {
        KnownTitles.Known k = f.title();
        Match m = k.match();
        List<String> out = new ArrayList<>();
        model.Times times = s.times();
        out.add(k.label() + ", " + m.item().type().word());
        out.add("  ids: " + k.ids().text());
        if (offline) {
            out.add("Now: not read (--offline)");
        } else {
            out.add("Now:");
            out.add("  Plex:  " + (m.plex() != null ? "on the watchlist (plex:" + m.plex().ids().get("plex") + ")"
                    : "not on the watchlist"));
            out.add("  SIMKL: " + simklNow(m));
        }
        out.add("Last sync: " + snapshot(f.state(), m, times));
        out.add("Journal, newest first:" + (k.journal().isEmpty() ? " nothing recorded" : ""));
        for (Journal.Entry j : newestFirst(k.journal())) out.add("  " + JournalCommand.line(j, times));
        State.Unresolved u = k.unresolved();
        out.add("Unresolved: " + (u == null ? "no" : "not found on " + u.missingOn() + " (" + u.reason() + "), "
                + "first seen " + times.full(java.time.Instant.parse(u.firstSeen())) + ", "
                + model.Plural.of(u.attempts(), "try") + ", next try " + times.when(u.nextTry())));
        out.addAll(next(s, f));
        return out;
    }

    /** The next sync's decision for the title, with its rule: the same planner a sync runs. */
    private List<String> next(Session s, TitleLookup.Found f) {
        if (f.planned() == null) {
            return List.of("Next sync: not worked out offline; run without --offline to read both lists");
        }
        return next(s, f.planned().plan(), f.title().match(), f.config());
    }

    /** What {@code plan} does with one title, a line per decision with its rule, as --why prints it. */
    static List<String> next(Session s, Plan plan, Match m, Config config) {
        List<String> out = new ArrayList<>();
        List<Plan.Decision> ds = plan.about(m);
        if (ds.isEmpty()) {
            out.add("Next sync: nothing to do; " + idle(m, config));
            return out;
        }
        out.add("Next sync:");
        for (Plan.Decision d : ds) {
            String what = d.kind() == null ? "left as it is"
                    : d.kind().verb + d.side().display();
            if (d.rule() == sync.Rule.GUARD) what = "withheld: " + what;
            out.add("  " + what + " (rule " + d.rule().word + "): " + d.reason());
        }
        if (ds.stream().anyMatch(d -> d.rule() == sync.Rule.GUARD) && plan.allowWith() != null) {
            out.add("  To allow it once: " + s.rerun(Verb.SYNC, null) + " --max-delete " + plan.allowWith());
        }
        return out;
    }

    /** Why nothing is to be done for a title the plan does not mention. */
    static String idle(Match m, Config config) {
        boolean plex = m.onPlex();
        boolean simkl = m.inPlanToWatch();
        if (plex && simkl) return "it is on both sides";
        if (!plex && !simkl) {
            return m.inOtherSimklList() ? "it is on neither list (SIMKL holds it as " + m.simkl().status() + ")"
                    : "it is on neither list";
        }
        if (!config.sync().bidirectional() && simkl) return "one-way mode leaves titles only on SIMKL alone";
        return "the last sync recorded it on " + (plex ? "Plex" : "SIMKL") + " only, as it is now";
    }

    private static String simklNow(Match m) {
        if (m.seasons().isEmpty()) return "in no list";
        List<String> parts = new ArrayList<>();
        for (SimklEntry e : m.seasons()) {
            String where = e.planToWatch() ? "in Plan to Watch" : e.knownStatus() ? e.status()
                    : "listed with an undocumented status (" + e.statusLabel() + ")";
            String with = (e.watched() ? "watched" : "not watched") + ", " + (e.rated() ? "rated" : "not rated");
            String id = e.item().ids().get("simkl");
            parts.add((m.seasons().size() > 1 ? e.item().label() + ": " : "") + where + " (" + with
                    + (id == null ? "" : ", simkl:" + id) + ")");
        }
        return String.join("; ", parts);
    }

    private static String snapshot(State state, Match m, model.Times times) {
        State.Entry e = m.snapshot();
        String when = state.seeded() ? " (state.json, " + times.at(state.snapshot().takenAt()) + ")" : "";
        if (!state.seeded()) return "no sync yet (no state.json)";
        if (e == null) return "not in the snapshot" + when;
        String where = e.onPlex() && e.onSimkl() ? "on Plex and in SIMKL's Plan to Watch"
                : e.onPlex() ? "on Plex only" : "in SIMKL's Plan to Watch only";
        return where + when;
    }

    static List<Journal.Entry> newestFirst(List<Journal.Entry> entries) {
        List<Journal.Entry> out = new ArrayList<>(entries);
        java.util.Collections.reverse(out);
        return out;
    }
}
