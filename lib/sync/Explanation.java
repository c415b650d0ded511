package sync;

import config.Config;
import config.ConfigDir;
import config.ConfigException;
import http.Redactor;
import model.Ids;
import model.MediaItem;
import model.Plural;
import model.Times;
import model.TitleQuery;
import model.TitleRow;
import simkl.SimklEntry;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One title explained, for --why and the commands that keep titles apart: its ids on each side;
 * where it is now on each side, read as a dry run reads (not read offline); what the last sync
 * agreed on; what past runs did to it (the journal, newest first, with the backup each run took);
 * its unresolved-ledger entry; and the next sync's decision, from the same planner, with the rule
 * that makes it. As text to read and as one --why --json document (the README's JSON section names
 * each field). Pure once built: the lists were read by {@link SyncJob#explain}.
 */
public final class Explanation {
    /** state.json and the journal, read before anything is asked of the services. */
    public record Files(State state, List<Journal.Entry> journal) {}

    private final KnownTitles.Known title;
    private final Plan plan;
    private final State state;
    private final Config config;
    private final Preview preview;

    private Explanation(KnownTitles.Known title, Preview preview, Plan plan, State state, Config config) {
        this.title = title;
        this.preview = preview;
        this.plan = plan;
        this.state = state;
        this.config = config;
    }

    /**
     * state.json and the journal of {@code folder}, the journal's free text redacted as stored text is
     * (a past line may hold a credential no longer current).
     */
    public static Files read(ConfigDir folder, Redactor redactor, Consumer<String> debug) throws ConfigException,
            IOException {
        State state = StateFile.load(folder.stateFile());
        Journal.Read journal = Journal.read(folder.journalFile());
        if (journal.unreadable() > 0) {
            debug.accept("journal: " + journal.unreadable() + " line(s) cut short or unreadable, skipped");
        }
        return new Files(state, journal.entries().stream().map(e -> e.redacted(redactor::applyToStored)).toList());
    }

    /** The titles {@code query} names in state.json and the journal alone (--offline: no list is read). */
    public static List<Explanation> offline(String query, Config config, Files files, Consumer<String> debug) {
        State state = files.state();
        List<Match> matches = Matcher.match(List.of(), List.of(), state.seeded() ? state.snapshot().items()
                : List.of(), debug);
        return find(query, matches, null, state, config, files.journal());
    }

    /** The titles {@code query} names among {@code matches} (the preview's, or the snapshot's offline). */
    static List<Explanation> find(String query, List<Match> matches, Preview preview, State state, Config config,
            List<Journal.Entry> journal) {
        List<KnownTitles.Known> known = KnownTitles.of(matches, state.unresolved(), journal);
        List<Explanation> out = new ArrayList<>();
        for (KnownTitles.Known k : TitleQuery.parse(query).pick(known, KnownTitles.Known::candidate)) {
            out.add(new Explanation(k, preview, preview == null ? null : preview.plan(), state, config));
        }
        return out;
    }

    /** This title under other settings: the same reads planned again (a title just excluded or protected). */
    public Explanation under(Config after) {
        return new Explanation(title, preview, preview.replan(after.sync()), state, after);
    }

    /** "Dune: Part Two (2024)". */
    public String label() {
        return title.label();
    }

    /** Every id known of the title, on any side, in the snapshot, the ledger or the journal. */
    public Ids ids() {
        return title.ids();
    }

    public MediaItem item() {
        return title.match().item();
    }

    /** The title as documents show it, with every id known of it. */
    public TitleRow row() {
        return TitleRow.of(item(), ids().matching());
    }

    /** An id that tells this title from the others a query named ("simkl:123456"), or null. */
    public String handle(List<Explanation> all) {
        List<Ids> ids = all.stream().map(Explanation::ids).toList();
        return TitleQuery.handle(ids.get(all.indexOf(this)), ids);
    }

    /** Whether an entry of sync.exclude or sync.protect names this title, by any of its sides' ids. */
    public boolean listedIn(Config.Listed l) {
        Match m = title.match();
        if (l.names(m.item()) || l.names(m.plex())) return true;
        for (SimklEntry e : m.seasons()) if (l.names(e.item())) return true;
        return l.names(new MediaItem(m.item().type(), m.item().title(), m.item().year(), ids()));
    }

    /** The lines --why prints; {@code rerunSync} is the --sync that repeats the person's (for --max-delete). */
    public List<String> text(Times times, boolean offline, String rerunSync) {
        Match m = title.match();
        List<String> out = new ArrayList<>();
        out.add(label() + ", " + m.item().type().word());
        out.add("  ids: " + ids().text());
        if (offline) {
            out.add("Now: not read (--offline)");
        } else {
            out.add("Now:");
            out.add("  Plex:  " + (m.plex() != null ? "on the watchlist (plex:" + m.plex().ids().get("plex") + ")"
                    : "not on the watchlist"));
            out.add("  SIMKL: " + simklNow(m));
        }
        out.add("Last sync: " + snapshot(times));
        out.add("Journal, newest first:" + (title.journal().isEmpty() ? " nothing recorded" : ""));
        for (Journal.Entry j : newestFirst()) out.add("  " + j.line(times));
        State.Unresolved u = title.unresolved();
        out.add("Unresolved: " + (u == null ? "no" : "not found on " + u.missingOn().word + " (" + u.reason() + "), "
                + "first seen " + times.full(Instant.parse(u.firstSeen())) + ", "
                + Plural.of(u.attempts(), "try") + ", next try " + times.when(u.nextTry())));
        if (plan == null) out.add("Next sync: not worked out offline; run without --offline to read both lists");
        else out.addAll(next(rerunSync));
        return out;
    }

    /** What the next sync does with the title, a line per decision with its rule. */
    public List<String> next(String rerunSync) {
        Match m = title.match();
        List<String> out = new ArrayList<>();
        List<Plan.Decision> ds = plan.about(m);
        if (ds.isEmpty()) {
            out.add("Next sync: nothing to do; " + idle());
            return out;
        }
        out.add("Next sync:");
        for (Plan.Decision d : ds) {
            String what = d.kind() == null ? "left as it is"
                    : d.kind().verb + d.side().display();
            if (d.rule() == Rule.GUARD) what = "withheld: " + what;
            out.add("  " + what + " (rule " + d.rule().word + "): " + d.reason());
        }
        if (guarded() && plan.allowWith() != null) {
            out.add("  To allow it once: " + rerunSync + " --max-delete " + plan.allowWith());
        }
        return out;
    }

    private boolean guarded() {
        return plan.about(title.match()).stream().anyMatch(d -> d.rule() == Rule.GUARD);
    }

    /** Why nothing is to be done for a title the plan does not mention. */
    private String idle() {
        Match m = title.match();
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

    private String snapshot(Times times) {
        if (!state.seeded()) return "no sync yet (no state.json)";
        State.Entry e = title.match().snapshot();
        String when = " (state.json, " + times.at(state.snapshot().takenAt()) + ")";
        if (e == null) return "not in the snapshot" + when;
        String where = e.onPlex() && e.onSimkl() ? "on Plex and in SIMKL's Plan to Watch"
                : e.onPlex() ? "on Plex only" : "in SIMKL's Plan to Watch only";
        return where + when;
    }

    private List<Journal.Entry> newestFirst() {
        List<Journal.Entry> out = new ArrayList<>(title.journal());
        Collections.reverse(out);
        return out;
    }

    /** The --why --json document: query, offline, title, plex, simkl, snapshot, journal, unresolved, next. */
    public Map<String, Object> document(String query, boolean offline) {
        Match m = title.match();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("query", query);
        doc.put("offline", offline);
        doc.put("title", row().fields());
        doc.put("plex", offline ? null : plexNow(m));
        doc.put("simkl", offline ? null : simklDocument(m));
        State.Entry e = m.snapshot();
        Map<String, Object> snap = null;
        if (e != null) {
            snap = new LinkedHashMap<>();
            snap.put("on_plex", e.onPlex());
            snap.put("on_simkl", e.onSimkl());
            snap.put("taken_at", state.snapshot().takenAt());
        }
        doc.put("snapshot", snap);
        doc.put("journal", newestFirst());
        doc.put("unresolved", title.unresolved());
        doc.put("next", plan == null ? null : nextDocument());
        return doc;
    }

    private static Map<String, Object> plexNow(Match m) {
        Map<String, Object> plex = new LinkedHashMap<>();
        plex.put("on_watchlist", m.onPlex());
        plex.put("ids", m.plex() == null ? null : m.plex().ids().matching());
        return plex;
    }

    private static Map<String, Object> simklDocument(Match m) {
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
        return simkl;
    }

    private Map<String, Object> nextDocument() {
        List<Object> decisions = decisions();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("decisions", decisions);
        out.put("idle", decisions.isEmpty() ? idle() : null);
        out.put("allow_with_max_delete", guarded() ? plan.allowWith() : null);
        return out;
    }

    /** The plan's decisions about the title, a row each: side, action (null: left as it is), rule, reason. */
    public List<Object> decisions() {
        List<Object> rows = new ArrayList<>();
        for (Plan.Decision d : plan.about(title.match())) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("side", d.side() == null ? null : d.side().word);
            row.put("action", d.kind() == null ? null : d.kind().word());
            row.put("rule", d.rule().word);
            row.put("reason", d.reason());
            rows.add(row);
        }
        return rows;
    }
}
