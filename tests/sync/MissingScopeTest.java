package sync;

import cli.ExitCode;
import files.Json;
import org.junit.jupiter.api.Test;
import support.CliRun;
import support.Sandbox;
import support.WorldTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/**
 * An AUTH V2 sign-in granted only reading (media:read) is refused its writes with 403
 * insufficient_scope, after SIMKL has accepted its reads: a sign-in to redo (exit 3, the
 * --init-simkl hint), not a request limit, and nothing more is written.
 */
class MissingScopeTest extends WorldTest {
    @Test
    void aReadOnlyGrantRefusedAWriteIsASignInToRedoNotALimit() throws Exception {
        w.sb.simkl.authV2();
        String[] t = w.sb.simkl.signedInV2("media:read");
        Path config = w.dir.resolve("config.json");
        Files.createDirectories(w.dir);
        Files.writeString(config, Json.pretty(Json.MAPPER.readTree("{\"simkl\": {\"client_id\": \""
                + Sandbox.SIMKL_CLIENT_ID + "\", \"access_token\": \"" + t[0] + "\", \"refresh_token\": \""
                + t[1] + "\", \"token_expires_at\": " + t[2] + "}}")));
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        w.plexHas(ARRIVAL);
        w.simklHas(DUNE);
        CliRun r = w.cli().without("SIMKL_ACCESS_TOKEN").without("SIMKL_CLIENT_ID").run("--sync", "--dir",
                w.dir.toString());
        assertEquals(ExitCode.AUTH, r.code, r.toString());
        assertTrue(r.err.contains("insufficient_scope") && r.err.contains("--init-simkl pin again"), r.err);
        assertFalse(r.all().contains("request limits"), r.all());
        assertEquals(1, w.sb.simkl.count(l -> l.status() == 403), "the refused write is not sent again");
        assertFalse(simklPtw().contains("Arrival"));
    }
}
