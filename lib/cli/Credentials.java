package cli;

import config.Config;

import java.util.ArrayList;
import java.util.List;

/** Missing credentials, caught before any request, with the key, the variable and the command that fix each. */
final class Credentials {
    private Credentials() {}

    static void requireForSync(Config c) throws Failure {
        List<String> missing = new ArrayList<>();
        if (c.plex().accountToken().isBlank()) {
            missing.add("plex.account_token is empty: run --init-plex, or set PLEX_ACCOUNT_TOKEN, or pass --plex-account-token.");
        }
        if (c.simkl().clientId().isBlank()) {
            missing.add("simkl.client_id is empty: create an app at simkl.com → Developers and put its client id in config.json"
                    + " (or set SIMKL_CLIENT_ID).");
        }
        if (c.simkl().accessToken().isBlank()) {
            missing.add("simkl.access_token is empty: run --init-simkl pin (or --init-simkl redirect), or set SIMKL_ACCESS_TOKEN.");
        }
        if (!missing.isEmpty()) throw Failure.usage(String.join("\n    ", missing));
    }
}
