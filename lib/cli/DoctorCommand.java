package cli;

import config.Config;
import config.ConfigException;
import config.ConfigFile;
import files.AtomicFile;
import files.RunLock;
import http.AuthException;
import http.ServiceException;
import model.Plural;
import plex.PlexClient;
import simkl.SimklClient;
import sync.Backups;
import sync.State;
import sync.StateFile;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** --doctor: one line per check, each failure with what to do; exit 0 only when none fails. */
record DoctorCommand(boolean json) implements Command {
    enum Verdict { OK, WARN, FAIL }

    record Check(String name, Verdict verdict, String detail) {
        static Check ok(String name, String detail) {
            return new Check(name, Verdict.OK, detail);
        }

        static Check fail(String name, String detail) {
            return new Check(name, Verdict.FAIL, detail);
        }
    }

    @Override
    public int run(Session s) {
        List<Check> checks = new ArrayList<>();
        Config config = config(s, checks);
        fileChecks(s, checks);
        if (config != null) serviceChecks(s, config, checks);
        boolean allOk = checks.stream().noneMatch(c -> c.verdict() == Verdict.FAIL);
        if (json) {
            List<Object> rows = new ArrayList<>();
            for (Check c : checks) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("check", c.name());
                m.put("ok", c.verdict() != Verdict.FAIL);
                m.put("level", c.verdict().name().toLowerCase(Locale.ROOT));
                m.put("detail", c.detail());
                rows.add(m);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("ok", allOk);
            doc.put("checks", rows);
            s.console.document(doc);
        } else {
            for (Check c : checks) {
                String tag = switch (c.verdict()) {
                    case OK -> "[ok]   ";
                    case WARN -> "[warn] ";
                    case FAIL -> "[FAIL] ";
                };
                s.console.result(tag + c.name() + ": " + c.detail());
            }
        }
        return allOk ? ExitCode.OK : ExitCode.PARTIAL;
    }

    /** config.json read as a run reads it, its unknown keys judged: a near miss of a known key fails, as a run refuses
     * it. */
    private static Config config(Session s, List<Check> checks) {
        try {
            ConfigFile file = ConfigFile.read(s.folder().configFile());
            Config config = file.resolve(s.environment());
            s.registerSecrets(config);
            List<Session.UnknownKey> unknown = Session.unknownKeys(file);
            boolean typo = unknown.stream().anyMatch(k -> k.nearest() != null);
            checks.add(new Check("config", typo ? Verdict.FAIL : Verdict.OK, typo
                    ? s.folder().configFile() + " has a misspelt key (below); runs refuse it until it is fixed"
                    : s.folder().configFile() + " is valid (" + s.folder().reason() + ")"));
            for (Session.UnknownKey k : unknown) {
                checks.add(new Check("config keys", k.nearest() != null ? Verdict.FAIL : Verdict.WARN,
                        k.describe(file)));
            }
            String polling = SyncRound.pollingWarning(config);
            if (polling != null) checks.add(Check.fail("simkl usage", polling));
            return typo ? null : config;
        } catch (ConfigException e) {
            checks.add(Check.fail("config", e.getMessage().replace('\n', ' ')));
            return null;
        }
    }

    private static void fileChecks(Session s, List<Check> checks) {
        try {
            if (Files.exists(s.folder().configFile())) {
                boolean open = AtomicFile.isReadableByOthers(s.folder().configFile());
                checks.add(open ? Check.fail("file mode", s.folder().configFile()
                        + " can be read by other users: run chmod 600 "
                        + s.folder().configFile()) : Check.ok("file mode", "config.json is readable by you only"));
            }
        } catch (IOException e) {
            checks.add(Check.fail("file mode", e.getMessage()));
        }
        try {
            State st = StateFile.load(s.folder().stateFile());
            checks.add(Check.ok("state", st.seeded() ? "state.json holds "
                    + Plural.of(st.snapshot().items().size(), "title") + ", "
                    + st.unresolved().size() + " unresolved"
                            : "no state.json yet: the next sync is a first run (adds only)"));
            checks.add(budget(st, SyncRound.day(s)));
        } catch (ConfigException e) {
            checks.add(Check.fail("state", e.getMessage()));
        }
        if (Files.isDirectory(s.folder().backupsDir())) {
            checks.add(Check.ok("backups", Plural.of(Backups.list(s.folder().backupsDir()).size(), "backup") + " in "
                    + s.folder().backupsDir()));
        }
        try (RunLock lock = RunLock.acquire(s.folder().lockFile())) {
            checks.add(Check.ok("lock", "no other run is going on"));
        } catch (RunLock.LockedException e) {
            checks.add(Check.fail("lock", e.getMessage()));
        } catch (IOException e) {
            checks.add(Check.fail("lock", "cannot open " + s.folder().lockFile() + ": " + e.getMessage()));
        }
    }

    /**
     * The day's SIMKL requests, and what a --watch interval costs: a round that finds nothing
     * changed asks SIMKL one question, so the interval sets the floor of a day's count.
     */
    static Check budget(State st, String today) {
        int count = st.simklRequests() != null && today.equals(st.simklRequests().day()) ? st.simklRequests().count()
                : 0;
        String detail = Plural.of(count, "request") + " to SIMKL today (UTC) from the syncs of this folder; a "
                + "quiet --watch round"
                + " costs 1: every 30m about 48 a day, 10m 144, 5m 288. Some accounts are held to "
                        + SyncRound.REPORTED_DAILY_QUOTA
                + " a day: 30m or more suits a watchlist";
        return new Check("simkl budget", count >= SyncRound.BUDGET_WARNING ? Verdict.WARN : Verdict.OK, detail);
    }

    /** What kind of SIMKL token is in use, and what it means for the person. */
    static String tokenKind(Session s, SimklClient simkl) {
        String env = s.ctx.env().get("SIMKL_ACCESS_TOKEN");
        if (env != null && !env.isBlank()) {
            return "the token comes from SIMKL_ACCESS_TOKEN, which this tool neither renews nor saves";
        }
        if (simkl.tokenRenewable()) {
            String until = s.times().full(Instant.ofEpochSecond(simkl.tokenExpiresAt()));
            return "an AUTH V2 token, good until " + until + "; each run renews it a day before it runs out";
        }
        return "an AUTH V1 token, which does not run out; SIMKL is reported to retire V1 apps in 2027: then "
                + "register a V2 app (\"TV, devices & command line\"), put its client id in simkl.client_id and run "
                + "--init-simkl pin";
    }

    private static void serviceChecks(Session s, Config config, List<Check> checks) {
        // in the order a person sets things up: SIMKL's app and sign-in first, then Plex
        try (SimklClient simkl = s.simkl(config)) {
            simklChecks(s, config, simkl, checks);
        }
        if (config.plex().accountToken().isBlank()) {
            checks.add(Check.fail("plex token", "plex.account_token is empty: run --init-plex"));
        } else {
            try (PlexClient owner = s.plex(config.plex(), config.endpoints())) {
                plexChecks(s, config, owner, checks);
            }
        }
    }

    private static void plexChecks(Session s, Config config, PlexClient owner, List<Check> checks) {
        try {
            checks.add(Check.ok("plex token", "accepted by plex.tv (" + owner.user() + ") at "
                    + config.endpoints().plexTv()));
        } catch (AuthException e) {
            checks.add(Check.fail("plex token", "refused by plex.tv: run --init-plex"));
        } catch (ServiceException e) {
            checks.add(Check.fail("plex token", unanswered(e, "plex.tv", config.endpoints().plexTv(),
                    "PLEX_SIMKL_SYNC_PLEX_TV_URL")));
        }
        PlexClient watchlist = owner;
        Config.Home home = config.plex().home();
        if (home != null) {
            try {
                watchlist = s.watchlistPlex(config);
                checks.add(Check.ok("plex home user", "syncs the watchlist of \"" + home.user() + "\" (switched to "
                        + "it" + (home.pin().isBlank() ? "" : ", with its PIN") + ")"));
            } catch (AuthException e) {
                checks.add(Check.fail("plex home user", e.getMessage() + " " + Failure.signInHint(e)));
                return;
            } catch (ServiceException e) {
                checks.add(Check.fail("plex home user", e.getMessage()));
                return;
            }
        }
        try {
            watchlist.readWatchlistPage();
            checks.add(Check.ok("plex discover", config.endpoints().plexDiscover() + " answers the watchlist"));
        } catch (AuthException e) {
            checks.add(Check.fail("plex discover", "refused the token: run --init-plex"));
        } catch (ServiceException e) {
            checks.add(Check.fail("plex discover", unanswered(e, "Plex", config.endpoints().plexDiscover(),
                    "PLEX_SIMKL_SYNC_PLEX_DISCOVER_URL")));
        } finally {
            if (watchlist != owner) watchlist.close();
        }
    }

    private static void simklChecks(Session s, Config config, SimklClient simkl, List<Check> checks) {
        if (config.simkl().clientId().isBlank()) {
            checks.add(Check.fail("simkl token", Session.SIMKL_ID_MISSING + " Then run --init-simkl pin."));
            return;
        }
        if (config.simkl().accessToken().isBlank()) {
            checks.add(Check.fail("simkl token", Session.SIMKL_TOKEN_MISSING));
            return;
        }
        try {
            simkl.activities();
            checks.add(Check.ok("simkl token", "accepted by SIMKL at " + config.endpoints().simklApi()
                    + "; " + tokenKind(s, simkl)));
        } catch (AuthException e) {
            checks.add(Check.fail("simkl token", "refused by SIMKL: " + Failure.signInHint(e)));
        } catch (ServiceException e) {
            checks.add(Check.fail("simkl token", unanswered(e, "SIMKL", config.endpoints().simklApi(),
                    "PLEX_SIMKL_SYNC_SIMKL_API_URL")));
        }
    }

    /**
     * A service that could not be reached or answered oddly, said once: the failure (which already
     * says to check the network when there was no answer), and the address with the variable that sets it.
     */
    static String unanswered(ServiceException e, String name, String url, String variable) {
        String where = " (address " + url + ", set by " + variable + ")";
        if (e.status() == 0) return e.getMessage().replaceFirst("\\.$", "") + where + ".";
        return name + where + " did not answer as expected: " + e.getMessage();
    }
}
