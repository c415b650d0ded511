package config;

import cli.ExitCode;
import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ConfigFileTest {
    @TempDir Path dir;

    private Path write(String json) throws Exception {
        Path f = dir.resolve("config.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void starterHasTheSeedKeysAndDefaultsPlusOurs() throws Exception {
        Path f = dir.resolve("config.json");
        assertTrue(ConfigFile.createIfMissing(f));
        assertFalse(ConfigFile.createIfMissing(f), "an existing file is never replaced");
        JsonNode n = Json.MAPPER.readTree(f.toFile());
        assertEquals("", n.at("/plex/account_token").asText());
        assertTrue(n.at("/plex/client_identifier").asText().length() > 20);
        for (String k : new String[] {"client_id", "client_secret", "access_token", "refresh_token"}) {
            assertEquals("", n.at("/simkl/" + k).asText(), k);
        }
        assertEquals(0, n.at("/simkl/token_expires_at").asInt());
        assertTrue(n.at("/sync/enable_add").asBoolean());
        assertTrue(n.at("/sync/enable_remove").asBoolean());
        assertTrue(n.at("/sync/verify_after_write").asBoolean());
        assertTrue(n.at("/sync/bidirectional/enabled").asBoolean());
        assertEquals("two-way", n.at("/sync/bidirectional/mode").asText());
        assertEquals("plex", n.at("/sync/bidirectional/source_of_truth").asText());
        assertTrue(n.at("/sync/activity/use_activity").asBoolean());
        assertEquals(10, n.at("/sync/max_delete").asInt());
        assertEquals(20, n.at("/sync/max_delete_percent").asInt());
        assertFalse(n.at("/runtime/debug").asBoolean());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        Config c = ConfigFile.read(f).resolve(Map.of());
        assertEquals(Config.Mode.TWO_WAY, c.sync().mode());
        assertEquals(Config.Endpoints.REAL, c.endpoints());
    }

    @Test
    void malformedJsonNamesFileLineAndColumnAndLeavesTheFileAlone() throws Exception {
        String broken = "{\n  \"plex\": {\n    \"account_token\": \"abc\",\n  }\n}\n";
        Path f = write(broken);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.read(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertEquals(f + " is not valid JSON at line 3: a comma before } (remove it: JSON allows none after the last"
                + " entry). Fix the file; it was not changed.", e.getMessage());
        assertEquals(broken, Files.readString(f));
    }

    @Test
    void aFileThatCannotBeReadIsNamedForWhatIsWrongWithIt() throws Exception {
        Path f = dir.resolve("config.json");
        // as the JDK reports a file the user may not read (tests may run as root, who reads every file)
        assertEquals("Could not read " + f + ": permission denied. It must be readable by the user running the "
                + "tool (it is written with mode 600, owner only).",
                ConfigFile.unreadable(f, new java.nio.file.AccessDeniedException(f.toString())).getMessage());
        Files.createDirectories(f); // a folder where the file should be
        CliRun r = new CliRun.Builder(dir).run("--sync", "--dir", dir.toString());
        assertEquals(ExitCode.USAGE, r.code, r.toString());
        assertTrue(r.err.contains("Could not read " + f + ": is a folder, not a file"), r.err);
    }

    @Test
    void aDirThatIsAFileIsSaidSoBeforeAnythingElse() throws Exception {
        Path f = write("{}");
        CliRun r = new CliRun.Builder(dir).run("--sync", "--dir", f.toString());
        assertEquals(ExitCode.USAGE, r.code, r.toString());
        assertTrue(r.err.contains("[x] " + f + " is a file, not a folder (from --dir). Give the folder that holds "
                + "config.json and state.json, e.g. " + dir + "."), r.err);
        assertFalse(r.err.contains("empty"), "not sent on to the tokens: " + r.err);
        CliRun env = new CliRun.Builder(dir).env("PLEX_SIMKL_SYNC_DIR", f.resolve("sub").toString()).run("--doctor");
        assertEquals(ExitCode.USAGE, env.code, env.toString());
        assertTrue(env.err.contains(f.resolve("sub") + " cannot be a folder: " + f + " is a file (from "
                + "PLEX_SIMKL_SYNC_DIR)"), env.err);
    }

    @Test
    void malformedConfigThroughTheCliExitsTwoAndKeepsTheFileByteForByte() throws Exception {
        String broken = "{ \"sync\": { // comment\n \"enable_add\": true } }";
        Path f = write(broken);
        CliRun r = new CliRun.Builder(dir).run("--dir", dir.toString(), "--sync");
        assertEquals(ExitCode.USAGE, r.code, r.toString());
        assertTrue(r.err.contains("line 1, column 13"), r.err);
        assertTrue(r.err.contains("comments"), r.err);
        assertFalse(r.err.contains("Exception"), r.err);
        assertArrayEquals(broken.getBytes(), Files.readAllBytes(f));
    }

    @Test
    void wrongTypesAndUnknownChoicesNameTheKeyAndTheAllowedValues() throws Exception {
        Path f = write("{\"sync\": {\"enable_add\": \"yes\", \"max_delete\": -3, \"max_delete_percent\": 150,"
                + " \"bidirectional\": {\"mode\": \"mirrors\", \"source_of_truth\": \"trakt\"}},"
                + " \"plex\": {\"account_token\": 42}, \"runtime\": []}");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.read(f).resolve(Map.of()));
        String m = e.getMessage();
        assertTrue(m.contains("sync.enable_add must be true or false, found \"yes\""), m);
        assertTrue(m.contains("sync.bidirectional.mode must be one of \"two-way\", \"mirror\", found \"mirrors\""), m);
        assertTrue(m.contains("sync.bidirectional.source_of_truth must be one of \"plex\", \"simkl\""), m);
        assertTrue(m.contains("sync.max_delete must be a whole number"), m);
        assertTrue(m.contains("sync.max_delete_percent must be a whole number from 0 to 100"), m);
        assertTrue(m.contains("plex.account_token must be a string"), m);
        assertTrue(m.contains("runtime must be an object"), m);
    }

    @Test
    void environmentOverridesTheFile() throws Exception {
        Path f = write("{\"plex\": {\"account_token\": \"from-file\"}, \"simkl\": {\"client_id\": \"file-id\"}}");
        Config c = ConfigFile.read(f).resolve(Map.of(
                "PLEX_ACCOUNT_TOKEN", "env-plex", "SIMKL_CLIENT_ID", "env-id", "SIMKL_CLIENT_SECRET", "env-secret",
                "SIMKL_ACCESS_TOKEN", "env-access",
                "PLEX_SIMKL_SYNC_PLEX_DISCOVER_URL", "http://127.0.0.1:1/", "PLEX_SIMKL_SYNC_PLEX_METADATA_URL",
                        "http://127.0.0.1:2",
                "PLEX_SIMKL_SYNC_PLEX_TV_URL", "http://127.0.0.1:3", "PLEX_SIMKL_SYNC_SIMKL_API_URL",
                        "http://127.0.0.1:4",
                "PLEX_SIMKL_SYNC_SIMKL_WEB_URL", "http://127.0.0.1:5"));
        assertEquals("env-plex", c.plex().accountToken());
        assertEquals("env-id", c.simkl().clientId());
        assertEquals("env-secret", c.simkl().clientSecret());
        assertEquals("env-access", c.simkl().accessToken());
        assertEquals(new Config.Endpoints("http://127.0.0.1:1", "http://127.0.0.1:2", "http://127.0.0.1:3",
                "http://127.0.0.1:4", "http://127.0.0.1:5"), c.endpoints());
        assertThrows(ConfigException.class, () -> ConfigFile.read(f).resolve(Map.of("PLEX_SIMKL_SYNC_SIMKL_API_URL",
                "ftp://x")));
    }

    @Test
    void rewritingKeepsUnknownKeysAndIsOwnerOnly() throws Exception {
        Path f = write("{\"plex\": {\"account_token\": \"t\", \"my_note\": \"keep me\"}, \"extra\": {\"a\": [1, 2]}}");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        ConfigFile.update(f, tree -> ConfigFile.set(tree, "simkl.access_token", "new-token"));
        JsonNode n = Json.MAPPER.readTree(f.toFile());
        assertEquals("keep me", n.at("/plex/my_note").asText());
        assertEquals(2, n.at("/extra/a/1").asInt());
        assertEquals("new-token", n.at("/simkl/access_token").asText());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void aBrokenFileIsNotOverwrittenByAnUpdate() throws Exception {
        Path f = write("{ nope");
        assertThrows(ConfigException.class, () -> ConfigFile.update(f, tree -> ConfigFile.set(tree, "a", "b")));
        assertEquals("{ nope", Files.readString(f));
    }

    @Test
    void anOriginalToolsConfigIsNeverRewrittenByACommandThatSavesNothing() throws Exception {
        String original = "{\"plex\": {\"account_token\": \"\"}, \"simkl\": {\"client_id\": \"x\"}, \"sync\": "
                + "{\"activity\": {\"use_activity\": true}}}";
        Path f = write(original);
        for (String[] args : List.of(new String[] {"--sync"}, new String[] {"--sync", "--dry-run"},
                new String[] {"--list", "plex"},
                new String[] {"--doctor"}, new String[] {"--reset-state"})) {
            List<String> all = new ArrayList<>(List.of(args));
            all.addAll(List.of("--dir", dir.toString()));
            new CliRun.Builder(dir).run(all.toArray(String[]::new));
            assertEquals(original, Files.readString(f), String.join(" ", args) + " left config.json as it was");
        }
    }

    @Test
    void aConfigWithoutClientIdentifierUsesOneStableForItsFolder() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(ConfigFile.derivedClientIdentifier(a), ConfigFile.derivedClientIdentifier(a.resolve("../a")));
        assertNotEquals(ConfigFile.derivedClientIdentifier(a), ConfigFile.derivedClientIdentifier(b));
        assertTrue(ConfigFile.derivedClientIdentifier(a).startsWith("plex-simkl-sync-"));
    }

    @Test
    void aMissingConfigMeansDefaultsAndIsNotCreatedBySync() throws Exception {
        CliRun r = new CliRun.Builder(dir).run("--sync", "--dir", dir.resolve("empty").toString());
        assertEquals(ExitCode.USAGE, r.code, r.toString());
        assertTrue(r.err.contains("plex.account_token is empty"), r.err);
        assertFalse(Files.exists(dir.resolve("empty/config.json")),
                "only the no-argument run creates the starter file");
    }

    /**
     * A key that looks like a misspelt known key would leave that setting at its default without a
     * word (sync.enable_remvoe: removals stay on): it stops every command that would act on it,
     * naming the key it resembles. A key that resembles none is kept and warned about.
     */
    @Test
    void aMisspeltKeyStopsTheRunNamingTheKeyItResemblesAndOtherUnknownKeysAreKept() throws Exception {
        Path f = write("{\"sync\": {\"enable_remvoe\": false, \"bidirectional\": {\"mdoe\": \"mirror\"}}, \"mine\": "
                + "{\"keep\": true}}");
        assertEquals(List.of("sync.enable_remvoe", "sync.bidirectional.mdoe", "mine"),
                ConfigFile.read(f).unknownKeys());
        for (String[] command : List.of(new String[] {"--sync"}, new String[] {"--list", "plex"},
                new String[] {"--init-plex"})) {
            CliRun r = new CliRun.Builder(dir).run(concat(command, "--dir", dir.toString()));
            assertEquals(ExitCode.USAGE, r.code, r.toString());
            assertTrue(r.err.contains("unknown key sync.enable_remvoe (did you mean sync.enable_remove?)"), r.err);
            assertTrue(r.err.contains("unknown key sync.bidirectional.mdoe (did you mean sync.bidirectional.mode?)"),
                    r.err);
            assertTrue(r.err.contains("unknown key mine; it is kept but not used"), r.err);
        }
        CliRun doctor = new CliRun.Builder(dir).run("--doctor", "--dir", dir.toString());
        assertEquals(ExitCode.PARTIAL, doctor.code);
        assertTrue(doctor.out.contains("[FAIL] config keys:")
                && doctor.out.contains("did you mean sync.enable_remove?"), doctor.out);
        assertTrue(doctor.out.contains("[warn] config keys:") && doctor.out.contains("unknown key mine"), doctor.out);
        assertFalse(doctor.out.contains("[ok]   config:"), "no 'valid' beside a failing key: " + doctor.out);
        Files.writeString(f, "{\"mine\": {\"keep\": true}}");
        CliRun kept = new CliRun.Builder(dir).run("--doctor", "--dir", dir.toString());
        assertTrue(kept.out.contains("[ok]   config:") && kept.out.contains("[warn] config keys:"), kept.out);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void readingTheWholeSimklLibraryEveryRunIsCalledOutAgainstTheRealSimkl() throws Exception {
        write("{\"sync\": {\"activity\": {\"use_activity\": false}}}");
        CliRun doctor = new CliRun.Builder(dir).env("PLEX_SIMKL_SYNC_SIMKL_API_URL", "http://simkl.invalid")
                .run("--doctor", "--dir", dir.toString());
        assertTrue(doctor.out.contains("[FAIL] simkl usage: sync.activity.use_activity is false"), doctor.out);
        write("{\"sync\": {\"activity\": {\"use_activity\": true}}}");
        CliRun fine = new CliRun.Builder(dir).env("PLEX_SIMKL_SYNC_SIMKL_API_URL", "http://simkl.invalid")
                .run("--doctor", "--dir", dir.toString());
        assertFalse(fine.out.contains("simkl usage"), fine.out);
    }
}
