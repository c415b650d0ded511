package simkl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE pair (RFC 7636) for one browser sign-in: the verifier, a secret kept by this run and sent
 * only with the code exchange, and its S256 challenge, which goes in the authorization link. SIMKL
 * takes the method only as "S256", in capitals (its docs: a lower-case method is ignored and the
 * exchange then fails).
 */
public record Pkce(String verifier, String challenge) {
    public static final String METHOD = "S256";

    /** A fresh pair: 32 random bytes make a 43-character verifier (RFC 7636 §4.1 allows 43 to 128). */
    public static Pkce create(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new Pkce(verifier, challengeOf(verifier));
    }

    /** BASE64URL(SHA-256(ASCII(verifier))), unpadded (RFC 7636 §4.2). */
    public static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    @Override
    public String toString() {
        return "Pkce[challenge=" + challenge + "]"; // never the verifier
    }
}
