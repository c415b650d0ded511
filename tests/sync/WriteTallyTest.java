package sync;

import config.Config.Side;
import model.Ids;
import model.MediaItem;
import model.MediaType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The gate a stop closes, and the one line a stopped run says. */
class WriteTallyTest {
    private static Plan.Action add(String title) {
        MediaItem item = new MediaItem(MediaType.MOVIE, title, 2020, Ids.of("imdb", "tt" + title.hashCode()));
        return new Plan.Action(Side.SIMKL, Plan.Kind.ADD, new Match(item, item, null, null, false, null),
                Rule.NEW_ON_PLEX, "new on Plex");
    }

    @Test
    void aStopTellsTheClientsOnceWithTheTimeLeftAndNoWriteStartsAfterIt() {
        WriteTally tally = new WriteTally();
        List<Duration> told = new ArrayList<>();
        tally.onStop(told::add);
        tally.begin(3);
        tally.starting(1);
        tally.stop(Duration.ofSeconds(25));
        tally.stop(Duration.ofSeconds(25)); // a second signal is not a second stop of the clients
        assertEquals(List.of(Duration.ofSeconds(25)), told);
        assertThrows(WriteTally.Stopped.class, () -> tally.starting(1));
        assertTrue(tally.writing(), "the write under way is still waited for");
    }

    @Test
    void theStoppedLineSaysWhatGotNoAnswerAsNeitherDoneNorNotDone() {
        WriteTally tally = new WriteTally();
        tally.begin(4);
        tally.starting(3);
        tally.finished(new Executor.Outcome(add("Arrival"), Executor.Status.DONE, null, null));
        tally.finished(new Executor.Outcome(add("Dune"), Executor.Status.UNKNOWN, "no answer", null));
        tally.finished(new Executor.Outcome(add("Shogun"), Executor.Status.FAILED, "not sent", null));
        tally.stop(Duration.ZERO);
        assertEquals("Stopped after 1 of 4 actions (added to SIMKL: Arrival (2020)); 1 failed or not sent; 1 write "
                + "got no answer and may or may not have been carried out; the next run finishes the rest. "
                + "--journal lists each.", tally.stoppedLine());
    }
    @Test
    void aWatchRoundsStopTellsTheClientsButLeavesTheGateOpen() {
        WriteTally tally = new WriteTally();
        List<Duration> told = new ArrayList<>();
        tally.onStop(told::add);
        tally.begin(2);
        tally.stopSending(Duration.ofSeconds(25));
        tally.starting(1); // the run goes on: its clients refuse to send, and it ends with its report
        tally.stop(Duration.ofSeconds(25));
        assertEquals(List.of(Duration.ofSeconds(25)), told, "told once");
        assertThrows(WriteTally.Stopped.class, () -> tally.starting(1));
    }
}
