package cli;

import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import org.junit.jupiter.api.Test;
import sandbox.Emulator.Fault;
import support.CliRun;
import support.Sandbox;
import support.WorldTest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/**
 * last_report.txt: the report of the last run that could write to the lists, byte for byte as printed under
 * a line naming the run; the error of one that stopped; never a dry run's; mode 0600, no secret in it,
 * never written through a link.
 */
class LastReportTest extends WorldTest {
    private Path file() {
        return w.dir.resolve("last_report.txt");
    }

    private String report() throws Exception {
        return Files.readString(file());
    }

    /** The heading, a blank line, then exactly what the run printed on stdout. */
    private void assertKeeps(CliRun r, String command, int code) throws Exception {
        String kept = report();
        String head = kept.lines().findFirst().orElse("");
        assertTrue(head.startsWith("plex_simkl_sync --dir " + w.dir + " " + command + ": ended 20"), kept);
        assertTrue(head.endsWith(" with exit " + code), kept);
        assertEquals(head + "\n\n" + r.out, kept, "the report as printed");
    }

    @Test
    void aSyncKeepsItsReportAsPrintedReadableByItsOwnerOnly() throws Exception {
        w.plexHas(ARRIVAL);
        w.simklHas(DUNE);
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(r.out.contains("Post-sync: Plex=2 vs SIMKL=2"), r.out);
        assertKeeps(r, "--sync", ExitCode.OK);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
        // a --quiet run prints nothing when nothing happened; its report is kept all the same, in full
        CliRun quiet = w.sync("--quiet");
        assertEquals("", quiet.out, quiet.toString());
        assertTrue(report().contains("Nothing to do: no adds, no removals."), report());
    }

    @Test
    void aDryRunLeavesTheLastRealRunsReportAndAJsonRunKeepsTheText() throws Exception {
        w.plexHas(ARRIVAL);
        assertEquals(ExitCode.OK, w.sync().code);
        String real = report();
        w.plexHas(SEVERANCE);
        CliRun dry = w.sync("--dry-run");
        assertEquals(ExitCode.OK, dry.code, dry.toString());
        assertTrue(dry.out.contains("Plan (dry run, nothing written)"), dry.out);
        assertEquals(real, report(), "a dry run keeps the last real run's report");
        CliRun json = w.sync("--json");
        assertEquals(ExitCode.OK, json.code, json.toString());
        JsonNode doc = Json.MAPPER.readTree(json.out);
        assertEquals("sync", doc.path("command").asText());
        assertTrue(report().contains("  + SIMKL  Severance (2022)  [new on Plex] -> done"), report());
        assertFalse(report().contains("\"command\""), "the text, not the document: " + report());
    }

    @Test
    void noSecretReachesItWhateverTheServicesEchoBack() throws Exception {
        String clientSecret = "planted-client-secret-4711";
        String refresh = "planted-refresh-token-0815";
        String notifyPassword = "Notify-Pass-31415";
        Files.createDirectories(w.dir);
        Files.writeString(w.dir.resolve("config.json"), Json.pretty(Map.of(
                "simkl", Map.of("client_secret", clientSecret, "refresh_token", refresh),
                "notify", List.of(Map.of("url", "https://bob:" + notifyPassword + "@127.0.0.1:9/topic",
                        "format", "ntfy")))));
        w.plexHas(ARRIVAL);
        w.simklHas(DUNE);
        w.sb.simkl.inject("POST", "/sync/add-to-list", Fault.echo(400), 5);
        w.sb.plex.inject("PUT", "/actions/addToWatchlist", Fault.echo(400), 5);
        CliRun r = w.sync("--debug");
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        String kept = report();
        assertTrue(kept.contains("HTTP 400"), "the failures and the services' words are kept: " + kept);
        for (String s : List.of(clientSecret, refresh, notifyPassword, Sandbox.PLEX_TOKEN, Sandbox.SIMKL_TOKEN,
                Sandbox.SIMKL_SECRET, Sandbox.SIMKL_CLIENT_ID)) {
            assertFalse(kept.contains(s), s + " in last_report.txt: " + kept);
            assertFalse(kept.contains(URLEncoder.encode(s, StandardCharsets.UTF_8)), s + " encoded: " + kept);
        }
    }

    /** A secret the run knows that stands in a title (so nothing upstream masked it) is masked as on screen. */
    @Test
    void aSecretStandingInATitleIsMaskedAsOnScreen() throws Exception {
        w.plexHas(ARRIVAL, SEVERANCE);
        CliRun r = w.cli().env("SIMKL_CLIENT_SECRET", "Severance").run("--sync", "--dir", w.dir.toString());
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(r.out.contains("+ SIMKL  … (2022)"), r.out);
        assertKeeps(r, "--sync", ExitCode.OK);
        assertFalse(report().contains("Severance"), report());
    }

    @Test
    void aLinkInItsPlaceIsRefusedLeftAloneAndNamedByTheDoctor() throws Exception {
        w.plexHas(ARRIVAL);
        Files.createDirectories(w.dir);
        Path elsewhere = tmp.resolve("elsewhere.txt");
        Files.writeString(elsewhere, "mine\n");
        Files.createSymbolicLink(file(), elsewhere);
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, "the sync itself stands: " + r);
        assertTrue(r.err.contains("Could not keep this report in " + file() + ": " + file() + " is a symbolic link"),
                r.err);
        assertTrue(Files.isSymbolicLink(file()));
        assertEquals("mine\n", Files.readString(elsewhere), "nothing written through the link");
        assertEquals(List.of(), leftovers(), "no temporary file left behind");
        CliRun doctor = run("--doctor");
        assertTrue(doctor.out.contains(file() + " is a symbolic link: runs refuse to write through it"), doctor.out);
    }

    private List<String> leftovers() throws Exception {
        try (var s = Files.list(w.dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
        }
    }

    @Test
    void aSyncAnErrorStoppedKeepsTheErrorAndItsExitCode() throws Exception {
        w.plexHas(ARRIVAL);
        assertEquals(ExitCode.OK, w.sync().code);
        CliRun r = w.cli().env("PLEX_ACCOUNT_TOKEN", "not-the-token-123456").run("--sync", "--dir", w.dir.toString());
        assertEquals(ExitCode.AUTH, r.code, r.toString());
        String kept = report();
        assertTrue(kept.lines().findFirst().orElse("").endsWith(" with exit " + ExitCode.AUTH), kept);
        // stderr's lines carry a time stamp off a terminal; the report's heading has the time
        String error = r.err.lines().filter(l -> l.contains("[x] ")).map(l -> l.substring(l.indexOf("[x] ")))
                .findFirst().orElseThrow(() -> new AssertionError(r.err));
        assertTrue(kept.contains(error), "the error as the person saw it: " + kept + "\n" + r.err);
        assertFalse(kept.contains("Post-sync"), "not the earlier run's report: " + kept);
        assertFalse(kept.contains("not-the-token-123456"), kept);
    }

    @Test
    void anUndoARestoreAndAWatchRoundKeepTheirReportsAndARestoresDryRunDoesNot() throws Exception {
        w.plexHas(ARRIVAL, SEVERANCE);
        w.simklHas(ARRIVAL, SEVERANCE);
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.watchlistRemove(SEVERANCE.plexKey());
        CliRun removed = w.sync();
        assertTrue(report().contains("To undo this run: "), "the follow-up command is kept too: " + report());
        assertEquals(ExitCode.OK, removed.code, removed.toString());
        CliRun undo = run("--undo");
        assertEquals(ExitCode.OK, undo.code, undo.toString());
        assertKeeps(undo, "--undo last", ExitCode.OK);

        String before = report();
        CliRun dry = run("--restore", "latest", "--side", "simkl", "--dry-run");
        assertEquals(ExitCode.OK, dry.code, dry.toString());
        assertEquals(before, report(), "a restore's dry run keeps the last real report");
        CliRun restore = run("--restore", "latest", "--side", "plex");
        assertEquals(ExitCode.OK, restore.code, restore.toString());
        assertKeeps(restore, "--restore latest --side plex", ExitCode.OK);
        assertTrue(report().contains("The next --sync"), report());

        CliRun watch = w.cli().sleeper(d -> {
            throw new InterruptedException("SIGTERM");
        }).run("--watch", "10m", "--dir", w.dir.toString());
        assertEquals(ExitCode.OK, watch.code, watch.toString());
        String kept = report();
        assertTrue(kept.startsWith("plex_simkl_sync --dir " + w.dir + " --watch 10m: ended "), kept);
        assertTrue(kept.contains("Pre-sync counts: ") && kept.contains("Post-sync: "), "a round's report in full: "
                + kept);
    }
}
