package sync;

import cli.ExitCode;
import config.ConfigException;
import config.Config.Side;
import model.MediaType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class StateFileTest {
    @TempDir Path dir;

    @Test
    void missingFileIsAFirstRun() throws Exception {
        State s = StateFile.load(dir.resolve("state.json"));
        assertFalse(s.seeded());
        assertEquals(State.CURRENT_VERSION, s.version());
    }

    @Test
    void saveAndLoadRoundTrip() throws Exception {
        Path f = dir.resolve("state.json");
        State s = State.empty()
                .withSnapshot(new State.Snapshot("2026-11-24T12:00:00Z", List.of(
                        new State.Entry(MediaType.MOVIE, "Arrival", 2016,
                                Map.of("tmdb", "329865", "plex", "5d776b83fb0d55001f56a04b"),
                                true, true))))
                .withUnresolved(List.of(new State.Unresolved(MediaType.SHOW, "Obscure", 1999, Map.of("simkl", "12"),
                        Side.PLEX, "no Plex match", "2026-11-24T12:00:00Z", "2026-11-24T12:00:00Z", 1,
                                "2026-11-25T12:00:00Z")))
                .withPlexWatchlist(State.PlexWatchlist.ofAccount("12345", "Demo", "a-token-0123456789"));
        StateFile.save(f, s);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        String text = Files.readString(f);
        assertTrue(text.contains("\"plex\":\"5d776b83fb0d55001f56a04b\""), text);
        assertTrue(text.contains("\"type\":\"movie\""), text);
        assertTrue(text.contains("\"on_plex\":true"), text);
        assertTrue(text.contains("\"plex_watchlist\":{\"of\":\"account:12345\",\"name\":\"Demo\",\"token_tag\":\""),
                text);
        assertFalse(text.contains("a-token-0123456789"), text);
        State back = StateFile.load(f);
        assertEquals(s, back);
    }

    @Test
    void corruptOrForeignOrFutureStateIsRefusedAndKept() throws Exception {
        Path f = dir.resolve("state.json");
        for (String content : new String[] {"{ \"version\": 1, ", "[1,2]", "{\"snapshot\": {}}", "{\"version\": 99}",
                "{\"version\": 1, \"snapshot\": {\"items\": [{\"type\": \"podcast\"}]}}", "{\"version\": \"1\"}",
                "{\"version\": 1.5}", "{\"version\": 1.0}", "{}", "null", "{\"version\": 0}", "{\"version\": 1, \"version\": 99}",
                "{\"version\": 4294967297}", "{\"unresolved\": [], \"version\": \"1\"}"}) {
            Files.writeString(f, content);
            ConfigException e = assertThrows(ConfigException.class, () -> StateFile.load(f), content);
            assertTrue(e.getMessage().contains("--reset-state"), e.getMessage());
            assertEquals(content, Files.readString(f));
        }
        Files.writeString(f, "{\"version\": 99}");
        assertTrue(assertThrows(ConfigException.class, () -> StateFile.load(f)).getMessage().contains("newer"));
        Files.writeString(f, "{\"version\": \"1\"}");
        assertTrue(assertThrows(ConfigException.class, () -> StateFile.load(f)).getMessage().contains("not a whole "
                + "number"));
        Files.writeString(f, "{\"unresolved\": [], \"plex_pinged_at\": \"2026-11-24T12:00:00Z\", \"version\": 1}");
        assertEquals("2026-11-24T12:00:00Z", StateFile.load(f).plexPingedAt(), "its version need not come first");
    }

    @Test
    void resetStateDeletesTheFile() throws Exception {
        Path f = dir.resolve("state.json");
        StateFile.save(f, State.empty());
        CliRun r = new CliRun.Builder(dir).run("--dir", dir.toString(), "--reset-state");
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertFalse(Files.exists(f));
        assertTrue(r.err.contains("re-seeds"), r.err);
        CliRun again = new CliRun.Builder(dir).run("--dir", dir.toString(), "--reset-state");
        assertEquals(ExitCode.OK, again.code);
        assertTrue(again.err.contains("nothing to delete"), again.err);
    }

    /** A named pipe at {@code at}: whoever opens it to read waits for a writer that never comes. */
    static void namedPipe(Path at) throws Exception {
        Process p = new ProcessBuilder("mkfifo", at.toString()).redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
    }

    @Test
    void aStateFileThatIsNotARegularFileIsRefusedWithoutOpeningItAndLeftAsItIs() throws Exception {
        Path f = dir.resolve("state.json");
        namedPipe(f);
        ConfigException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(ConfigException.class, () -> StateFile.load(f)), "a pipe is never opened");
        assertTrue(e.getMessage().contains("is not a regular file (it is a named pipe")
                && e.getMessage().contains("--reset-state"), e.getMessage());
        assertFalse(Files.isRegularFile(f));
        CliRun reset = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> new CliRun.Builder(dir).run("--dir", dir.toString(), "--reset-state"));
        assertEquals(ExitCode.OK, reset.code, reset.toString());
        assertFalse(StateFile.load(f).seeded(), "the advice works: moved aside, the next run is a first run");

        Files.createDirectory(f);
        assertTrue(assertThrows(ConfigException.class, () -> StateFile.load(f)).getMessage()
                .contains("is not a regular file (it is a folder)"));
    }

    @Test
    void stampsThatAreNotARegularFileAreNeverOpened() throws Exception {
        Path f = dir.resolve("state.json");
        State saved = State.empty().withSimklRequests(new State.Budget("2026-11-24", 3, "America/New_York", null));
        StateFile.save(f, saved);
        namedPipe(dir.resolve("state.run.json"));
        assertEquals(saved, assertTimeoutPreemptively(Duration.ofSeconds(20), () -> StateFile.load(f)),
                "state.json alone");
    }

    @Test
    void resetStateKeepsTheDaysSimklCountBesideItAndTheNextRunIsAFirstRun() throws Exception {
        Path f = dir.resolve("state.json");
        Path stamps = dir.resolve("state.run.json");
        State.Budget early = new State.Budget("2026-11-24", 7, "America/New_York", null);
        State.Budget later = new State.Budget("2026-11-24", 9, "America/New_York", "2026-11-25T05:00:00Z");
        State.Snapshot snap = new State.Snapshot("2026-11-24T12:00:00Z", List.of(
                new State.Entry(MediaType.MOVIE, "Arrival", 2016, Map.of("tmdb", "329865"), true, true)));
        StateFile.save(f, State.empty().withSnapshot(snap).withSimklRequests(early));
        StateFile.Loaded read = StateFile.read(f);
        assertFalse(StateFile.saveChanges(f, read, read.state().withSimklRequests(later)), "a quiet run's count");

        assertNotNull(StateFile.reset(f, Instant.parse("2026-11-24T13:00:00Z")));
        assertFalse(Files.exists(f));
        assertFalse(Files.readString(stamps).contains(read.stateJson()), "the old stamps are gone");
        State after = StateFile.load(f);
        assertFalse(after.seeded(), "a first run: adds only");
        assertEquals(State.empty().withSimklRequests(later), after, "with nothing but the day's count");

        // reset again on a damaged state.json: its count cannot be read, the one beside it stands
        Files.writeString(f, "{\"version\": 1, \"simkl_requests\": {\"day\": \"2026-11-24\", \"co");
        StateFile.reset(f, Instant.parse("2026-11-24T13:01:00Z"));
        assertEquals(later, StateFile.load(f).simklRequests());

        // nothing counted anywhere: no stamps are left behind
        StateFile.save(f, State.empty());
        Files.writeString(stamps, "{\"state_json\": ");
        StateFile.reset(f, Instant.parse("2026-11-24T13:02:00Z"));
        assertFalse(Files.exists(stamps, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aSnapshotOfAnotherWatchlistIsDroppedAndOneOfThisOrOfNoneNamedIsKept() {
        State.Snapshot snap = new State.Snapshot("2026-11-24T12:00:00Z", List.of(
                new State.Entry(MediaType.MOVIE, "Arrival", 2016, Map.of("tmdb", "329865"), true, true)));
        State.PlexWatchlist owner = State.PlexWatchlist.ofAccount("12345", "Demo", "token-a-0123456789");
        State.PlexWatchlist ownerAgain = State.PlexWatchlist.ofAccount("12345", "Demo", "token-b-0123456789");
        State.PlexWatchlist kid = State.PlexWatchlist.ofHomeUser("7001", "Kid");
        State seeded = State.empty().withSnapshot(snap).withPlexWatchlist(owner);

        assertTrue(seeded.forWatchlist(ownerAgain).seeded(), "a new token of the same account: the same list");
        assertEquals(ownerAgain, seeded.forWatchlist(ownerAgain).plexWatchlist(), "the new token's digest kept");
        assertTrue(seeded.snapshotOfAnother(kid));
        State forKid = seeded.forWatchlist(kid);
        assertFalse(forKid.seeded(), "another watchlist: a first run");
        assertEquals(kid, forKid.plexWatchlist());
        assertTrue(State.empty().withSnapshot(snap).forWatchlist(kid).seeded(),
                "a snapshot that names no watchlist (an older state.json) is kept");
        assertNotEquals(State.tag("token-a-0123456789"), State.tag("token-b-0123456789"));
        assertEquals(16, State.tag("token-a-0123456789").length());
        assertEquals("Kid's watchlist (a Plex Home user)", kid.describe());
        assertEquals("Demo's watchlist", owner.describe());
    }

    @Test
    void aSnapshotAndSimklCopyOfAnotherSimklAccountAreDroppedAndThoseOfThisOneKept() throws Exception {
        State.Snapshot snap = new State.Snapshot("2026-11-24T12:00:00Z", List.of(
                new State.Entry(MediaType.MOVIE, "Arrival", 2016, Map.of("tmdb", "329865"), true, true)));
        State.SimklCache copy = new State.SimklCache(Map.of("movies.plantowatch", "2026-11-24T11:00:00Z"), Map.of());
        State.SimklAccount mine = new State.SimklAccount("51", "Demo", State.tag("sign-in-a-0123456789"));
        State.SimklAccount mineAgain = new State.SimklAccount("51", "Demo", State.tag("sign-in-b-0123456789"));
        State.SimklAccount partner = new State.SimklAccount("77", "Partner", State.tag("sign-in-c-0123456789"));
        State seeded = State.empty().withSnapshot(snap).withSimkl(copy).withSimklAccount(mine);

        State again = seeded.forSimklAccount(mineAgain);
        assertTrue(again.seeded() && again.simkl() != null, "a new sign-in to the same account: the same lists");
        assertEquals(mineAgain, again.simklAccount());
        State other = seeded.forSimklAccount(partner);
        assertTrue(seeded.simklOfAnother(partner));
        assertFalse(other.seeded(), "another account: a first run");
        assertNull(other.simkl(), "and its lists are read whole, not as changes to the other account's copy");
        assertEquals(partner, other.simklAccount());
        State unknown = seeded.forSimklAccount(null);
        assertFalse(unknown.seeded() || unknown.simkl() != null || unknown.simklAccount() != null,
                "an account that could not be learnt is trusted with nothing recorded");
        assertTrue(State.empty().withSnapshot(snap).forSimklAccount(partner).seeded(),
                "a snapshot that names no account (an older state.json) is kept");
        assertEquals("Partner (SIMKL account 77)", partner.describe());

        Path file = dir.resolve("state.json");
        StateFile.save(file, seeded);
        assertEquals(mine, StateFile.load(file).simklAccount(), "state.json keeps it");
        assertTrue(Files.readString(file).contains("\"simkl_account\""), Files.readString(file));
    }

    @Test
    void onlyTheStampsOfARunThatChangedNothingElseAreWrittenAndOnlyBesideTheStateJsonItRead() throws Exception {
        Path file = dir.resolve("state.json");
        Path stamps = dir.resolve("state.run.json");
        State.Snapshot snap = new State.Snapshot("2026-11-24T12:00:00Z", List.of(
                new State.Entry(MediaType.MOVIE, "Arrival", 2016, Map.of("tmdb", "329865"), true, true)));
        State saved = State.empty().withSnapshot(snap).withSavedAt("2026-11-24T12:00:00Z")
                .withSimklRequests(new State.Budget("2026-11-24", 3, "America/New_York", null));
        StateFile.save(file, saved);
        String written = Files.readString(file);

        StateFile.Loaded read = StateFile.read(file);
        State later = read.state().withSavedAt("2026-11-24T12:30:00Z")
                .withSnapshot(new State.Snapshot("2026-11-24T12:30:00Z", snap.items()))
                .withSimklRequests(new State.Budget("2026-11-24", 4, "America/New_York", null));
        assertFalse(StateFile.saveChanges(file, read, later), "only the stamps moved");
        assertEquals(written, Files.readString(file));
        assertEquals(later, StateFile.load(file), "read back with its stamps");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stamps)));

        StateFile.Loaded again = StateFile.read(file);
        State moved = again.state().withPlexPingedAt("2026-11-24T13:00:00Z");
        assertTrue(StateFile.saveChanges(file, again, moved), "anything else: state.json whole");
        assertFalse(Files.exists(stamps), "holding the stamps itself");
        assertEquals(moved, StateFile.load(file));

        // state.json written again during the run (an --undo records what it will leave first): never stamped over
        StateFile.Loaded before = StateFile.read(file);
        State midway = before.state().withUndone(snap.items());
        StateFile.save(file, midway);
        State ended = before.state().withSavedAt("2026-11-24T14:00:00Z");
        assertTrue(StateFile.saveChanges(file, before, ended), "not the state.json it read: written whole");
        assertEquals(ended, StateFile.load(file));
    }
}
