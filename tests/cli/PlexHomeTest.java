package cli;

import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sandbox.Emulator.Fault;
import sandbox.Title;
import support.CliRun;
import support.Sandbox;
import support.WorldTest;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/** A household: the owner signs in, and the syncs use a Plex Home user's watchlist, never the owner's. */
class PlexHomeTest extends WorldTest {
    static final String PIN = "9731";

    @BeforeEach
    void household() throws Exception {
        w.sb.plex.addHomeUser("Kid", null);
        w.sb.plex.addHomeUser("Teen", PIN);
        w.sb.plex.watchlistAdd(ARRIVAL.plexKey()); // the owner's own list
        w.sb.plex.homeWatchlistAdd("Kid", DUNE.plexKey());
        w.sb.plex.homeWatchlistAdd("Teen", SHOGUN.plexKey());
        w.config("{}");
    }

    /** The CLI with the emulators' URLs and the SIMKL sign-in, but no Plex token: --init-plex gets the owner's. */
    private CliRun.Builder cli() {
        return w.cli().without("PLEX_ACCOUNT_TOKEN");
    }

    /** {@code command}, then {@code more}, then --dir with the test's folder. */
    private String[] args(String command, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(command));
        args.addAll(List.of(more));
        args.addAll(List.of("--dir", w.dir.toString()));
        return args.toArray(String[]::new);
    }

    private CliRun initPlex(String... more) {
        int[] polls = {0};
        return cli().sleeper(d -> {
            if (++polls[0] == 1 && !w.sb.plex.pinCodes().isEmpty()) {
                w.sb.plex.approvePin(w.sb.plex.pinCodes().get(0), Sandbox.PLEX_TOKEN);
            }
        }).run(args("--init-plex", more));
    }

    private CliRun sync(String... more) {
        return cli().run(args("--sync", more));
    }

    private JsonNode plexConfig() throws Exception {
        return Json.MAPPER.readTree(w.dir.resolve("config.json").toFile()).path("plex");
    }

    private static Set<String> names(List<Title> titles) {
        return titles.stream().map(Title::title).collect(Collectors.toSet());
    }

    @Test
    void aManagedUsersWatchlistIsSyncedAndTheOwnersIsLeftAlone() throws Exception {
        CliRun init = initPlex("--home-user", "kid");
        assertEquals(ExitCode.OK, init.code, init.toString());
        assertTrue(init.err.contains("Syncs now use the watchlist of the Plex Home user \"Kid\""), init.err);
        JsonNode plex = plexConfig();
        assertEquals(Sandbox.PLEX_TOKEN, plex.path("account_token").asText(), "the owner's token is kept");
        assertEquals("Kid", plex.path("home_user").asText());
        assertFalse(plex.path("home_user_id").asText().isBlank());
        assertTrue(plex.path("home_pin").isMissingNode());

        w.simklHas(SEVERANCE);
        CliRun r = sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(Set.of("Dune: Part Two", "Severance"), names(w.sb.plex.homeWatchlist("Kid")),
                "SIMKL's title went to Kid's list");
        assertEquals(Set.of("Dune: Part Two", "Severance"), simklPtw(), "Kid's title went to SIMKL");
        assertEquals(Set.of("Arrival"), plexTitles(), "the owner's list is untouched");
        assertEquals(Set.of("Shogun"), names(w.sb.plex.homeWatchlist("Teen")));

        CliRun doctor = cli().run("--doctor", "--dir", w.dir.toString());
        assertTrue(doctor.out.contains("plex home user") && doctor.out.contains("syncs the watchlist of \"Kid\""),
                doctor.out);
    }

    @Test
    void aUserWithAPinNeedsItAtEveryRunAndNeverSeesItPrinted() throws Exception {
        CliRun init = initPlex("--home-user", "Teen", "--home-pin", PIN, "--debug");
        assertEquals(ExitCode.OK, init.code, init.toString());
        assertFalse(init.all().contains(PIN), "the PIN is never printed: " + init);
        assertTrue(init.err.contains("has a PIN, which every sync needs"), init.err);
        assertTrue(plexConfig().path("home_pin").isMissingNode(), "not saved unless asked");

        CliRun noPin = sync();
        assertEquals(ExitCode.AUTH, noPin.code, noPin.toString());
        assertTrue(noPin.err.contains("Could not switch to the Plex Home user \"Teen\""), noPin.err);
        assertTrue(noPin.err.contains("never falls back to the owner's watchlist"), noPin.err);
        assertEquals(0, w.sb.plex.writes() + w.sb.simkl.writes());

        CliRun withEnv = cli().env("PLEX_HOME_PIN", PIN).run("--sync", "--debug", "--dir", w.dir.toString());
        assertEquals(ExitCode.OK, withEnv.code, withEnv.toString());
        assertEquals(Set.of("Shogun"), simklPtw());
        assertFalse(withEnv.all().contains(PIN), withEnv.toString());
        assertTrue(w.sb.plex.requests().stream().filter(l -> l.path().endsWith("/switch")
                && l.query().containsKey("pin"))
                .allMatch(l -> "***".equals(l.query().get("pin"))), "the emulator's log masks it too");

        CliRun saved = initPlex("--home-user", "Teen", "--home-pin", PIN, "--save-home-pin");
        assertEquals(ExitCode.OK, saved.code, saved.toString());
        assertEquals(PIN, plexConfig().path("home_pin").asText());
        assertEquals(ExitCode.OK, sync().code, "a saved PIN serves unattended runs");
    }

    @Test
    void aWrongPinAtSignInSavesNothing() throws Exception {
        CliRun r = initPlex("--home-user", "Teen", "--home-pin", "0000");
        assertEquals(ExitCode.AUTH, r.code, r.toString());
        assertTrue(r.err.contains("refused the switch"), r.err);
        assertTrue(plexConfig().path("home_user").isMissingNode());
    }

    @Test
    void aFailedSwitchStopsTheRunBeforeAnyReadOrWrite() throws Exception {
        assertEquals(ExitCode.OK, initPlex("--home-user", "Kid").code);
        w.simklHas(SEVERANCE);
        w.sb.plex.clearLog();
        w.sb.plex.inject("POST", "/api/home/users/", Fault.status(403), 1);
        CliRun r = sync();
        assertEquals(ExitCode.AUTH, r.code, r.toString());
        assertEquals(0, w.sb.plex.writes() + w.sb.simkl.writes(), "nothing written");
        assertEquals(0, w.sb.plex.count("GET", "/library/sections/watchlist"),
                "no list read, the owner's least of all");
        assertEquals(Set.of("Arrival"), plexTitles());
    }

    @Test
    void withoutANameTheHomeUsersAreListedToPickFrom() throws Exception {
        CliRun r = cli().stdin("2\n" + PIN + "\n").sleeper(d -> {
            if (!w.sb.plex.pinCodes().isEmpty()) w.sb.plex.approvePin(w.sb.plex.pinCodes().get(0), Sandbox.PLEX_TOKEN);
        }).run("--init-plex", "--home-user", "--dir", w.dir.toString());
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(r.err.contains("1. Kid (managed)") && r.err.contains("2. Teen (managed, PIN)"), r.err);
        assertTrue(r.err.contains("PIN of \"Teen\" (not shown)"), r.err);
        assertFalse(r.all().contains(PIN), r.toString());
        assertEquals("Teen", plexConfig().path("home_user").asText());
    }

    @Test
    void anUnknownNameListsTheHome() throws Exception {
        CliRun r = initPlex("--home-user", "Grandma");
        assertEquals(ExitCode.USAGE, r.code, r.toString());
        assertTrue(r.err.contains("No Plex Home user is called \"Grandma\". The Home has: Kid (managed), Teen "
                + "(managed, PIN)."), r.err);
        assertEquals(ExitCode.USAGE, cli().run("--init-plex", "--home-pin", PIN, "--dir", w.dir.toString()).code,
                "--home-pin goes with --home-user");
        assertTrue(Files.exists(w.dir.resolve("config.json")));
    }

    @Test
    void choosingAnotherWatchlistAfterSyncsIsAFirstRunNotRemovals() throws Exception {
        w.simklHas(SEVERANCE);
        assertEquals(ExitCode.OK, initPlex().code);
        assertEquals(ExitCode.OK, sync().code);
        assertEquals(ExitCode.OK, sync().code);
        assertEquals(Set.of("Arrival", "Severance"), plexTitles());
        assertEquals(Set.of("Arrival", "Severance"), simklPtw());
        assertEquals("account:12345", w.state().path("plex_watchlist").path("of").asText());
        assertFalse(w.state().toString().contains(Sandbox.PLEX_TOKEN), "state.json holds a digest, not the token");

        assertEquals(ExitCode.OK, initPlex("--home-user", "Kid").code);
        String said = "this run syncs Kid's watchlist (a Plex Home user). It is a first run for this watchlist: it "
                + "adds only, removes nothing on either side, and takes a new snapshot.";
        CliRun dry = sync("--dry-run");
        assertEquals(ExitCode.OK, dry.code, dry.toString());
        assertTrue(dry.err.contains(said), dry.err);
        CliRun r = sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(r.err.contains(said), r.err);
        assertEquals(Set.of("Arrival", "Severance", "Dune: Part Two"), simklPtw(),
                "the titles missing from Kid's list are not taken as Kid's removals");
        assertEquals(Set.of("Arrival", "Severance", "Dune: Part Two"), names(w.sb.plex.homeWatchlist("Kid")));
        assertEquals(Set.of("Arrival", "Severance"), plexTitles(), "the owner's list is untouched");
        assertTrue(w.state().path("plex_watchlist").path("of").asText().startsWith("home:"), w.state().toString());

        w.sb.plex.homeWatchlistRemove("Kid", DUNE.plexKey());
        CliRun next = sync();
        assertEquals(ExitCode.OK, next.code, next.toString());
        assertFalse(next.err.contains("first run"), next.err);
        assertEquals(Set.of("Arrival", "Severance"), simklPtw(), "Kid's own removal travels, as in any two-way run");
    }

    @Test
    void anotherTokenOfTheSameAccountKeepsTheSnapshot() throws Exception {
        w.simklHas(SEVERANCE);
        assertEquals(ExitCode.OK, initPlex().code);
        assertEquals(ExitCode.OK, sync().code);
        w.sb.plex.clearLog();
        assertEquals(ExitCode.OK, sync().code);
        assertEquals(0, w.sb.plex.count("GET", "/api/v2/user"), "known from state.json while the token is the same");

        String second = "plex-second-sign-in-0123456789";
        w.sb.plex.addToken(second);
        w.sb.plex.watchlistRemove(ARRIVAL.plexKey());
        w.sb.plex.clearLog();
        CliRun r = cli().run("--sync", "--plex-account-token", second, "--dir", w.dir.toString());
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(1, w.sb.plex.count("GET", "/api/v2/user"), "a new token: plex.tv is asked once whose it is");
        assertFalse(r.err.contains("first run"), r.err);
        assertEquals(Set.of("Severance"), simklPtw(), "the same account's removal travels");
    }
}
