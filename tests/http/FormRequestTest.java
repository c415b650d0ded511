package http;

import org.junit.jupiter.api.Test;
import support.Receiver;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A form POST (OAuth's token and device endpoints) goes out as a form, and its body is never shown. */
class FormRequestTest {
    @Test
    void aFormIsSentUrlEncodedAndItsTextFormHidesTheBody() throws Exception {
        List<String> debug = new ArrayList<>();
        HttpPolicy policy = new HttpPolicy(Duration.ofSeconds(2), Duration.ofSeconds(2), 1, Duration.ofMillis(500),
                Duration.ofSeconds(60), Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC), d -> { },
                new Redactor(), debug::add, "plex_simkl_sync/test", java.util.concurrent.ConcurrentHashMap.newKeySet());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("grant_type", "authorization_code");
        fields.put("scope", "media:read media:write");
        fields.put("code_verifier", "secret-verifier&more=1/é");
        Request r = Request.form("/oauth2/token", fields, false);
        try (Receiver receiver = new Receiver();
             ServiceHttp http = new ServiceHttp(Service.SIMKL, receiver.url(""), policy, Map.of(), Map.of(), null)) {
            assertEquals(200, http.send(r, false).status());
            Receiver.Got got = receiver.got().get(0);
            assertEquals("POST", got.method());
            assertEquals("application/x-www-form-urlencoded", got.headers().get("content-type"));
            assertEquals("grant_type=authorization_code&scope=media%3Aread+media%3Awrite"
                    + "&code_verifier=secret-verifier%26more%3D1%2F%C3%A9", got.body());
        }
        assertFalse(r.toString().contains("secret-verifier"), r.toString());
        assertFalse(String.join("\n", debug).contains("secret-verifier"), debug.toString());
    }
}
