package cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import files.Json;
import org.junit.jupiter.api.Test;
import support.CliRun;
import support.Sandbox;
import support.WorldTest;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/**
 * --support-bundle: every member free of every secret the run knows (or no bundle at all), titles
 * left out on request; --replay: the bundle's next plan, made against the emulators, is the plan a
 * dry run makes on the person's own lists.
 */
class SupportBundleTest extends WorldTest {
    private static final String CLIENT_SECRET = "planted-client-secret-4711";
    private static final String REFRESH = "planted-refresh-token-0815";
    private static final String NOTIFY_PASSWORD = "Notify-Pass-31415";
    private static final String NOTIFY_TOPIC = "Secret-Topic-27182";
    private static final String HOME_PIN = "8642";

    /** A world after one sync, then a person's edits on both sides, with secrets planted in config and env. */
    private void plantedWorld() throws Exception {
        w.bothHave(List.of(ARRIVAL, SEVERANCE, SHOGUN));
        w.plexHas(TERMINATOR);
        w.simklHas(DUNE);
        Files.createDirectories(w.dir);
        Files.writeString(w.dir.resolve("config.json"), Json.pretty(Map.of(
                "simkl", Map.of("client_secret", CLIENT_SECRET, "refresh_token", REFRESH),
                "notify", List.of(Map.of("url", "https://bob:" + NOTIFY_PASSWORD + "@ntfy.example.invalid/"
                        + NOTIFY_TOPIC, "format", "ntfy")))));
        assertEquals(0, w.sync().code);
        w.sb.plex.watchlistRemove(SEVERANCE.plexKey());
        w.sb.plex.watchlistAdd(THE_BEAR.plexKey());
        w.sb.simkl.put(PAST_LIVES.simkl(), "plantowatch");
    }

    private CliRun bundle(Path file, String... extra) {
        String[] args = new String[4 + extra.length];
        System.arraycopy(new String[] {"--support-bundle", file.toString(), "--dir", w.dir.toString()}, 0, args, 0, 4);
        System.arraycopy(extra, 0, args, 4, extra.length);
        return w.cli().env("PLEX_HOME_PIN", HOME_PIN).run(args);
    }

    private static Map<String, String> members(Path zip) throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                m.put(e.getName(), new String(z.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    @Test
    void noPlantedSecretReachesAnyMember() throws Exception {
        plantedWorld();
        Path zip = tmp.resolve("bundle.zip");
        CliRun r = bundle(zip);
        assertEquals(0, r.code, r.all());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(zip)));
        Map<String, String> m = members(zip);
        assertTrue(m.keySet().containsAll(List.of("version.json", "doctor.json", "config.json", "state.json",
                "last_run.json", "last_report.txt", "journal.json", "lists/plex.json", "lists/simkl.json",
                "next_plan.json")), m.keySet() + "");
        // the last sync's report as it was printed, not the dry run the bundle makes for next_plan.json
        assertTrue(m.get("last_report.txt").startsWith("plex_simkl_sync --dir " + w.dir + " --sync: ended "),
                m.get("last_report.txt"));
        assertTrue(m.get("last_report.txt").contains("Post-sync: "), m.get("last_report.txt"));
        assertEquals(Files.readString(w.dir.resolve("last_report.txt")), m.get("last_report.txt"));
        List<String> secrets = List.of(CLIENT_SECRET, REFRESH, NOTIFY_PASSWORD, NOTIFY_TOPIC, Sandbox.PLEX_TOKEN,
                Sandbox.SIMKL_TOKEN, Sandbox.SIMKL_SECRET);
        for (Map.Entry<String, String> e : m.entrySet()) {
            for (String s : secrets) {
                assertFalse(e.getValue().contains(s), s + " in " + e.getKey());
                String encoded = URLEncoder.encode(s, StandardCharsets.UTF_8);
                assertFalse(e.getValue().contains(encoded), s + " in " + e.getKey());
            }
            assertFalse(e.getValue().matches("(?s).*(?<![0-9])" + HOME_PIN + "(?![0-9]).*"), "PIN in " + e.getKey());
        }
        JsonNode config = Json.MAPPER.readTree(m.get("config.json"));
        assertEquals("<secret: simkl.client_secret>", config.path("simkl").path("client_secret").asText());
        assertTrue(m.get("lists/plex.json").contains("The Bear"), m.get("lists/plex.json"));
        assertTrue(m.get("doctor.json").contains("\"checks\""), m.get("doctor.json"));
        for (String s : secrets) assertFalse(r.all().contains(s), s + " printed");
    }

    @Test
    void aSecretAMemberWouldHoldRefusesTheBundleNamingTheMemberNotTheSecret() throws Exception {
        plantedWorld();
        Path zip = tmp.resolve("bundle.zip");
        // a secret that happens to stand in state.json (its snapshot names the title)
        CliRun r = w.cli().env("SIMKL_CLIENT_SECRET", "Severance").run("--support-bundle", zip.toString(), "--dir",
                w.dir.toString());
        assertEquals(2, r.code, r.all());
        assertTrue(r.err.contains("its member state.json holds a secret"), r.err);
        assertFalse(r.all().contains("Severance"), r.all());
        assertFalse(Files.exists(zip));
    }

    @Test
    void aTarNameIsRefusedBeforeAnythingIsReadOrWritten() throws Exception {
        plantedWorld();
        for (String name : new String[] {"bundle.tar.gz", "bundle.tgz", "bundle.TAR"}) {
            Path target = tmp.resolve(name);
            CliRun r = w.cli().run("--support-bundle", target.toString(), "--dir", w.dir.toString());
            assertEquals(2, r.code, r.all());
            assertTrue(r.err.contains("a support bundle is a .zip"), r.err);
            assertFalse(Files.exists(target), name);
        }
    }

    @Test
    void noTitlesLeavesTitlesOut() throws Exception {
        plantedWorld();
        Path zip = tmp.resolve("bundle.zip");
        assertEquals(0, bundle(zip, "--no-titles").code);
        assertEquals("(left out: --no-titles, and a report names titles)\n", members(zip).get("last_report.txt"));
        for (Map.Entry<String, String> e : members(zip).entrySet()) {
            for (String title : List.of("Arrival", "Shogun", "The Bear", "Past Lives", "Dune", "Terminator")) {
                assertFalse(e.getValue().contains(title), title + " in " + e.getKey() + ": " + e.getValue());
            }
        }
        String plex = members(zip).get("lists/plex.json");
        assertTrue(plex.contains(THE_BEAR.plexKey()), plex);
    }

    @Test
    void aLinkInPlaceOfAFileOfTheFolderIsNotFollowed() throws Exception {
        plantedWorld();
        Path outside = tmp.resolve("private.txt");
        Files.writeString(outside, "private-words-outside-the-folder\n");
        Files.delete(w.dir.resolve("last_report.txt"));
        Files.createSymbolicLink(w.dir.resolve("last_report.txt"), outside);
        Path zip = tmp.resolve("bundle.zip");
        assertEquals(0, bundle(zip).code);
        String member = members(zip).get("last_report.txt");
        assertEquals("last_report.txt is a symbolic link: left out, not followed.\n", member);
    }

    @Test
    void aBundleReplaysToThePlanOfADryRunOnTheWorldItCameFrom() throws Exception {
        plantedWorld();
        CliRun dry = w.sync("--dry-run", "--json");
        Path zip = tmp.resolve("bundle.zip");
        assertEquals(0, bundle(zip).code);
        // the replay knows nothing of the world: only the bundle, and the emulators it starts itself
        CliRun replay = new CliRun.Builder(tmp.resolve("elsewhere")).clock(w.sb.clock).sleeper(w.sb.slept::add)
                .run("--replay", zip.toString(), "--json");
        assertEquals(dry.code, replay.code, replay.all());
        JsonNode a = Json.MAPPER.readTree(dry.out);
        JsonNode b = Json.MAPPER.readTree(replay.out);
        for (String field : List.of("mode", "first_run", "before", "after", "counts", "unresolved")) {
            assertEquals(a.get(field), b.get(field), field + ": " + replay.out);
        }
        // the same actions on the same titles; SIMKL's slug (its URL name, matched on by nothing) may be read or not
        for (JsonNode action : a.get("actions")) ((ObjectNode) action.get("ids")).remove("slug");
        for (JsonNode action : b.get("actions")) ((ObjectNode) action.get("ids")).remove("slug");
        assertEquals(a.get("actions"), b.get("actions"), replay.out);
        assertTrue(b.get("dry_run").asBoolean());
        assertTrue(b.get("actions").size() >= 3, replay.out);
    }
}
