package cli;

import files.Json;
import sync.Journal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * --journal [N]: the last N actions the tool carried out, newest first: one line each to read,
 * or TSV, CSV or JSON (--format), or one JSON document (--json). Reads journal.jsonl only.
 */
record JournalCommand(int count, ListCommand.Format format, boolean json) implements Command {
    @Override
    public int run(Session s) throws Exception {
        Journal.Read read = Journal.tail(s.folder().journalFile(), count);
        List<Journal.Entry> last = new ArrayList<>();
        for (Journal.Entry e : read.entries()) last.add(e.redacted(s.console.redactor()::applyToStored));
        Collections.reverse(last);
        if (read.unreadable() > 0) {
            s.console.warn(read.unreadable() + " line(s) of " + s.folder().journalFile()
                    + " could not be read (cut short by a kill?) and were skipped.");
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("file", s.folder().journalFile().toString());
            doc.put("entries", last);
            doc.put("unreadable", read.unreadable());
            s.console.document(doc);
        } else if (format == ListCommand.Format.JSON) {
            s.console.resultRaw(Json.pretty(last) + "\n");
        } else if (format != null) {
            StringBuilder sb = new StringBuilder();
            for (Journal.Entry e : last) sb.append(row(e, format)).append('\n');
            s.console.resultRaw(sb.toString());
        } else if (last.isEmpty()) {
            s.console.info("The journal is empty: no run has written anything yet (" + s.folder().journalFile()
                    + ").");
        } else {
            model.Times times = s.times();
            for (Journal.Entry e : last) s.console.result(line(e, times));
        }
        return ExitCode.OK;
    }

    /**
     * One action to read: "2026-11-24T12:03:00Z  - Plex   Dune: Part Two (2024)  [moved on SIMKL …]
     * done  (rule moved-on-simkl, backup 20261124T120300Z.json)".
     */
    static String line(Journal.Entry e, model.Times times) {
        String sign = "add".equals(e.action()) ? "+ " : "watched".equals(e.action()) ? "* " : "- ";
        String side = "plex".equals(e.side()) ? "Plex " : "SIMKL";
        String outcome = e.outcome() == null ? "" : e.outcome().replace('_', ' ')
                + (e.detail() == null || "done".equals(e.outcome()) ? "" : ": " + e.detail());
        return times.full(java.time.Instant.parse(e.at())) + "  " + sign + side + "  " + e.item().label() + "  ["
                + e.reason() + "]  " + outcome
                + "  (rule " + e.rule() + (e.backup() == null ? "" : ", backup " + e.backup()) + ")";
    }

    private static String row(Journal.Entry e, ListCommand.Format f) {
        List<String> cells = new ArrayList<>();
        for (Object v : new Object[] {e.at(), e.run(), e.side(), e.action(), e.type(), e.title(), e.year(),
                e.item().ids().text(), e.rule(), e.reason(), e.outcome(), e.detail(), e.backup()}) {
            String text = v == null ? "" : String.valueOf(v);
            cells.add(f == ListCommand.Format.CSV ? ListCommand.csv(text) : text.replaceAll("[\\t\\r\\n]+", " "));
        }
        return String.join(f == ListCommand.Format.CSV ? "," : "\t", cells);
    }
}
