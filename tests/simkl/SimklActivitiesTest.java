package simkl;

import files.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class SimklActivitiesTest {
    @Test
    void legacyShapesAreRead() throws Exception {
        SimklActivities a = SimklActivities.parse(Json.MAPPER.readTree(
                "{\"all\": {\"all\": \"2020-01-01T00:00:00Z\"}, \"shows\": {\"all\": \"2020-01-02T00:00:00Z\", "
                        + "\"notinteresting\": \"2020-01-03T00:00:00Z\","
                        + " \"plantowatch\": null}, \"movies\": {\"all\": \"2020-01-04T00:00:00Z\"}}"));
        assertEquals("2020-01-01T00:00:00Z", a.stamps().get("all"));
        assertEquals("2020-01-02T00:00:00Z", a.stamps().get("shows.all"));
        assertEquals("2020-01-03T00:00:00Z", a.stamps().get("shows.dropped"), "notinteresting is today's dropped");
        assertFalse(a.stamps().containsKey("shows.plantowatch"), "null means never happened");
        assertEquals(1, a.bucket("movies").size());
        assertTrue(SimklActivities.parse(Json.MAPPER.readTree("null")).stamps().isEmpty());
    }
}
