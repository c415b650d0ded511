package http;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PacerTest {
    @Test
    void atMostTenGetsAndOnePostASecond() {
        List<Duration> slept = new ArrayList<>();
        Pacer p = new Pacer(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), slept::add, 10,
                Duration.ofSeconds(1));
        for (int i = 0; i < 10; i++) p.await("GET");
        assertTrue(slept.isEmpty());
        p.await("GET");
        assertEquals(List.of(Duration.ofSeconds(1)), slept, "the 11th GET waits for the window");
        p.await("POST");
        p.await("POST");
        p.await("POST");
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)), slept);
    }

    @Test
    void retryAfterAsSecondsDateOrZero() {
        HttpPolicy policy = HttpPolicy.defaults(Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC),
                d -> { }, new Redactor(), s -> { }, "t");
        Answers h = new Answers(Service.SIMKL, "http://127.0.0.1:9", policy);
        assertEquals(Duration.ofSeconds(5), h.retryAfter("5"));
        assertEquals(Duration.ZERO, h.retryAfter("0"));
        assertEquals(Duration.ofSeconds(30), h.retryAfter("Tue, 24 Nov 2026 12:00:30 GMT"));
        assertEquals(Duration.ofSeconds(60), h.retryAfter("86400"), "capped");
        assertNull(h.retryAfter("soon"));
        Duration b = h.backoff(3);
        assertTrue(b.toMillis() >= 1000 && b.toMillis() <= 2000, b.toString());
    }

    @Test
    void redactionMasksKnownSecretsAndTokenShapedValues() {
        Redactor r = new Redactor();
        r.add("super-secret-token-123456");
        assertEquals("token supe…", r.apply("token super-secret-token-123456"));
        String fake = "abcdefghij" + "klmnopqrstuvwxyz"; // split so it does not look like a committed token
        assertEquals("GET /x?X-Plex-Token=abcd…&a=1", r.apply("GET /x?X-Plex-Token=" + fake + "&a=1"));
        assertEquals("{\"access_token\":\"…\"}", r.apply("{\"access_token\":\"shorttok\"}"));
        assertEquals("Authorization: Bearer …", r.apply("Authorization: Bearer abc123"));
    }
}
