package cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import config.ConfigDir;
import files.AtomicFile;
import files.Json;
import files.TempFolder;
import model.Ids;
import model.MediaItem;
import model.MediaType;
import model.Plural;
import sandbox.Replay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * --replay BUNDLE: the plan the bundle's next sync would make, as a dry run against the built-in
 * emulators stocked with its lists ({@link Replay}), in a temporary folder holding its state.json
 * and its settings with the emulators' credentials. No account is asked, nothing is written.
 */
record ReplayCommand(String bundle) implements Command {
    /** What state.json records of whose lists and accounts it holds: the emulators' are others, so left out. */
    private static final List<String> ACCOUNT_FIELDS = List.of("plex_watchlist", "simkl_account", "plex_home_token",
            "simkl");
    /** Settings naming the person's Plex Home user or notify targets: a replay reads the owner's, tells no one. */
    private static final List<String> PERSONAL_SETTINGS = List.of("home_user", "home_user_id", "notify");

    @Override
    public int run(Session s) throws Exception {
        Map<String, String> members = read(s.ctx.cwd().resolve(bundle));
        List<MediaItem> plexList = list(members, "plex");
        List<MediaItem> simklList = list(members, "simkl");
        try (TempFolder tmp = new TempFolder("plex_simkl_sync-replay");
             Replay world = new Replay(s.ctx.clock(), plexList, simklList)) {
            if (members.containsKey("state.json")) AtomicFile.write(tmp.path().resolve("state.json"),
                    stripped(members.get("state.json"), ACCOUNT_FIELDS, "state.json").getBytes(StandardCharsets.UTF_8));
            if (members.containsKey("config.json")) AtomicFile.write(tmp.path().resolve("config.json"),
                    stripped(members.get("config.json"), PERSONAL_SETTINGS, "config.json")
                            .getBytes(StandardCharsets.UTF_8));
            s.console.info("Replaying " + bundle + ": Plex watchlist " + Plural.of(plexList.size(), "title")
                    + ", SIMKL Plan to Watch " + Plural.of(simklList.size(), "entry") + ", on the built-in emulators "
                    + "(a dry run: nothing is written).");
            Map<String, String> env = new HashMap<>(world.env());
            env.put(ConfigDir.ENV_DEMO, tmp.path().toString());
            List<String> args = new ArrayList<>(List.of("--sync", "--dry-run", "--dir", tmp.path().toString()));
            if (s.json()) args.add("--json");
            CapturedRun r = CapturedRun.showingErr(s.ctx, env, args.toArray(String[]::new));
            s.console.resultRaw(r.out());
            return r.code();
        }
    }

    /** The bundle's members, name to text. */
    static Map<String, String> read(Path file) throws Failure {
        Map<String, String> m = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in,
                StandardCharsets.UTF_8)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                m.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (NoSuchFileException e) {
            throw Failure.usage(file + " does not exist: give --replay the file --support-bundle wrote.");
        } catch (IOException e) {
            throw Failure.usage(file + " could not be read as a support bundle (" + Json.ioProblem(e) + ").");
        }
        if (!m.containsKey("README.txt")) {
            throw Failure.usage(file + " is not a support bundle: give --replay the file --support-bundle wrote.");
        }
        return m;
    }

    /** A side's list as the bundle read it; a bundle made while the side could not be read cannot be replayed. */
    static List<MediaItem> list(Map<String, String> members, String side) throws Failure {
        String text = members.get("lists/" + side + ".json");
        if (text == null) {
            throw Failure.usage("The bundle holds no " + side + " list (it could not be read when the bundle was made; "
                    + "see lists/" + side + ".error.txt in it): nothing to replay.");
        }
        List<MediaItem> items = new ArrayList<>();
        try {
            for (JsonNode row : Json.MAPPER.readTree(text)) {
                Map<String, String> ids = new LinkedHashMap<>();
                row.path("ids").fields().forEachRemaining(e -> ids.put(e.getKey(), e.getValue().asText()));
                items.add(new MediaItem(MediaType.parse(row.path("type").asText()), row.path("title").asText(""),
                        row.path("year").isNumber() ? row.path("year").asInt() : null, Ids.of(ids)));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw Failure.usage("The bundle's " + side + " list could not be read: " + e.getMessage());
        }
        return items;
    }

    /** A JSON member without {@code fields} (at any depth) and without any value a secret's tag stands for. */
    static String stripped(String json, List<String> fields, String name) throws Failure {
        try {
            JsonNode tree = Json.MAPPER.readTree(json);
            strip(tree, fields);
            return Json.pretty(tree);
        } catch (IOException e) {
            throw Failure.usage("The bundle's " + name + " is not JSON (" + e.getMessage() + ").");
        }
    }

    private static void strip(JsonNode node, List<String> fields) {
        if (!(node instanceof ObjectNode o)) return;
        o.remove(fields);
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isTextual() && e.getValue().asText().startsWith("<secret")) it.remove();
            else strip(e.getValue(), fields);
        }
    }
}
