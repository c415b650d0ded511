package support;

import files.Json;
import com.fasterxml.jackson.databind.JsonNode;
import sandbox.Title;
import sync.StateFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A sandbox plus a config folder, and a way to run the real CLI against them. */
public final class SyncWorld implements AutoCloseable {
    public final Sandbox sb;
    public final Path dir;
    private final Path home;

    public SyncWorld(Path tmp) {
        this(tmp, sandbox.Catalogue.demo());
    }

    public SyncWorld(Path tmp, List<Title> titles) {
        sb = new Sandbox(titles);
        home = tmp;
        dir = tmp.resolve("cfg");
    }

    /** A run of the CLI a minute after whatever came before, as runs from cron or --watch are. */
    public CliRun.Builder cli() {
        sb.clock.advance(java.time.Duration.ofMinutes(1));
        return new CliRun.Builder(home).env(sb.env()).sleeper(sb.slept::add).clock(sb.clock);
    }

    public CliRun sync(String... extra) {
        String[] args = new String[extra.length + 3];
        args[0] = "--sync";
        args[1] = "--dir";
        args[2] = dir.toString();
        System.arraycopy(extra, 0, args, 3, extra.length);
        return cli().run(args);
    }

    /** Writes config.json with one change to the sync block (e.g. mirror mode). */
    public void config(String syncJson) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), "{\"sync\": " + syncJson + "}");
    }

    /**
     * The state as the next run reads it: state.json with the stamps a run that changed nothing else left
     * beside it (state.run.json), as JSON. A test of the file itself reads the file.
     */
    public JsonNode state() throws Exception {
        return Json.MAPPER.valueToTree(StateFile.load(dir.resolve("state.json")));
    }

    public boolean hasState() {
        return Files.exists(dir.resolve("state.json"));
    }

    public void plexHas(Title... titles) {
        for (Title t : titles) sb.plex.watchlistAdd(t.plexKey());
    }

    /** Titles on both sides, as after a sync. */
    public void bothHave(List<Title> titles) {
        for (Title t : titles) {
            sb.plex.watchlistAdd(t.plexKey());
            sb.simkl.put(t.simkl(), "plantowatch");
        }
    }

    public void simklHas(Title... titles) {
        for (Title t : titles) sb.simkl.put(t.simkl(), "plantowatch");
    }

    /**
     * The real command line in a process of its own (to be stopped by a signal), against this world's
     * emulators, with a home of its own, output to {@code log}.
     */
    public Process process(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), CliMain.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("HOME", home.toString());
        env.putAll(sb.env());
        env.put("PLEX_SIMKL_SYNC_HTTP_TIMEOUT_MS", "5000");
        return pb.start();
    }

    @Override
    public void close() {
        sb.close();
    }
}
