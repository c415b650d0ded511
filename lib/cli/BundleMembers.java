package cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import config.Config;
import config.ConfigDir;
import config.ConfigException;
import config.ConfigFile;
import files.Json;
import http.Redactor;
import sync.Journal;
import sync.StateFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a support bundle holds, member by member (name to text): each gathered as the tool's own
 * commands read it, settings with every secret replaced by a tag, titles left out on request.
 * Pure gathering: scanning and writing are {@link SupportBundleCommand}'s.
 */
final class BundleMembers {
    /** Keys of config.json whose values are secrets (or the app's id, which no maintainer needs). */
    static final Set<String> SECRET_KEYS = Set.of("account_token", "client_id", "client_secret", "access_token",
            "refresh_token", "home_pin", "home_user_token");
    static final int JOURNAL_TAIL = 200;
    static final String README = """
            plex_simkl_sync support bundle
            version.json      --version, with the commit when known
            doctor.json       --doctor --json
            config.json       the settings, every secret replaced by a <secret: ...> tag
            state.json        the snapshot, the unresolved titles, whose lists they are
            state.run.json    the times and SIMKL requests of the runs since state.json was written
            last_run.json     how the last sync ended
            last_report.txt   the report of the last run that could write to the lists, as printed
            journal.json      the last actions carried out, newest last
            lists/plex.json   the Plex watchlist as read when the bundle was made
            lists/simkl.json  SIMKL Plan to Watch as read when the bundle was made
            next_plan.json    --sync --dry-run --json: what the next sync would do
            Replay it with: plex_simkl_sync --replay THIS_FILE
            """;

    private BundleMembers() {}

    /** Every member, in the order written; services are asked first, so a renewed token is known by the end. */
    static Map<String, String> gather(Session s, boolean noTitles) {
        Map<String, String> m = new LinkedHashMap<>();
        Map<String, String> env = s.environment();
        String dir = s.folder().path().toString();
        m.put("README.txt", README);
        m.put("version.json", Json.pretty(VersionInfo.all(s.ctx.env())));
        m.put("doctor.json", CapturedRun.of(s.ctx, env, "--doctor", "--json", "--dir", dir).out());
        for (String side : List.of("plex", "simkl")) {
            CapturedRun r = CapturedRun.of(s.ctx, env, "--list", side, "--format", "json", "--dir", dir);
            if (r.code() == ExitCode.OK) m.put("lists/" + side + ".json", withoutTitles(r.out(), noTitles));
            else m.put("lists/" + side + ".error.txt", r.err());
        }
        CapturedRun plan = CapturedRun.of(s.ctx, env, "--sync", "--dry-run", "--json", "--dir", dir);
        m.put("next_plan.json", withoutTitles(plan.out(), noTitles));
        ConfigDir folder = s.folder();
        m.put("config.json", taggedConfig(folder.configFile(), s));
        m.put("state.json", withoutTitles(read(folder.stateFile()), noTitles));
        m.put("state.run.json", read(StateFile.stampsFile(folder.stateFile())));
        m.put("last_run.json", read(folder.lastRunFile()));
        m.put("last_report.txt", noTitles && Files.isRegularFile(folder.lastReportFile(), LinkOption.NOFOLLOW_LINKS)
                ? "(left out: --no-titles, and a report names titles)\n" : read(folder.lastReportFile()));
        m.put("journal.json", journal(folder.journalFile(), noTitles));
        m.values().removeIf(v -> v == null);
        return m;
    }

    /** config.json as on disk with each secret a tag; its secrets (renewed ones too) registered for the scan. */
    static String taggedConfig(Path file, Session s) {
        if (!Files.isRegularFile(file)) return null;
        Redactor r = s.console.redactor();
        ObjectNode raw;
        try {
            ConfigFile cf = ConfigFile.read(file);
            raw = cf.raw();
            try {
                Config c = cf.resolve(s.environment());
                s.registerSecrets(c);
            } catch (ConfigException e) {
                // settings a run would refuse are still worth a look: the tags below cover their secrets
            }
        } catch (ConfigException e) {
            return "config.json could not be read: " + e.getMessage() + "\n";
        }
        tag(raw, "", r);
        return Json.pretty(raw);
    }

    private static void tag(JsonNode node, String path, Redactor r) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                JsonNode v = e.getValue();
                if (SECRET_KEYS.contains(e.getKey()) && v.isValueNode() && !v.asText().isBlank()) {
                    r.add(v.asText());
                    e.setValue(new TextNode("<secret: " + key + ">"));
                } else if (v.isTextual()) {
                    e.setValue(new TextNode(r.replaceSecrets(v.asText(), "<secret: " + key + ">")));
                } else {
                    tag(v, key, r);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                String key = path + "[" + i + "]";
                if (a.get(i).isTextual()) a.set(i, new TextNode(r.replaceSecrets(a.get(i).asText(), "<secret: " + key
                        + ">")));
                else tag(a.get(i), key, r);
            }
        }
    }

    private static String journal(Path file, boolean noTitles) {
        if (!Files.isRegularFile(file)) return null;
        try {
            return withoutTitles(Json.pretty(Journal.tail(file, JOURNAL_TAIL).entries()), noTitles);
        } catch (IOException e) {
            return "The journal could not be read: " + Json.ioProblem(e) + "\n";
        }
    }

    /** A file of the folder as it is; a link in its place is not followed (it could lead to any file). */
    private static String read(Path file) {
        if (Files.isSymbolicLink(file)) return file.getFileName() + " is a symbolic link: left out, not followed.\n";
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return file.getFileName() + " could not be read: " + Json.ioProblem(e) + "\n";
        }
    }

    /** JSON text with every "title" field (and Plex's other name for one) dropped, when asked; other text as is. */
    static String withoutTitles(String json, boolean noTitles) {
        if (!noTitles || json == null || json.isBlank()) return json;
        try {
            JsonNode tree = Json.MAPPER.readTree(json);
            dropTitles(tree);
            return Json.pretty(tree);
        } catch (IOException e) {
            return "(left out: not JSON, and it may hold titles)\n";
        }
    }

    private static void dropTitles(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove(List.of("title", "plex_title", "label", "name", "query"));
            o.forEach(BundleMembers::dropTitles);
        } else if (node instanceof ArrayNode a) {
            a.forEach(BundleMembers::dropTitles);
        }
    }
}
