package plex;

import com.fasterxml.jackson.databind.JsonNode;
import config.Config;
import http.AuthException;
import http.ServiceException;
import http.Request;
import http.Response;
import http.Service;
import http.ServiceHttp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Plex PIN sign-in (docs/services.md): create a strong PIN, send the person to app.plex.tv
 * with it, poll until the PIN carries a token or expires.
 */
public final class PlexPinLogin {
    /** A PIN as created. */
    public record Pin(long id, String code, int expiresIn) {}

    /** The PIN expired or is unknown (404). */
    public static final class Expired extends Exception {
        public Expired(String message) {
            super(message);
        }
    }

    private final ServiceHttp tv;

    public PlexPinLogin(PlexClient client) {
        this.tv = client.plexTv();
    }

    public Pin create() throws ServiceException, AuthException {
        return pinFrom(tv.send(Request.post("/api/v2/pins", null, false).query("strong", "true")
                .header("Accept", "application/json"), false).json("the PIN request"));
    }

    static Pin pinFrom(JsonNode r) throws ServiceException {
        if (!r.path("id").canConvertToLong() || r.path("code").asText("").isBlank()) {
            throw new ServiceException(Service.PLEX_TV, "plex.tv answered the PIN request without an id and code.",
                    200);
        }
        return new Pin(r.get("id").asLong(), r.get("code").asText(), r.path("expiresIn").asInt(900));
    }

    /**
     * The link the person opens to approve this device: Plex's own page for plex.tv; for another
     * plex.tv ({@code plexTv}, as PLEX_SIMKL_SYNC_PLEX_TV_URL points the tool at an emulator), that
     * host's /auth page, since only the plex.tv that made the PIN can approve it.
     */
    public static String authUrl(String plexTv, String clientIdentifier, String code) {
        if (plexTv.replaceAll("/+$", "").equals(Config.Endpoints.REAL.plexTv())) {
            return "https://app.plex.tv/auth/#!?clientID=" + enc(clientIdentifier) + "&code=" + enc(code)
                    + "&context%5Bdevice%5D%5Bproduct%5D=" + enc(PlexClient.PRODUCT);
        }
        return plexTv.replaceAll("/+$", "") + "/auth?clientID=" + enc(clientIdentifier) + "&code=" + enc(code);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The token once the person approved, null while pending. */
    public String poll(long id) throws ServiceException, AuthException, Expired {
        Response r = tv.send(Request.get("/api/v2/pins/" + id).header("Accept", "application/json"), true);
        if (r.status() == 404) throw new Expired("The Plex PIN expired before it was approved. Run --init-plex again.");
        return tokenFrom(r.json("the PIN check"));
    }

    static String tokenFrom(JsonNode n) {
        String token = n.path("authToken").asText("");
        return n.path("authToken").isNull() || token.isBlank() ? null : token;
    }
}
