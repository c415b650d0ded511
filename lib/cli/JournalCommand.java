package cli;

import files.Json;
import model.Times;
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
record JournalCommand(int count, ListCommand.Format format) implements Command {
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
        if (s.json()) {
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
            Times times = s.times();
            for (Journal.Entry e : last) s.console.result(e.line(times));
        }
        return ExitCode.OK;
    }

    private static String row(Journal.Entry e, ListCommand.Format f) {
        List<String> cells = new ArrayList<>();
        for (Object v : new Object[] {e.at(), e.run(), e.side() == null ? null : e.side().word,
                e.action() == null ? null : e.action().word(), e.type(), e.title(), e.year(), e.item().ids().text(),
                e.rule(), e.reason(), e.outcome() == null ? null : e.outcome().word(), e.detail(), e.backup()}) {
            String text = v == null ? "" : String.valueOf(v);
            cells.add(f == ListCommand.Format.CSV ? ListCommand.csv(text) : text.replaceAll("[\\t\\r\\n]+", " "));
        }
        return String.join(f == ListCommand.Format.CSV ? "," : "\t", cells);
    }
}
