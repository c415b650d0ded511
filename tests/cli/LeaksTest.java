package cli;

import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import org.junit.jupiter.api.Test;
import sandbox.Emulator.Fault;
import support.CliRun;
import support.Receiver;
import support.Sandbox;
import support.ReceiverWorldTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/**
 * Secrets go nowhere, whatever a service echoes back: not to the screen, the journal, the last-run
 * record, the last report, any notification format or --journal; a notify URL is named by its host
 * only; a target that stalls costs a run a bounded wait and never its exit code.
 */
class LeaksTest extends ReceiverWorldTest {

    private static final List<String> SECRETS = List.of(Sandbox.PLEX_TOKEN, Sandbox.SIMKL_TOKEN, Sandbox.SIMKL_SECRET,
            Sandbox.SIMKL_CLIENT_ID);

    private static void assertClean(String where, String text) {
        for (String secret : SECRETS) assertFalse(text.contains(secret), secret + " reached " + where + ": " + text);
    }

    @Test
    void writesAnsweredWithAnEchoOfTheRequestLeaveNoSecretAnywhere() throws Exception {
        notifyTargets("[{\"url\": \"" + receiver.url("/topic-abc123xyz") + "\", \"format\": \"ntfy\"},"
                + " {\"url\": \"" + receiver.url("/ping/0f1e2d3c-4b5a-6978") + "\", \"format\": \"healthchecks\"},"
                + " {\"url\": \"" + receiver.url("/hook") + "\", \"format\": \"json\"},"
                + " {\"url\": \"" + receiver.url("/api/webhooks/99/Discord-Hook-Token-0815") + "\", \"format\": "
                + "\"discord\"},"
                + " {\"url\": \"" + receiver.url("/bot42:Telegram-Bot-Token-4711") + "\", \"format\": \"telegram\", "
                + "\"chat_id\": 1234567},"
                + " {\"url\": \"" + receiver.url("/message?token=GotifyApp.0815") + "\", \"format\": \"gotify\"},"
                + " {\"url\": \"" + receiver.url("/api/push/kuma0815") + "\", \"format\": \"push\"}]");
        w.plexHas(ARRIVAL);
        w.simklHas(DUNE);
        w.sb.simkl.inject("POST", "/sync/add-to-list", Fault.echo(400), 5);
        w.sb.plex.inject("PUT", "/actions/addToWatchlist", Fault.echo(400), 5);
        CliRun r = w.sync("--debug");
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertTrue(r.all().contains("HTTP 400"), "the failure is told: " + r);
        assertClean("the console", r.all());
        String journal = Files.readString(w.dir.resolve("journal.jsonl"));
        assertTrue(journal.contains("\"outcome\":\"failed\""), journal);
        assertTrue(journal.contains("HTTP 400 ("), "the service's words are kept: " + journal);
        assertClean("journal.jsonl", journal);
        assertClean("last_run.json", Files.readString(w.dir.resolve("last_run.json")));
        assertClean("last_report.txt", Files.readString(w.dir.resolve("last_report.txt")));
        List<Receiver.Got> got = receiver.got();
        assertTrue(got.stream().anyMatch(g -> g.path().equals("/topic-abc123xyz")), got.toString());
        assertTrue(got.stream().anyMatch(g -> g.path().equals("/ping/0f1e2d3c-4b5a-6978/fail")), got.toString());
        assertTrue(got.stream().anyMatch(g -> g.path().equals("/hook")), got.toString());
        for (String path : List.of("/api/webhooks/99/", "/bot42:", "/message?token=", "/api/push/kuma0815?")) {
            assertTrue(got.stream().anyMatch(g -> g.path().startsWith(path)
                    && (g.body().contains("HTTP 400") || g.path().contains("HTTP%20400"))), path + " told: " + got);
        }
        for (Receiver.Got g : got) assertClean(g.path(), g.all());
        CliRun journalOut = w.cli().run("--journal", "--dir", w.dir.toString());
        assertClean("--journal", journalOut.all());
    }

    @Test
    void anOldTokenInTheJournalIsMaskedWhenShown() throws Exception {
        Files.createDirectories(w.dir);
        String old = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        Files.writeString(w.dir.resolve("journal.jsonl"), "{\"at\":\"2026-11-20T10:00:00Z\",\"run\":\"r1\","
                + "\"side\":\"simkl\",\"action\":\"add\",\"type\":\"movie\",\"title\":\"Arrival\",\"year\":2016,"
                + "\"outcome\":\"failed\",\"detail\":\"SIMKL answered with HTTP 400 (Authorization: Bearer " + old
                + " token " + old + ")\"}\n");
        for (String[] args : List.of(new String[] {"--journal"}, new String[] {"--journal", "--json"},
                new String[] {"--journal", "--format", "tsv"})) {
            String[] full = new String[args.length + 2];
            System.arraycopy(args, 0, full, 0, args.length);
            full[args.length] = "--dir";
            full[args.length + 1] = w.dir.toString();
            CliRun r = w.cli().run(full);
            assertEquals(ExitCode.OK, r.code, r.toString());
            assertTrue(r.out.contains("Arrival"), r.toString());
            assertFalse(r.all().contains(old), String.join(" ", args) + ": " + r);
        }
    }

    @Test
    void aNotifyUrlTheToolRefusesIsNamedByItsHostOnly() throws Exception {
        String secretUrl = "ftp://me:hunter2secret@notify.example/private-topic-4711";
        notifyTargets("[{\"url\": \"" + secretUrl + "\", \"format\": \"ntfy\"}]");
        CliRun r = w.cli().env("PLEX_SIMKL_SYNC_NOTIFY_URL", receiver.url("/env-topic-0815"))
                .run("--sync", "--dir", w.dir.toString());
        assertEquals(ExitCode.USAGE, r.code, r.toString());
        assertTrue(r.all().contains("notify.example"), "named by its host: " + r);
        for (String part : List.of("hunter2secret", "private-topic-4711", "me:")) {
            assertFalse(r.all().contains(part), part + " printed: " + r);
            for (Receiver.Got g : receiver.got()) assertFalse(g.all().contains(part), part + " sent on: " + g.all());
        }
        assertFalse(receiver.got().isEmpty(), "the environment's target hears of the broken config");
    }

    @Test
    void aUserAndPasswordInANotifyUrlAreSentAsCredentialsNeverDropped() throws Exception {
        // a scheme in capitals is still http (schemes ignore case)
        String url = receiver.url("/alerts").replace("http://", "HTTP://alice:s3cret-Pass@");
        notifyTargets("[{\"url\": \"" + url + "\", \"format\": \"ntfy\", \"on\": [\"success\"]}]");
        w.bothHave(List.of(ARRIVAL));
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        Receiver.Got g = receiver.got().get(0);
        assertEquals("/alerts", g.path());
        assertEquals("Basic " + java.util.Base64.getEncoder().encodeToString("alice:s3cret-Pass".getBytes()),
                g.headers().get("authorization"));
        assertFalse(r.all().contains("s3cret-Pass"), r.toString());
    }

    @Test
    void aTargetThatStallsMidAnswerCostsABoundedWaitAndNeverTheExitCode() throws Exception {
        notifyTargets("[{\"url\": \"" + receiver.url("/ping/0f1e2d3c-4b5a-6978") + "\", \"format\": \"healthchecks\"}]");
        receiver.stallBody();
        w.bothHave(List.of(ARRIVAL));
        long start = System.nanoTime();
        CliRun r = w.cli().env("PLEX_SIMKL_SYNC_NOTIFY_TIMEOUT_MS", "300").run("--sync", "--dir", w.dir.toString());
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(r.err.contains("Notification not delivered"), r.toString());
        assertTrue(tookMs < 30_000, "a stalled target held the run " + tookMs + " ms");
        // each ping tried once at most, never again (how many arrived within the short budget depends on the machine)
        assertTrue(receiver.got().size() <= 2, "start and success were each tried once: " + receiver.got());
    }

    @Test
    void aLinkPlantedWhereTheToolWritesIsRefusedAndItsTargetUntouched() throws Exception {
        Files.createDirectories(w.dir);
        Path victim = tmp.resolve("victim.txt");
        Files.writeString(victim, "precious\n");
        for (String name : List.of("state.lock", "journal.jsonl", "state.json")) {
            Path link = w.dir.resolve(name);
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, victim);
            w.plexHas(ARRIVAL);
            CliRun r = w.sync();
            assertNotEquals(ExitCode.OK, r.code, name + ": " + r);
            assertTrue(r.all().contains(link + " is a symbolic link"), name + ": " + r);
            assertEquals("precious\n", Files.readString(victim), name + " wrote through the link");
            Files.delete(link);
        }
    }

    @Test
    void aRunThatCouldNotSaveItsStateSaysSoAndFails() throws Exception {
        w.plexHas(ARRIVAL);
        Path state = w.dir.resolve("state.json");
        // once the run is writing, a folder takes state.json's place (as a full disk would, the save then fails)
        CliRun r = w.cli().beforeWrite(a -> {
            try {
                Files.createDirectories(state.resolve("in-the-way"));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }).run("--sync", "--dir", w.dir.toString());
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertTrue(r.out.contains("Not saved: " + state), r.toString());
        assertTrue(simklPtw().contains(ARRIVAL.title()), "the run's writes stand");
    }

    @Test
    void aRunThatCouldNotJournalItsWritesSaysSoAndFails() throws Exception {
        Files.createDirectories(w.dir.resolve("journal.jsonl").resolve("in-the-way"));
        w.plexHas(ARRIVAL);
        CliRun r = w.sync("--json");
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        JsonNode doc = Json.MAPPER.readTree(r.out);
        assertTrue(doc.path("not_saved").path(0).asText().startsWith("the journal " + w.dir.resolve("journal.jsonl")),
                doc.path("not_saved").toString());
    }

    @Test
    void doctorWarnsOfAFolderOthersCanWriteAndOfALinkInIt() throws Exception {
        w.config("{}");
        Files.setPosixFilePermissions(w.dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.createSymbolicLink(w.dir.resolve("journal.jsonl"), tmp.resolve("elsewhere"));
        CliRun r = w.cli().run("--doctor", "--dir", w.dir.toString());
        assertTrue(r.all().contains(w.dir + " can be written by other users"), r.toString());
        assertTrue(r.all().contains("chmod 700 " + w.dir), r.toString());
        assertTrue(r.all().contains(w.dir.resolve("journal.jsonl") + " is a symbolic link"), r.toString());
    }

    @Test
    void aFolderWhereTheLockCannotBeWrittenStillTakesADryRunAndSaysWhatToDoForASync() throws Exception {
        w.plexHas(ARRIVAL);
        Files.createDirectories(w.dir.resolve("state.lock")); // the lock cannot be opened for writing, as in a read-only folder
        CliRun dry = w.sync("--dry-run");
        assertEquals(ExitCode.OK, dry.code, dry.toString());
        assertTrue(dry.out.contains("Plan (dry run, nothing written)"), dry.out);
        CliRun real = w.sync();
        assertEquals(ExitCode.USAGE, real.code, real.toString());
        assertTrue(real.err.contains("Could not write in " + w.dir + " (state.lock: "), real.err);
        assertTrue(real.err.contains("or point --dir at one that is; --sync --dry-run works without writing."), real.err);
        assertEquals(0, w.sb.plex.writes() + w.sb.simkl.writes(), "nothing written");
    }

    @Test
    void foldersTheToolMakesAreItsOwnerOnly() throws Exception {
        w.plexHas(ARRIVAL);
        assertEquals(ExitCode.OK, w.sync().code);
        for (Path p : List.of(w.dir, w.dir.resolve("backups"))) {
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(p)), p.toString());
        }
    }
}
