package cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import config.Config;
import config.ConfigFile;
import files.RunLock;
import model.Ids;
import simkl.SimklEntry;
import sync.KnownTitles;
import sync.Match;
import sync.Plan;
import sync.Planner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * --exclude, --unexclude, --protect, --unprotect QUERY: the title the query names (found as --why
 * finds it, from both lists as read now) is added to or taken out of sync.exclude or sync.protect
 * in config.json, rewritten atomically with its layout, unknown keys and mode 0600 kept, under the
 * run lock (another run holding it: nothing is done). Says what it did and what the next sync will
 * do for that title.
 */
record KeepApartCommand(Op op, String query, String note, boolean json) implements Command {
    /** What the command does to which list of config.json. */
    enum Op {
        EXCLUDE("exclude", true), UNEXCLUDE("exclude", false), PROTECT("protect", true), UNPROTECT("protect", false);

        final String list;
        final boolean add;

        Op(String list, boolean add) {
            this.list = list;
            this.add = add;
        }

        String key() {
            return "sync." + list;
        }
    }

    @Override
    public int run(Session s) throws Exception {
        // from the lookup on: a SIMKL token renewed while the lists are read is saved under this lock too
        try (RunLock lock = s.lockToEdit()) {
            return carryOut(s);
        }
    }

    private int carryOut(Session s) throws Exception {
        TitleLookup.Found f = TitleLookup.find(s, query, false, json);
        KnownTitles.Known k = f.title();
        Match m = k.match();
        Config before = f.config();
        List<Config.Listed> list = op.list.equals("exclude") ? before.sync().exclude() : before.sync().protect();
        boolean listed = list.stream().anyMatch(l -> names(l, k));
        String said;
        if (op.add == listed) {
            said = k.label() + " is " + (listed ? "already" : "not") + " in " + op.key() + "; " + s.folder()
                    .configFile() + " was not changed.";
        } else {
            ConfigFile.update(s.folder().configFile(), tree -> edit(tree, k));
            said = k.label() + switch (op) {
                case EXCLUDE -> " is excluded: never added or removed";
                case PROTECT -> " is protected: never removed from either side";
                case UNEXCLUDE -> " is back in the sync";
                case UNPROTECT -> " may be removed again";
            } + " (" + op.key() + " in " + s.folder().configFile() + ").";
            s.console.debug(op.key() + " names it by " + entryIds(k).text());
        }
        Config after = s.reloadConfig();
        Planner.Input in = f.planned().input();
        Plan next = Planner.plan(new Planner.Input(in.matches(), after.sync(), in.reads(), in.last(), in.choices(),
                null));
        List<String> nextLines = WhyCommand.next(s, next, m, after);
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("action", op.name().toLowerCase(Locale.ROOT));
            doc.put("key", op.key());
            doc.put("changed", op.add != listed);
            doc.put("title", Map.of("type", m.item().type().word(), "title", m.item().title(), "ids",
                    k.ids().matching()));
            doc.put("message", said);
            doc.put("next", WhyDocument.decisions(next, m));
            s.console.document(doc);
        } else {
            s.console.result(said);
            for (String line : nextLines) s.console.result(line);
        }
        return ExitCode.OK;
    }

    /** The ids an entry names the title by: every id known on either side (any one of them names it). */
    private static Ids entryIds(KnownTitles.Known k) {
        return Ids.of(k.ids().matching());
    }

    /** Whether an entry of the list names this title, by any of its sides' ids. */
    private static boolean names(Config.Listed l, KnownTitles.Known k) {
        Match m = k.match();
        if (l.names(m.item()) || l.names(m.plex())) return true;
        for (SimklEntry e : m.seasons()) if (l.names(e.item())) return true;
        return l.names(new model.MediaItem(m.item().type(), m.item().title(), m.item().year(), k.ids()));
    }

    /** Adds an entry for the title to the list, or takes out every entry that names it; other entries stay. */
    private void edit(ObjectNode tree, KnownTitles.Known k) {
        JsonNode sync = tree.get("sync");
        ObjectNode syncNode = sync instanceof ObjectNode o ? o : tree.putObject("sync");
        JsonNode existing = syncNode.get(op.list);
        ArrayNode array = existing instanceof ArrayNode a ? a : syncNode.putArray(op.list);
        if (op.add) {
            ObjectNode entry = array.addObject();
            entry.put("ids", entryIds(k).text());
            entry.put("type", k.match().item().type().word());
            entry.put("title", k.label());
            if (note != null && !note.isBlank()) entry.put("note", note);
            return;
        }
        for (int i = array.size() - 1; i >= 0; i--) {
            Config.Listed l = ConfigFile.listed(array.get(i));
            if (l != null && names(l, k)) array.remove(i);
        }
    }
}
