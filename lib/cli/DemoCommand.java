package cli;

import sandbox.Catalogue;
import sandbox.EmulatorEnv;
import sandbox.PlexEmulator;
import sandbox.SimklEmulator;
import sandbox.Title;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * --demo: the real sync, start to end, against the built-in emulators in a temporary folder. Two
 * runs with a person's edits in between, then both lists side by side. No account, no network.
 */
final class DemoCommand {
    private static final String PLEX_TOKEN = "demo-plex-token-not-a-secret";
    private static final String SIMKL_ID = "demo-client-id";
    private static final String SIMKL_TOKEN = "demo-simkl-token-not-a-secret";

    private DemoCommand() {}

    static int run(Flags.Request req, Context ctx, Console console) {
        Path tmp;
        try {
            tmp = Files.createTempDirectory("plex_simkl_sync-demo");
        } catch (IOException e) {
            console.error("Could not create a temporary folder for the demo: " + e.getMessage());
            return ExitCode.USAGE;
        }
        try (PlexEmulator plex = new PlexEmulator(PLEX_TOKEN); SimklEmulator simkl = new SimklEmulator(SIMKL_ID, "demo-secret", SIMKL_TOKEN)) {
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
            console.result("Next: create config.json with your tokens (see README, \"Signing in\"), then run --sync --dry-run.");
            return first <= 1 && second <= 1 && third <= 1 ? ExitCode.OK : ExitCode.PARTIAL;
        } finally {
            delete(tmp);
        }
    }

    /** One real sync, with a heading and what its exit code means. */
    private static int round(String heading, String[] args, Context demo, Console console) {
        console.result("== " + heading + " ==");
        int code = Cli.run(args, demo);
        console.result("(exit code " + code + meaning(code) + ")");
        console.result("");
        return code;
    }

    private static String meaning(int code) {
        switch (code) {
            case 0: return ": in sync";
            case 1: return ": finished; a title is unresolved (Plex has no \"A Very Obscure Documentary\"), reported, retried later";
            case 4: return ": a safety guard withheld removals";
            default: return "";
        }
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
