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
import java.util.List;
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

    /** --demo --serve in the background, once its printout is whole; stopped by counting down {@code stop}. */
    private CliRun.Live serve(CountDownLatch stop) throws Exception {
        CliRun.Live served = new CliRun.Builder(home).clock(clock).sleeper(d -> {
            stop.await();
            throw new InterruptedException("Ctrl-C");
        }).start("--demo", "--serve");
        served.await("Stop with Ctrl-C; the folder is then deleted\\.");
        return served;
    }

    /**
     * Each sign-in through one serve is an account of its own, with SIMKL's daily allowance of its
     * own: one folder spending its whole allowance leaves another folder's dry run untouched.
     */
    @Test
    void twoFoldersSigningInThroughOneServeHaveAllowancesOfTheirOwn() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        CliRun.Live served = serve(stop);
        try {
            assertTrue(served.output().contains("Each sign-in gets a SIMKL account and token of its own"),
                    served.output());
            assertTrue(served.output().contains("all the accounts see the same demo lists"), served.output());
            Map<String, String> env = exports(served.output());
            Path first = Path.of(env.get("PLEX_SIMKL_SYNC_DIR"));
            Path second = home.resolve("second");
            Files.createDirectories(second);
            Files.copy(first.resolve("config.json"), second.resolve("config.json"));
            for (Path folder : List.of(first, second)) {
                for (String[] signIn : List.of(new String[] {"--init-plex"}, new String[] {"--init-simkl", "pin"})) {
                    CliRun r = cli(env).run(withDir(folder, signIn));
                    assertEquals(ExitCode.OK, r.code, r.toString());
                }
            }
            String firstToken = simklToken(first);
            assertNotEquals(firstToken, simklToken(second), "a token of its own");
            assertNotEquals(plexToken(first), plexToken(second), "a Plex token of its own too");

            // the first folder's account spends its day (SIMKL's pace kept: ten reads a second)
            String simkl = env.get("PLEX_SIMKL_SYNC_SIMKL_API_URL");
            HttpClient http = HttpClient.newHttpClient();
            int status = 200;
            for (int i = 0; i < 600 && status != 429; i++) {
                clock.advance(java.time.Duration.ofMillis(110));
                status = http.send(HttpRequest.newBuilder(URI.create(simkl + "/sync/activities?client_id="
                        + sandbox.Demo.SIMKL_ID)).header("Authorization", "Bearer " + firstToken).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode();
            }
            assertEquals(429, status, "the first account's allowance is spent");
            CliRun spent = cli(env).run(withDir(first, "--sync", "--dry-run"));
            assertEquals(ExitCode.PARTIAL, spent.code, spent.toString());
            assertTrue(spent.err.contains("the day's limit is used up"), spent.err);

            CliRun other = cli(env).run(withDir(second, "--sync", "--dry-run"));
            assertFalse(other.all().contains("limit is used up"), "the other folder's allowance is its own: " + other);
            assertTrue(other.out.contains("+ SIMKL  Severance (2022)"), other.toString());
        } finally {
            stop.countDown();
        }
        assertEquals(ExitCode.OK, served.finish().code);
    }

    /** The printout's pages and curl lines change the lists as a person would; the syncs then see it. */
    @Test
    void thePersonChangesTheListsOnTheEmulatorsPages() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        CliRun.Live served = serve(stop);
        try {
            Map<String, String> env = exports(served.output());
            String plex = env.get("PLEX_SIMKL_SYNC_PLEX_TV_URL");
            String simkl = env.get("PLEX_SIMKL_SYNC_SIMKL_API_URL");
            assertTrue(served.output().contains(plex + "/person") && served.output().contains(simkl + "/person"),
                    served.output());
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(simkl + "/person")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("Dune: Part Two") && page.body().contains("Mark watched"), page.body());
            // every curl line the printout offers, as curl sends it
            Matcher curl = Pattern.compile("(?m)^#\\s+curl ((?:-d \\S+ )+)(http://\\S+)$").matcher(served.output());
            int lines = 0;
            while (curl.find()) {
                String form = curl.group(1).replace("-d ", "").trim().replace(" ", "&");
                HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create(curl.group(2)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(303, done.statusCode(), curl.group() + ": " + done.body());
                lines++;
            }
            assertEquals(6, lines, served.output());
            assertEquals(ExitCode.OK, cli(env).run("--init-plex").code);
            assertEquals(ExitCode.OK, cli(env).run("--init-simkl", "pin").code);
            CliRun plexList = cli(env).run("--list", "plex");
            assertTrue(plexList.out.contains("The Bear") && !plexList.out.contains("Severance"), plexList.out);
            CliRun simklList = cli(env).run("--list", "simkl");
            assertTrue(simklList.out.contains("Past Lives"), simklList.out);
            assertFalse(simklList.out.contains("Shogun") || simklList.out.contains("Dune"), "removed, and watched: "
                    + simklList.out);
            HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(simkl + "/person/rate"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("title=no-such-title&rating=3")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, wrong.statusCode());
            assertTrue(wrong.body().contains("dune-part-two"), "names the titles there are: " + wrong.body());
        } finally {
            stop.countDown();
        }
        assertEquals(ExitCode.OK, served.finish().code);
    }

    private static String[] withDir(Path folder, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("--dir", folder.toString()));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    private static String simklToken(Path folder) throws Exception {
        return Json.MAPPER.readTree(folder.resolve("config.json").toFile()).at("/simkl/access_token").asText();
    }

    private static String plexToken(Path folder) throws Exception {
        return Json.MAPPER.readTree(folder.resolve("config.json").toFile()).at("/plex/account_token").asText();
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
