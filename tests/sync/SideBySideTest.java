package sync;

import http.AuthException;
import http.Service;
import http.ServiceException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.*;

/** Work beside the caller's: its value, or what stopped it thrown as it was, once it has ended. */
class SideBySideTest {
    @Test
    void theValueComesBackOnceTheWorkEnds() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        SideBySide<String> side = SideBySide.start("test", () -> {
            go.await();
            return "read";
        });
        go.countDown();
        assertEquals("read", side.join(ServiceException.class));
    }

    @Test
    void whatStoppedTheWorkIsThrownAsItWas() {
        AuthException refused = new AuthException(Service.SIMKL, "refused", 401);
        SideBySide<String> side = SideBySide.start("test", () -> {
            throw refused;
        });
        assertSame(refused, assertThrows(AuthException.class, () -> side.join(ServiceException.class,
                AuthException.class)));
        SideBySide<String> broken = SideBySide.start("test", () -> {
            throw new IllegalStateException("bug");
        });
        assertEquals("bug", assertThrows(IllegalStateException.class, () -> broken.join(AuthException.class))
                .getMessage());
    }

    @Test
    void awaitingWaitsForTheWorkWhateverItAnswers() {
        AtomicBoolean ended = new AtomicBoolean();
        SideBySide<String> side = SideBySide.start("test", () -> {
            ended.set(true);
            throw new ServiceException(Service.PLEX, "no answer", 0);
        });
        side.await();
        assertTrue(ended.get(), "the work had ended");
    }
}
