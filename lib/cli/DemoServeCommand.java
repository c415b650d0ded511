package cli;

import config.ConfigException;
import config.ConfigFile;
import files.AtomicFile;
import files.TempFolder;
import sandbox.Demo;
import sandbox.PersonPages;
import sandbox.SimklEmulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * --demo --serve: both demo emulators stay up until Ctrl-C or SIGTERM, approving every sign-in at
 * once (each with an account and token of its own), so that each command can be tried by hand in
 * another terminal with the environment this prints (and writes into a file beside it), and the
 * lists changed as a person would, on the emulators' own pages. The folder is deleted when it stops.
 */
record DemoServeCommand() implements Command {
    private static final List<String> URLS = List.of("PLEX_SIMKL_SYNC_PLEX_DISCOVER_URL",
            "PLEX_SIMKL_SYNC_PLEX_METADATA_URL",
            "PLEX_SIMKL_SYNC_PLEX_TV_URL", "PLEX_SIMKL_SYNC_SIMKL_API_URL", "PLEX_SIMKL_SYNC_SIMKL_WEB_URL");

    @Override
    public int run(Session s) throws Failure {
        Console console = s.console;
        try (TempFolder tmp = new TempFolder("plex_simkl_sync-serve"); Demo demo = new Demo(s.ctx.clock());
             Stopping stopping = new Stopping(tmp, demo, console)) {
            // each sign-in its own token (and SIMKL account, with its own daily allowance): one folder's reads
            // never spend another's
            demo.plex.autoApproveWithTokenPerSignIn();
            demo.simkl.autoApproveWithAccountPerSignIn();
            PersonPages.install(demo.plex);
            PersonPages.install(demo.simkl);
            // the URLs go in the environment; the app's id and secret in config.json, as a person's own would
            Map<String, String> env = new TreeMap<>(demo.env());
            env.keySet().retainAll(URLS);
            env.put("PLEX_SIMKL_SYNC_DIR", tmp.path().toString());
            List<String> exports = new ArrayList<>();
            env.forEach((k, v) -> exports.add("export " + k + "=" + v));
            Path envFile = prepare(tmp.path(), exports);
            console.result("# plex_simkl_sync emulators: Plex on " + demo.plex.url() + ", SIMKL on "
                    + demo.simkl.url());
            console.result("# In another terminal, paste these lines (or: source " + envFile + "):");
            exports.forEach(console::result);
            console.result("# Then try these there. config.json in that folder holds the emulated SIMKL app's id and");
            console.result("# secret; the sign-ins add their tokens to it, and state.json goes beside it.");
            for (String c : List.of("--init-plex", "--init-simkl pin", "--init-simkl redirect", "--doctor",
                    "--sync --dry-run", "--sync",
                    "--list plex", "--watch 1m", "--why \"dune part two\"")) {
                console.result("#   " + console.command() + " " + c);
            }
            console.result("# A household: the account has two Plex Home users with watchlists of their own. To sync");
            console.result("# one of theirs instead of the owner's (Teen's PIN here is " + Demo.TEEN_PIN + "):");
            console.result("#   " + console.command() + " --init-plex --home-user Kid");
            console.result("#   " + console.command() + " --init-plex --home-user Teen --save-home-pin");
            console.result("# Tot is a managed user, to whom Plex gives no watchlist: --init-plex --home-user Tot "
                    + "says so.");
            console.result("# Every PIN is approved at once. For --init-simkl redirect, open the link it prints "
                    + "(or curl -sL 'LINK'):");
            console.result("# the emulated SIMKL sends you straight back. Each sign-in gets a SIMKL account and "
                    + "token of its own");
            console.result("# (and a Plex token of its own), so every folder has SIMKL's daily allowance ("
                    + SimklEmulator.FREE_DAILY_QUOTA + " requests) to");
            console.result("# itself; all the accounts see the same demo lists, so a sync in one folder shows in "
                    + "the others.");
            console.result("# To try another folder, copy config.json from the folder above into it and add --dir "
                    + "DIR to each command.");
            console.result("# Change the lists as a person would (add or remove a title, rate, mark watched) on "
                    + "these pages:");
            console.result("#   Plex:  " + demo.plex.url() + "/person    SIMKL: " + demo.simkl.url() + "/person");
            console.result("# or with curl, e.g.:");
            PersonPages.curlLines(demo.plex, demo.simkl).forEach(l -> console.result("#   " + l));
            console.result("# It keeps SIMKL's pacing rules (429 when broken), but being local, --watch accepts "
                    + "short intervals");
            console.result("# here. Stop with Ctrl-C; the folder is then deleted.");
            try {
                while (true) s.ctx.sleeper().sleep(Duration.ofHours(1));
            } catch (InterruptedException e) {
                return ExitCode.OK; // Stopping says so, once everything is gone
            }
        } catch (IOException e) {
            throw Failure.usage("Could not create a temporary folder for the emulators: " + e.getMessage());
        }
    }

    /**
     * Stops the emulators and deletes the folder, then says so: when the command ends, or on Ctrl-C
     * or SIGTERM (a shutdown hook, as the JVM then ends without returning here). Once either way.
     */
    private static final class Stopping implements AutoCloseable {
        private final TempFolder tmp;
        private final Demo demo;
        private final Console console;
        private final AtomicBoolean done = new AtomicBoolean();
        private final Thread hook;

        Stopping(TempFolder tmp, Demo demo, Console console) {
            this.tmp = tmp;
            this.demo = demo;
            this.console = console;
            hook = new Thread(this::stop, "demo-serve-stop");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        private void stop() {
            if (!done.compareAndSet(false, true)) return;
            demo.close();
            tmp.close();
            console.info(Files.exists(tmp.path())
                    ? "Emulators stopped; the folder " + tmp.path()
                            + " could not be deleted entirely: delete it by hand."
                    : "Emulators stopped; the folder " + tmp.path() + " was deleted.");
        }

        @Override
        public void close() {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyStopping) {
                // the hook is running or has run
            }
            stop();
        }
    }

    /** The folder's config.json with the emulated SIMKL app's id and secret, and the file of export lines. */
    private static Path prepare(Path folder, List<String> exports) throws Failure {
        Path envFile = folder.resolve("demo.env");
        try {
            ConfigFile.createIfMissing(folder.resolve("config.json"));
            ConfigFile.update(folder.resolve("config.json"), tree -> {
                ConfigFile.set(tree, "simkl.client_id", Demo.SIMKL_ID);
                ConfigFile.set(tree, "simkl.client_secret", Demo.SIMKL_SECRET);
            });
            AtomicFile.write(envFile, (String.join("\n", exports) + "\n").getBytes(StandardCharsets.UTF_8));
            return envFile;
        } catch (IOException | ConfigException e) {
            throw Failure.usage("Could not prepare " + folder + ": " + e.getMessage());
        }
    }
}
