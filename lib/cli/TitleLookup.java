package cli;

import config.Config;
import model.TitleRow;
import sync.Explanation;
import sync.SyncJob;

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
    private TitleLookup() {}

    static Explanation find(Session s, String query, boolean offline) throws Exception {
        Config config = s.config();
        Explanation.Files files = Explanation.read(s.folder(), s.console.redactor(), s.console::debug);
        List<Explanation> hits;
        if (offline) {
            hits = Explanation.offline(query, config, files, s.console::debug);
        } else {
            s.requireSyncCredentials(config);
            try (SyncJob.Clients clients = s.connections.forSync(config)) {
                hits = s.job(config, clients).explain(query, files);
            }
        }
        if (hits.isEmpty()) {
            throw new Failure(ExitCode.PARTIAL, "Nothing named \"" + query + "\" on Plex, on SIMKL, in the last "
                    + "sync's snapshot or in the journal"
                    + (offline ? " (offline: only state.json and the journal were read)" : "") + ".");
        }
        if (hits.size() > 1) throw ambiguous(s, query.trim(), hits);
        return hits.get(0);
    }

    /** The titles a query names, numbered, each with the command that picks it. */
    private static Failure ambiguous(Session s, String query, List<Explanation> hits) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            Explanation e = hits.get(i);
            String handle = e.handle(hits);
            String pick = handle == null ? null : s.rerun(s.verb(), handle);
            TitleRow title = e.row();
            Map<String, Object> row = title.fields();
            row.put("pick", pick);
            rows.add(row);
            if (!s.json()) {
                s.console.result((i + 1) + ". " + e.label() + ", " + title.type() + ", " + e.ids().text()
                        + (pick == null ? "" : "\n   " + pick));
            }
        }
        if (s.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("query", query);
            doc.put("candidates", rows);
            doc.put("exit_code", ExitCode.USAGE);
            s.console.document(doc);
        }
        return new Failure(ExitCode.USAGE, "\"" + query + "\" names " + hits.size() + " titles; pick one with an "
                + "id, as listed" + (s.json() ? " in the document" : " above") + ".");
    }
}
