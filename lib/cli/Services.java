package cli;

import config.Config;
import http.HttpPolicy;
import plex.PlexClient;
import simkl.SimklClient;

import java.time.Duration;

/** Builds the service clients of one run from the settings and the context (clock, sleeper, timeouts). */
final class Services implements AutoCloseable {
    final PlexClient plex;
    final SimklClient simkl;

    Services(Config config, Context ctx, Console console) {
        HttpPolicy policy = policy(ctx, console);
        this.plex = new PlexClient(config.plex(), config.endpoints(), policy, VersionInfo.TOOL);
        this.simkl = new SimklClient(config.simkl(), config.endpoints(), policy, VersionInfo.TOOL);
    }

    /** PLEX_SIMKL_SYNC_HTTP_TIMEOUT_MS shortens the read timeout (tests, slow links: lengthens it). */
    static HttpPolicy policy(Context ctx, Console console) {
        HttpPolicy p = HttpPolicy.defaults(ctx.clock(), ctx.sleeper(), console.redactor(), console::debug,
                "plex_simkl_sync/" + VersionInfo.TOOL);
        String t = ctx.env().get("PLEX_SIMKL_SYNC_HTTP_TIMEOUT_MS");
        if (t != null && t.matches("\\d{2,7}")) {
            Duration read = Duration.ofMillis(Long.parseLong(t));
            p = p.withTimeouts(read.compareTo(p.connectTimeout()) < 0 ? read : p.connectTimeout(), read);
        }
        return p;
    }

    @Override
    public void close() {
        plex.close();
        simkl.close();
    }
}
