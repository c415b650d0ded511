package cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import config.Config;
import config.ConfigFile;
import config.ConfigValues;
import files.RunLock;
import model.Ids;
import sync.Explanation;

import java.util.ArrayList;
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
record KeepApartCommand(Op op, String query, String note) implements Command {
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
        Explanation title = TitleLookup.find(s, query, false);
        Config before = s.config();
        List<Config.Listed> list = op.list.equals("exclude") ? before.sync().exclude() : before.sync().protect();
        boolean listed = list.stream().anyMatch(title::listedIn);
        String said;
        if (op.add == listed) {
            said = title.label() + " is " + (listed ? "already" : "not") + " in " + op.key() + "; "
                    + s.folder().configFile() + " was not changed.";
        } else {
            ConfigFile.update(s.folder().configFile(), tree -> edit(tree, title));
            said = title.label() + switch (op) {
                case EXCLUDE -> " is excluded: never added or removed";
                case PROTECT -> " is protected: never removed from either side";
                case UNEXCLUDE -> " is back in the sync";
                case UNPROTECT -> " may be removed again";
            } + " (" + op.key() + " in " + s.folder().configFile() + ").";
            s.console.debug(op.key() + " names it by " + entryIds(title).text());
        }
        Explanation next = title.under(s.reloadConfig());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("action", op.name().toLowerCase(Locale.ROOT));
        doc.put("key", op.key());
        doc.put("changed", op.add != listed);
        doc.put("title", title.row().fields());
        doc.put("message", said);
        doc.put("next", next.decisions());
        List<String> lines = new ArrayList<>(List.of(said));
        lines.addAll(next.next(s.rerun(Verb.SYNC)));
        s.answer(doc, lines);
        return ExitCode.OK;
    }

    /** The ids an entry names the title by: every id known on either side (any one of them names it). */
    private static Ids entryIds(Explanation title) {
        return Ids.of(title.ids().matching());
    }

    /** Adds an entry for the title to the list, or takes out every entry that names it; other entries stay. */
    private void edit(ObjectNode tree, Explanation title) {
        JsonNode sync = tree.get("sync");
        ObjectNode syncNode = sync instanceof ObjectNode o ? o : tree.putObject("sync");
        JsonNode existing = syncNode.get(op.list);
        ArrayNode array = existing instanceof ArrayNode a ? a : syncNode.putArray(op.list);
        if (op.add) {
            ObjectNode entry = array.addObject();
            entry.put("ids", entryIds(title).text());
            entry.put("type", title.item().type().word());
            entry.put("title", title.label());
            if (note != null && !note.isBlank()) entry.put("note", note);
            return;
        }
        for (int i = array.size() - 1; i >= 0; i--) {
            Config.Listed l = ConfigValues.listed(array.get(i));
            if (l != null && title.listedIn(l)) array.remove(i);
        }
    }
}
