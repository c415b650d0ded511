package config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where config.json and state.json live (README, "Files"), the same folder however the tool is
 * started: --dir; else PLEX_SIMKL_SYNC_DIR; else beside plex_simkl_sync.java in the checkout the
 * launcher belongs to (PLEX_SIMKL_SYNC_HOME, set by scripts/jbang and the installed command), or
 * in the working directory when it is a checkout; else the user's config folder (a run from a web
 * catalog). Never JBang's cache.
 */
public record ConfigDir(Path path, String reason, List<Path> others) {
    public static final String ENV_DIR = "PLEX_SIMKL_SYNC_DIR";
    public static final String ENV_HOME = "PLEX_SIMKL_SYNC_HOME";
    public static final String ENTRY_SCRIPT = "plex_simkl_sync.java";
    /** Set by --demo for its own runs: the temporary folder they use (said as such, not as "from --dir"). */
    public static final String ENV_DEMO = "PLEX_SIMKL_SYNC_DEMO_FOLDER";

    public ConfigDir {
        others = List.copyOf(others);
    }

    public static ConfigDir resolve(String dirFlag, Map<String, String> env, Path cwd) {
        Path user = userFolder(env);
        Path home = blank(env.get(ENV_HOME)) ? null : cwd.resolve(env.get(ENV_HOME)).normalize();
        if (home != null && !Files.isRegularFile(home.resolve(ENTRY_SCRIPT))) home = null;
        Path here = Files.isRegularFile(cwd.resolve(ENTRY_SCRIPT)) ? cwd.normalize() : null;
        Path chosen;
        String reason;
        if (!blank(dirFlag)) {
            chosen = cwd.resolve(dirFlag).normalize();
            reason = dirFlag.equals(env.get(ENV_DEMO)) ? "the demo's temporary folder" : "from --dir";
        } else if (!blank(env.get(ENV_DIR))) {
            chosen = cwd.resolve(env.get(ENV_DIR)).normalize();
            reason = "from " + ENV_DIR;
        } else if (home != null) {
            chosen = home;
            reason = "beside " + ENTRY_SCRIPT + " in the checkout this command runs";
        } else if (here != null) {
            chosen = here;
            reason = "beside " + ENTRY_SCRIPT + " in the working directory";
        } else {
            chosen = user;
            reason = "your config folder: no checkout of the tool is known to this run";
        }
        Set<Path> candidates = new LinkedHashSet<>();
        for (Path p : new Path[] {home, here, user}) if (p != null && !p.equals(chosen)) candidates.add(p);
        List<Path> others = new ArrayList<>();
        for (Path p : candidates) if (Files.isRegularFile(p.resolve("config.json"))) others.add(p);
        return new ConfigDir(chosen, reason, others);
    }

    /**
     * Why this folder cannot hold config.json and state.json because it, or a folder above it, is
     * a file (a --dir pointing at config.json itself, say); null when it is a folder or can become one.
     */
    public String notAFolder() {
        for (Path p = path; p != null; p = p.getParent()) {
            if (Files.isDirectory(p)) return null;
            if (Files.exists(p)) {
                String what = p.equals(path) ? path + " is a file, not a folder"
                        : path + " cannot be a folder: " + p + " is a file";
                Path parent = path.getParent();
                return what + " (" + reason + "). Give the folder that holds config.json and state.json"
                        + (p.equals(path) && parent != null ? ", e.g. " + parent : "") + ".";
            }
        }
        return null;
    }

    /** $XDG_CONFIG_HOME/plex_simkl_sync, or ~/.config/plex_simkl_sync. */
    static Path userFolder(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base;
        if (!blank(xdg) && Path.of(xdg).isAbsolute()) {
            base = Path.of(xdg);
        } else {
            String home = env.getOrDefault("HOME", System.getProperty("user.home"));
            base = Path.of(home, ".config");
        }
        return base.resolve("plex_simkl_sync");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
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

    /** plans/: the plans kept for --apply (a run the deletion guard held back). */
    public Path plansDir() {
        return path.resolve("plans");
    }

    /** journal.jsonl: every action the tool carried out, one line each. */
    public Path journalFile() {
        return path.resolve("journal.jsonl");
    }

    /** last_run.json: how the last sync ended, for --health. */
    public Path lastRunFile() {
        return path.resolve("last_run.json");
    }

    /** last_report.txt: the report of the last run that wrote to the lists (or stopped trying), as printed. */
    public Path lastReportFile() {
        return path.resolve("last_report.txt");
    }

    /** simkl_pace.json: when this folder's commands last asked SIMKL, so that back-to-back commands keep its pace. */
    public Path paceFile() {
        return path.resolve("simkl_pace.json");
    }

    public Path lockFile() {
        return path.resolve("state.lock");
    }

    public String describe() {
        return path + " (" + reason + ")";
    }

    /** When this folder has no config.json but another candidate does: what to say. Null otherwise. */
    public String elsewhere() {
        if (Files.isRegularFile(configFile()) || others.isEmpty()) return null;
        Path other = others.get(0);
        return "There is no config.json in " + path + ", but " + other + " holds one. To use it, add --dir " + other
                + " (or set " + ENV_DIR + "=" + other + ").";
    }
}
