package cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sandbox.Catalogue;
import sandbox.Emulator.Fault;
import sandbox.SimklEmulator;
import support.CliRun;
import support.Sandbox;
import support.WorldTest;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/**
 * A folder whose snapshot was taken with one SIMKL account, synced after a sign-in to another: the
 * titles that account lacks are not the person's removals. Another account is another emulator
 * (its own library), signed in with the same app.
 */
class SimklAccountTest extends WorldTest {
    static final String PARTNER_TOKEN = "simkl-partner-token-0123456789";
    SimklEmulator partner;

    @BeforeEach
    void twoAccounts() throws Exception {
        partner = new SimklEmulator(Sandbox.SIMKL_CLIENT_ID, Sandbox.SIMKL_SECRET, PARTNER_TOKEN);
        partner.clock(w.sb.clock);
        partner.addTitles(Catalogue.demo());
        partner.account(77, "Partner");
        w.config("{}");
        w.plexHas(ARRIVAL);
        w.simklHas(SEVERANCE);
        CliRun first = w.sync();
        assertEquals(ExitCode.OK, first.code, first.toString());
        assertEquals(Set.of("Arrival", "Severance"), plexTitles());
        assertEquals(Set.of("Arrival", "Severance"), simklPtw());
    }

    @AfterEach
    void closePartner() {
        partner.close();
    }

    private CliRun syncAsPartner() {
        return w.cli().env("PLEX_SIMKL_SYNC_SIMKL_API_URL", partner.url())
                .env("PLEX_SIMKL_SYNC_SIMKL_WEB_URL", partner.url()).env("SIMKL_ACCESS_TOKEN", PARTNER_TOKEN)
                .run("--sync", "--dir", w.dir.toString());
    }

    private Set<String> partnerPtw() {
        return partner.inStatus("plantowatch").stream().map(sandbox.Title::title)
                .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void theAccountIsRecordedOnceAndAskedAgainOnlyAfterANewSignIn() throws Exception {
        assertEquals("51", w.state().path("simkl_account").path("id").asText(), w.state().toString());
        assertEquals("Demo", w.state().path("simkl_account").path("name").asText());
        assertFalse(w.state().toString().contains(Sandbox.SIMKL_TOKEN), "a digest of the sign-in, not the token");
        assertEquals(1, w.sb.simkl.count("POST", "/users/settings"));
        w.sb.simkl.clearLog();
        assertEquals(ExitCode.OK, w.sync().code);
        assertEquals(0, w.sb.simkl.count("POST", "/users/settings"), "known from state.json while the sign-in is");
    }

    @Test
    void doctorSaysWhoseListsTheSnapshotIsOfAndWhenTheSignInIsNew() throws Exception {
        CliRun same = w.cli().run("--doctor", "--dir", w.dir.toString());
        assertTrue(same.out.contains("watchlist and the SIMKL lists of Demo (SIMKL account 51)"), same.out);
        assertFalse(same.out.contains("sign-in is new"), same.out);
        w.sb.simkl.clearLog();
        CliRun other = w.cli().env("SIMKL_ACCESS_TOKEN", "simkl-second-sign-in-0123456789")
                .run("--doctor", "--dir", w.dir.toString());
        assertTrue(other.out.contains("the SIMKL lists of Demo (SIMKL account 51); the SIMKL sign-in is new since: "
                + "the next sync asks SIMKL whose it is"), other.out);
        assertEquals(0, w.sb.simkl.count("POST", "/users/settings"), "--doctor only compares, it does not ask");
    }

    @Test
    void anotherAccountIsAFirstRunNotRemovals() throws Exception {
        partner.put(DUNE.simkl(), "plantowatch");
        CliRun r = syncAsPartner();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(r.err.contains("state.json's snapshot is of the SIMKL lists of Demo (SIMKL account 51); this run "
                + "syncs Partner (SIMKL account 77). It is a first run"), r.err);
        assertEquals(Set.of("Arrival", "Severance", "Dune: Part Two"), plexTitles(),
                "the titles Partner's lists lack are not taken as removed on SIMKL");
        assertEquals(Set.of("Arrival", "Severance", "Dune: Part Two"), partnerPtw());
        assertEquals(Set.of("Arrival", "Severance"), simklPtw(), "the first account is not touched");
        assertEquals("77", w.state().path("simkl_account").path("id").asText());

        partner.delete(DUNE.simkl());
        CliRun next = syncAsPartner();
        assertEquals(ExitCode.OK, next.code, next.toString());
        assertFalse(next.err.contains("first run"), next.err);
        assertEquals(Set.of("Arrival", "Severance"), plexTitles(), "Partner's own removal travels, as in any run");
    }

    @Test
    void aNewSignInToTheSameAccountKeepsTheSnapshot() throws Exception {
        String again = "simkl-second-sign-in-0123456789";
        w.sb.simkl.addToken(again);
        w.sb.simkl.delete(SEVERANCE.simkl());
        w.sb.simkl.clearLog();
        CliRun r = w.cli().env("SIMKL_ACCESS_TOKEN", again).run("--sync", "--dir", w.dir.toString());
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(1, w.sb.simkl.count("POST", "/users/settings"), "a new sign-in: SIMKL is asked once whose it is");
        assertFalse(r.err.contains("first run"), r.err);
        assertEquals(Set.of("Arrival"), plexTitles(), "the same account's removal travels");
    }

    @Test
    void whenSimklCannotSayForAWhileTheRunStopsBeforeAnyWrite() throws Exception {
        partner.inject("POST", "/users/settings", new Fault.Status(503, null), 10);
        w.sb.plex.clearLog();
        w.sb.simkl.clearLog();
        CliRun r = syncAsPartner();
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertEquals(0, partner.writes() + w.sb.plex.writes() + w.sb.simkl.writes(), r.toString());
        assertEquals(Set.of("Arrival", "Severance"), plexTitles());
        assertEquals("51", w.state().path("simkl_account").path("id").asText(), "state.json is left as it was");
    }

    @Test
    void whenTheRouteIsRefusedTheAccountIsUnknownAndTheRunAddsOnly() throws Exception {
        partner.inject("POST", "/users/settings", new Fault.Status(404, null), 10);
        CliRun r = syncAsPartner();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(r.err.contains("Could not learn which SIMKL account the new sign-in is"), r.err);
        assertEquals(Set.of("Arrival", "Severance"), plexTitles(), "nothing removed from Plex");
        assertEquals(Set.of("Arrival", "Severance"), partnerPtw());
        assertTrue(w.state().path("simkl_account").isMissingNode() || w.state().path("simkl_account").isNull(),
                "not recorded: the next run asks again " + w.state());
    }
}
