package notify;

import files.Json;
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

    @Test
    void discordAndTelegramMessagesStayWithinTheirCharacterLimitsWithoutHalfACharacter() throws Exception {
        String emoji = "🎬".repeat(3_000); // two UTF-16 units each, as Discord's and Telegram's clients count
        Target discord = new Target("https://discord.example/api/webhooks/1/tok", Target.Format.DISCORD, Event.DEFAULT);
        String content = Json.MAPPER.readTree(Outgoing.finish(discord, news(1, emoji)).body()).path("content").asText();
        assertTrue(content.length() <= 2_000, content.length() + " characters");
        assertTrue(content.length() >= 1_990, "cut near the limit: " + content.length());
        assertTrue(content.endsWith("…"), "says it was cut");
        assertFalse(Character.isHighSurrogate(content.charAt(content.length() - 2)), "no half a character");
        Target telegram = new Target("https://api.telegram.example/bot1:abc", Target.Format.TELEGRAM, Event.DEFAULT,
                "42");
        String text = Json.MAPPER.readTree(Outgoing.finish(telegram, news(1, emoji)).body()).path("text").asText();
        assertTrue(text.length() <= 4_096 && text.length() >= 4_086, text.length() + " characters");
        assertFalse(Character.isHighSurrogate(text.charAt(text.length() - 2)), "no half a character");
        assertEquals("plex_simkl_sync: title\n\nshort",
                Json.MAPPER.readTree(Outgoing.finish(telegram, news(1, "short")).body()).path("text").asText());
    }

    @Test
    void aPushUrlAsCopiedGetsItsOwnStatusAndMessageInPlaceOfTheCopiedOnes() {
        Target t = new Target("https://kuma.example/api/push/Tok3n?status=up&msg=OK&ping=&keep=1", Target.Format.PUSH,
                Event.DEFAULT);
        Outgoing failed = Outgoing.finish(t, news(1, "SIMKL refused the token\nsecond line"));
        assertEquals("GET", failed.method());
        assertEquals("https://kuma.example/api/push/Tok3n?keep=1", failed.url());
        assertEquals("down", failed.query().get("status"));
        assertEquals("plex_simkl_sync: title - SIMKL refused the token", failed.query().get("msg"));
        assertEquals("https://kuma.example/api/push/Tok3n?keep=1&status=down&msg=plex_simkl_sync%3A%20title%20-%20"
                + "SIMKL%20refused%20the%20token&ping=", Outgoing.withQuery(failed.url(), failed.query()));
        Outgoing ok = Outgoing.finish(new Target("https://kuma.example/api/push/Tok3n", Target.Format.PUSH,
                Event.DEFAULT), news(0, "all fine"));
        assertEquals("https://kuma.example/api/push/Tok3n?status=up&msg=plex_simkl_sync%3A%20title&ping=",
                Outgoing.withQuery(ok.url(), ok.query()));
        assertNull(Outgoing.start(t), "a push monitor has no start signal");
    }

    @Test
    void telegramAndGotifyUrlsGetTheirApiMethodUnlessTheyHaveItAlready() {
        assertEquals("https://api.telegram.org/bot1:abc/sendMessage",
                Outgoing.method("https://api.telegram.org/bot1:abc", "sendMessage"));
        assertEquals("https://api.telegram.org/bot1:abc/sendMessage",
                Outgoing.method("https://api.telegram.org/bot1:abc/sendMessage", "sendMessage"));
        assertEquals("https://home.example/gotify/message?token=abc",
                Outgoing.method("https://home.example/gotify/?token=abc", "message"));
        assertEquals("https://gotify.example/message?token=abc",
                Outgoing.method("https://gotify.example/message?token=abc", "message"));
    }

    @Test
    void gotifyPrioritiesFollowWhatNeedsAPerson() throws Exception {
        Target t = new Target("https://gotify.example/message?token=abc", Target.Format.GOTIFY, Event.DEFAULT);
        var body = Json.MAPPER.readTree(Outgoing.finish(t, news(1, "broke")).body());
        assertEquals(8, body.path("priority").asInt());
        assertEquals("plex_simkl_sync: title", body.path("title").asText());
        assertEquals("broke", body.path("message").asText());
        assertEquals(2, Json.MAPPER.readTree(Outgoing.finish(t, news(0, "fine")).body()).path("priority").asInt());
    }
}
