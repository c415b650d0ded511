package cli;

import config.Config;
import config.ConfigException;
import config.ConfigFile;
import files.AtomicFile;
import files.Folders;
import files.RunLock;
import http.PaceFile;
import model.Plural;
import model.Times;
import sync.Backups;
import sync.StateFile;
import sync.SyncJob;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** The --doctor checks that read only this machine: config.json, its file mode, state.json, backups, the lock. */
final class LocalChecks {
    private LocalChecks() {
    }

    /**
     * config.json read as a run reads it, its unknown keys judged: a near miss of a known key fails,
     * as a run refuses it. Null when a run would refuse the file (the services are then not asked).
     */
    static Config config(Session s, List<DoctorCheck> checks) {
        try {
            ConfigFile file = ConfigFile.read(s.folder().configFile());
            Config config = file.resolve(s.environment());
            s.registerSecrets(config);
            List<Session.UnknownKey> unknown = Session.unknownKeys(file);
            boolean typo = unknown.stream().anyMatch(k -> k.nearest() != null);
            checks.add(typo
                    ? DoctorCheck.fail("config", s.folder().configFile()
                            + " has a misspelt key (below); runs refuse it until it is fixed")
                    : DoctorCheck.ok("config", s.folder().configFile() + " is valid (" + s.folder().reason() + ")"));
            for (Session.UnknownKey k : unknown) {
                checks.add(k.nearest() != null ? DoctorCheck.fail("config keys", k.describe(file))
                        : DoctorCheck.warn("config keys", k.describe(file)));
            }
            String polling = SyncJob.pollingWarning(config);
            if (polling != null) checks.add(DoctorCheck.fail("simkl usage", polling));
            checks.add(DoctorCheck.ok("played on plex", playedOnPlex(config.sync().plexWatched())));
            return typo ? null : config;
        } catch (ConfigException e) {
            checks.add(DoctorCheck.fail("config", e.getMessage().replace('\n', ' ')));
            return null;
        }
    }

    /** What sync.plex_watched makes of a title that leaves the Plex watchlist after being played there. */
    static String playedOnPlex(Config.PlexWatched w) {
        return w == Config.PlexWatched.COMPLETE
                ? "a title played on Plex that leaves its watchlist is marked as watched on SIMKL (completed with "
                        + "its play date, watching when a show is partly played) (sync.plex_watched \"complete\")"
                : "a title played on Plex that leaves its watchlist is removed from SIMKL like any other, which "
                        + "erases it there (sync.plex_watched \"remove\")";
    }

    /**
     * Whose lists the snapshot is of, as state.json records them, and whether the SIMKL sign-in
     * changed since (then the next sync asks SIMKL whose it is); "" when it records neither.
     */
    static String whose(Session s, Config config, StateFile.Summary st) {
        if (st.of().isEmpty()) return "";
        String text = ", of " + String.join(" and ", st.of());
        boolean changed = config != null && !config.simkl().accessToken().isBlank()
                && st.newSimklSignIn(s.connections.simklSignIn(config));
        return changed ? text + "; the SIMKL sign-in is new since: the next sync asks SIMKL whose it is" : text;
    }

    /**
     * config.json readable by you only, state.json readable (and whose lists its snapshot is of), the
     * backups counted, no other run going on. {@code config} null: config.json could not be read.
     */
    static void files(Session s, Config config, List<DoctorCheck> checks) {
        try {
            if (Files.exists(s.folder().configFile())) {
                boolean open = AtomicFile.isReadableByOthers(s.folder().configFile());
                checks.add(open
                        ? DoctorCheck.fail("file mode", s.folder().configFile() + " can be read by other users: run "
                                + "chmod 600 " + s.folder().configFile())
                        : DoctorCheck.ok("file mode", "config.json is readable by you only"));
            }
        } catch (IOException e) {
            checks.add(DoctorCheck.fail("file mode", e.getMessage()));
        }
        checks.addAll(exposure(s.folder().path(), List.of(s.folder().configFile(), s.folder().stateFile(),
                StateFile.stampsFile(s.folder().stateFile()), s.folder().journalFile(), s.folder().lastRunFile(),
                s.folder().lastReportFile(), s.folder().lockFile(), s.folder().backupsDir(), s.folder().plansDir(),
                s.folder().paceFile())));
        DoctorCheck pace = pace(s);
        if (pace != null) checks.add(pace);
        try {
            StateFile.Summary st = StateFile.summary(s.folder().stateFile(), s.ctx.clock().instant());
            checks.add(DoctorCheck.ok("state", st.seeded() ? "state.json holds " + Plural.of(st.titles(), "title")
                    + ", " + st.unresolved() + " unresolved" + whose(s, config, st)
                    : "no state.json yet: the next sync is a first run (adds only)"));
            checks.add(budget(st, s.ctx.clock().getZone()));
        } catch (ConfigException e) {
            checks.add(DoctorCheck.fail("state", e.getMessage()));
        }
        if (Files.isDirectory(s.folder().backupsDir())) {
            int backups = Backups.list(s.folder().backupsDir()).size();
            checks.add(DoctorCheck.ok("backups", Plural.of(backups, "backup") + " in " + s.folder().backupsDir()));
        }
        try (RunLock lock = RunLock.acquire(s.folder().lockFile())) {
            checks.add(DoctorCheck.ok("lock", "no other run is going on"));
        } catch (RunLock.LockedException e) {
            checks.add(DoctorCheck.fail("lock", e.getMessage()));
        } catch (IOException e) {
            checks.add(DoctorCheck.fail("lock", "cannot open " + s.folder().lockFile() + ": " + e.getMessage()));
        }
    }

    /**
     * The folder and the tool's files in it, as others could change them: a folder (or file) other
     * users may write lets them swap a file or plant a link where the tool writes; a link where a
     * file should be is refused by every run. No line when all is well.
     */
    static List<DoctorCheck> exposure(Path folder, List<Path> files) {
        List<DoctorCheck> out = new ArrayList<>();
        try {
            if (Files.isDirectory(folder) && Folders.writableByOthers(folder)) {
                out.add(DoctorCheck.warn("folder mode", folder + " can be written by other users, who could "
                        + "replace its files or plant links in it: run chmod 700 " + Session.shellWord(folder
                                .toString())));
            }
            for (Path f : files) {
                if (Files.isSymbolicLink(f)) {
                    out.add(DoctorCheck.fail("links", f + " is a symbolic link: runs refuse to write through it. "
                            + "Remove it; the tool makes the file itself."));
                } else if (Files.exists(f) && Folders.writableByOthers(f)) {
                    out.add(DoctorCheck.warn("file mode", f + " can be written by other users: run chmod "
                            + (Files.isDirectory(f) ? "700 " : "600 ") + Session.shellWord(f.toString())));
                }
            }
        } catch (IOException e) {
            out.add(DoctorCheck.warn("folder mode", "could not read the modes in " + folder + ": " + e.getMessage()));
        }
        return out;
    }

    /** How long --doctor tells of SIMKL's refusal of a POST for pace (ours: how long SIMKL blocks is not published). */
    static final Duration PACE_NEWS = Duration.ofMinutes(10);

    /**
     * SIMKL's refusal of a POST of this folder's commands for coming too fast, from simkl_pace.json,
     * while it is recent and no POST was accepted since; null otherwise (no line). Asks SIMKL nothing.
     */
    static DoctorCheck pace(Session s) {
        Instant refused = PaceFile.refusedAt(s.folder().paceFile());
        Instant now = s.ctx.clock().instant();
        // one dated in the future is a clock set back since: too uncertain to tell of
        if (refused == null || refused.isBefore(now.minus(PACE_NEWS)) || refused.isAfter(now.plusSeconds(5))) {
            return null;
        }
        return DoctorCheck.warn("simkl pace", "SIMKL refused a POST of this app for coming too fast (HTTP 429) at "
                + s.times().at(refused) + ", " + Times.span(Duration.between(refused, now)) + " ago, and has "
                + "accepted none since. It blocks an app's POSTs for a while (how long is not published), and each "
                + "POST sent during the block makes it longer: wait at least a minute before a sync, a dry run or "
                + "--why");
    }

    /**
     * The day's SIMKL requests against the allowance of the account's plan, and what a --watch
     * interval costs: a round that finds nothing changed asks SIMKL one question, so the interval
     * sets the floor of a day's count. Warned from 80 % of the allowance, and while the day is spent.
     */
    static DoctorCheck budget(StateFile.Summary st, ZoneId zone) {
        if (st.budget().spent()) {
            return DoctorCheck.warn("simkl budget", st.budget().spent(zone) + " Syncs ask SIMKL nothing before then");
        }
        String detail = st.budget().today(zone) + " A quiet --watch round costs 1: every 30m about 48 a day, 10m 144, "
                + "5m 288; 30m or more suits a watchlist";
        return st.budget().nearing() ? DoctorCheck.warn("simkl budget", detail)
                : DoctorCheck.ok("simkl budget", detail);
    }
}
