package config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ConfigDirTest {
    @TempDir Path tmp;

    @Test
    void locationOrderIsFlagThenEnvThenCheckoutThenUserConfig() throws Exception {
        Path checkout = Files.createDirectories(tmp.resolve("checkout"));
        Files.writeString(checkout.resolve("plex_simkl_sync.java"), "// entry");
        Map<String, String> env = Map.of("HOME", tmp.resolve("home").toString(), "PLEX_SIMKL_SYNC_DIR",
                tmp.resolve("envdir").toString());

        assertEquals(tmp.resolve("flagdir"), ConfigDir.resolve(tmp.resolve("flagdir").toString(), env,
                checkout).path());
        assertEquals(checkout.resolve("rel"), ConfigDir.resolve("rel", env, checkout).path(),
                "--dir is relative to the working directory");
        assertEquals(tmp.resolve("envdir"), ConfigDir.resolve(null, env, checkout).path());
        Map<String, String> noEnvDir = Map.of("HOME", tmp.resolve("home").toString());
        assertEquals(checkout, ConfigDir.resolve(null, noEnvDir, checkout).path());
        assertEquals(tmp.resolve("home/.config/plex_simkl_sync"), ConfigDir.resolve(null, noEnvDir, tmp).path());
        Map<String, String> xdg = Map.of("HOME", tmp.resolve("home").toString(), "XDG_CONFIG_HOME",
                tmp.resolve("xdg").toString());
        assertEquals(tmp.resolve("xdg/plex_simkl_sync"), ConfigDir.resolve(null, xdg, tmp).path());
        assertTrue(ConfigDir.resolve(null, xdg, tmp).describe().contains("your config folder"));
    }

    @Test
    void theLaunchersCheckoutWinsWhereverTheRunStarts() throws Exception {
        Path checkout = Files.createDirectories(tmp.resolve("opt/pss"));
        Files.writeString(checkout.resolve("plex_simkl_sync.java"), "// entry");
        Map<String, String> env = Map.of("HOME", tmp.resolve("home").toString(), "PLEX_SIMKL_SYNC_HOME",
                checkout.toString());
        // cron without cd, the installed command, the catalog alias from another folder: all start elsewhere
        for (Path cwd : new Path[] {tmp.resolve("home"), tmp, checkout}) {
            ConfigDir d = ConfigDir.resolve(null, env, cwd);
            assertEquals(checkout, d.path(), "from " + cwd);
            assertTrue(d.reason().contains("checkout"), d.reason());
        }
        // a hint that is not a checkout (a web catalog's launcher) is ignored
        Map<String, String> bogus = Map.of("HOME", tmp.resolve("home").toString(), "PLEX_SIMKL_SYNC_HOME",
                tmp.resolve("nowhere").toString());
        assertEquals(tmp.resolve("home/.config/plex_simkl_sync"), ConfigDir.resolve(null, bogus, tmp).path());
    }

    @Test
    void anotherFolderHoldingAConfigIsNamedWithTheFlagThatUsesIt() throws Exception {
        Path checkout = Files.createDirectories(tmp.resolve("checkout"));
        Files.writeString(checkout.resolve("plex_simkl_sync.java"), "// entry");
        Files.writeString(checkout.resolve("config.json"), "{}");
        Map<String, String> env = Map.of("HOME", tmp.resolve("home").toString());
        ConfigDir d = ConfigDir.resolve(null, env, tmp);
        assertEquals(tmp.resolve("home/.config/plex_simkl_sync"), d.path());
        assertNull(d.elsewhere(), "the checkout is not known to this run");
        ConfigDir viaEnv = ConfigDir.resolve(null, Map.of("HOME", tmp.resolve("home").toString(), "PLEX_SIMKL_SYNC_DIR",
                tmp.resolve("other").toString(), "PLEX_SIMKL_SYNC_HOME", checkout.toString()), tmp);
        assertTrue(viaEnv.elsewhere().contains("--dir " + checkout), viaEnv.elsewhere());
        Files.writeString(Files.createDirectories(tmp.resolve("other")).resolve("config.json"), "{}");
        assertNull(ConfigDir.resolve(null, Map.of("HOME", tmp.resolve("home").toString(), "PLEX_SIMKL_SYNC_DIR",
                tmp.resolve("other").toString(), "PLEX_SIMKL_SYNC_HOME", checkout.toString()), tmp).elsewhere(),
                        "it has its own");
    }
}
