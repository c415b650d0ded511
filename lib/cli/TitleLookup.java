package cli;

import config.Config;
import plex.PlexClient;
import sync.Journal;
import sync.KnownTitles;
import sync.Match;
import sync.Matcher;
import sync.State;
import sync.StateFile;
import sync.SyncRun;
import sync.TitleQuery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one title a person's query names, for --why and the commands that keep titles apart: both
 * lists read exactly as a dry run reads them (or, offline, state.json alone), with the snapshot,
 * the unresolved ledger and the journal. Several titles named: they are listed with the command
 * that picks each (exit 2); none: one line says so (exit 1). Writes nothing.
 */
final class TitleLookup {
    /** The title found, the dry run's plan it was found in (null offline), and the state and settings read. */
    record Found(KnownTitles.Known title, SyncRun.Planned planned, State state, Config config) {}

    private TitleLookup() {}

    static Found find(Session s, String query, boolean offline, boolean json) throws Exception {
        TitleQuery q = TitleQuery.parse(query);
        Config config = s.config();
        State state = StateFile.load(s.folder().stateFile());
        Journal.Read journal = Journal.read(s.folder().journalFile());
        if (journal.unreadable() > 0) {
            s.console.debug("journal: " + journal.unreadable() + " line(s) cut short or unreadable, skipped");
        }
        SyncRun.Planned planned = null;
        List<Match> matches;
        if (offline) {
            matches = Matcher.match(List.of(), List.of(), state.seeded() ? state.snapshot().items() : List.of(),
                    s.console::debug);
        } else {
            s.requireSyncCredentials(config);
            try (Services services = s.services(config)) {
                state = WhoseLists.check(s, config, services, state);
                SyncRun run = SyncRound.engine(s, config, services);
                planned = run.plan(state, new SyncRun.Options(true, null, false, PlexClient.CONCURRENCY, null));
            }
            matches = planned.input().matches();
        }
        List<KnownTitles.Known> known = KnownTitles.of(matches, state.unresolved(), journal.entries().stream()
                .map(e -> e.redacted(s.console.redactor()::applyToStored)).toList());
        List<KnownTitles.Known> hits = q.pick(known, KnownTitles.Known::candidate);
        if (hits.isEmpty()) {
            throw new Failure(ExitCode.PARTIAL, "Nothing named \"" + query + "\" on Plex, on SIMKL, in the last "
                    + "sync's snapshot or in the journal"
                    + (offline ? " (offline: only state.json and the journal were read)" : "") + ".");
        }
        if (hits.size() > 1) throw ambiguous(s, q, hits, json);
        return new Found(hits.get(0), planned, state, config);
    }

    /** The titles a query names, numbered, each with the command that picks it. */
    private static Failure ambiguous(Session s, TitleQuery q, List<KnownTitles.Known> hits, boolean json) {
        List<model.Ids> all = hits.stream().map(KnownTitles.Known::ids).toList();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            KnownTitles.Known k = hits.get(i);
            String handle = TitleQuery.handle(all.get(i), all);
            String pick = handle == null ? null : s.rerun(s.verb(), handle);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("type", k.match().item().type().word());
            row.put("title", k.match().item().title());
            row.put("year", k.match().item().year());
            row.put("ids", all.get(i).matching());
            row.put("pick", pick);
            rows.add(row);
            if (!json) {
                s.console.result((i + 1) + ". " + k.label() + ", " + k.match().item().type().word() + ", "
                        + all.get(i).text() + (pick == null ? "" : "\n   " + pick));
            }
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("query", q.text());
            doc.put("candidates", rows);
            doc.put("exit_code", ExitCode.USAGE);
            s.console.document(doc);
        }
        return new Failure(ExitCode.USAGE, "\"" + q.text() + "\" names " + hits.size() + " titles; pick one with an "
                + "id, as listed" + (json ? " in the document" : " above") + ".");
    }
}
