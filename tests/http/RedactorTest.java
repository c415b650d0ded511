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

    @Test
    void aSecretIsMaskedUrlEncodedToo() {
        Redactor r = new Redactor();
        r.add("pa ss/word+0123456789");
        String out = r.apply("GET /x?p=pa+ss%2Fword%2B0123456789 and pa ss/word+0123456789");
        assertFalse(out.contains("0123456789"), out);
    }

    @Test
    void aPinAndAnAppIdAreMaskedWhereTheyAreEchoedButTheSignInLinkKeepsTheId() {
        Redactor r = new Redactor();
        r.add("4321");
        r.addIdentifier("app-client-id-123456");
        String link = "https://simkl.com/oauth/authorize?response_type=code&client_id=app-client-id-123456";
        assertEquals(link, r.apply(link), "the link a person opens carries the app's id");
        assertEquals("Dune (4321 edition)", r.apply("Dune (4321 edition)"), "a short secret is not masked in our text");
        String echoed = r.applyToEcho("{\"pin\": \"4321\", \"client\": \"app-client-id-123456\", \"note\": \"4321\"}");
        assertFalse(echoed.contains("4321"), echoed);
        assertFalse(echoed.contains("app-client-id-123456"), echoed);
        assertFalse(r.applyToEcho("GET /x?client_id=another-app-id-99999").contains("another-app-id-99999"));
    }

    @Test
    void aUrlPasswordIsMaskedByItsPlace() {
        String out = new Redactor().apply("POST https://me:hunter2secret@ntfy.example/topic failed");
        assertFalse(out.contains("hunter2secret"), out);
        assertTrue(out.contains("ntfy.example/topic"), out);
    }

    @Test
    void storedTextLosesLongOpaqueStringsEvenWhenTheSecretIsNoLongerKnown() {
        String old = "a".repeat(20) + "0123456789abcdef0123456789abcdef0123456789abcdef";
        String out = new Redactor().applyToStored("SIMKL answered 401 (token " + old + " expired) for tt0816692");
        assertFalse(out.contains(old), out);
        assertTrue(out.contains("tt0816692"), "ids stay: " + out);
    }

    @Test
    void holdsSecretFindsEveryRegisteredSecretRawOrEncodedAndAPinOnlyAsAWord() {
        Redactor r = new Redactor();
        r.add("secret with/slash+plus");
        r.add("2468");
        r.addIdentifier("app-client-id-123456");
        assertTrue(r.holdsSecret("x=secret%20with%2Fslash%2Bplus&y=1"));
        assertTrue(r.holdsSecret("{\"v\": \"secret with/slash+plus\"}"));
        assertTrue(r.holdsSecret("pin 2468 typed"));
        assertFalse(r.holdsSecret("tmdb 124680, year 2024"));
        assertFalse(r.holdsSecret("the app app-client-id-123456 is named in a sign-in link"));
        assertEquals("<s>", r.replaceSecrets("secret with/slash+plus", "<s>"));
    }

    @Test
    void maskingInsideSerializedJsonKeepsItValidAndReachesEscapedKeys() throws Exception {
        Redactor r = new Redactor();
        String line = files.Json.compact(java.util.Map.of("detail",
                "HTTP 400 ({\"X-Plex-Token\": \"plexTokenXyz0123456789\", \"access_token\":\"abcdef0123456789abcdef\"})"));
        String out = r.apply(line);
        assertFalse(out.contains("plexTokenXyz0123456789"), out);
        assertFalse(out.contains("abcdef0123456789abcdef"), out);
        files.Json.MAPPER.readTree(out); // still one valid JSON document
    }
}
