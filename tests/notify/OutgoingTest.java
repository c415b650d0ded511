package notify;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.*;

/** What each format sends, built without I/O. */
class OutgoingTest {
    private static News news(int code, String text) {
        return new News(code, EnumSet.of(code == 0 ? Event.SUCCESS : Event.FAILURE), "plex_simkl_sync: title", text,
                "the report", "{}");
    }

    @Test
    void anNtfyMessageStaysWithinItsLimitInBytesNotCharacters() {
        String japanese = "千と千尋の神隠し ".repeat(400); // three bytes a character: about 9,600 bytes
        Target t = new Target("https://ntfy.example/topic", Target.Format.NTFY, Event.DEFAULT);
        String body = Outgoing.finish(t, news(1, japanese)).body();
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes <= 4_000, bytes + " bytes");
        assertTrue(bytes > 3_900, "cut near the limit, not far under it: " + bytes);
        assertTrue(body.endsWith("…"), "says it was cut");
        assertTrue(japanese.startsWith(body.substring(0, body.length() - 1)), "cut between characters");
        String emoji = "🎬".repeat(1_500); // four bytes and two chars each
        String cut = Outgoing.finish(t, news(1, emoji)).body();
        assertTrue(cut.getBytes(StandardCharsets.UTF_8).length <= 4_000);
        assertFalse(Character.isHighSurrogate(cut.charAt(cut.length() - 2)), "no half a character");
        assertEquals("short", Outgoing.finish(t, news(1, "short")).body());
    }

    @Test
    void aHealthchecksUrlWithAQueryGetsItsSignalBeforeTheQuery() {
        Target t = new Target("https://hc-ping.com/ping-key-123/my-check?create=1", Target.Format.HEALTHCHECKS,
                Event.DEFAULT);
        assertEquals("https://hc-ping.com/ping-key-123/my-check/start?create=1", Outgoing.start(t).url());
        assertEquals("https://hc-ping.com/ping-key-123/my-check/fail?create=1", Outgoing.finish(t, news(1, "x")).url());
        assertEquals("https://hc-ping.com/ping-key-123/my-check?create=1", Outgoing.finish(t, news(0, "x")).url());
        Target plain = new Target("https://hc.example/ping/uuid/", Target.Format.HEALTHCHECKS, Event.DEFAULT);
        assertEquals("https://hc.example/ping/uuid/start", Outgoing.start(plain).url());
    }
}
