package simkl;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.TreeMap;

/**
 * SIMKL's activity timestamps, flattened to "bucket.key" (movies.plantowatch, shows.all, ...).
 * Tolerates the legacy shapes: "shows" for "tv_shows", "notinteresting" for "dropped", nulls, and
 * "all" as a string or an object.
 */
public record SimklActivities(Map<String, String> stamps) {
    public static SimklActivities parse(JsonNode root) {
        Map<String, String> m = new TreeMap<>();
        if (root == null || !root.isObject()) return new SimklActivities(m);
        JsonNode all = root.get("all");
        if (all != null && all.isTextual()) m.put("all", all.asText());
        else if (all != null && all.isObject() && all.path("all").isTextual()) m.put("all", all.path("all").asText());
        for (String[] b : new String[][] {{"movies", "movies"}, {"tv_shows", "shows"}, {"shows", "shows"},
                {"anime", "anime"}}) {
            JsonNode node = root.get(b[0]);
            if (node == null || !node.isObject()) continue;
            node.properties().forEach(e -> {
                if (e.getValue().isTextual()) {
                    String key = e.getKey().equals("notinteresting") ? "dropped" : e.getKey();
                    m.putIfAbsent(b[1] + "." + key, e.getValue().asText());
                }
            });
        }
        return new SimklActivities(m);
    }

    /** The stamps that say whether a bucket's lists changed. */
    public Map<String, String> bucket(String bucket) {
        Map<String, String> m = new TreeMap<>();
        stamps.forEach((k, v) -> { if (k.startsWith(bucket + ".")) m.put(k, v); });
        return m;
    }
}
