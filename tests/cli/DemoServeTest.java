package cli;

import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;
import support.ManualClock;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** --demo --serve: both emulators stay up and every command can be tried against them, sign-ins included. */
class DemoServeTest {
    @TempDir Path home;
    /** One time for the served emulators and every command run against them, as on a real machine. */
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-24T12:00:00Z"));

    @Test
    void everyCommandWorksAgainstTheServedEmulatorsAndTheFolderIsRemovedAfterwards() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        CliRun.Live served = new CliRun.Builder(home).clock(clock).sleeper(d -> {
            stop.await();
            throw new InterruptedException("Ctrl-C");
        }).start("--demo", "--serve");
        served.await("Stop with Ctrl-C; the folder is then deleted\\."); // the printout's last line
        Map<String, String> env = exports(served.output());
        Path folder = Path.of(env.get("PLEX_SIMKL_SYNC_DIR"));
        assertTrue(Files.isDirectory(folder), "the working folder exists while the emulators run");
        assertEquals(Files.readAllLines(folder.resolve("demo.env")).size(), env.size(),
                "the file holds the same lines as the screen");
        assertFalse(env.containsKey("PLEX_ACCOUNT_TOKEN") || env.containsKey("SIMKL_ACCESS_TOKEN"),
                "sign-ins are left to try");

        CliRun plex = cli(env).run("--init-plex");
        assertEquals(ExitCode.OK, plex.code, plex.toString());
        assertTrue(plex.err.contains("Signed in to Plex as Demo"), plex.err);

        CliRun pin = cli(env).run("--init-simkl", "pin");
        assertEquals(ExitCode.OK, pin.code, pin.toString());

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // the helper looks for the sign-in when its 250 ms sleep returns: once the browser has its page (SIMKL's
        // pacing of the sign-in's POSTs passes at once)
        CountDownLatch browserDone = new CountDownLatch(1);
        CliRun.Live redirect = cli(env).sleeper(d -> {
            if (d.toMillis() == 250) browserDone.await();
        }).start("--init-simkl", "redirect", "--bind", "127.0.0.1:" + port);
        HttpResponse<String> browser;
        try {
            Matcher link = redirect.await("(http://127\\.0\\.0\\.1:\\d+/oauth/authorize\\S+)");
            browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                    .send(HttpRequest.newBuilder(URI.create(link.group(1))).build(),
                            HttpResponse.BodyHandlers.ofString());
        } finally {
            browserDone.countDown();
        }
        assertEquals(200, browser.statusCode(), "the emulated SIMKL sent the browser straight back to the helper: "
                + browser.body()
                + redirect.output());
        CliRun signedIn = redirect.finish();
        assertEquals(ExitCode.OK, signedIn.code, signedIn.toString());

        JsonNode config = Json.MAPPER.readTree(folder.resolve("config.json").toFile());
        assertFalse(config.path("plex").path("account_token").asText().isBlank(),
                "Plex token saved in the demo folder");
        assertFalse(config.path("simkl").path("access_token").asText().isBlank(),
                "SIMKL token saved in the demo folder");
        assertFalse(Files.exists(home.resolve(".config/plex_simkl_sync/config.json")),
                "the person's own folder is not touched");

        CliRun doctor = cli(env).run("--doctor");
        assertEquals(ExitCode.OK, doctor.code, doctor.toString());
        CliRun sync = cli(env).run("--sync");
        assertEquals(ExitCode.PARTIAL, sync.code, "the demo keeps one title Plex cannot find: " + sync);
        assertTrue(sync.out.contains("+ SIMKL  Severance (2022)"), sync.out);
        CliRun watch = cli(env).sleeper(d -> {
            throw new InterruptedException("SIGTERM");
        }).run("--watch", "1m");
        assertEquals(ExitCode.OK, watch.code, watch.toString());
        assertTrue(watch.out.contains(" sync: exit 0"), watch.out);

        // the household the printout offers: Kid's list instead of the owner's
        assertTrue(served.output().contains("--init-plex --home-user Kid"), served.output());
        CliRun kid = cli(env).run("--init-plex", "--home-user", "Kid");
        assertEquals(ExitCode.OK, kid.code, kid.toString());
        CliRun kidsList = cli(env).run("--list", "plex");
        assertEquals(ExitCode.OK, kidsList.code, kidsList.toString());
        assertEquals(java.util.Set.of("Suzume", "Frieren: Beyond Journey's End"), kidsList.out.lines()
                .map(l -> l.split("\t")[1]).collect(java.util.stream.Collectors.toSet()), kidsList.out);

        stop.countDown();
        CliRun ended = served.finish();
        assertEquals(ExitCode.OK, ended.code, ended.toString());
        assertFalse(Files.exists(folder), "the working folder is deleted when the emulators stop");
        assertTrue(ended.err.strip().endsWith("[i] Emulators stopped; the folder " + folder + " was deleted."),
                "said last, once it is true: " + ended.err);
    }

    private CliRun.Builder cli(Map<String, String> env) {
        return new CliRun.Builder(home).env(env).clock(clock).sleeper(d -> { });
    }

    private static Map<String, String> exports(String output) {
        Map<String, String> env = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^export (\\w+)=(\\S+)$").matcher(output);
        while (m.find()) env.put(m.group(1), m.group(2));
        return env;
    }
}
