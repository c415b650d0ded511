package sync;

import cli.ExitCode;
import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import org.junit.jupiter.api.Test;
import support.CliRun;
import support.WorldTest;


import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/** Missing or refused credentials stop a run before it changes anything, with the command that fixes them. */
class CredentialsTest extends WorldTest {
    @Test
    void aRefusedTokenAtStartIsExitThree() throws Exception {
        w.sb.simkl.revokeTokens();
        CliRun r = w.sync();
        assertEquals(ExitCode.AUTH, r.code, r.toString());
        assertTrue(r.err.contains("--init-simkl"), r.err);
        w.sb.plex.revokeTokens();
        CliRun p = w.sync();
        assertEquals(ExitCode.AUTH, p.code);
        assertTrue(p.err.contains("--init-plex"), p.err);
    }

    @Test
    void missingCredentialsAreNamedBeforeAnyRequest() throws Exception {
        CliRun r = w.cli().env("SIMKL_ACCESS_TOKEN", "").env("PLEX_ACCOUNT_TOKEN", "").run("--sync", "--dir",
                w.dir.toString());
        assertEquals(ExitCode.USAGE, r.code, r.toString());
        assertTrue(r.err.contains("plex.account_token") && r.err.contains("simkl.access_token"), r.err);
        assertEquals(0, w.sb.plex.requests().size() + w.sb.simkl.requests().size());
    }

    @Test
    void jsonFailuresAreStillOneDocument() throws Exception {
        CliRun r = w.cli().env("SIMKL_ACCESS_TOKEN", "").run("--sync", "--json", "--dir", w.dir.toString());
        assertEquals(ExitCode.USAGE, r.code);
        JsonNode doc = Json.MAPPER.readTree(r.out);
        assertEquals(ExitCode.USAGE, doc.path("exit_code").asInt());
        assertTrue(doc.path("error").asText().contains("simkl.access_token"), r.out);
        w.sb.plex.revokeTokens();
        CliRun auth = w.sync("--json");
        assertEquals(ExitCode.AUTH, Json.MAPPER.readTree(auth.out).path("exit_code").asInt());
    }
}
