package plex;

import com.fasterxml.jackson.databind.JsonNode;
import model.MediaItem;

import java.util.List;

/** Opens the Plex parser to tests in other packages. */
public final class PlexClientFixtures {
    private PlexClientFixtures() {}

    public static List<MediaItem> items(JsonNode root) {
        return PlexClient.parseItems(root.path("MediaContainer"));
    }

    public static String userName(JsonNode root) {
        return PlexClient.userName(root);
    }

    public static long pinId(JsonNode root) throws Exception {
        return PlexPinLogin.pinFrom(root).id();
    }

    public static String pinToken(JsonNode root) {
        return PlexPinLogin.tokenFrom(root);
    }
}
