package notify;

import http.Redactor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** What of a target's URL is secret: registered for redaction by the shape of the URL. */
class TargetTest {
    private static Redactor registered(String url) {
        Redactor r = new Redactor();
        // as the environment's URL is registered before its format is known
        new Target(url, Target.Format.JSON, Event.DEFAULT).secrets().forEach(r::add);
        return r;
    }

    @Test
    void eachServicesTokenIsMaskedWhereverItAppearsAloneAndNothingMore() {
        record Case(String url, String token) {}
        for (Case c : List.of(
                new Case("https://api.telegram.org/bot123456:AAbbCC-dd_ee", "123456:AAbbCC-dd_ee"),
                new Case("https://gotify.example/message?token=AppTokenXyz", "AppTokenXyz"),
                new Case("https://kuma.example/api/push/kUmAtOkEn?status=up&msg=OK&ping=", "kUmAtOkEn"),
                new Case("https://discord.com/api/webhooks/1122/Abc-Webhook_Token", "Abc-Webhook_Token"))) {
            String shown = registered(c.url()).apply("the service said: " + c.token() + " is wrong");
            assertFalse(shown.contains(c.token()), c.url() + ": " + shown);
        }
        // a push URL's own status and message are replaced on every ping: words, not secrets
        Redactor r = registered("https://kuma.example/api/push/kUmAtOkEn?status=up&msg=Everything&ping=");
        assertEquals("Everything is up", r.apply("Everything is up"));
    }
}
