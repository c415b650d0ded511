package sandbox;

import java.util.HashMap;
import java.util.Map;

/** The environment that points the tool at a pair of emulators (the PLEX_SIMKL_SYNC_*_URL variables), with
 * credentials. */
public final class EmulatorEnv {
    private EmulatorEnv() {}

    public static Map<String, String> of(PlexEmulator plex, SimklEmulator simkl, String plexToken, String simklClientId,
                                         String simklToken) {
        Map<String, String> env = new HashMap<>();
        env.put("PLEX_SIMKL_SYNC_PLEX_DISCOVER_URL", plex.url());
        env.put("PLEX_SIMKL_SYNC_PLEX_METADATA_URL", plex.url());
        env.put("PLEX_SIMKL_SYNC_PLEX_TV_URL", plex.url());
        env.put("PLEX_SIMKL_SYNC_SIMKL_API_URL", simkl.url());
        env.put("PLEX_SIMKL_SYNC_SIMKL_WEB_URL", simkl.url());
        env.put("PLEX_ACCOUNT_TOKEN", plexToken);
        env.put("SIMKL_CLIENT_ID", simklClientId);
        env.put("SIMKL_ACCESS_TOKEN", simklToken);
        return env;
    }
}
