package sync;

import cli.ExitCode;
import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import simkl.SimklOAuth;
import support.CliRun;
import support.Sandbox;
import support.WorldTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/**
 * An AUTH V2 app's token runs out after seven days: each run renews it when it must, saves the
 * new one in config.json at once, never prints it, and stops cleanly when SIMKL no longer renews.
 */
class TokenRenewalTest extends WorldTest {
    String access;
    String refresh;
    long expiresAt;
    Path config;

    @BeforeEach
    void signedInWithAV2App() throws Exception {
        w.sb.simkl.authV2();
        String[] t = w.sb.simkl.signedInV2();
        access = t[0];
        refresh = t[1];
        expiresAt = Long.parseLong(t[2]);
        config = w.dir.resolve("config.json");
        Files.createDirectories(w.dir);
        Files.writeString(config, Json.pretty(Json.MAPPER.readTree("{\"simkl\": {\"client_id\": \""
                + Sandbox.SIMKL_CLIENT_ID + "\", \"access_token\": \"" + access + "\", \"refresh_token\": \""
                + refresh + "\", \"token_expires_at\": " + expiresAt + "}, \"mine\": 1}")));
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        w.plexHas(ARRIVAL);
        w.simklHas(DUNE);
    }

    /** A sync with the tokens of config.json (none in the environment). */
    private CliRun sync() {
        return w.cli().without("SIMKL_ACCESS_TOKEN").without("SIMKL_CLIENT_ID").run("--sync", "--dir",
                w.dir.toString());
    }

    private JsonNode saved() throws Exception {
        return Json.MAPPER.readTree(config.toFile()).path("simkl");
    }

    private long refused() {
        return w.sb.simkl.requests().stream().filter(l -> l.status() == 401).count();
    }

    private void assertNoSecretPrinted(CliRun r) throws Exception {
        for (String secret : List.of(access, refresh, saved().path("access_token").asText())) {
            assertFalse(r.all().contains(secret), "printed: " + r);
        }
    }

    @Test
    void aRenewedTokenThatCouldNotBeSavedFailsTheRunAndSaysSo() throws Exception {
        // config.json kept elsewhere behind a link (a dotfile manager): read, but never written through
        Path real = tmp.resolve("dotfiles-config.json");
        Files.move(config, real);
        Files.createSymbolicLink(config, real);
        String before = Files.readString(real);
        w.sb.clock.advance(Duration.ofDays(6).plusHours(1));
        CliRun r = sync();
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertEquals(Set.of("Arrival", "Dune: Part Two"), plexTitles(), "the run itself went on with the new token");
        assertTrue(r.out.contains("Not saved: the renewed SIMKL token, in " + config), r.toString());
        assertTrue(r.all().contains("is a symbolic link"), r.toString());
        assertEquals(before, Files.readString(real), "nothing written through the link");
        assertNoSecretPrinted(r);
    }

    @Test
    void aTokenWithADayLeftIsRenewedBeforeTheRunAndSavedAtOnce() throws Exception {
        w.sb.clock.advance(Duration.ofDays(6).plusHours(1));
        CliRun r = sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(Set.of("Arrival", "Dune: Part Two"), plexTitles());
        assertEquals(1, w.sb.simkl.renewals());
        assertEquals(0, refused(), "renewed before SIMKL could refuse it");
        JsonNode s = saved();
        assertNotEquals(access, s.path("access_token").asText());
        assertEquals(refresh, s.path("refresh_token").asText());
        assertEquals(w.sb.clock.instant().plus(Duration.ofDays(7)).getEpochSecond(),
                s.path("token_expires_at").asLong(), 60);
        assertEquals(1, Json.MAPPER.readTree(config.toFile()).path("mine").asInt(), "the person's keys kept");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
        assertNoSecretPrinted(r);

        CliRun next = sync();
        assertEquals(ExitCode.OK, next.code, next.toString());
        assertEquals(1, w.sb.simkl.renewals(), "the saved token serves the next run");
    }

    @Test
    void aTokenThatRanOutDaysAgoIsRenewedFirst() throws Exception {
        w.sb.clock.advance(Duration.ofDays(30));
        CliRun r = sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(1, w.sb.simkl.renewals());
        assertEquals(0, refused());
    }

    @Test
    void aTokenRenewedElsewhereIsRefusedOnceThenRenewedAndTheRunGoesOn() throws Exception {
        // another machine with the same config.json renewed first: this one's access token died at once
        try (SimklOAuth other = new SimklOAuth(Sandbox.SIMKL_CLIENT_ID, w.sb.endpoints(), w.sb.policy(), "other")) {
            other.refresh(refresh);
        }
        CliRun r = sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(Set.of("Arrival", "Dune: Part Two"), simklPtw(), "the write went through: " + r);
        assertEquals(1, refused(), "one refusal, then the renewed token");
        assertEquals(2, w.sb.simkl.renewals());
        assertNoSecretPrinted(r);
    }

    @Test
    void aRefreshTokenUnusedForHalfAYearStopsTheRunWithTheSignInThatFixesIt() throws Exception {
        String before = Files.readString(config);
        w.sb.clock.advance(Duration.ofDays(181));
        CliRun r = sync();
        assertEquals(ExitCode.AUTH, r.code, r.toString());
        assertTrue(r.err.contains("refresh token") && r.err.contains("--init-simkl pin"), r.err);
        assertEquals(before, Files.readString(config), "config.json untouched");
        assertEquals(0, w.sb.plex.writes() + w.sb.simkl.writes(), "nothing written: " + r);
        assertNoSecretPrinted(r);
    }

    @Test
    void aTokenGivenInTheEnvironmentIsNeitherRenewedNorSaved() throws Exception {
        String before = Files.readString(config);
        w.sb.clock.advance(Duration.ofDays(6).plusHours(1)); // due for renewal, were it config.json's
        CliRun r = w.cli().without("SIMKL_CLIENT_ID").env("SIMKL_ACCESS_TOKEN", access).run("--sync", "--dir",
                w.dir.toString());
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(0, w.sb.simkl.renewals());
        assertEquals(before, Files.readString(config));
    }

    @Test
    void doctorSaysWhichTokenItIsAndUntilWhen() throws Exception {
        CliRun r = w.cli().without("SIMKL_ACCESS_TOKEN").without("SIMKL_CLIENT_ID").run("--doctor", "--dir",
                w.dir.toString());
        assertTrue(r.out.contains("AUTH V2 token, good until"), r.out);
        assertNoSecretPrinted(r);
    }
}
