package notify;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class WatchAlertsTest {
    @Test
    void aProblemIsToldWhenItStartsOrChangesAndItsEndOnce() {
        WatchAlerts w = new WatchAlerts();
        assertEquals(Set.of(), w.next(EnumSet.of(Event.SUCCESS)).send(), "a quiet good round is no news");
        assertEquals(Set.of(Event.FAILURE), w.next(EnumSet.of(Event.FAILURE)).send());
        assertEquals(Set.of(), w.next(EnumSet.of(Event.FAILURE)).send(), "still failing: said already");
        assertEquals(Set.of(Event.GUARD), w.next(EnumSet.of(Event.GUARD)).send(), "another problem is news");
        WatchAlerts.Decision back = w.next(EnumSet.of(Event.SUCCESS, Event.CHANGES));
        assertEquals(Event.GUARD, back.recoveredFrom());
        assertEquals(Set.of(Event.SUCCESS, Event.GUARD, Event.CHANGES), back.send(),
                "told to whoever heard of the problem, and the changes");
        assertEquals(Set.of(Event.CHANGES), w.next(EnumSet.of(Event.SUCCESS, Event.CHANGES)).send());
    }

    @Test
    void eachFormatIsSentAsItsServiceExpects() {
        News n = new News(4, EnumSet.of(Event.GUARD), "t", "short", "whole report", "{}");
        Target ntfy = new Target("https://ntfy.example/topic", Target.Format.NTFY, Event.DEFAULT);
        Outgoing o = Outgoing.finish(ntfy, n);
        assertEquals("https://ntfy.example/topic", o.url());
        assertEquals("high", o.headers().get("Priority"));
        assertEquals("warning", o.headers().get("Tags"));
        assertEquals("short", o.body());
        Target hc = new Target("https://hc.example/ping/uuid", Target.Format.HEALTHCHECKS, Set.of());
        assertEquals("https://hc.example/ping/uuid/fail", Outgoing.finish(hc, n).url());
        assertEquals("https://hc.example/ping/uuid/start", Outgoing.start(hc).url());
        assertTrue(Outgoing.wants(hc, Set.of(Event.SUCCESS)), "healthchecks hears of every run");
        assertFalse(Outgoing.wants(ntfy, Set.of(Event.SUCCESS)));
        assertEquals("ntfy at https://ntfy.example", ntfy.shown(), "no topic when printed");
    }
}
