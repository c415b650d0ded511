package http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * simkl_pace.json: the pace of SIMKL's requests kept across the processes of one config folder.
 * Each Pacer here stands for a command of its own; none sleeps for real.
 */
class PaceFileTest {
    static final Instant T = Instant.parse("2026-11-24T12:00:00Z");
    static final Clock AT_T = Clock.fixed(T, ZoneOffset.UTC);

    @TempDir Path dir;
    final List<Duration> slept = Collections.synchronizedList(new ArrayList<>());
    final List<String> debug = Collections.synchronizedList(new ArrayList<>());

    private Path file() {
        return dir.resolve("simkl_pace.json");
    }

    /** A new command's pacer on the folder's file, at {@code clock}. */
    private Pacer command(Clock clock) {
        return new Pacer(clock, slept::add, 10, Duration.ofSeconds(1), new PaceFile(file(), debug::add));
    }

    @Test
    void aCommandRightAfterAnotherWaitsOutTheSecondBeforeItsPost() throws Exception {
        command(AT_T).await("POST");
        assertTrue(slept.isEmpty());
        command(AT_T).await("POST");
        assertEquals(List.of(Duration.ofSeconds(1)), slept, "the second command's POST waits for the first's");
        command(Clock.fixed(T.plusSeconds(30), ZoneOffset.UTC)).await("POST");
        assertEquals(List.of(Duration.ofSeconds(1)), slept, "half a minute later there is nothing to wait for");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
    }

    @Test
    void twoCommandsAtOnceAreGivenSlotsASecondApartAndGetsTenASecond() {
        Pacer a = command(AT_T);
        Pacer b = command(AT_T);
        a.await("POST");
        b.await("POST");
        a.await("POST");
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), slept, "a's second POST comes after b's");
        slept.clear();
        Pacer c = command(Clock.fixed(T.plusSeconds(60), ZoneOffset.UTC));
        Pacer d = command(Clock.fixed(T.plusSeconds(60), ZoneOffset.UTC));
        for (int i = 0; i < 5; i++) c.await("GET");
        for (int i = 0; i < 5; i++) d.await("GET");
        assertTrue(slept.isEmpty(), slept.toString());
        c.await("GET");
        assertEquals(List.of(Duration.ofSeconds(1)), slept, "the 11th GET of the two waits for the window");
    }

    @Test
    void aDamagedFileCountsAsEmptyAndIsWrittenAnew() throws Exception {
        Files.writeString(file(), "{\"last_post\": \"2026-11-24T12:00:00Z\", \"gets\": [tru");
        command(AT_T).await("POST");
        assertTrue(slept.isEmpty());
        assertEquals(T.toString(), files.Json.MAPPER.readTree(file().toFile()).path("last_post").asText());
        Files.writeString(file(), "[\"not\", \"an object\"]");
        command(Clock.fixed(T.plusSeconds(10), ZoneOffset.UTC)).await("POST");
        Files.writeString(file(), "{\"last_post\": 17, \"gets\": [\"yesterday\", null], "
                + "\"post_refused_at\": \"soon\"}");
        command(Clock.fixed(T.plusSeconds(20), ZoneOffset.UTC)).await("GET");
        assertNull(PaceFile.refusedAt(file()));
        assertTrue(slept.isEmpty(), slept.toString());
        assertTrue(debug.isEmpty(), "a damaged file is not worth a word: " + debug);
    }

    @Test
    void aTimeFarAheadIsAClockSetBackAndCountsAsNever() throws Exception {
        Files.writeString(file(), "{\"last_post\": \"" + T.plus(Duration.ofHours(3)) + "\"}");
        command(AT_T).await("POST");
        assertTrue(slept.isEmpty(), "hours ahead: not waited for " + slept);
        Files.writeString(file(), "{\"last_post\": \"" + T.plusSeconds(3) + "\"}");
        command(AT_T).await("POST");
        assertEquals(List.of(Duration.ofSeconds(4)), slept, "a few seconds ahead: a slot another command holds");
    }

    @Test
    void aLinkInItsPlaceIsNeverWrittenThroughAndThePaceIsThisCommandsAlone() throws Exception {
        Path elsewhere = Files.writeString(dir.resolve("elsewhere.txt"), "someone's file");
        Files.createSymbolicLink(file(), elsewhere);
        Pacer p = command(AT_T);
        p.await("POST");
        p.await("POST");
        assertEquals(List.of(Duration.ofSeconds(1)), slept, "still paced within the command");
        assertEquals("someone's file", Files.readString(elsewhere));
        assertTrue(Files.isSymbolicLink(file()));
        assertEquals(1, debug.size(), debug.toString());
        assertTrue(debug.get(0).contains("simkl_pace.json") && debug.get(0).contains("symbolic link"), debug.get(0));
        assertNull(PaceFile.refusedAt(file()));
    }

    @Test
    void aHardLinkInItsPlaceIsNeverRewrittenAndThePaceIsThisCommandsAlone() throws Exception {
        String token = "{\"simkl\": {\"access_token\": \"x\"}}";
        Path config = Files.writeString(dir.resolve("config.json"), token);
        Files.createLink(file(), config);
        Pacer p = command(AT_T);
        p.await("POST");
        p.await("POST");
        assertEquals(token, Files.readString(config), "config.json is not rewritten through its other name");
        assertEquals(List.of(Duration.ofSeconds(1)), slept, "still paced within the command");
        assertEquals(1, debug.size(), debug.toString());
        assertTrue(debug.get(0).contains("simkl_pace.json") && debug.get(0).contains("hard link"), debug.get(0));
    }

    /** Takes the lock on {@code args[0]} and holds it until its input ends: a command stopped midway. */
    public static final class Holder {
        public static void main(String[] args) throws IOException {
            try (FileChannel ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE);
                 FileLock lock = ch.lock()) {
                System.out.println("locked");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // held until the test ends this process
                }
            }
        }
    }

    @Test
    void aLockHeldByAStoppedCommandIsWaitedForBrieflyThenThePaceIsThisCommandsAlone() throws Exception {
        String stopped = "{\"last_post\": \"" + T + "\"}";
        Files.writeString(file(), stopped);
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Holder.class.getName(), file().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream()));
            assertEquals("locked", assertTimeoutPreemptively(Duration.ofSeconds(60), out::readLine));
            List<Duration> lockWaits = Collections.synchronizedList(new ArrayList<>());
            Pacer p = new Pacer(AT_T, slept::add, 10, Duration.ofSeconds(1),
                    new PaceFile(file(), debug::add, lockWaits::add));
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> p.await("POST"), "the lock is waited for");
            Duration waited = lockWaits.stream().reduce(Duration.ZERO, Duration::plus);
            assertTrue(waited.compareTo(PaceFile.LOCK_WAIT) >= 0
                    && waited.compareTo(PaceFile.LOCK_WAIT.plusMillis(100)) <= 0, "a bounded wait: " + waited);
            assertTrue(slept.isEmpty(), "the stopped command's POST is not known here: " + slept);
            int tries = lockWaits.size();
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                p.await("POST");
                p.await("GET");
            });
            assertEquals(tries, lockWaits.size(), "the lock is not waited for again by this command");
            assertEquals(List.of(Duration.ofSeconds(1)), slept, "still paced within the command");
            assertEquals(1, debug.size(), debug.toString());
            assertTrue(debug.get(0).contains("simkl_pace.json") && debug.get(0).contains("lock"), debug.get(0));
            assertEquals(stopped, Files.readString(file()), "nothing written without the lock");
        } finally {
            holder.destroy();
            assertTrue(holder.waitFor(60, TimeUnit.SECONDS));
        }
        slept.clear();
        command(AT_T).await("POST");
        assertEquals(List.of(Duration.ofSeconds(1)), slept, "its holder gone, the file is shared again");
    }

    @Test
    void noFolderYetMeansNothingWritten() {
        Path none = dir.resolve("not-made");
        Pacer p = new Pacer(AT_T, slept::add, 10, Duration.ofSeconds(1),
                new PaceFile(none.resolve("simkl_pace.json"), debug::add));
        p.await("POST");
        p.await("POST");
        assertEquals(List.of(Duration.ofSeconds(1)), slept);
        assertFalse(Files.exists(none));
    }

    @Test
    void aPostRefusedForPaceIsRecordedUntilOneIsAccepted() {
        Pacer p = command(AT_T);
        Request settings = Request.postRead("/users/settings", Map.of());
        p.answered(Request.get("/sync/activities"), answer(429, "rate_limit"));
        assertNull(PaceFile.refusedAt(file()), "a GET refused is not about the POST block");
        p.answered(settings, answer(429, "user_limit_exceeded"));
        assertNull(PaceFile.refusedAt(file()), "the day's quota is not pace");
        p.answered(settings, answer(429, "rate_limit"));
        assertEquals(T, PaceFile.refusedAt(file()));
        p.answered(settings, answer(500, null));
        assertEquals(T, PaceFile.refusedAt(file()), "an error says nothing of the block");
        p.answered(settings, answer(200, null));
        assertNull(PaceFile.refusedAt(file()), "an accepted POST: the block is over");
    }

    private static Response answer(int status, String error) {
        String body = error == null ? "{}" : "{\"error\":\"" + error + "\",\"code\":" + status + "}";
        return new Response(Service.SIMKL, status, body, Map.of());
    }

    /** Reserves {@code args[2]} GET slots from {@code args[1]} on the file {@code args[0]}, one per line. */
    public static final class Reserver {
        public static void main(String[] args) {
            PaceFile f = new PaceFile(Path.of(args[0]), System.err::println);
            Instant from = Instant.parse(args[1]);
            for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                System.out.println(f.reserve("GET", from, new Pacer.Rate(10, Duration.ofSeconds(1))));
            }
        }
    }

    @Test
    void twoProcessesRacingAreEachGivenTheirOwnSlots() throws Exception {
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ps.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), Reserver.class.getName(), file().toString(), T.toString(),
                    "25").redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }
        Map<Instant, Integer> slots = new TreeMap<>();
        for (Process p : ps) {
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
            for (String line : out.strip().split("\n")) slots.merge(Instant.parse(line.strip()), 1, Integer::sum);
        }
        Map<Instant, Integer> expected = new TreeMap<>();
        for (int s = 0; s < 5; s++) expected.put(T.plusSeconds(s), 10);
        assertEquals(expected, slots, "fifty GETs, ten in each second, whoever asked first");
    }

    @Test
    void theReadForDoctorNeverFollowsALink() throws IOException {
        Path real = Files.writeString(dir.resolve("real.json"), "{\"post_refused_at\": \"" + T + "\"}");
        assertEquals(T, PaceFile.refusedAt(real));
        Files.createSymbolicLink(file(), real);
        assertNull(PaceFile.refusedAt(file()));
    }
}
