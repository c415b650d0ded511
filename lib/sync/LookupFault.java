package sync;

import http.Service;
import http.ServiceError;
import model.MediaItem;

/**
 * A Plex title whose ids were looked up and not given because the service failed (an error
 * status, throttling that did not end, no answer, an answer that is not one). That is no answer
 * that the title has none: it waits for the next run as it is, instead of being sent on with only
 * its Plex id and filed as not found.
 */
public record LookupFault(MediaItem item, Service service, int status) {
    public static LookupFault of(MediaItem item, ServiceError e) {
        return new LookupFault(item, e.service(), e.status());
    }

    /** Whether {@code m} is this title: its Plex side has the same Plex id. */
    public boolean about(Match m) {
        String key = item.ids().get("plex");
        return key != null && m.plex() != null && key.equals(m.plex().ids().get("plex"));
    }

    /** Why the title waits, in words that name the service. */
    public String reason() {
        String what = status == 0 ? "no answer" : status >= 300 ? "HTTP " + status : "an answer it could not read";
        return service + " did not answer the lookup of its ids (" + what
                + "); nothing was sent for it, it is tried again on the next run";
    }
}
