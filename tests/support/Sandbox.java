package support;

import config.Config;
import http.HttpPolicy;
import http.Redactor;
import http.Sleeper;
import plex.PlexClient;
import sandbox.Catalogue;
import sandbox.PlexEmulator;
import sandbox.SimklEmulator;
import sandbox.Title;
import simkl.SimklClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Both emulators on loopback, seeded with the demo catalogue, and the settings that point at them. */
public final class Sandbox implements AutoCloseable {
    public static final String PLEX_TOKEN = "plex-test-token-0123456789";
    public static final String SIMKL_CLIENT_ID = "simkl-client-id-test";
    public static final String SIMKL_SECRET = "simkl-client-secret-0123456789";
    public static final String SIMKL_TOKEN = "simkl-access-token-0123456789";

    public final PlexEmulator plex = new PlexEmulator(PLEX_TOKEN);
    public final SimklEmulator simkl = new SimklEmulator(SIMKL_CLIENT_ID, SIMKL_SECRET, SIMKL_TOKEN);
    public final List<Duration> slept = Collections.synchronizedList(new ArrayList<>());
    /** One time for the client and both emulators; waiting moves it instead of taking real time. */
    public final ManualClock clock = new ManualClock(Instant.parse("2026-11-24T12:00:00Z"));
    public final Sleeper sleeper = d -> {
        slept.add(d);
        clock.advance(d);
    };
    public final List<String> debug = Collections.synchronizedList(new ArrayList<>());

    public Sandbox() {
        this(Catalogue.demo());
    }

    public Sandbox(List<Title> titles) {
        plex.clock(clock);
        simkl.clock(clock);
        plex.addTitles(titles);
        simkl.addTitles(titles);
    }

    public Config.Endpoints endpoints() {
        return new Config.Endpoints(plex.url(), plex.url(), plex.url(), simkl.url(), simkl.url());
    }

    public Config.Plex plexConfig() {
        return new Config.Plex(PLEX_TOKEN, "test-client-identifier");
    }

    public Config.Simkl simklConfig() {
        return new Config.Simkl(SIMKL_CLIENT_ID, SIMKL_SECRET, SIMKL_TOKEN, "", 0);
    }

    /** Short timeouts, a recording sleeper, a fixed clock. */
    public HttpPolicy policy() {
        return new HttpPolicy(Duration.ofSeconds(2), Duration.ofMillis(700), 4, Duration.ofMillis(500),
                Duration.ofSeconds(60),
                clock, sleeper, new Redactor(), debug::add, "plex_simkl_sync/test",
                java.util.concurrent.ConcurrentHashMap.newKeySet());
    }

    /** A Plex client on the emulators with valid credentials and the shared clock; closed with the sandbox. */
    public PlexClient plexClient() {
        PlexClient c = new PlexClient(plexConfig(), endpoints(), policy(), "test");
        opened.add(c);
        return c;
    }

    /** A SIMKL client on the emulators with valid credentials and the shared clock; closed with the sandbox. */
    public SimklClient simklClient() {
        SimklClient c = new SimklClient(simklConfig(), endpoints(), policy(), "test");
        opened.add(c);
        return c;
    }

    private final List<AutoCloseable> opened = new ArrayList<>();

    /** Environment variables that point the CLI at the emulators with valid credentials. */
    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>(sandbox.EmulatorEnv.of(plex, simkl, PLEX_TOKEN, SIMKL_CLIENT_ID,
                SIMKL_TOKEN));
        env.put("SIMKL_CLIENT_SECRET", SIMKL_SECRET);
        // no test here waits for a timeout (they inject their faults); a loaded machine may answer slowly
        env.put("PLEX_SIMKL_SYNC_HTTP_TIMEOUT_MS", "5000");
        return env;
    }

    @Override
    public void close() {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception ignored) {
                // a test's client: nothing to keep
            }
        }
        plex.close();
        simkl.close();
    }
}
