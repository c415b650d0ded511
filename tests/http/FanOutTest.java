package http;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

class FanOutTest {
    @Test
    void resultsComeInTheOrderOfTheInputs() throws Exception {
        assertEquals(List.of(2, 4, 6, 8, 10), FanOut.map(List.of(1, 2, 3, 4, 5), 3, a -> a * 2));
    }

    /**
     * A stop in one call (a kill, a refused credential) starts no further call, and lets the calls
     * under way finish and record what they did: a write the service received is never left out
     * of the journal because a sibling stopped first.
     */
    @Test
    void aStopLetsTheCallsUnderWayFinishAndStartsNoOther() throws Exception {
        List<Integer> recorded = new CopyOnWriteArrayList<>();
        AtomicInteger started = new AtomicInteger();
        CountDownLatch othersUnderWay = new CountDownLatch(3);
        AtomicReference<Thread> stopping = new AtomicReference<>();
        CountDownLatch stoppingKnown = new CountDownLatch(1);
        RuntimeException stop = assertThrows(RuntimeException.class, () -> FanOut.map(List.of(0, 1, 2, 3, 4, 5), 4,
                a -> {
                    started.incrementAndGet();
                    if (a == 0) {
                        stopping.set(Thread.currentThread());
                        stoppingKnown.countDown();
                        await(othersUnderWay);
                        throw new IllegalStateException("killed");
                    }
                    othersUnderWay.countDown();
                    try {
                        // a request on the wire, answered only once the fan-out has stopped: its pool ends the
                        // thread of the call that stopped it only after the stop (no sooner, whatever the timing)
                        await(stoppingKnown);
                        stopping.get().join(TimeUnit.SECONDS.toMillis(20));
                    } catch (InterruptedException e) {
                        return -1; // cut off: what it did is not recorded
                    }
                    recorded.add(a);
                    return a;
                }));
        assertEquals("killed", stop.getMessage());
        assertEquals(List.of(1, 2, 3), recorded.stream().sorted().toList(), "the three under way finished");
        assertEquals(4, started.get(), "nothing started after the stop");
        assertFalse(stopping.get().isAlive(), "the stopping call's thread ended with the fan-out");
    }

    /** Waits for a latch that the calls themselves count down; the limit only ends a broken test. */
    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(20, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
