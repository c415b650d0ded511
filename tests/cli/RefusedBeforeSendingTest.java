package cli;

import org.junit.jupiter.api.Test;
import support.CliRun;
import support.Sandbox;
import support.WorldTest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.ARRIVAL;

/**
 * A token (or id, secret, PIN) that cannot go into a request as it is, because config.json is not
 * UTF-8 or the value holds a control character: the run stops at once (exit 2) naming the file or
 * the variable, sends nothing, and never prints the value. Left to the HTTP layer it would fail as
 * if the network were down, be retried, and be quoted in the error.
 */
class RefusedBeforeSendingTest extends WorldTest {
    private Path configFile() throws Exception {
        Files.createDirectories(w.dir);
        return w.dir.resolve("config.json");
    }

    /** A sync with SIMKL's token from config.json, not from the environment. */
    private CliRun syncWithTheFilesToken(String... more) {
        String[] args = new String[more.length + 3];
        args[0] = "--sync";
        args[1] = "--dir";
        args[2] = w.dir.toString();
        System.arraycopy(more, 0, args, 3, more.length);
        return w.cli().without("SIMKL_ACCESS_TOKEN").run(args);
    }

    private void assertNothingSentNorPrinted(CliRun r) {
        assertEquals(ExitCode.USAGE, r.code, r.toString());
        assertEquals(0, w.sb.plex.requests().size() + w.sb.simkl.requests().size(), "no request: " + r);
        assertFalse(r.all().contains("simkl-access-token"), "the token is never printed: " + r);
        assertFalse(r.all().contains("plex-test-token"), "the token is never printed: " + r);
        assertFalse(r.all().contains("Exception"), r.toString());
        assertTrue(w.sb.slept.isEmpty() && !r.all().contains("retry"), "nothing retried: " + r);
    }

    @Test
    void aConfigThatIsNotUtf8StopsTheRunNamingTheFileAndSendsNothing() throws Exception {
        w.bothHave(List.of(ARRIVAL));
        Path f = configFile();
        // saved as Latin-1 by an editor, with an accented letter pasted after the token
        byte[] latin1 = ("{\n  \"simkl\": {\n    \"access_token\": \"" + Sandbox.SIMKL_TOKEN + "\u00e9\"\n  }\n}\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(f, latin1);
        CliRun r = syncWithTheFilesToken();
        assertNothingSentNorPrinted(r);
        assertTrue(r.err.contains(f + " is not UTF-8 text (a byte at line 3, column 51 cannot be read): save it as "
                + "UTF-8. It was not changed."), r.err);
        assertArrayEquals(latin1, Files.readAllBytes(f));
    }

    @Test
    void aControlCharacterInTheFilesTokenStopsTheRunByPosition() throws Exception {
        w.bothHave(List.of(ARRIVAL));
        Path f = configFile();
        Files.writeString(f, "{\"simkl\": {\"access_token\": \"" + Sandbox.SIMKL_TOKEN + "\\u0009x\"}}");
        CliRun r = syncWithTheFilesToken();
        assertNothingSentNorPrinted(r);
        assertTrue(r.err.contains(f + " has a problem:\n"), r.err);
        assertTrue(r.err.contains("simkl.access_token holds a control character (U+0009 at position 30): paste the "
                + "token again, or run "), r.err);
    }

    @Test
    void aControlCharacterFromTheEnvironmentOrTheCommandLineIsRefusedNamingWhereItCameFrom()
            throws Exception {
        w.bothHave(List.of(ARRIVAL));
        CliRun env = w.cli().env("SIMKL_ACCESS_TOKEN", Sandbox.SIMKL_TOKEN + "\nexport X=1")
                .run("--sync", "--dir", w.dir.toString());
        assertNothingSentNorPrinted(env);
        assertTrue(env.err.contains("SIMKL_ACCESS_TOKEN holds a control character (U+000A at position 30): set it "
                + "again to the token alone."), env.err);

        CliRun flag = w.cli().run("--sync", "--dir", w.dir.toString(), "--plex-account-token",
                Sandbox.PLEX_TOKEN + "\u0001x");
        assertNothingSentNorPrinted(flag);
        assertTrue(flag.all().contains("--plex-account-token holds a control character (U+0001 at position 27): give "
                + "the token alone"), flag.all());

        CliRun pin = w.cli().run("--init-plex", "--home-user", "Teen", "--home-pin", "97\u001b31", "--dir",
                w.dir.toString());
        assertNothingSentNorPrinted(pin);
        assertTrue(pin.all().contains("--home-pin holds a control character (U+001B at position 3): give the PIN "
                + "alone"), pin.all());
        assertFalse(Files.exists(w.dir.resolve("config.json")), "nothing written");
    }
}
