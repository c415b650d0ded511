///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../plex_simkl_sync.java
//COMPILE_OPTIONS -encoding UTF-8 -J-XX:TieredStopAtLevel=1 -J-XX:+UseSerialGC
//JAVA_OPTIONS -Dfile.encoding=UTF-8

import cli.Cli;
import cli.Context;
import files.Json;
import http.Sleeper;
import sandbox.Catalogue;
import sandbox.PlexEmulator;
import sandbox.SimklEmulator;
import sandbox.Title;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark behind scripts/bench: runs the real CLI (through scripts/jbang, as a user would)
 * against the emulators with injected latency (20 and 150 ms a request unless told), 3 times per
 * workload, and prints requests per service against the workload's lower bound, the bytes read
 * from SIMKL, wall time against the physical bound, and peak memory.
 *
 * The physical bound of a workload is what no client could beat: the start-up of the command (the
 * measured --version), then its requests in sequence at the latency, four Plex requests at a time
 * (the tool's fan-out), SIMKL's one at a time, the two services side by side, and SIMKL's POSTs a
 * second apart.
 */
public class Bench {
    static final String PLEX_TOKEN = "bench-plex-token-0123456789";
    static final String SIMKL_ID = "bench-client-id";
    static final String SIMKL_TOKEN = "bench-simkl-token-0123456789";
    static int latency = 20;
    static List<Integer> latencies = List.of(20, 150);
    /** The start-up reference (median seconds of --version), part of every bound. */
    static double startup = -1;
    static int runs = 3;
    static Path root;

    record Measure(long plex, long simkl, long simklBytes, double seconds, long peakKb, int exit) {}

    public static void main(String[] args) throws Exception {
        boolean json = false;
        List<String> only = new ArrayList<>(List.of("version", "a", "b", "c", "e", "d1k", "d10k"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--latency":
                    latencies = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                    break;
                case "--runs": runs = Integer.parseInt(args[++i]); break;
                case "--json": json = true; break;
                case "--only": only = Arrays.asList(args[++i].split(",")); break;
                default:
                    System.err.println("usage: scripts/bench [--latency MS[,MS…]] [--runs N] [--only "
                            + "version,a,b,c,e,d1k,d10k] [--json]");
                    System.exit(2);
            }
        }
        root = Path.of(System.getProperty("user.dir"));
        List<Map<String, Object>> rows = new ArrayList<>();
        latency = latencies.get(0);
        System.err.println("[bench] start-up reference (" + runs + " runs)...");
        Map<String, Object> version = workload("version");
        startup = (double) version.get("wall_median_s");
        version.put("time_bound_s", startup);
        if (only.contains("version")) rows.add(version);
        for (int l : latencies) {
            latency = l;
            for (String w : only) {
                if (w.equals("version")) continue;
                System.err.println("[bench] workload " + w + " (" + runs + " runs, " + latency + " ms per request)...");
                rows.add(workload(w));
            }
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("latencies_ms", latencies);
            doc.put("runs", runs);
            doc.put("startup_s", startup);
            doc.put("workloads", rows);
            System.out.print(Json.pretty(doc));
            return;
        }
        System.out.printf("%-6s %4s %-44s %9s %9s %9s %9s %11s %8s %8s %6s %13s %7s%n", "load", "ms", "what",
                "plex req", "bound", "simkl req", "bound", "simkl bytes", "median s", "bound s", "ratio", "range s",
                "peak MB");
        for (Map<String, Object> r : rows) {
            double median = (double) r.get("wall_median_s");
            double bound = (double) r.get("time_bound_s");
            System.out.printf("%-6s %4s %-44s %9s %9s %9s %9s %11s %8.2f %8.2f %6.2f %13s %7d%n", r.get("workload"),
                    r.get("latency_ms"), r.get("what"), r.get("plex_requests"), r.get("plex_bound"),
                    r.get("simkl_requests"), r.get("simkl_bound"), r.get("simkl_bytes"), median, bound,
                    median / bound, r.get("wall_range_s"), (long) r.get("peak_mb"));
        }
    }

    /**
     * The physical bound in seconds: start-up, then {@code rounds} latency-long steps in sequence,
     * plus the seconds SIMKL's POST pacing adds where it outlasts the Plex writes beside it.
     */
    static double timeBound(long rounds, double pacingBeyond) {
        return startup + rounds * latency / 1000.0 + pacingBeyond;
    }

    /** Rounds of a 4-way fan-out over {@code n} requests. */
    static long fan(long n) {
        return (n + 3) / 4;
    }

    /** Rounds of a Plex list read: the first page alone (it tells the size), then the rest four at a time. */
    static long listRounds(long titles) {
        return 1 + fan(pages(titles) - 1);
    }

    static String ratio(Object a, Object b) {
        if (!(a instanceof Long) || !(b instanceof Long) || (Long) b == 0) return "-";
        return String.format("%.2f", (double) (Long) a / (Long) b);
    }

    static long pages(long n) {
        return Math.max(1, (n + 99) / 100);
    }

    static Map<String, Object> workload(String w) throws Exception {
        List<Measure> ms = new ArrayList<>();
        long plexBound = 0;
        long simklBound = 0;
        double timeBound = 0;
        String what = "";
        for (int run = 0; run < runs; run++) {
            Path dir = Files.createTempDirectory("bench-" + w);
            try (PlexEmulator plex = new PlexEmulator(PLEX_TOKEN); SimklEmulator simkl = new SimklEmulator(SIMKL_ID,
                    "s", SIMKL_TOKEN)) {
                Map<String, String> env = env(plex, simkl);
                List<String> args = new ArrayList<>(List.of("--sync", "--dir", dir.toString()));
                switch (w) {
                    case "version": {
                        what = "--version (start-up reference)";
                        args = List.of("--version");
                        break;
                    }
                    case "a": {
                        what = "unchanged sync, 1,000 + 1,000 titles";
                        List<Title> t = Catalogue.generated(1, 1000);
                        seedBoth(plex, simkl, t);
                        seedRun(env, dir);
                        plexBound = pages(1000);
                        simklBound = 1;
                        // the Plex list, with SIMKL's activities beside it
                        timeBound = timeBound(listRounds(1000), 0);
                        break;
                    }
                    case "b": {
                        what = "first run, 500 Plex-only + 500 SIMKL-only";
                        seedOneSided(plex, simkl, Catalogue.generated(1, 500), Catalogue.generated(10_001, 500));
                        // whose watchlist (a new state; beside the reads) + reads + the daily keep-alive ping + 1
                        // match and 1 PUT per Plex add + verify re-read
                        plexBound = 1 + pages(500) + 1 + 500 + 500 + pages(1000);
                        // activities + each list read whole + 1 POST per 100 adds + verify (activities + one delta)
                        // + whose SIMKL account (a new state; a POST, paced as one)
                        simklBound = 1 + 3 + pages(500) + 2 + 1;
                        // reads (the ping, the Plex list and SIMKL's four reads side by side), then 1,000 Plex
                        // calls four at a time beside six SIMKL POSTs a second apart, then the re-reads
                        long reads = Math.max(listRounds(500), 4);
                        long writes = fan(1000);
                        double pacing = Math.max(0, 5 + 6 * latency / 1000.0 - writes * latency / 1000.0);
                        timeBound = timeBound(reads + writes + listRounds(1000) + 2, pacing);
                        break;
                    }
                    case "c": {
                        what = "50 adds on each side since the last run";
                        List<Title> t = Catalogue.generated(1, 1000);
                        seedBoth(plex, simkl, t);
                        seedRun(env, dir);
                        seedOneSided(plex, simkl, Catalogue.generated(20_001, 50), Catalogue.generated(30_001, 50));
                        plexBound = pages(1050) + 50 + 50 + pages(1100);
                        simklBound = 1 + 1 + 1 + 2;
                        timeBound = timeBound(Math.max(listRounds(1050), 2) + fan(100) + listRounds(1100) + 2, 0);
                        break;
                    }
                    case "e": {
                        what = "10 titles deleted on SIMKL, 1,000 + 1,000";
                        List<Title> t = Catalogue.generated(1, 1000);
                        seedBoth(plex, simkl, t);
                        seedRun(env, dir);
                        for (Title x : t.subList(0, 10)) simkl.delete(x.simkl());
                        // Plex: pages + 10 removals + verify pages; SIMKL: activities + the deleted buckets read for
                        // what left + their deltas
                        plexBound = pages(1000) + 10 + pages(990);
                        simklBound = 1 + 2;
                        timeBound = timeBound(Math.max(listRounds(1000), 3) + fan(10) + listRounds(990), 0);
                        break;
                    }
                    case "d1k":
                    case "d10k": {
                        int n = w.equals("d1k") ? 1000 : 10_000;
                        what = "--dry-run read of " + n + " + " + n + " titles";
                        seedBoth(plex, simkl, Catalogue.generated(1, n));
                        args.add("--dry-run");
                        // a dry run saves no state, so it asks whose watchlist and pings every time (beside the reads)
                        plexBound = 1 + pages(n) + 1;
                        simklBound = 1 + 3; // activities, then each list whole (one request per bucket)
                        timeBound = timeBound(Math.max(listRounds(n), 4), 0);
                        break;
                    }
                    default:
                        throw new IllegalArgumentException("unknown workload " + w);
                }
                plex.latency(latency);
                simkl.latency(latency);
                plex.clearLog();
                simkl.clearLog();
                Measure m = measure(args, env);
                long bytes = simkl.requests().stream().mapToLong(sandbox.Emulator.Logged::bytes).sum();
                ms.add(new Measure(plex.requests().size(), simkl.requests().size(), bytes, m.seconds(), m.peakKb(),
                        m.exit()));
            } finally {
                try (var s = Files.walk(dir)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        double[] secs = ms.stream().mapToDouble(Measure::seconds).sorted().toArray();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("workload", w);
        row.put("latency_ms", w.equals("version") ? "-" : (Object) latency);
        row.put("what", what);
        row.put("time_bound_s", timeBound);
        boolean counts = !w.equals("version");
        row.put("plex_requests", counts ? ms.get(ms.size() - 1).plex() : "-");
        row.put("plex_bound", counts ? (Object) plexBound : "-");
        row.put("simkl_requests", counts ? ms.get(ms.size() - 1).simkl() : "-");
        row.put("simkl_bound", counts ? (Object) simklBound : "-");
        row.put("simkl_bytes", counts ? ms.get(ms.size() - 1).simklBytes() : "-");
        row.put("requests_same_every_run", ms.stream().map(m -> m.plex() + "/" + m.simkl()).distinct().count() == 1);
        row.put("wall_median_s", secs[secs.length / 2]);
        row.put("wall_range_s", String.format("%.2f-%.2f", secs[0], secs[secs.length - 1]));
        row.put("peak_mb", ms.stream().mapToLong(Measure::peakKb).max().orElse(0) / 1024);
        row.put("exit_codes", ms.stream().map(Measure::exit).distinct().toList());
        return row;
    }

    static Map<String, String> env(PlexEmulator plex, SimklEmulator simkl) {
        return sandbox.EmulatorEnv.of(plex, simkl, PLEX_TOKEN, SIMKL_ID, SIMKL_TOKEN);
    }

    static void seedBoth(PlexEmulator plex, SimklEmulator simkl, List<Title> titles) {
        plex.addTitles(titles);
        simkl.addTitles(titles);
        String[] keys = titles.stream().map(Title::plexKey).toArray(String[]::new);
        plex.watchlistAdd(keys);
        for (Title t : titles) simkl.put(t.simkl(), "plantowatch");
    }

    /** Titles on one side only: {@code plexOnly} on the watchlist, {@code simklOnly} in Plan to Watch; both catalogues
     * know all. */
    static void seedOneSided(PlexEmulator plex, SimklEmulator simkl, List<Title> plexOnly, List<Title> simklOnly) {
        for (List<Title> ts : List.of(plexOnly, simklOnly)) {
            plex.addTitles(ts);
            simkl.addTitles(ts);
        }
        for (Title x : plexOnly) plex.watchlistAdd(x.plexKey());
        for (Title x : simklOnly) simkl.put(x.simkl(), "plantowatch");
    }

    /** A previous run (not measured, in-process): seeds the snapshot and the SIMKL copy. */
    static void seedRun(Map<String, String> env, Path dir) {
        Map<String, String> full = new HashMap<>(System.getenv());
        full.putAll(env);
        PrintStream devnull = new PrintStream(new ByteArrayOutputStream());
        int code = Cli.run(new String[] {"--sync", "--dir", dir.toString()},
                new Context(full, root, System.in, devnull, devnull,
                Clock.systemUTC(), Sleeper.REAL, false, null));
        if (code != 0) throw new IllegalStateException("seed run failed with exit " + code);
    }

    /** Runs the real CLI through scripts/jbang; wall time, and the peak resident memory of the process. */
    static Measure measure(List<String> args, Map<String, String> env) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", "scripts/jbang", "plex_simkl_sync.java"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        pb.environment().put("JBANG_NO_VERSION_CHECK", "true");
        long start = System.nanoTime();
        Process p = pb.start();
        long peak = 0;
        Path status = Path.of("/proc/" + p.pid() + "/status");
        while (!p.waitFor(20, TimeUnit.MILLISECONDS)) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) peak = Math.max(peak, Long.parseLong(line.replaceAll("\\D", "")));
                }
            } catch (Exception ignored) {
                // the process ended between two reads
            }
        }
        double secs = (System.nanoTime() - start) / 1e9;
        return new Measure(0, 0, 0, secs, peak, p.exitValue());
    }
}
