package config;

import cli.ExitCode;
import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;

import java.nio.charset.StandardCharsets;
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

    /**
     * A byte that is not UTF-8 (a file saved as Latin-1 or UTF-16) is placed and refused, never
     * read as a guess that would end up in a token; the file is not rewritten.
     */
    @Test
    void aFileThatIsNotUtf8IsRefusedWithWhereTheByteIs() throws Exception {
        Path f = dir.resolve("config.json");
        byte[] latin1 = "{\n  \"simkl\": {\n    \"client_secret\": \"caf\u00e9\"\n  }\n}\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(f, latin1);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.read(f));
        assertEquals(f + " is not UTF-8 text (a byte at line 3, column 26 cannot be read): save it as UTF-8. It was "
                + "not changed.", e.getMessage());
        assertThrows(ConfigException.class, () -> ConfigFile.update(f, t -> ConfigFile.set(t, "simkl.client_id", "x")));
        assertArrayEquals(latin1, Files.readAllBytes(f));

        Files.write(f, new byte[] {(byte) 0xFF, (byte) 0xFE, '{', 0, '}', 0}); // Notepad's "Unicode"
        assertEquals(f + " is UTF-16 text, not UTF-8: save it as UTF-8 (in Notepad: Save as, Encoding UTF-8). It was "
                + "not changed.", assertThrows(ConfigException.class, () -> ConfigFile.read(f)).getMessage());

        Files.write(f, "\uFEFF{\"simkl\": {\"client_id\": \"id\"}}".getBytes(StandardCharsets.UTF_8));
        assertEquals("id", ConfigFile.read(f).resolve(Map.of()).simkl().clientId(), "a UTF-8 byte order mark is fine");
    }

    /**
     * A key given twice would be read once (the last) and the next rewrite would keep only that
     * one: it is refused, naming the key and both lines, and the file is never rewritten.
     */
    @Test
    void aKeyGivenTwiceIsRefusedWithItsLinesAndTheFileIsNeverRewritten() throws Exception {
        String twice = "{\n  \"simkl\": {\n    \"access_token\": \"old-token-1234\",\n    \"client_id\": \"x\",\n"
                + "    \"access_token\": \"new-token-5678\"\n  }\n}\n";
        Path f = write(twice);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.read(f));
        assertEquals(f + " holds simkl.access_token twice (line 3 and line 5): only one would be read, and the next "
                + "rewrite would drop the other; delete the one you do not want. Fix the file; it was not changed.",
                e.getMessage());
        assertThrows(ConfigException.class, () -> ConfigFile.update(f, t -> ConfigFile.set(t, "simkl.token_expires_at",
                1)));
        assertEquals(twice, Files.readString(f));

        write("{\"sync\": {\"exclude\": [{\"ids\": \"simkl:1\"}, {\"ids\": \"simkl:2\", \"note\": \"a\", "
                + "\"note\": \"b\"}]}}");
        String inList = assertThrows(ConfigException.class, () -> ConfigFile.read(f)).getMessage();
        assertTrue(inList.contains(" holds sync.exclude[1].note twice (on line 1): "), inList);
        write("{\"plex\": {\"home_user\": \"Kid\"}, \"simkl\": {\"client_id\": \"x\"}, \"plex\": {}}");
        String atTop = assertThrows(ConfigException.class, () -> ConfigFile.read(f)).getMessage();
        assertTrue(atTop.contains(" holds plex twice (on line 1): "), atTop);
        write("{\"plex\": {\"account_token\": \"a\"}, \"simkl\": {\"account_token\": \"b\"}}");
        assertDoesNotThrow(() -> ConfigFile.read(f), "the same name in two objects is two keys");
    }

    @Test
    void aCommentIsRefusedInWordsWithItsLine() throws Exception {
        for (String comment : List.of("// removals off for now", "/* removals off for now */", "# removals off")) {
            String text = "{\n  \"sync\": {\n    " + comment + "\n    \"enable_remove\": false\n  }\n}\n";
            Path f = write(text);
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.read(f));
            assertEquals(f + " is not valid JSON at line 3, column 5: comments are not allowed in JSON; remove it. Fix "
                    + "the file; it was not changed.", e.getMessage(), comment);
            assertEquals(text, Files.readString(f));
        }
    }

    /**
     * The slips people make writing JSON by hand, each said for what it is, with its line (and
     * column), without the parser's jargon and never quoting a value (a token pasted without its
     * quotes is still a token).
     */
    @Test
    void commonSlipsAreSaidInWordsWithTheirPlaceAndNoValueIsQuoted() throws Exception {
        Map<String, String> said = new java.util.LinkedHashMap<>();
        said.put("{\n  'sync': {}\n}",
                "line 2, column 3: single quotes: JSON wants \"double quotes\" around keys and text");
        said.put("{\n  \"notify\": [{\"url\": \"https://ntfy.sh/mine\"},]\n}",
                "line 2: a comma before ] (remove it: JSON allows none after the last entry)");
        said.put("{\n  \"sync\": {\"enable_add\": true}\n  \"runtime\": {}\n}",
                "line 2: a comma is missing after this line's entry");
        said.put("{\n  \"plex\": {\"account_token\": \"abc123secret\n  }\n}",
                "line 2, column 42: the value of plex.account_token in quotes goes on past the end of the line: its "
                        + "closing \" is missing");
        said.put("{\n  \"plex\": {\"account_token\": \"abc123secret\tx\"}\n}",
                "line 2, column 42: plex.account_token holds a control character (U+0009) inside its quotes: paste the "
                        + "value again");
        said.put("{\n  \"plex\": {\"account_token\": abc123secret}\n}",
                "line 2, column 29: a word that is not a JSON value (text needs \"quotes\"; true, false, null and "
                        + "numbers do not) (in the value of plex.account_token)");
        said.put("{\n  \"sync\": {\"enable_add\": True}\n}",
                "line 2, column 26: JSON writes true, false and null in small letters (in the value of "
                        + "sync.enable_add)");
        said.put("{\n  sync: {}\n}", "line 2, column 3: a key without \"double quotes\"");
        said.put("{\n  \"sync\": {\u201Cenable_add\u201D: true}\n}",
                "line 2, column 12: curly quotes (\u201C \u201D): JSON wants straight \"double quotes\" (a word "
                        + "processor or phone may have changed them)");
        said.put("{\n  \"sync\" {}\n}", "line 2, column 10: a colon (:) is missing between a key and its value");
        said.put("{\n  \"sync\": {\"enable_add\": }\n}",
                "line 2, column 26: sync.enable_add has no value");
        said.put("{\n  \"sync\": {\n    \"enable_add\": true\n", "the file ends before the { of line 2 is closed");
        said.put("{\n  \"sync\": {\"enable_add\": true]\n}", "line 2, column 30: a ] where } should close the { of "
                + "line 2");
        said.put("{\"sync\": {}}\n{\"plex\": {}}\n", "line 2, column 1: more after the end of the object that closes "
                + "on line 1: everything goes inside that one { }");
        said.put("{\n  \"runtime\": {\"note\": \"C:\\Users\"}\n}", "line 2, column 26: a backslash JSON does not "
                + "know: write \\\\ for one backslash (a Windows path needs each one doubled) (in the value of "
                + "runtime.note)");
        for (Map.Entry<String, String> c : said.entrySet()) {
            Path f = write(c.getKey());
            String m = assertThrows(ConfigException.class, () -> ConfigFile.read(f), c.getKey()).getMessage();
            assertTrue(m.startsWith(f + " is not valid JSON at "), m);
            assertTrue(m.contains(c.getValue()), c.getKey() + "\n" + m);
            assertTrue(m.endsWith(". Fix the file; it was not changed."), m);
            for (String jargon : List.of("Unexpected", "Unrecognized", "Source", "code ", "comment", "abc123secret")) {
                assertFalse(m.contains(jargon), jargon + " in: " + m);
            }
            assertEquals(c.getKey(), Files.readString(f));
        }
        for (String notAnObject : List.of("", "[]", "\"plex\"", "\"plex\": {}")) {
            Path f = write(notAnObject);
            assertEquals(f + " must hold a JSON object ({ ... }). Fix the file; it was not changed.",
                    assertThrows(ConfigException.class, () -> ConfigFile.read(f)).getMessage(), notAnObject);
        }
    }

    /**
     * A value the tool sends as it is (a token, an id, a secret, a PIN, a URL) that holds a
     * character it cannot send is refused by key and position, never quoted; spaces and line
     * breaks around a value are trimmed, not refused.
     */
    @Test
    void aValueSentAsItIsThatHoldsAControlCharacterIsRefusedByPositionNeverQuoted() throws Exception {
        Path f = write("{\"plex\": {\"account_token\": \"PLEXVALUE\\u0009x\","
                + " \"client_identifier\": \"ID\\u200BVALUE\"},"
                + " \"simkl\": {\"client_id\": \"caf\u00e9VALUE\", \"access_token\": \"  SIMKL VALUE  \"},"
                + " \"notify\": [{\"url\": \"https://ntfy.sh/TOPIC\\nb\"}]}");
        String m = assertThrows(ConfigException.class, () -> ConfigFile.read(f).resolve(Map.of())).getMessage();
        assertTrue(m.startsWith(f + " has 5 problems:"), m);
        for (String problem : List.of(
                "plex.account_token holds a control character (U+0009 at position 10): paste the token again, or "
                        + "run --init-plex",
                "plex.client_identifier holds an invisible character (U+200B at position 3): type it again",
                "simkl.client_id holds a character that is not plain ASCII (U+00E9 at position 4): copy it again "
                        + "from your app on simkl.com → Developers",
                "simkl.access_token holds a space (U+0020 at position 8): paste the token again, or run "
                        + "--init-simkl pin",
                "notify[0].url holds a control character (U+000A at position 22): type the URL again")) {
            assertTrue(m.contains("\n  - " + problem + "\n"), problem + " in:\n" + m);
        }
        for (String value : List.of("VALUE", "caf", "TOPIC")) assertFalse(m.contains(value), m);

        write("{\"plex\": {\"account_token\": \" plex-token\\r\\n\", \"client_identifier\": \"my sync\"}}");
        Config c = ConfigFile.read(f).resolve(Map.of());
        assertEquals("plex-token", c.plex().accountToken());
        assertEquals("my sync", c.plex().clientIdentifier(), "a name may hold spaces");
    }

    /** The same for a value from the environment: the variable is named, the value is not printed. */
    @Test
    void anEnvironmentValueThatCannotBeSentIsRefusedNamingTheVariable() throws Exception {
        Path f = write("{}");
        String m = assertThrows(ConfigException.class, () -> ConfigFile.read(f).resolve(Map.of(
                "SIMKL_ACCESS_TOKEN", "env-token\tx", "PLEX_HOME_PIN", "12 34",
                "PLEX_SIMKL_SYNC_SIMKL_API_URL", "http://127.0.0.1:1/\u0007x", "SIMKL_CLIENT_SECRET", "secret\n"))
        ).getMessage();
        assertEquals("PLEX_HOME_PIN holds a space (U+0020 at position 3): set it again to the PIN alone.\n"
                + "PLEX_SIMKL_SYNC_SIMKL_API_URL holds a control character (U+0007 at position 20): set it again to "
                + "the URL alone.\n"
                + "SIMKL_ACCESS_TOKEN holds a control character (U+0009 at position 10): set it again to the token "
                + "alone.\nNothing was sent and nothing changed.", m);
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
