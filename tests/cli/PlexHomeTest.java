package cli;

import com.fasterxml.jackson.databind.JsonNode;
import config.ConfigFile;
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
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/** A household: the owner signs in, and the syncs use a Plex Home user's watchlist, never the owner's. */
class PlexHomeTest extends WorldTest {
    static final String PIN = "9731";

    @BeforeEach
    void household() throws Exception {
        w.sb.plex.addManagedUser("Kid", null);
        w.sb.plex.managedWatchlist("Kid", true); // Plex gives managed users none unless it is turned on
        w.sb.plex.addHomeUser("Teen", PIN);
        w.sb.plex.addManagedUser("Tot", null);
        w.sb.plex.watchlistAdd(ARRIVAL.plexKey()); // the owner's own list
        w.sb.plex.homeWatchlistAdd("Kid", DUNE.plexKey());
        w.sb.plex.homeWatchlistAdd("Teen", SHOGUN.plexKey());
        w.config("{}");
    }

    /**
     * Whether the PIN stands in {@code r}'s output as a word of its own: its four digits may occur by
     * chance inside what is random from run to run (a temporary folder's name, a port, the Plex client
     * id derived from the folder), which says nothing of a leak.
     */
    private boolean showsPin(CliRun r) {
        String out = r.all().replace(ConfigFile.derivedClientIdentifier(w.dir), "<client id>");
        return Pattern.compile("(?<![0-9A-Za-z])" + PIN + "(?![0-9A-Za-z])").matcher(out).find();
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
            if (++polls[0] == 1) {
                for (String code : w.sb.plex.pinCodes()) w.sb.plex.approvePin(code, Sandbox.PLEX_TOKEN);
            }
        }).run(args("--init-plex", more));
    }

    private CliRun sync(String... more) {
        return cli().run(args("--sync", more));
    }

    private JsonNode plexConfig() throws Exception {
        return Json.MAPPER.readTree(w.dir.resolve("config.json").toFile()).path("plex");
    }

    /** The digest of the kept Home user's token in state.json, and which user it stands for. */
    private JsonNode keptDigest() throws Exception {
        return w.state().path("plex_home_token");
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
    void whatTheHomeUserPlayedIsAskedWithThatUsersToken() throws Exception {
        assertEquals(ExitCode.OK, initPlex("--home-user", "kid").code);
        CliRun first = sync();
        assertEquals(ExitCode.OK, first.code, first.toString());
        assertEquals(Set.of("Dune: Part Two"), simklPtw());
        w.sb.plex.homePlayed("Kid", DUNE.plexKey(), java.time.Instant.parse("2026-11-30T18:00:00Z"));
        CliRun r = sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals("completed", w.sb.simkl.entry(DUNE.simkl()).status, "the Kid's play counts: " + r);
        assertEquals("2026-11-30T18:00:00Z", w.sb.simkl.entry(DUNE.simkl()).lastWatchedAt);
        // the emulator keeps plays per account: only the Kid's token hears of this one
        assertEquals(1, w.sb.plex.count("GET", "/library/metadata/" + DUNE.plexKey() + "/userState"));
    }

    @Test
    void aUserWithAPinNeedsItOnlyWhenASyncSwitchesAgainAndNeverSeesItPrinted() throws Exception {
        CliRun init = initPlex("--home-user", "Teen", "--home-pin", PIN, "--debug");
        assertEquals(ExitCode.OK, init.code, init.toString());
        assertFalse(showsPin(init), "the PIN is never printed: " + init);
        assertTrue(init.err.contains("has a PIN, which a sync needs whenever it switches to the user again"),
                init.err);
        assertTrue(plexConfig().path("home_pin").isMissingNode(), "not saved unless asked");

        CliRun kept = sync();
        assertEquals(ExitCode.OK, kept.code, "the kept token needs no PIN: " + kept);
        assertEquals(Set.of("Shogun"), simklPtw());

        w.sb.plex.revokeHomeTokens("Teen");
        w.sb.plex.clearLog();
        w.sb.simkl.clearLog();
        CliRun noPin = sync();
        assertEquals(ExitCode.AUTH, noPin.code, noPin.toString());
        assertTrue(noPin.err.contains("Plex refused the kept token of the Plex Home user \"Teen\""), noPin.err);
        assertTrue(noPin.err.contains("Could not switch to the Plex Home user \"Teen\""), noPin.err);
        assertTrue(noPin.err.contains("never falls back to the owner's watchlist"), noPin.err);
        assertEquals(0, w.sb.plex.writes() + w.sb.simkl.writes());
        assertEquals(1, w.sb.plex.count("GET", "/library/sections/watchlist"),
                "one read, the refused one: the owner's list is never read in its place");

        CliRun withEnv = cli().env("PLEX_HOME_PIN", PIN).run("--sync", "--debug", "--dir", w.dir.toString());
        assertEquals(ExitCode.OK, withEnv.code, withEnv.toString());
        assertFalse(showsPin(withEnv), withEnv.toString());
        assertTrue(w.sb.plex.requests().stream().filter(l -> l.path().endsWith("/switch")
                && l.query().containsKey("pin"))
                .allMatch(l -> "***".equals(l.query().get("pin"))), "the emulator's log masks it too");

        w.sb.clock.advance(java.time.Duration.ofHours(1)); // plex.tv answers a few switches an hour
        CliRun saved = initPlex("--home-user", "Teen", "--home-pin", PIN, "--save-home-pin");
        assertEquals(ExitCode.OK, saved.code, saved.toString());
        assertEquals(PIN, plexConfig().path("home_pin").asText());
        w.sb.plex.revokeHomeTokens("Teen");
        assertEquals(ExitCode.OK, sync().code, "a saved PIN serves the switch of unattended runs");
    }

    @Test
    void theSwitchedTokenIsKeptAndUsedUntilPlexRefusesIt() throws Exception {
        CliRun init = initPlex("--home-user", "Kid", "--debug");
        assertEquals(ExitCode.OK, init.code, init.toString());
        assertEquals(1, w.sb.plex.homeSwitches());
        String token = plexConfig().path("home_user_token").asText();
        assertTrue(w.sb.plex.isHomeToken("Kid", token), "config.json keeps the token the switch answered");
        assertFalse(init.all().contains(token), "never printed: " + init);
        assertEquals(plexConfig().path("home_user_id").asText(), keptDigest().path("user_id").asText());
        assertEquals(sync.State.tag(token), keptDigest().path("token_tag").asText());
        assertFalse(w.state().toString().contains(token), "state.json holds a digest, not the token");
        assertTrue(init.err.contains("Its token is kept and used until Plex refuses it"), init.err);

        w.simklHas(SEVERANCE);
        for (int run = 1; run <= 4; run++) {
            CliRun r = sync("--debug");
            assertEquals(ExitCode.OK, r.code, "run " + run + ": " + r);
            assertFalse(r.all().contains(token), r.toString());
        }
        assertEquals(1, w.sb.plex.homeSwitches(), "no run switched: switching on every run meets plex.tv's 429");
        assertEquals(Set.of("Dune: Part Two", "Severance"), names(w.sb.plex.homeWatchlist("Kid")));

        w.sb.plex.revokeHomeTokens("Kid");
        w.sb.plex.homeWatchlistAdd("Kid", ARRIVAL.plexKey());
        CliRun refused = sync("--debug");
        assertEquals(ExitCode.OK, refused.code, refused.toString());
        assertTrue(refused.err.contains("Plex refused the kept token of the Plex Home user \"Kid\" (HTTP 401); "
                + "switching to the user again."), refused.err);
        assertEquals(2, w.sb.plex.homeSwitches(), "one switch, then the retry");
        String renewed = plexConfig().path("home_user_token").asText();
        assertNotEquals(token, renewed);
        assertTrue(w.sb.plex.isHomeToken("Kid", renewed));
        assertFalse(refused.all().contains(renewed), refused.toString());
        assertEquals(sync.State.tag(renewed), keptDigest().path("token_tag").asText());
        assertTrue(simklPtw().contains("Arrival"), "the run went on with the new token");

        assertEquals(ExitCode.OK, sync().code);
        assertEquals(2, w.sb.plex.homeSwitches(), "the renewed token serves the next runs");
        assertEquals(Set.of("Arrival"), plexTitles(), "the owner's list is untouched");
    }

    @Test
    void aKeptTokenServesOnlyTheHomeUserItWasSwitchedTo() throws Exception {
        assertEquals(ExitCode.OK, initPlex("--home-user", "Kid").code);
        String kids = plexConfig().path("home_user_token").asText();
        // config.json pointed at Teen by hand, Kid's token left in it
        String teenId = String.valueOf(Integer.parseInt(plexConfig().path("home_user_id").asText()) + 1);
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                Json.MAPPER.readTree(w.dir.resolve("config.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("plex")).put("home_user", "Teen")
                .put("home_user_id", teenId);
        Files.writeString(w.dir.resolve("config.json"), Json.pretty(tree));

        CliRun r = cli().env("PLEX_HOME_PIN", PIN).run("--sync", "--dir", w.dir.toString());
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertEquals(2, w.sb.plex.homeSwitches(), "Kid's token is not Teen's: the run switched");
        assertEquals(Set.of("Shogun"), simklPtw(), "Teen's list was synced");
        assertEquals(Set.of("Dune: Part Two"), names(w.sb.plex.homeWatchlist("Kid")), "Kid's list is untouched");
        String teens = plexConfig().path("home_user_token").asText();
        assertTrue(w.sb.plex.isHomeToken("Teen", teens), "Teen's token is kept now");
        assertNotEquals(kids, teens);
        assertEquals(teenId, keptDigest().path("user_id").asText());
    }

    @Test
    void tooManySwitchesStopTheRunWithoutReadingAList() throws Exception {
        w.sb.plex.switchesPerHour(1);
        assertEquals(ExitCode.OK, initPlex("--home-user", "Kid").code);
        w.simklHas(SEVERANCE);
        w.sb.plex.revokeHomeTokens("Kid");
        w.sb.plex.clearLog();
        CliRun r = sync();
        assertEquals(ExitCode.PARTIAL, r.code, r.toString());
        assertTrue(r.err.contains("too many switches (HTTP 429)") && r.err.contains("wait an hour"), r.err);
        assertEquals(0, w.sb.plex.writes() + w.sb.simkl.writes(), "nothing written");
        assertEquals(1, w.sb.plex.count("GET", "/library/sections/watchlist"), "only the refused kept token's read");
        assertEquals(1, w.sb.plex.homeSwitches(), "the limited switch is not sent again in the run");
    }

    @Test
    void aManagedUserWithoutAWatchlistIsRefusedAtSignInAndNothingIsSaved() throws Exception {
        CliRun r = initPlex("--home-user", "Tot");
        assertNotEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(r.err.contains("Plex does not give the managed user \"Tot\" a watchlist"), r.err);
        assertTrue(r.err.contains("a Plex account of their own in your Plex Home"), r.err);
        assertTrue(r.err.contains("Nothing was saved."), r.err);
        assertTrue(plexConfig().path("home_user").isMissingNode(), "nothing saved");
        assertTrue(plexConfig().path("home_user_token").isMissingNode());
        assertFalse(w.hasState());
    }

    @Test
    void aWatchlistThatPlexStopsGivingStopsTheSync() throws Exception {
        assertEquals(ExitCode.OK, initPlex("--home-user", "Kid").code);
        w.simklHas(SEVERANCE);
        assertEquals(ExitCode.OK, sync().code);
        w.sb.plex.managedWatchlist("Kid", false);
        w.sb.plex.clearLog();
        w.sb.simkl.clearLog();
        CliRun r = sync();
        assertEquals(ExitCode.AUTH, r.code, r.toString());
        assertTrue(r.err.contains("Plex does not give the Plex Home user \"Kid\" a watchlist: it refused to read "
                + "it (HTTP 403) right after the switch."), r.err);
        assertTrue(r.err.contains("--init-plex --owner-watchlist"), r.err);
        assertEquals(0, w.sb.plex.writes() + w.sb.simkl.writes(), "nothing written");
        assertEquals(2, w.sb.plex.count("GET", "/library/sections/watchlist"),
                "the kept token's read and the new one's, both refused; the owner's list is not read");
        assertEquals(Set.of("Arrival"), plexTitles());
    }

    @Test
    void ownerWatchlistTakesTheFolderBackToTheOwnersList() throws Exception {
        assertEquals(ExitCode.OK, initPlex("--home-user", "Kid").code);
        assertEquals(ExitCode.OK, sync().code);
        CliRun plain = initPlex();
        assertEquals(ExitCode.OK, plain.code, plain.toString());
        assertTrue(plain.err.contains("Syncs still use the watchlist of the Plex Home user \"Kid\"")
                && plain.err.contains("--init-plex --owner-watchlist"), plain.err);
        assertEquals("Kid", plexConfig().path("home_user").asText(), "a new owner sign-in alone keeps the choice");

        int pins = w.sb.plex.pinCodes().size();
        CliRun back = cli().run(args("--init-plex", "--owner-watchlist"));
        assertEquals(ExitCode.OK, back.code, back.toString());
        assertEquals(pins, w.sb.plex.pinCodes().size(), "the owner's saved token served: no new sign-in");
        assertTrue(back.err.contains("Syncs now use the owner's own Plex watchlist instead of the Plex Home user "
                + "\"Kid\"'s"), back.err);
        JsonNode plex = plexConfig();
        for (String key : List.of("home_user", "home_user_id", "home_pin", "home_user_token")) {
            assertTrue(plex.path(key).isMissingNode(), key + ": " + plex);
        }
        assertEquals(Sandbox.PLEX_TOKEN, plex.path("account_token").asText());
        assertTrue(keptDigest().isMissingNode() || keptDigest().isNull(), w.state().toString());

        w.simklHas(SEVERANCE);
        CliRun r = sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(r.err.contains("It is a first run for this watchlist"), r.err);
        assertTrue(plexTitles().contains("Severance"), "the owner's list is synced again");
        assertEquals(Set.of("Dune: Part Two"), names(w.sb.plex.homeWatchlist("Kid")), "Kid's is left alone");
        assertEquals(ExitCode.USAGE, cli().run(args("--init-plex", "--owner-watchlist", "--home-user", "Kid")).code);
    }

    @Test
    void aWrongPinAtSignInSavesNothingAndSaysSoAsASignIn() throws Exception {
        CliRun r = initPlex("--home-user", "Teen", "--home-pin", "0000");
        assertEquals(ExitCode.AUTH, r.code, r.toString());
        assertTrue(r.err.contains("plex.tv did not accept the PIN of the Plex Home user \"Teen\" (HTTP 401). Nothing "
                + "was saved. Run plex_simkl_sync --dir " + w.dir + " --init-plex --home-user \"Teen\" again with "
                + "that user's PIN"), r.err);
        assertFalse(r.err.contains("The sync never falls back") || r.err.contains("PLEX_HOME_PIN"),
                "a sign-in's words, not a sync's: " + r.err);
        assertTrue(plexConfig().path("home_user").isMissingNode());
    }

    @Test
    void aFailedSwitchStopsTheRunBeforeAnyReadOrWrite() throws Exception {
        assertEquals(ExitCode.OK, initPlex("--home-user", "Kid").code);
        w.simklHas(SEVERANCE);
        w.sb.plex.revokeHomeTokens("Kid");
        w.sb.plex.clearLog();
        w.sb.plex.inject("POST", "/api/home/users/", Fault.status(403), 1);
        CliRun r = sync();
        assertEquals(ExitCode.AUTH, r.code, r.toString());
        assertEquals(0, w.sb.plex.writes() + w.sb.simkl.writes(), "nothing written");
        assertEquals(1, w.sb.plex.count("GET", "/library/sections/watchlist"),
                "only the refused kept token's read: no list read, the owner's least of all");
        assertEquals(Set.of("Arrival"), plexTitles());
    }

    @Test
    void withoutANameTheHomeUsersAreListedToPickFrom() throws Exception {
        CliRun r = cli().stdin("2\n" + PIN + "\n").sleeper(d -> {
            if (!w.sb.plex.pinCodes().isEmpty()) w.sb.plex.approvePin(w.sb.plex.pinCodes().get(0), Sandbox.PLEX_TOKEN);
        }).run("--init-plex", "--home-user", "--dir", w.dir.toString());
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(r.err.contains("1. Kid (managed)") && r.err.contains("2. Teen (PIN)")
                && r.err.contains("3. Tot (managed)"), r.err);
        assertTrue(r.err.contains("PIN of \"Teen\" (not shown)"), r.err);
        assertFalse(showsPin(r), r.toString());
        assertEquals("Teen", plexConfig().path("home_user").asText());
    }

    @Test
    void anUnknownNameListsTheHome() throws Exception {
        CliRun r = initPlex("--home-user", "Grandma");
        assertEquals(ExitCode.USAGE, r.code, r.toString());
        assertTrue(r.err.contains("No Plex Home user is called \"Grandma\". The Home has: Kid (managed), Teen "
                + "(PIN), Tot (managed)."), r.err);
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
