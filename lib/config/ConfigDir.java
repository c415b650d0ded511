package config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where config.json and state.json live (README, "Files"): --dir, else PLEX_SIMKL_SYNC_DIR, else the
 * working directory when it is a checkout (holds plex_simkl_sync.java), else the user's config
 * folder. Never JBang's cache.
 */
public record ConfigDir(Path path, String reason) {
    public static final String ENV_DIR = "PLEX_SIMKL_SYNC_DIR";
    public static final String ENTRY_SCRIPT = "plex_simkl_sync.java";

    public static ConfigDir resolve(String dirFlag, Map<String, String> env, Path cwd) {
        if (dirFlag != null && !dirFlag.isBlank()) {
            return new ConfigDir(cwd.resolve(dirFlag).normalize(), "from --dir");
        }
        String fromEnv = env.get(ENV_DIR);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new ConfigDir(cwd.resolve(fromEnv).normalize(), "from " + ENV_DIR);
        }
        if (Files.isRegularFile(cwd.resolve(ENTRY_SCRIPT))) {
            return new ConfigDir(cwd.normalize(), "beside " + ENTRY_SCRIPT);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base;
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            base = Path.of(xdg);
        } else {
            String home = env.getOrDefault("HOME", System.getProperty("user.home"));
            base = Path.of(home, ".config");
        }
        return new ConfigDir(base.resolve("plex_simkl_sync"), "user config folder");
    }

    public Path configFile() {
        return path.resolve("config.json");
    }

    public Path stateFile() {
        return path.resolve("state.json");
    }

    public Path backupsDir() {
        return path.resolve("backups");
    }

    public Path lockFile() {
        return path.resolve("state.lock");
    }

    public String describe() {
        return path + " (" + reason + ")";
    }
}
