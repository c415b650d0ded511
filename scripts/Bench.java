///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../plex_simkl_sync.java
//COMPILE_OPTIONS -encoding UTF-8 -J-XX:TieredStopAtLevel=1 -J-XX:+UseSerialGC
//JAVA_OPTIONS -Dfile.encoding=UTF-8 -XX:TieredStopAtLevel=1 -XX:+UseSerialGC

import cli.Cli;
import cli.Context;
import files.Json;
import http.Sleeper;
import sandbox.Catalogue;
import sandbox.PlexEmulator;
import sandbox.SimklEmulator;
import sandbox.Title;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
import java.util.concurrent.atomic.AtomicLong;
import javax.tools.ToolProvider;

/**
 * The benchmark behind scripts/bench: runs the real CLI (through scripts/jbang, as a user would)
 * against the emulators with injected latency (20 and 150 ms a request unless told), 5 times per
 * workload, and prints the median wall time beside what no client could beat, the time to the first
 * request and after the last answer, requests per service against the workload's lower bound, the
 * bytes read from SIMKL, and peak memory.
 *
 * The floor is the JVM's own start on this machine: an empty class run with the script's JVM options.
 * A command that asks no service is bounded by the floor alone; one that does, by the floor plus its
 * requests in sequence at the latency, four Plex requests at a time (the tool's fan-out), SIMKL's one
 * at a time, the two services side by side, and SIMKL's POSTs a second apart.
 *
 * Requests pass through a relay per service that notes when the first byte of a request arrived and
 * when the last byte of an answer left; the time to the first request counts from the process start,
 * the time after the last answer runs to the process end.
 */
public class Bench {
    static final String PLEX_TOKEN = "bench-plex-token-0123456789";
    static final String SIMKL_ID = "bench-client-id";
    static final String SIMKL_TOKEN = "bench-simkl-token-0123456789";
    static final List<String> ALL = List.of("floor", "version", "why", "journal", "health", "list", "a", "b", "c",
            "e", "d1k", "d10k");
    /** The workloads that ask no service: measured once, not at each latency. */
    static final List<String> LOCAL = List.of("floor", "version", "why", "journal", "health");
    static int latency = 20;
    static List<Integer> latencies = List.of(20, 150);
    /** The JVM's own start (median seconds), part of every bound. */
    static double floor = -1;
    static int runs = 5;
    static boolean throughJBang;
    static Path root;
    static Path hello;
    /** The folder the commands that ask no service read: as after a few weeks of syncs. */
    static Path local;

    record Measure(long plex, long simkl, long simklBytes, double seconds, double firstRequest, double afterLast,
                   long peakKb, int exit) {}

    public static void main(String[] args) throws Exception {
        boolean json = false;
        boolean check = false;
        List<String> only = ALL;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--latency":
                    latencies = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                    break;
                case "--runs": runs = Integer.parseInt(args[++i]); break;
                case "--json": json = true; break;
                case "--only": only = Arrays.asList(args[++i].split(",")); break;
                case "--through-jbang": throughJBang = true; break;
                case "--check": check = true; break;
                default:
                    System.err.println("usage: scripts/bench [--latency MS[,MS…]] [--runs N] [--only "
                            + String.join(",", ALL) + "] [--through-jbang] [--check] [--json]");
                    System.exit(2);
            }
        }
        root = Path.of(System.getProperty("user.dir"));
        hello = compileHello();
        String loadBefore = load();
        List<Map<String, Object>> rows = new ArrayList<>();
        latency = latencies.get(0);
        System.err.println("[bench] the JVM's own start (" + runs + " runs)...");
        Map<String, Object> floorRow = workload("floor");
        floor = (double) floorRow.get("wall_median_s");
        floorRow.put("time_bound_s", floor);
        if (only.contains("floor")) rows.add(floorRow);
        if (!throughJBang) warmUp();
        local = Files.createTempDirectory("bench-local");
        if (only.stream().anyMatch(w -> List.of("why", "journal", "health").contains(w))) seedWithJournal(local);
        for (String w : only) {
            if (!LOCAL.contains(w) || w.equals("floor")) continue;
            System.err.println("[bench] " + w + " (" + runs + " runs)...");
            rows.add(workload(w));
        }
        delete(local);
        for (int l : latencies) {
            latency = l;
            for (String w : only) {
                if (LOCAL.contains(w)) continue;
                System.err.println("[bench] workload " + w + " (" + runs + " runs, " + latency + " ms per request)...");
                rows.add(workload(w));
            }
        }
        String loadAfter = load();
        String machine = Runtime.getRuntime().availableProcessors() + " cores, load average " + loadBefore
                + " before, " + loadAfter + " after; Java " + System.getProperty("java.version") + "; "
                + (throughJBang ? "every run through JBang (PLEX_SIMKL_SYNC_DIRECT=0)"
                        : "scripts/jbang's direct start, with its class-data archive");
        List<Map<String, Object>> targets = targets(rows);
        boolean missed = targets.stream().anyMatch(t -> !(boolean) t.get("met"));
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("machine", machine);
            doc.put("latencies_ms", latencies);
            doc.put("runs", runs);
            doc.put("floor_s", floor);
            doc.put("workloads", rows);
            doc.put("targets", targets);
            System.out.print(Json.pretty(doc));
            if (check && missed) System.exit(1);
            return;
        }
        System.out.println("Median of " + runs + " runs; " + machine + ".");
        System.out.printf("%-7s %4s %-44s %8s %8s %6s %13s %9s %9s %9s %9s %9s %9s %11s %7s%n", "load", "ms", "what",
                "median s", "bound s", "ratio", "range s", "first s", "after s", "plex req", "bound", "simkl req",
                "bound", "simkl bytes", "peak MB");
        for (Map<String, Object> r : rows) {
            double median = (double) r.get("wall_median_s");
            double bound = (double) r.get("time_bound_s");
            System.out.printf("%-7s %4s %-44s %8.2f %8.2f %6.2f %13s %9s %9s %9s %9s %9s %9s %11s %7d%n",
                    r.get("workload"), r.get("latency_ms"), r.get("what"), median, bound, median / bound,
                    r.get("wall_range_s"), seconds(r.get("first_request_median_s")),
                    seconds(r.get("after_last_answer_median_s")), r.get("plex_requests"), r.get("plex_bound"),
                    r.get("simkl_requests"), r.get("simkl_bound"), r.get("simkl_bytes"), (long) r.get("peak_mb"));
        }
        System.out.println("first s: from the process start to the first request; after s: from the last answer to "
                + "the process end.");
        if (!targets.isEmpty()) {
            System.out.println();
            System.out.println("Targets (median of " + runs + "):");
            for (Map<String, Object> t : targets) {
                System.out.printf("  %-52s %6.2f s, at most %.2f s: %s%n", t.get("what"), (double) t.get("measured_s"),
                        (double) t.get("target_s"), (boolean) t.get("met") ? "met" : "MISSED");
            }
        }
        if (check && missed) System.exit(1);
    }

    /**
     * The times each command should keep to on two cores (median of 5): what a person running it from cron or
     * in a pipeline, one command after another, waits for. Only the workloads measured are checked.
     */
    static List<Map<String, Object>> targets(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            String w = (String) r.get("workload");
            boolean at20 = Integer.valueOf(20).equals(r.get("latency_ms"));
            switch (w) {
                case "version" -> target(out, "--version", r, "wall_median_s", 0.35);
                case "why", "journal", "health" -> target(out, (String) r.get("what"), r, "wall_median_s", 0.6);
                case "list" -> {
                    if (at20) target(out, r.get("what") + ", 20 ms", r, "wall_median_s", 0.6);
                }
                case "a" -> {
                    if (at20) {
                        target(out, "unchanged sync, 1,000 + 1,000, 20 ms", r, "wall_median_s", 0.8);
                        target(out, "  its first request, from the start", r, "first_request_median_s", 0.5);
                        target(out, "  its end, after the last answer", r, "after_last_answer_median_s", 0.1);
                    }
                }
                default -> { }
            }
        }
        return out;
    }

    static void target(List<Map<String, Object>> out, String what, Map<String, Object> row, String key, double limit) {
        Map<String, Object> t = new LinkedHashMap<>();
        double measured = (double) row.get(key);
        t.put("what", what);
        t.put("measured_s", measured);
        t.put("target_s", limit);
        t.put("met", measured <= limit);
        out.add(t);
    }

    static String seconds(Object s) {
        return s instanceof Double d ? String.format("%.2f", d) : "-";
    }

    /** The load averages over 1, 5 and 15 minutes (the machine may be shared: runs are slower when it is busy). */
    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * The physical bound in seconds: the JVM's start, then {@code rounds} latency-long steps in sequence,
     * plus the seconds SIMKL's POST pacing adds where it outlasts the Plex writes beside it.
     */
    static double timeBound(long rounds, double pacingBeyond) {
        return floor + rounds * latency / 1000.0 + pacingBeyond;
    }

    /** Rounds of a 4-way fan-out over {@code n} requests. */
    static long fan(long n) {
        return (n + 3) / 4;
    }

    /** Rounds of a Plex list read: the first page alone (it tells the size), then the rest four at a time. */
    static long listRounds(long titles) {
        return 1 + fan(pages(titles) - 1);
    }

    static long pages(long n) {
        return Math.max(1, (n + 99) / 100);
    }

    /**
     * Brings scripts/jbang to where a person's runs are after the first few: its command kept (scripts/bench built
     * the script), a sync that wrote the class-data archive, a run that took it into use.
     */
    static void warmUp() throws Exception {
        System.err.println("[bench] warm-up: a sync writes the class-data archive, the next run takes it into use...");
        Path dir = Files.createTempDirectory("bench-warm");
        try (PlexEmulator plex = new PlexEmulator(PLEX_TOKEN);
             SimklEmulator simkl = new SimklEmulator(SIMKL_ID, "s", SIMKL_TOKEN)) {
            Map<String, String> env = env(plex, simkl);
            seedBoth(plex, simkl, Catalogue.generated(1, 100));
            run(List.of("--sync", "--dir", dir.toString()), env, null, null);
            run(List.of("--version"), env, null, null);
        } finally {
            delete(dir);
        }
    }

    static Map<String, Object> workload(String w) throws Exception {
        List<Measure> ms = new ArrayList<>();
        long plexBound = 0;
        long simklBound = 0;
        double timeBound = 0;
        boolean requests = !LOCAL.contains(w);
        String what = "";
        for (int run = 0; run < runs; run++) {
            Path dir = Files.createTempDirectory("bench-" + w);
            try (PlexEmulator plex = new PlexEmulator(PLEX_TOKEN);
                 SimklEmulator simkl = new SimklEmulator(SIMKL_ID, "s", SIMKL_TOKEN);
                 Relay plexRelay = new Relay(plex.url());
                 Relay simklRelay = new Relay(simkl.url())) {
                Map<String, String> env = env(plex, simkl);
                List<String> args = new ArrayList<>(List.of("--sync", "--dir", dir.toString()));
                switch (w) {
                    case "floor": {
                        what = "the JVM's own start (an empty class)";
                        args = null;
                        break;
                    }
                    case "version": {
                        what = "--version";
                        args = List.of("--version");
                        timeBound = floor;
                        break;
                    }
                    case "why": {
                        what = "--why TITLE --offline, 1,000 + 1,000";
                        args = List.of("--why", "Generated Movie 20002", "--offline", "--dir", local.toString());
                        timeBound = floor;
                        break;
                    }
                    case "journal": {
                        what = "--journal, the last 20 of 100 actions";
                        args = List.of("--journal", "--dir", local.toString());
                        timeBound = floor;
                        break;
                    }
                    case "health": {
                        what = "--health after a sync of 1,000 + 1,000";
                        args = List.of("--health", "--dir", local.toString());
                        timeBound = floor;
                        break;
                    }
                    case "list": {
                        what = "--list simkl, its copy current, 1,000";
                        seedBoth(plex, simkl, Catalogue.generated(1, 1000));
                        seedRun(env, dir);
                        args = List.of("--list", "simkl", "--dir", dir.toString());
                        simklBound = 1; // activities: nothing moved since the copy in state.json
                        timeBound = timeBound(1, 0);
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
                        throw new IllegalArgumentException("unknown workload " + w + " (known: " + ALL + ")");
                }
                plex.latency(latency);
                simkl.latency(latency);
                plex.clearLog();
                simkl.clearLog();
                Map<String, String> relayed = new HashMap<>();
                env.forEach((k, v) -> relayed.put(k, v.replace(plex.url(), plexRelay.url())
                        .replace(simkl.url(), simklRelay.url())));
                Measure m = run(args, relayed, plexRelay, simklRelay);
                long bytes = simkl.requests().stream().mapToLong(sandbox.Emulator.Logged::bytes).sum();
                ms.add(new Measure(plex.requests().size(), simkl.requests().size(), bytes, m.seconds(),
                        m.firstRequest(), m.afterLast(), m.peakKb(), m.exit()));
            } finally {
                delete(dir);
            }
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("workload", w);
        row.put("latency_ms", requests ? (Object) latency : "-");
        row.put("what", what);
        row.put("time_bound_s", timeBound);
        Measure last = ms.get(ms.size() - 1);
        row.put("plex_requests", requests ? last.plex() : "-");
        row.put("plex_bound", requests ? (Object) plexBound : "-");
        row.put("simkl_requests", requests ? last.simkl() : "-");
        row.put("simkl_bound", requests ? (Object) simklBound : "-");
        row.put("simkl_bytes", requests ? last.simklBytes() : "-");
        row.put("requests_same_every_run", ms.stream().map(m -> m.plex() + "/" + m.simkl()).distinct().count() == 1);
        double[] secs = ms.stream().mapToDouble(Measure::seconds).sorted().toArray();
        row.put("wall_median_s", median(secs));
        row.put("wall_range_s", String.format("%.2f-%.2f", secs[0], secs[secs.length - 1]));
        if (requests) {
            row.put("first_request_median_s", median(ms.stream().mapToDouble(Measure::firstRequest).sorted()
                    .toArray()));
            row.put("after_last_answer_median_s", median(ms.stream().mapToDouble(Measure::afterLast).sorted()
                    .toArray()));
        }
        row.put("peak_mb", ms.stream().mapToLong(Measure::peakKb).max().orElse(0) / 1024);
        row.put("exit_codes", ms.stream().map(Measure::exit).distinct().toList());
        return row;
    }

    static double median(double[] sorted) {
        return sorted[sorted.length / 2];
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

    /** A folder as after a few weeks: 1,000 + 1,000 titles in sync, then 50 adds on each side carried across. */
    static void seedWithJournal(Path dir) throws IOException {
        try (PlexEmulator plex = new PlexEmulator(PLEX_TOKEN);
             SimklEmulator simkl = new SimklEmulator(SIMKL_ID, "s", SIMKL_TOKEN)) {
            Map<String, String> env = env(plex, simkl);
            seedBoth(plex, simkl, Catalogue.generated(1, 1000));
            seedRun(env, dir);
            seedOneSided(plex, simkl, Catalogue.generated(20_001, 50), Catalogue.generated(30_001, 50));
            // the first run's POST was a moment ago: SIMKL's clock moves on instead of the benchmark waiting
            simkl.clock(Clock.offset(Clock.systemUTC(), java.time.Duration.ofSeconds(2)));
            seedRun(env, dir);
        }
    }

    /** A previous run (not measured, in-process): seeds the snapshot and the SIMKL copy. */
    static void seedRun(Map<String, String> env, Path dir) {
        Map<String, String> full = new HashMap<>(System.getenv());
        full.putAll(env);
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(said, true, java.nio.charset.StandardCharsets.UTF_8);
        int code = Cli.run(new String[] {"--sync", "--dir", dir.toString()},
                new Context(full, root, System.in, out, out, Clock.systemUTC(), Sleeper.REAL, false, null));
        if (code != 0) {
            throw new IllegalStateException("seed run failed with exit " + code + ":\n"
                    + said.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** An empty class, for the JVM's own start. */
    static Path compileHello() throws IOException {
        Path dir = Files.createTempDirectory("bench-floor");
        Path source = dir.resolve("Hello.java");
        Files.writeString(source, "public class Hello { public static void main(String[] args) {} }\n");
        if (ToolProvider.getSystemJavaCompiler().run(null, null, null, source.toString()) != 0) {
            throw new IllegalStateException("could not compile " + source);
        }
        return dir;
    }

    /**
     * Runs the real CLI through scripts/jbang ({@code args} null: the empty class, with the script's JVM options);
     * wall time, the times around the requests the relays saw, and the peak resident memory of the process.
     */
    static Measure run(List<String> args, Map<String, String> env, Relay plex, Relay simkl) throws Exception {
        List<String> cmd;
        if (args == null) {
            String java = ProcessHandle.current().info().command().orElse("java");
            cmd = List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                    hello.toString(), "Hello");
        } else {
            cmd = new ArrayList<>(List.of("bash", "scripts/jbang", "plex_simkl_sync.java"));
            cmd.addAll(args);
        }
        settle();
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        pb.environment().put("JBANG_NO_VERSION_CHECK", "true");
        if (throughJBang) pb.environment().put("PLEX_SIMKL_SYNC_DIRECT", "0");
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
        long end = System.nanoTime();
        double first = Double.NaN;
        double after = Double.NaN;
        if (plex != null) {
            long firstByte = Math.min(plex.firstRequest.get(), simkl.firstRequest.get());
            long lastByte = Math.max(plex.lastAnswer.get(), simkl.lastAnswer.get());
            if (firstByte != Long.MAX_VALUE) first = (firstByte - start) / 1e9;
            if (lastByte != 0) after = (end - lastByte) / 1e9;
        }
        return new Measure(0, 0, 0, (end - start) / 1e9, first, after, peak, p.exitValue());
    }

    /**
     * Lets this JVM's own work after seeding (its collector, its compiler threads) finish before a measured
     * process starts: on two cores it would otherwise compete with the process measured.
     */
    static void settle() throws InterruptedException {
        System.gc();
        Thread.sleep(500);
    }

    static void delete(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /**
     * A TCP relay on loopback in front of an emulator: passes bytes both ways unchanged and notes when the
     * first byte of a request arrived and when the last byte of an answer left.
     */
    static final class Relay implements AutoCloseable {
        final AtomicLong firstRequest = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong lastAnswer = new AtomicLong(0);
        private final ServerSocket server;
        private final int target;

        Relay(String targetUrl) throws IOException {
            target = Integer.parseInt(targetUrl.substring(targetUrl.lastIndexOf(':') + 1));
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(this::accept, "relay-" + target);
            accept.setDaemon(true);
            accept.start();
        }

        String url() {
            return "http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    client.setTcpNoDelay(true);
                    upstream.setTcpNoDelay(true);
                    pump(client, upstream, firstRequest, true);
                    pump(upstream, client, lastAnswer, false);
                } catch (IOException e) {
                    // closed: the run is over
                }
            }
        }

        private static void pump(Socket from, Socket to, AtomicLong mark, boolean request) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[64 * 1024];
                try (from; to) {
                    InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream();
                    for (int n; (n = in.read(buf)) > 0; ) {
                        if (request) mark.accumulateAndGet(System.nanoTime(), Math::min);
                        out.write(buf, 0, n);
                        out.flush();
                        if (!request) mark.accumulateAndGet(System.nanoTime(), Math::max);
                    }
                } catch (IOException e) {
                    // one side closed the connection: close both
                }
            }, "relay-pump");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
