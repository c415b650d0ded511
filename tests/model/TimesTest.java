package model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.*;

/** Times as people read them: local, to the second, with how far off. */
class TimesTest {
    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    final Times berlin = new Times(ZoneId.of("Europe/Berlin"), NOW); // 13:00:00 there

    @Test
    void aTimeTodayIsTheClockTimeWithHowFarOff() {
        assertEquals("in 6 h, at 19:00:00", berlin.when(NOW.plus(Duration.ofHours(6))));
        assertEquals("in 5 h 59 min, at 18:59:00", berlin.when(NOW.plus(Duration.ofMinutes(359))));
        assertEquals("12 min ago, at 12:48:00", berlin.when(NOW.minus(Duration.ofMinutes(12))));
        assertEquals("in 40 s, at 13:00:40", berlin.when(NOW.plusSeconds(40)));
    }

    @Test
    void anotherDayCarriesItsDate() {
        assertEquals("in 24 h, at 2026-11-25 13:00:00",
                berlin.when(NOW.plus(Duration.ofDays(1))));
        assertEquals("in 3 days, at 2026-11-27 13:00:00", berlin.when(NOW.plus(Duration.ofDays(3))));
        assertEquals("2026-11-24 13:00:00", berlin.full(NOW));
        // past midnight locally is another day, though still the same UTC date
        assertEquals("2026-11-25 00:30:00", berlin.at(Instant.parse("2026-11-24T23:30:00Z")));
    }

    @Test
    void anUnreadableStampIsShownAsItIs() {
        assertEquals("soon", berlin.when("soon"));
        assertEquals("null", berlin.at((String) null));
        assertEquals("in 6 h, at 19:00:00", berlin.when("2026-11-24T18:00:00Z"));
    }

    @Test
    void spansRoundDownToWhatIsWorthSaying() {
        assertEquals("0 s", Times.span(Duration.ZERO));
        assertEquals("59 s", Times.span(Duration.ofSeconds(59)));
        assertEquals("1 min", Times.span(Duration.ofSeconds(60)));
        assertEquals("1 h", Times.span(Duration.ofMinutes(60)));
        assertEquals("47 h 59 min", Times.span(Duration.ofMinutes(48 * 60 - 1)));
        assertEquals("2 days", Times.span(Duration.ofHours(48)));
    }
}
