package cli;

import config.ConfigDir;
import files.TempFolder;
import sandbox.Demo;
import sandbox.Title;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * --demo: the real sync, start to end, against the built-in emulators in a temporary folder: three
 * runs with a person's edits after the first, then both lists side by side. No account, no network.
 */
record DemoCommand() implements Command {
    @Override
    public int run(Session s) throws Failure {
        Console console = s.console;
        try (TempFolder tmp = new TempFolder("plex_simkl_sync-demo"); Demo demo = new Demo(s.ctx.clock())) {
            Map<String, String> env = new HashMap<>(s.ctx.env());
            env.remove("PLEX_SIMKL_SYNC_DIR");
            env.putAll(demo.env());
            env.put(ConfigDir.ENV_DEMO, tmp.path().toString());
            Context runs = s.ctx.withEnv(env);
            String[] sync = {"--sync", "--dir", tmp.path().toString()};
            introduce(demo, tmp.path(), console);
            int first = round("Run 1: the first two-way sync adds only, both ways", sync, runs, console);
            console.result("== Meanwhile, as a person would: " + Demo.EDITS + " ==");
            demo.personEdits();
            console.result("");
            int excluded = command("Plex will never have the documentary: leave it out of the sync",
                    new String[] {"--exclude", "obscure documentary", "--dir", tmp.path().toString()}, runs, console);
            int second = round("Run 2: changes since the snapshot travel both ways, deletions too", sync, runs,
                    console);
            int third = round("Run 3: nothing changed, so nothing is written", sync, runs, console);
            int why = command("Why did Dune: Part Two leave Plex",
                    new String[] {"--why", "dune part two", "--dir", tmp.path().toString()}, runs, console);
            int undo = command("Changed your mind about run 2? Take it back, exactly",
                    new String[] {"--undo", "--dir", tmp.path().toString()}, runs, console);
            sideBySide(demo.plex.watchlist(), demo.simkl.inStatus("plantowatch"), console);
            console.result("");
            console.result("Next: try every command by hand against these emulators with --demo --serve, or sign "
                    + "in to your own");
            console.result("accounts (README, \"Sign in\") and run --sync --dry-run.");
            boolean ok = first <= ExitCode.PARTIAL && excluded == ExitCode.OK && second == ExitCode.OK
                    && third == ExitCode.OK && why == ExitCode.OK && undo == ExitCode.OK;
            return ok ? ExitCode.OK : ExitCode.PARTIAL;
        } catch (IOException e) {
            throw Failure.usage("Could not create a temporary folder for the demo: " + e.getMessage());
        }
    }

    /** Where the emulators are, and what each side holds before the tour. */
    private static void introduce(Demo demo, Path folder, Console console) {
        console.result("plex_simkl_sync demo: built-in Plex and SIMKL emulators on " + demo.plex.url() + " and "
                + demo.simkl.url());
        console.result("Working folder (deleted afterwards): " + folder);
        console.result("");
        console.result("Before: Plex has " + titles(demo.plex.watchlist()) + ".");
        console.result("        SIMKL Plan to Watch has " + titles(demo.simkl.inStatus("plantowatch")) + ";");
        console.result("        SIMKL also holds The Terminator as completed (watched).");
        console.result("        Jujutsu Kaisen's two seasons are two titles on SIMKL and one show on Plex.");
        console.result("");
    }

    /** One real sync, with a heading and what its exit code means. */
    private static int round(String heading, String[] args, Context runs, Console console) {
        console.result("== " + heading + " ==");
        int code = Cli.run(args, runs);
        console.result("(exit code " + code + meaning(code) + ")");
        console.result("");
        return code;
    }

    /** Another command of the tool, as the person would type it, with its heading. */
    private static int command(String heading, String[] args, Context runs, Console console) {
        console.result("== " + heading + " (plex_simkl_sync " + String.join(" ", args).replaceAll(" --dir \\S+$", "")
                .replaceAll("(--\\w+) ([a-z][a-z ]+[a-z])", "$1 \"$2\"") + ") ==");
        int code = Cli.run(args, runs);
        console.result("");
        return code;
    }

    private static String meaning(int code) {
        return switch (code) {
            case ExitCode.OK -> ": in sync";
            case ExitCode.PARTIAL -> ": finished; a title is unresolved (Plex has no \"A Very Obscure "
                    + "Documentary\"), reported, retried later";
            case ExitCode.GUARD -> ": a safety guard withheld removals";
            default -> "";
        };
    }

    private static String titles(List<Title> ts) {
        return String.join(", ", new TreeSet<>(ts.stream().map(Title::title).toList()));
    }

    /**
     * Both lists, a title a row. An anime's seasons (SIMKL lists each, Plex one show) share a row, as the
     * sync counts them: one title.
     */
    private static void sideBySide(List<Title> plex, List<Title> simkl, Console console) {
        Map<String, String> row = new TreeMap<>(); // title → the row it is shown on
        Map<String, List<String>> seasons = new TreeMap<>();
        for (Title t : simkl) {
            Title first = simkl.stream().filter(o -> t.tvdb() != null && t.tvdb().equals(o.tvdb()))
                    .min(Comparator.comparingInt(Title::year)).orElse(t);
            row.put(t.title(), first.title());
            seasons.computeIfAbsent(first.title(), k -> new ArrayList<>()).add(t.title());
        }
        TreeSet<String> all = new TreeSet<>(seasons.keySet());
        plex.forEach(t -> all.add(row.getOrDefault(t.title(), t.title())));
        List<String[]> rows = new ArrayList<>();
        for (String title : all) {
            boolean p = plex.stream().anyMatch(t -> row.getOrDefault(t.title(), t.title()).equals(title));
            List<String> s = seasons.getOrDefault(title, List.of());
            rows.add(new String[] {p ? title : "", String.join(" + ", s)});
        }
        int w = Math.max(16, rows.stream().mapToInt(r -> r[0].length()).max().orElse(16)) + 2;
        console.result(String.format("%-" + w + "s%s", "Plex watchlist", "SIMKL Plan to Watch"));
        console.result(String.format("%-" + w + "s%s", "-".repeat(w - 2), "-".repeat(w - 2)));
        for (String[] r : rows) console.result(String.format("%-" + w + "s%s", r[0], r[1]).stripTrailing());
    }
}
