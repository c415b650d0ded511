package cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The image without a container engine: its entrypoint (scripts/docker-entrypoint) as the container
 * runs it, with every command that would change this machine's users or files stood in for (id,
 * getent reading a passwd and a group file of the test's; groupadd, groupmod, useradd, usermod,
 * chown and setpriv each write what they were asked to a log, and setpriv then runs the command as
 * the real one would), and compose.yaml against the Dockerfile.
 */
class ImageTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir"));
    private static final Path ENTRYPOINT = ROOT.resolve("scripts/docker-entrypoint");

    @TempDir
    Path tmp;
    Path stubs;
    Path etc;
    Path log;
    Path data;
    final List<Process> started = new ArrayList<>();

    record Run(int code, String out, String err) {}

    private void stub(String name, String body) throws Exception {
        Path file = stubs.resolve(name);
        Files.writeString(file, "#!/usr/bin/env bash\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @BeforeEach
    void standIns() throws Exception {
        assumeTrue(Files.isRegularFile(ROOT.resolve("scripts/jbang")), "not run from a checkout");
        assertTrue(Files.isRegularFile(ENTRYPOINT), "the image's entrypoint is in scripts/");
        stubs = Files.createDirectories(tmp.resolve("stubs"));
        etc = Files.createDirectories(tmp.resolve("etc"));
        log = tmp.resolve("calls.log");
        data = tmp.resolve("data");
        Files.writeString(log, "");
        // the image as built: its user and group plex_simkl_sync, 1000:1000
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n"
                + "plex_simkl_sync:x:1000:1000::/data:/usr/sbin/nologin\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\nplex_simkl_sync:x:1000:\n");
        stub("id", "[ \"$1\" = -u ] && echo \"$STUB_UID\"");
        stub("getent", "awk -F: -v key=\"$2\" '$1 == key || $3 == key { print; found = 1 } END { exit !found }' "
                + "\"$STUB_ETC/$1\"");
        for (String name : List.of("groupadd", "groupmod", "useradd", "usermod", "chown")) {
            stub(name, "echo \"" + name + " $*\" >>\"$STUB_LOG\"");
        }
        stub("setpriv", "echo \"setpriv $*\" >>\"$STUB_LOG\"\n"
                + "while [ $# -gt 0 ] && [ \"$1\" != -- ]; do shift; done\nshift\nexec \"$@\"");
    }

    @AfterEach
    void stopAll() {
        for (Process p : started) p.destroyForcibly();
    }

    private ProcessBuilder entrypoint(Map<String, String> env, String... command) {
        List<String> cmd = new ArrayList<>(List.of("bash", ENTRYPOINT.toString()));
        cmd.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        Map<String, String> e = pb.environment();
        e.clear();
        // no sbin on the PATH: the real groupadd and its kin cannot be reached, only the stand-ins
        e.put("PATH", stubs + ":/usr/bin:/bin");
        e.put("STUB_ETC", etc.toString());
        e.put("STUB_LOG", log.toString());
        e.put("STUB_UID", "0");
        e.put("PLEX_SIMKL_SYNC_DIR", data.toString());
        e.putAll(env);
        return pb;
    }

    private Run run(Map<String, String> env, String... command) throws Exception {
        Process p = entrypoint(env, command).start();
        started.add(p);
        p.getOutputStream().close();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the entrypoint did not end");
        return new Run(p.exitValue(), out, err);
    }

    private List<String> calls() throws Exception {
        return Files.readAllLines(log);
    }

    private static final String[] TOOL = {"bash", "-c", "echo \"the tool ran with $*\"", "tool", "--sync"};

    @Test
    void asRootItGivesTheDataFolderToPuidAndPgidAndRunsTheToolAsThemOnly() throws Exception {
        Files.createDirectories(data.resolve("backups"));
        Files.writeString(data.resolve("config.json"), "{}");
        Files.writeString(data.resolve("backups/state-1.json"), "{}");
        Run r = run(Map.of("PUID", "4242", "PGID", "4343"), TOOL);
        assertEquals(0, r.code(), r.toString());
        assertEquals("the tool ran with --sync\n", r.out());
        List<String> calls = calls();
        assertEquals("groupmod -g 4343 plex_simkl_sync", calls.get(0), calls.toString());
        assertEquals("usermod -u 4242 -g 4343 plex_simkl_sync", calls.get(1), calls.toString());
        assertTrue(calls.get(2).startsWith("chown -h 4242:4343 "), calls.toString());
        for (Path p : List.of(data, data.resolve("config.json"), data.resolve("backups"),
                data.resolve("backups/state-1.json"))) {
            assertTrue(List.of(calls.get(2).split(" ")).contains(p.toString()), p + " given to the user: " + calls);
        }
        assertEquals("setpriv --reuid=4242 --regid=4343 --clear-groups --no-new-privs -- " + String.join(" ", TOOL),
                calls.get(3));
        assertEquals(4, calls.size(), calls.toString());
    }

    @Test
    void idsThatExistAreUsedAsTheyAreAndMissingOnesAreMade() throws Exception {
        // Unraid's nobody:users, 99:100, already in the image under other names
        Files.writeString(etc.resolve("passwd"), "nobody:x:99:100::/:/usr/sbin/nologin\n", StandardOpenOption.APPEND);
        Files.writeString(etc.resolve("group"), "users:x:100:\n", StandardOpenOption.APPEND);
        Run unraid = run(Map.of("PUID", "99", "PGID", "100"), TOOL);
        assertEquals(0, unraid.code(), unraid.toString());
        assertEquals(List.of("chown", "setpriv"), calls().stream().map(c -> c.split(" ")[0]).toList(),
                "no user or group changed: " + calls());
        assertTrue(Files.isDirectory(data), "the data folder is made when missing");
        // an image whose own user and group are gone: both are made, with the data folder as home
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\n");
        Files.writeString(log, "");
        Run fresh = run(Map.of("PUID", "4242", "PGID", "4343"), TOOL);
        assertEquals(0, fresh.code(), fresh.toString());
        assertEquals("groupadd -g 4343 plex_simkl_sync", calls().get(0));
        assertEquals("useradd -u 4242 -g 4343 -d " + data + " -M -s /usr/sbin/nologin plex_simkl_sync",
                calls().get(1));
    }

    @Test
    void withoutPuidAndPgidTheImagesOwnUserRunsIt() throws Exception {
        Run r = run(Map.of(), TOOL);
        assertEquals(0, r.code(), r.toString());
        List<String> calls = calls();
        assertFalse(calls.stream().anyMatch(c -> c.startsWith("groupmod") || c.startsWith("usermod")),
                calls.toString());
        assertTrue(calls.get(calls.size() - 1).startsWith("setpriv --reuid=1000 --regid=1000 "), calls.toString());
    }

    @Test
    void rootOrNotANumberIsRefusedAndNothingIsChanged() throws Exception {
        for (Map<String, String> env : List.of(Map.of("PUID", "0"), Map.of("PGID", "000"), Map.of("PUID", "me"),
                Map.of("PGID", "100 ; rm -rf /"))) {
            Run r = run(env, TOOL);
            assertEquals(2, r.code(), env + ": " + r);
            assertEquals("", r.out(), "the tool did not run: " + r);
            assertTrue(r.err().contains("Nothing was changed."), r.err());
            assertEquals(List.of(), calls(), env + " changed something");
        }
        Run root = run(Map.of("PUID", "0"), TOOL);
        assertTrue(root.err().contains("PUID=0 is root's, and the tool does not run as root."), root.err());
    }

    @Test
    void startedAsAnotherUserItChangesNothingAndRunsTheToolAsThatUser() throws Exception {
        Run r = run(Map.of("STUB_UID", "1234", "PUID", "4242"), TOOL);
        assertEquals(0, r.code(), r.toString());
        assertEquals("the tool ran with --sync\n", r.out());
        assertEquals(List.of(), calls(), "no user, group or owner changed");
        assertTrue(r.err().contains("started as user 1234, not root: PUID and PGID are not used"), r.err());
        assertFalse(Files.exists(data), "not even the data folder is made");
    }

    @Test
    void aKnownTimeZoneIsPassedOnAndAnUnknownOneIsSaidAndLeftOut() throws Exception {
        Path zones = Files.createDirectories(tmp.resolve("zoneinfo/Europe"));
        Files.writeString(zones.resolve("Berlin"), "TZif");
        String[] showZone = {"bash", "-c", "echo \"TZ=${TZ-unset}\""};
        Map<String, String> known = Map.of("TZ", "Europe/Berlin", "TZDIR", tmp.resolve("zoneinfo").toString());
        Run berlin = run(known, showZone);
        assertEquals("TZ=Europe/Berlin\n", berlin.out(), berlin.toString());
        assertEquals("", berlin.err());
        for (String wrong : List.of("Mars/Olympus", "../../etc/passwd", "Europe")) {
            Run r = run(Map.of("TZ", wrong, "TZDIR", tmp.resolve("zoneinfo").toString()), showZone);
            assertEquals("TZ=unset\n", r.out(), wrong + ": " + r);
            assertTrue(r.err().contains("TZ=" + wrong + " is not a time zone this image knows"), r.err());
            assertTrue(r.err().contains("times are shown in UTC"), r.err());
        }
        Run noZoneFiles = run(Map.of("TZ", "Europe/Berlin", "TZDIR", tmp.resolve("none").toString()), showZone);
        assertEquals("TZ=Europe/Berlin\n", noZoneFiles.out(), "without zone files nothing is judged: " + noZoneFiles);
    }

    /** SIGTERM, as docker stop sends it (Process.destroy would also close the streams the test still reads). */
    private static void term(Process p) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor());
    }

    /** Reads {@code stream}'s lines until one contains {@code text}; returns all read (blocks, no clock). */
    private static String readUntil(java.io.InputStream stream, String text) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            seen.append(line).append('\n');
            if (line.contains(text)) return seen.toString();
        }
        fail("ended without \"" + text + "\": " + seen);
        return null;
    }

    @Test
    void aWatchThatNeedsAPersonWaitsInsteadOfExitingUntilStopped() throws Exception {
        Process p = entrypoint(Map.of("STUB_UID", "1000"), "bash", "-c", "echo 'sign in again' >&2; exit 3",
                "tool", "--watch", "30m").start();
        started.add(p);
        p.getOutputStream().close();
        String err = readUntil(p.getErrorStream(), "the watch stopped with exit 3: it needs you");
        assertTrue(err.startsWith("sign in again\n"), err);
        assertTrue(p.isAlive(), "waits for a restart rather than exiting into Docker's restart policy");
        term(p);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "a stop ends the wait");
        assertEquals(3, p.exitValue(), "the watch's own exit code");
        // anything else ends as it ended: a failed round's exit 1, or exit 3 of a single --sync
        assertEquals(1, run(Map.of("STUB_UID", "1000"), "bash", "-c", "exit 1", "tool", "--watch", "30m").code());
        assertEquals(3, run(Map.of("STUB_UID", "1000"), "bash", "-c", "exit 3", "tool", "--sync").code());
    }

    @Test
    void aStopReachesTheWatchWhichEndsItsRoundAndExits() throws Exception {
        String watch = "trap 'kill $! 2>/dev/null; echo \"finishing the round\"; exit 143' TERM; echo watching; "
                + "sleep 3600 & wait";
        Process p = entrypoint(Map.of("PUID", "4242", "PGID", "4343"), "bash", "-c", watch, "tool", "--watch", "30m")
                .start();
        started.add(p);
        p.getOutputStream().close();
        readUntil(p.getInputStream(), "watching");
        term(p);
        String rest = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stopped");
        assertEquals("finishing the round\n", rest);
        assertEquals(143, p.exitValue());
        List<String> calls = calls();
        assertTrue(calls.get(calls.size() - 1).startsWith("setpriv --reuid=4242 --regid=4343 "), calls.toString());
    }

    @Test
    void composeRunsTheImagesWatchWithItsVolumeHealthCheckAndSettings() throws Exception {
        Map<String, List<String>> docker = RoutesTest.dockerfile(ROOT.resolve("Dockerfile"));
        assertEquals("/app/scripts/docker-entrypoint", docker.get("ENTRYPOINT").get(0),
                "the tool never starts as root");
        for (String kv : docker.get("ENV")) {
            String value = kv.substring(kv.indexOf('=') + 1);
            assertTrue(!value.startsWith("/data") || kv.startsWith("PLEX_SIMKL_SYNC_DIR=") || kv.startsWith("HOME="),
                    "caches stay in the image, not in the volume: " + kv);
        }
        String compose = Files.readString(ROOT.resolve("compose.yaml"));
        assertTrue(compose.contains("\n    command: [\"--watch\", \"30m\"]\n"), compose);
        assertTrue(compose.contains("\n      - plex_simkl_sync:/data\n"), "the volume at /data");
        assertTrue(compose.contains("\n    restart: unless-stopped\n"), "a restart policy");
        for (String variable : List.of("PUID", "PGID", "TZ", "PLEX_SIMKL_SYNC_NOTIFY_URL")) {
            assertTrue(compose.contains("\n      " + variable + ": ${" + variable + ":-"), variable);
        }
        String test = compose.substring(compose.indexOf("test: [") + "test: ".length());
        List<String> check = new ArrayList<>();
        for (var n : files.Json.MAPPER.readTree(test.substring(0, test.indexOf(']') + 1))) check.add(n.asText());
        String healthcheck = docker.get("HEALTHCHECK").get(0);
        List<String> image = new ArrayList<>();
        for (var n : files.Json.MAPPER.readTree(healthcheck.substring(healthcheck.indexOf('[')))) image.add(n.asText());
        assertEquals(image, check.subList(1, check.size()), "compose's health check is the image's");
        assertEquals("CMD", check.get(0));
    }
}
