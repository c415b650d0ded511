package cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import support.CliRun;
import support.Sandbox;
import support.WorldTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/**
 * Commands run one right after the other on one config folder (a dry run, then --why; a pipeline;
 * cron beside a hand run), against the SIMKL emulator's strict rules: one POST a second per token,
 * and a block on POSTs that each POST during it extends. After a new sign-in each of them asks
 * SIMKL's settings route (a POST) whose account it is, since a dry run and --why save nothing.
 */
class BackToBackTest extends WorldTest {
    static final String NEW_SIGN_IN = "simkl-new-sign-in-0123456789";

    @BeforeEach
    void syncedThenSignedInAgain() throws Exception {
        w.config("{}");
        w.bothHave(List.of(ARRIVAL, DUNE));
        CliRun first = w.sync();
        assertEquals(ExitCode.OK, first.code, first.toString());
        w.sb.simkl.addToken(NEW_SIGN_IN);
        w.sb.simkl.clearLog();
        w.sb.slept.clear();
    }

    /** A command started as soon as the last one ended (no time passes but what it waits), with the new sign-in. */
    private CliRun atOnce(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--dir";
        all[args.length + 1] = w.dir.toString();
        return new CliRun.Builder(tmp).env(w.sb.env()).env("SIMKL_ACCESS_TOKEN", NEW_SIGN_IN)
                .sleeper(w.sb.slept::add).clock(w.sb.clock).run(all);
    }

    @Test
    void aDryRunThenWhyRightAfterANewSignInKeepSimklsPaceOfOnePostASecond() {
        CliRun dry = atOnce("--sync", "--dry-run");
        assertEquals(ExitCode.OK, dry.code, dry.toString());
        CliRun why = atOnce("--why", "dune");
        assertEquals(ExitCode.OK, why.code, why.toString());
        assertFalse(why.all().contains("429"), why.toString());
        CliRun again = atOnce("--why", "arrival");
        assertEquals(ExitCode.OK, again.code, again.toString());
        assertEquals(3, w.sb.simkl.count("POST", "/users/settings"), "each asks whose the new sign-in is");
        assertTrue(w.sb.slept.contains(Duration.ofSeconds(1)), "the later ones waited out the second: "
                + w.sb.slept);
    }

    @Test
    void theFileIsTheFoldersOwnAndNeverWrittenThroughALink() throws Exception {
        assertEquals(ExitCode.OK, atOnce("--sync", "--dry-run").code);
        Path pace = w.dir.resolve("simkl_pace.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pace)));
        assertTrue(Files.readString(pace).contains("\"last_post\""), Files.readString(pace));
        Files.delete(pace);
        Path elsewhere = Files.writeString(tmp.resolve("elsewhere.txt"), "someone's file");
        Files.createSymbolicLink(pace, elsewhere);
        w.sb.clock.advance(Duration.ofMinutes(1)); // each command then keeps SIMKL's pace by itself alone
        CliRun dry = atOnce("--sync", "--dry-run");
        assertEquals(ExitCode.OK, dry.code, dry.toString());
        assertEquals("someone's file", Files.readString(elsewhere));
        CliRun doctor = atOnce("--doctor");
        assertTrue(doctor.out.contains("[FAIL] links: " + pace + " is a symbolic link"), doctor.out);
    }

    @Test
    void aPostRefusedForPaceSaysWhatToDoAndDoctorTellsOfIt() throws Exception {
        // a minute on, another copy of the tool with the same sign-in and another folder (a container beside the
        // host) asks SIMKL just before this folder's command does
        w.sb.clock.advance(Duration.ofMinutes(1));
        try (simkl.SimklClient other = new simkl.SimklClient(new config.Config.Simkl(Sandbox.SIMKL_CLIENT_ID, "",
                NEW_SIGN_IN, "", 0), w.sb.endpoints(), w.sb.policy(), "other")) {
            other.account();
        }
        CliRun why = atOnce("--why", "dune");
        assertEquals(ExitCode.PARTIAL, why.code, why.toString());
        String said = why.err.replaceAll("\\s+", " ");
        assertTrue(said.contains("SIMKL is rate-limiting this app (POST /users/settings: HTTP 429"), said);
        assertTrue(said.contains("the request was not sent again"), said);
        assertFalse(said.contains("the write"), "it only asks whose account this is: " + said);
        assertTrue(said.contains("wait at least a minute"), said);
        CliRun doctor = atOnce("--doctor");
        String checks = doctor.out.replaceAll("\\s+", " ");
        assertTrue(checks.contains("SIMKL refused a POST of this app"), checks);
        assertTrue(checks.contains("wait at least a minute"), checks);
    }
}
