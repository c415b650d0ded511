package cli;

import config.Config;
import config.ConfigDir;
import config.ConfigException;
import config.ConfigFile;
import files.AtomicFile;
import files.Json;
import files.RunLock;
import http.AuthException;
import http.ServiceException;
import model.Plural;
import sync.State;
import sync.StateFile;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** --doctor: one line per check, each failure with what to do; exit 0 only when all pass. */
final class DoctorCommand {
    private record Check(String name, boolean ok, String detail) {}

    private DoctorCommand() {}

    static int run(Flags.Request req, Context ctx, Console console, ConfigDir dir) {
        List<Check> checks = new ArrayList<>();
        Config config = null;
        try {
            Map<String, String> env = new HashMap<>(ctx.env());
            if (req.plexToken() != null) env.put("PLEX_ACCOUNT_TOKEN", req.plexToken());
            ConfigFile file = ConfigFile.read(dir.configFile());
            config = file.resolve(env);
            Cli.registerSecrets(config, console);
            checks.add(new Check("config", true, dir.configFile() + " is valid (" + dir.reason() + ")"));
            // a key near a known one is a typo that silently leaves a setting at its default
            for (String w : Cli.unknownKeyWarnings(file)) checks.add(new Check("config keys", !w.contains("did you mean"), w));
            String polling = SyncCommand.pollingWarning(config);
            if (polling != null) checks.add(new Check("simkl usage", false, polling));
        } catch (ConfigException e) {
            checks.add(new Check("config", false, e.getMessage().replace('\n', ' ')));
        }
        try {
            if (Files.exists(dir.configFile())) {
                boolean open = AtomicFile.isReadableByOthers(dir.configFile());
                checks.add(new Check("file mode", !open, open ? dir.configFile() + " can be read by other users: run chmod 600 "
                        + dir.configFile() : "config.json is readable by you only"));
            }
        } catch (IOException e) {
            checks.add(new Check("file mode", false, e.getMessage()));
        }
        try {
            State st = StateFile.load(dir.stateFile());
            checks.add(new Check("state", true, st.seeded() ? "state.json holds " + Plural.of(st.snapshot().items().size(), "title") + ", "
                    + st.unresolved().size() + " unresolved" : "no state.json yet: the next sync is a first run (adds only)"));
        } catch (ConfigException e) {
            checks.add(new Check("state", false, e.getMessage()));
        }
        if (Files.isDirectory(dir.backupsDir())) {
            try (var s = Files.list(dir.backupsDir())) {
                long n = s.filter(p -> p.toString().endsWith(".json")).count();
                checks.add(new Check("backups", true, Plural.of(n, "backup") + " in " + dir.backupsDir()));
            } catch (IOException e) {
                checks.add(new Check("backups", false, "cannot read " + dir.backupsDir() + ": " + e.getMessage()));
            }
        }
        try (RunLock lock = RunLock.acquire(dir.lockFile())) {
            checks.add(new Check("lock", true, "no other run is going on"));
        } catch (RunLock.LockedException e) {
            checks.add(new Check("lock", false, e.getMessage()));
        } catch (IOException e) {
            checks.add(new Check("lock", false, "cannot open " + dir.lockFile() + ": " + e.getMessage()));
        }
        if (config != null) services(config, ctx, console, checks);
        boolean allOk = checks.stream().allMatch(Check::ok);
        if (req.json()) {
            List<Object> rows = new ArrayList<>();
            for (Check c : checks) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("check", c.name());
                m.put("ok", c.ok());
                m.put("detail", c.detail());
                rows.add(m);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "doctor");
            doc.put("ok", allOk);
            doc.put("checks", rows);
            console.resultRaw(Json.pretty(doc));
        } else {
            for (Check c : checks) console.result((c.ok() ? "[ok]   " : "[FAIL] ") + c.name() + ": " + c.detail());
        }
        return allOk ? ExitCode.OK : ExitCode.PARTIAL;
    }

    private static void services(Config config, Context ctx, Console console, List<Check> checks) {
        try (Services s = new Services(config, ctx, console)) {
            if (config.plex().accountToken().isBlank()) {
                checks.add(new Check("plex token", false, "plex.account_token is empty: run --init-plex"));
            } else {
                try {
                    checks.add(new Check("plex token", true, "accepted by plex.tv (" + s.plex.user() + ") at " + config.endpoints().plexTv()));
                } catch (AuthException e) {
                    checks.add(new Check("plex token", false, "refused by plex.tv: run --init-plex"));
                } catch (ServiceException e) {
                    checks.add(new Check("plex token", false, "plex.tv at " + config.endpoints().plexTv() + " did not answer as expected: "
                            + e.getMessage() + " Check PLEX_SIMKL_SYNC_PLEX_TV_URL and your network."));
                }
                try {
                    s.plex.readWatchlistPage();
                    checks.add(new Check("plex discover", true, config.endpoints().plexDiscover() + " answers the watchlist"));
                } catch (AuthException e) {
                    checks.add(new Check("plex discover", false, "refused the token: run --init-plex"));
                } catch (ServiceException e) {
                    checks.add(new Check("plex discover", false, config.endpoints().plexDiscover() + " did not answer as expected: "
                            + e.getMessage() + " Check PLEX_SIMKL_SYNC_PLEX_DISCOVER_URL and your network."));
                }
            }
            if (config.simkl().clientId().isBlank() || config.simkl().accessToken().isBlank()) {
                checks.add(new Check("simkl token", false, "simkl.client_id or simkl.access_token is empty: run --init-simkl pin"));
            } else {
                try {
                    s.simkl.activities();
                    checks.add(new Check("simkl token", true, "accepted by SIMKL at " + config.endpoints().simklApi()));
                } catch (AuthException e) {
                    checks.add(new Check("simkl token", false, "refused by SIMKL: run --init-simkl pin (or redirect) again"));
                } catch (ServiceException e) {
                    checks.add(new Check("simkl token", false, "SIMKL at " + config.endpoints().simklApi() + " did not answer as expected: "
                            + e.getMessage() + (e.status() == 412 ? " Check simkl.client_id." : " Check PLEX_SIMKL_SYNC_SIMKL_API_URL and your network.")));
                }
            }
        }
    }
}
