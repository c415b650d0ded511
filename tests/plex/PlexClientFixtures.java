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
}
