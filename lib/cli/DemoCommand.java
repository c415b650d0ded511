package cli;

import config.ConfigException;
import config.ConfigFile;
import sandbox.Catalogue;
import sandbox.EmulatorEnv;
import sandbox.PlexEmulator;
import sandbox.SimklEmulator;
import sandbox.Title;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * --demo: the real sync, start to end, against the built-in emulators in a temporary folder. Two
 * runs with a person's edits in between, then both lists side by side. No account, no network.
 * --demo --serve: the same two emulators stay up until stopped, approving every sign-in at once, so
 * each command can be tried by hand with the environment it prints.
 */
final class DemoCommand {
    private static final String PLEX_TOKEN = "demo-plex-token-not-a-secret";
    private static final String SIMKL_ID = "demo-client-id";
    private static final String SIMKL_TOKEN = "demo-simkl-token-not-a-secret";
    private static final String SIMKL_SECRET = "demo-secret";

    private DemoCommand() {}

    static int run(Flags.Request req, Context ctx, Console console) throws Failure {
        Path tmp;
        try {
            tmp = Files.createTempDirectory(req.serve() ? "plex_simkl_sync-serve" : "plex_simkl_sync-demo");
        } catch (IOException e) {
            throw Failure.usage("Could not create a temporary folder for the demo: " + e.getMessage());
        }
        try (PlexEmulator plex = new PlexEmulator(PLEX_TOKEN); SimklEmulator simkl = new SimklEmulator(SIMKL_ID, SIMKL_SECRET, SIMKL_TOKEN)) {
            // the emulators keep the run's time, so their pacing rules see the waits the client makes
            plex.clock(ctx.clock());
            simkl.clock(ctx.clock());
            stock(plex, simkl);
            return req.serve() ? serve(plex, simkl, tmp, ctx, console) : tour(plex, simkl, tmp, ctx, console);
        } finally {
            delete(tmp);
        }
    }

    /** Both demo lists as they start: some titles on each side, one only on each, one completed on SIMKL. */
    private static void stock(PlexEmulator plex, SimklEmulator simkl) {
        plex.addTitles(Catalogue.demo());
        simkl.addTitles(Catalogue.demo());
        plex.username("Demo");
        for (Title t : List.of(Catalogue.TERMINATOR, Catalogue.COLLIDE_MOVIE, Catalogue.PERFECT_DAYS_PLEX, Catalogue.SEVERANCE, Catalogue.ARRIVAL)) {
            plex.watchlistAdd(t.plexKey());
        }
        for (Title t : List.of(Catalogue.ARRIVAL, Catalogue.DUNE, Catalogue.SHOGUN, Catalogue.FRIEREN, Catalogue.SUZUME,
                Catalogue.PERFECT_DAYS_SIMKL, Catalogue.OBSCURE, Catalogue.COLLIDE_SHOW)) {
            simkl.put(t.simkl(), "plantowatch");
        }
        simkl.put(Catalogue.TERMINATOR.simkl(), "completed");
        simkl.watched(Catalogue.TERMINATOR.simkl(), 1);
    }

    /**
     * --demo --serve: the emulators stay up until Ctrl-C, SIGTERM, or (in tests) the sleeper is
     * interrupted. What to paste into another terminal goes to stdout and into a file beside it.
     */
    private static int serve(PlexEmulator plex, SimklEmulator simkl, Path tmp, Context ctx, Console console) throws Failure {
        plex.autoApprovePins(PLEX_TOKEN);
        simkl.autoApprovePins(SIMKL_TOKEN);
        // the URLs go in the environment; the app's id and secret in config.json, as a person's own would
        Map<String, String> env = new TreeMap<>(EmulatorEnv.of(plex, simkl, PLEX_TOKEN, SIMKL_ID, SIMKL_TOKEN));
        env.keySet().retainAll(List.of("PLEX_SIMKL_SYNC_PLEX_DISCOVER_URL", "PLEX_SIMKL_SYNC_PLEX_METADATA_URL", "PLEX_SIMKL_SYNC_PLEX_TV_URL",
                "PLEX_SIMKL_SYNC_SIMKL_API_URL", "PLEX_SIMKL_SYNC_SIMKL_WEB_URL"));
        env.put("PLEX_SIMKL_SYNC_DIR", tmp.toString());
        List<String> exports = new ArrayList<>();
        env.forEach((k, v) -> exports.add("export " + k + "=" + v));
        Path envFile = tmp.resolve("demo.env");
        try {
            ConfigFile.createIfMissing(tmp.resolve("config.json"));
            ConfigFile.update(tmp.resolve("config.json"), tree -> {
                ConfigFile.set(tree, "simkl.client_id", SIMKL_ID);
                ConfigFile.set(tree, "simkl.client_secret", SIMKL_SECRET);
            });
            Files.write(envFile, exports);
        } catch (IOException | ConfigException e) {
            throw Failure.usage("Could not prepare " + tmp + ": " + e.getMessage());
        }
        console.result("# plex_simkl_sync emulators: Plex on " + plex.url() + ", SIMKL on " + simkl.url());
        console.result("# In another terminal, paste these lines (or: source " + envFile + "):");
        exports.forEach(console::result);
        console.result("# Then try these there. config.json in that folder holds the emulated SIMKL app's id and");
        console.result("# secret; the sign-ins add their tokens to it, and state.json goes beside it.");
        for (String c : List.of("--init-plex", "--init-simkl pin", "--init-simkl redirect", "--doctor", "--sync --dry-run", "--sync",
                "--list plex", "--watch 1m")) {
            console.result("#   " + console.command() + " " + c);
        }
        console.result("# Every PIN is approved at once. For --init-simkl redirect, open the link it prints (or curl -sL 'LINK'):");
        console.result("# the emulated SIMKL sends you straight back. It keeps SIMKL's pacing rules (429 when broken), but");
        console.result("# being local, --watch accepts short intervals here. Stop with Ctrl-C; the folder is then deleted.");
        Thread cleanup = new Thread(() -> delete(tmp), "demo-serve-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            while (true) ctx.sleeper().sleep(Duration.ofHours(1));
        } catch (InterruptedException e) {
            console.info("Emulators stopped.");
            return ExitCode.OK;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException ignored) {
                // the JVM is going down: the hook deletes the folder
            }
        }
    }

    private static int tour(PlexEmulator plex, SimklEmulator simkl, Path tmp, Context ctx, Console console) {
        Map<String, String> env = new HashMap<>(ctx.env());
        env.remove("PLEX_SIMKL_SYNC_DIR");
        env.putAll(EmulatorEnv.of(plex, simkl, PLEX_TOKEN, SIMKL_ID, SIMKL_TOKEN));
        Context demo = ctx.withEnv(env);
        String[] sync = {"--sync", "--dir", tmp.toString()};

        console.result("plex_simkl_sync demo: built-in Plex and SIMKL emulators on " + plex.url() + " and " + simkl.url());
        console.result("Working folder (deleted afterwards): " + tmp);
        console.result("");
        console.result("Before: Plex has " + titles(plex.watchlist()) + ".");
        console.result("        SIMKL Plan to Watch has " + titles(simkl.inStatus("plantowatch")) + ";");
        console.result("        SIMKL also holds The Terminator as completed (watched).");
        console.result("");
        int first = round("Run 1: the first two-way sync adds only, both ways", sync, demo, console);
        console.result("== Meanwhile, as a person would: on Plex you remove Severance and add The Bear;");
        console.result("   on SIMKL you add Past Lives and mark Dune: Part Two as completed ==");
        plex.watchlistRemove(Catalogue.SEVERANCE.plexKey());
        plex.watchlistAdd(Catalogue.THE_BEAR.plexKey());
        simkl.put(Catalogue.PAST_LIVES.simkl(), "plantowatch");
        simkl.put(Catalogue.DUNE.simkl(), "completed");
        simkl.watched(Catalogue.DUNE.simkl(), 1);
        console.result("");
        int second = round("Run 2: changes since the snapshot travel both ways, deletions too", sync, demo, console);
        int third = round("Run 3: nothing changed, so nothing is written", sync, demo, console);
        sideBySide(plex.watchlist(), simkl.inStatus("plantowatch"), console);
        console.result("");
        console.result("Next: try every command by hand against these emulators with --demo --serve, or sign in to your own");
        console.result("accounts (README, \"Signing in\") and run --sync --dry-run.");
        return first <= 1 && second <= 1 && third <= 1 ? ExitCode.OK : ExitCode.PARTIAL;
    }

    /** One real sync, with a heading and what its exit code means. */
    private static int round(String heading, String[] args, Context demo, Console console) {
        console.result("== " + heading + " ==");
        try {
            // SIMKL wants a second between POSTs; the runs of a tour follow each other closer than that
            demo.sleeper().sleep(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int code = Cli.run(args, demo);
        console.result("(exit code " + code + meaning(code) + ")");
        console.result("");
        return code;
    }

    private static String meaning(int code) {
        return switch (code) {
            case ExitCode.OK -> ": in sync";
            case ExitCode.PARTIAL -> ": finished; a title is unresolved (Plex has no \"A Very Obscure Documentary\"), reported, retried later";
            case ExitCode.GUARD -> ": a safety guard withheld removals";
            default -> "";
        };
    }

    private static String titles(List<Title> ts) {
        List<String> names = new ArrayList<>();
        for (Title t : ts) names.add(t.title());
        names.sort(Comparator.naturalOrder());
        return String.join(", ", names);
    }

    private static void sideBySide(List<Title> plex, List<Title> simkl, Console console) {
        TreeSet<String> all = new TreeSet<>();
        plex.forEach(t -> all.add(t.title()));
        simkl.forEach(t -> all.add(t.title()));
        int w = Math.max(16, all.stream().mapToInt(String::length).max().orElse(16)) + 2;
        console.result(String.format("%-" + w + "s%s", "Plex watchlist", "SIMKL Plan to Watch"));
        console.result(String.format("%-" + w + "s%s", "-".repeat(w - 2), "-".repeat(w - 2)));
        for (String title : all) {
            boolean p = plex.stream().anyMatch(t -> t.title().equals(title));
            boolean s = simkl.stream().anyMatch(t -> t.title().equals(title));
            console.result(String.format("%-" + w + "s%s", p ? title : "", s ? title : ""));
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder; the system cleans it up
        }
    }
}
