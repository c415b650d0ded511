package http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class RedactorTest {
    @Test
    void aRegisteredSecretIsMaskedWhereverItAppears() {
        Redactor r = new Redactor();
        r.add("abcdefghijklmnopqrstuvwxyz");
        String out = r.apply("token abcdefghijklmnopqrstuvwxyz in a sentence, and again:abcdefghijklmnopqrstuvwxyz");
        assertFalse(out.contains("abcdefghijklmnopqrstuvwxyz"), out);
        assertTrue(out.contains("abcd…"), out);
    }

    @Test
    void tokenShapedValuesAreMaskedEvenWhenNeverRegistered() {
        Redactor r = new Redactor();
        String[] lines = {
                "GET /x?X-Plex-Token=secretvalue0123456789&a=1",
                "Authorization: Bearer secretvalue0123456789",
                "{\"access_token\":\"secretvalue0123456789\",\"scope\":\"public\"}",
                "client_secret=secretvalue0123456789",
                "{\"authToken\": \"secretvalue0123456789\"}"};
        for (String line : lines) {
            String out = r.apply(line);
            assertFalse(out.contains("secretvalue0123456789"), out);
        }
        assertTrue(r.apply("GET /x?X-Plex-Token=secretvalue0123456789&a=1").endsWith("&a=1"),
                "only the value is masked");
    }

    @Test
    void shortSecretsShowNothingAndTinyOnesAreNotRegistered() {
        assertEquals("…", Redactor.mask("short-secret"));
        assertEquals("abcd…", Redactor.mask("abcdefghijklmnop"));
        Redactor r = new Redactor();
        r.add("abc");
        r.add("   ");
        r.add(null);
        assertEquals("abc is ordinary text", r.apply("abc is ordinary text"));
    }
}
