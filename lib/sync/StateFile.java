package sync;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import config.ConfigException;
import files.AtomicFile;
import files.Folders;
import files.Json;
import model.MediaType;
import simkl.SimklClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads and writes state.json. A missing file is a first run; a corrupt file, or one from another
 * version, is refused with a message and never silently replaced.
 */
public final class StateFile {
    private StateFile() {}

    /**
     * state.json as a run read it: the state, with the stamps of the runs since it was written whole
     * ({@link RunStamps}), and which bytes it was read from ({@link RunStamps#identify}; null: there
     * was no state.json), so that a run that changes nothing else need not write it again.
     */
    public record Loaded(State state, String stateJson) {}

    public static State load(Path file) throws ConfigException {
        return read(file).state();
    }

    public static Loaded read(Path file) throws ConfigException {
        byte[] bytes;
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            // a link where state.json goes would be replaced by the first save, or written through by an older tool
            if (a.isSymbolicLink()) throw new ConfigException(new Folders.LinkRefused(file).getMessage());
            if (!a.isRegularFile()) throw notAFile(file, a);
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            // a first run, or the first after --reset-state, which left the day's SIMKL count beside it
            return new Loaded(RunStamps.applied(file, null, State.empty()), null);
        } catch (IOException e) {
            throw new ConfigException("Could not read " + file + ": " + e.getMessage());
        }
        State state = parse(file, bytes);
        String stateJson = RunStamps.identify(bytes);
        return new Loaded(RunStamps.applied(file, stateJson, state), stateJson);
    }

    /** Refuses a state.json that is not a file (a named pipe would hold every run up, waiting for a writer). */
    private static ConfigException notAFile(Path file, BasicFileAttributes a) {
        return new ConfigException(file + " is not a regular file (it is " + (a.isDirectory() ? "a folder"
                : "a named pipe, a socket or a device") + "), so it cannot be read as the state. It was left as it "
                + "is. Move it away or run --reset-state; the next sync then re-seeds safely (adds only).");
    }

    /**
     * The state {@code bytes} hold, read straight into the records (a tree of them first would cost a
     * third more, before the first request). A file that does not read so, or does not open with the
     * whole-number version this tool reads, is looked at again as a tree ({@link #versioned}), which
     * refuses it in words; one whose version is fine but whose content is not is refused as such.
     */
    private static State parse(Path file, byte[] bytes) throws ConfigException {
        State state;
        try {
            state = Json.MAPPER.readValue(bytes, State.class);
        } catch (IOException | IllegalArgumentException e) {
            versioned(file, bytes);
            throw new ConfigException(file + " could not be understood (" + e.getMessage().split("\n")[0]
                    + "). It was left as it is. Run --reset-state to start over (the next sync adds only).");
        }
        if (state == null || !opensWithVersion(bytes, state.version())) versioned(file, bytes);
        String problem = firstProblem(state);
        if (problem != null) {
            throw new ConfigException(file + ": " + problem
                    + ". Nothing was changed and the file was left as it is: remove"
                    + " or mend that entry, or run --reset-state (the next sync then re-seeds safely, adds only).");
        }
        return state;
    }

    /**
     * Whether {@code bytes} open with {@code "version"}, a whole number this tool reads and the one
     * read ({@code version}), as every state.json this tool writes does. Only the first field is read.
     */
    private static boolean opensWithVersion(byte[] bytes, int version) {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(bytes)) {
            return p.nextToken() == JsonToken.START_OBJECT && p.nextToken() == JsonToken.FIELD_NAME
                    && p.currentName().equals("version") && p.nextToken() == JsonToken.VALUE_NUMBER_INT
                    && p.getNumberType() == JsonParser.NumberType.INT && p.getIntValue() == version
                    && version >= 1 && version <= State.CURRENT_VERSION;
        } catch (IOException e) {
            return false;
        }
    }

    /** The file as JSON: one object with a state version this tool reads; else refused in words. */
    private static JsonNode versioned(Path file, byte[] bytes) throws ConfigException {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + " is damaged (" + Json.describe(e) + "). It was left as it is. "
                    + "Move it away or run --reset-state; the next sync then re-seeds safely (adds only).");
        } catch (IOException e) {
            throw new ConfigException("Could not read " + file + ": " + e.getMessage());
        }
        if (node == null || !node.isObject() || !node.has("version")) {
            throw new ConfigException(file + " is not a plex_simkl_sync state file (no \"version\"). It was left "
                    + "as it is. "
                    + "Move it away or run --reset-state; the next sync then re-seeds safely (adds only).");
        }
        if (!node.get("version").isInt()) {
            throw new ConfigException(file + " has a \"version\" that is not a whole number (" + node.get("version")
                    + "). It was left as it is. Run --reset-state; the next sync then re-seeds safely (adds only).");
        }
        int version = node.get("version").asInt();
        if (version > State.CURRENT_VERSION) {
            throw new ConfigException(file + " was written by a newer plex_simkl_sync (state version " + version
                    + "; this one reads up to " + State.CURRENT_VERSION
                            + "). Upgrade the tool, or run --reset-state to start over.");
        }
        if (version < 1) {
            throw new ConfigException(file + " has an unknown state version " + version
                    + ". Run --reset-state; the next sync then re-seeds safely (adds only).");
        }
        return node;
    }

    /**
     * The first entry a run could not act on safely (a title without its type, title or ids), named
     * so that a person can find it; null when every entry is whole. Half an entry is never guessed at.
     */
    static String firstProblem(State s) {
        if (s.snapshot() != null) {
            List<State.Entry> items = s.snapshot().items();
            for (int i = 0; i < items.size(); i++) {
                State.Entry e = items.get(i);
                String what = missing(e == null, e == null ? null : e.type(), e == null ? null : e.title(), e == null
                        ? Map.of() : e.ids());
                if (what != null) return "snapshot title " + (i + 1) + describe(e == null ? null : e.title())
                        + " has no " + what;
            }
        }
        if (s.simkl() != null) {
            for (Map.Entry<String, List<State.CachedSimklItem>> b : s.simkl().buckets().entrySet()) {
                if (!SimklClient.BUCKETS.contains(b.getKey())) return "the SIMKL copy has an unknown list \""
                        + b.getKey() + "\"";
                List<State.CachedSimklItem> items = b.getValue() == null ? List.of() : b.getValue();
                for (int i = 0; i < items.size(); i++) {
                    State.CachedSimklItem c = items.get(i);
                    String what = missing(c == null, c == null ? null : c.type(), c == null ? null : c.title(),
                            c == null ? Map.of() : c.ids());
                    if (what == null && c.status() == null) what = "status";
                    if (what != null) return "title " + (i + 1) + " of the SIMKL " + b.getKey() + " copy"
                            + describe(c == null ? null : c.title()) + " has no " + what;
                }
            }
        }
        for (int i = 0; i < s.unresolved().size(); i++) {
            State.Unresolved u = s.unresolved().get(i);
            String what = missing(u == null, u == null ? null : u.type(), u == null ? null : u.title(), u == null
                    ? Map.of() : u.ids());
            if (what == null && u.missingOn() == null) what = "missing_on (plex or simkl)";
            if (what != null) return "unresolved title " + (i + 1) + describe(u == null ? null : u.title())
                    + " has no " + what;
        }
        return null;
    }

    private static String missing(boolean isNull, MediaType type, String title, Map<String, String> ids) {
        if (isNull) return "content";
        if (type == null) return "type";
        if (title == null) return "title";
        if (ids == null || ids.isEmpty()) return "ids";
        return null;
    }

    private static String describe(String title) {
        return title == null || title.isBlank() ? "" : " (\"" + title + "\")";
    }

    /**
     * What state.json says, for --doctor: whether it holds a snapshot, of how many titles, how many
     * titles wait in the ledger, whose lists the snapshot is of (each described; none recorded: empty),
     * the digest of the SIMKL sign-in it was taken with (null: no account recorded), and the day's
     * SIMKL requests at {@code now}.
     */
    public record Summary(boolean seeded, int titles, int unresolved, List<String> of, String simklSignIn,
            SimklBudget budget) {
        /** Whether {@code token} is a SIMKL sign-in other than the one the recorded account was learnt with. */
        public boolean newSimklSignIn(String token) {
            return simklSignIn != null && !State.tag(token).equals(simklSignIn);
        }
    }

    public static Summary summary(Path file, Instant now) throws ConfigException {
        State st = load(file);
        List<String> of = new ArrayList<>();
        if (st.plexWatchlist() != null) of.add(st.plexWatchlist().describe());
        State.SimklAccount a = st.simklAccount();
        if (a != null) of.add("the SIMKL lists of " + a.describe());
        return new Summary(st.seeded(), st.seeded() ? st.snapshot().items().size() : 0, st.unresolved().size(), of,
                a == null ? null : a.tokenTag(), SimklBudget.of(st, now));
    }

    /** The SIMKL plan state.json records for the account ("free", "vip", …), or null when it records none. */
    public static String simklPlan(Path file) throws ConfigException {
        State.SimklAccount a = load(file).simklAccount();
        return a == null ? null : a.plan();
    }

    /** Whether state.json records {@code token} as the Home user {@code userId}'s ({@link State.HomeToken}). */
    public static boolean homeTokenStands(Path file, String userId, String token) throws ConfigException {
        State.HomeToken recorded = load(file).plexHomeToken();
        return recorded != null && recorded.stands(userId, token);
    }

    /** Records in state.json that {@code token} (its digest, never the token) is the Home user's, since {@code at}. */
    public static void keepHomeToken(Path file, String userId, String token, Instant at) throws ConfigException,
            IOException {
        State state = load(file);
        save(file, state.withPlexHomeToken(new State.HomeToken(userId, State.tag(token), at.toString())));
    }

    /** Drops the digest of a Home user's token from state.json, when it holds one. */
    public static void forgetHomeToken(Path file) throws ConfigException, IOException {
        State state = load(file);
        if (state.plexHomeToken() != null) save(file, state.withPlexHomeToken(null));
    }

    /** state.run.json beside {@code stateFile}: the stamps of runs that changed nothing else ({@link RunStamps}). */
    public static Path stampsFile(Path stateFile) {
        return RunStamps.fileFor(stateFile);
    }

    /**
     * Compact JSON (large lists load fast); read it with e.g. {@code jq . state.json}. The stamps
     * beside the state.json it replaces go with it (they are in {@code state}, or were dropped).
     */
    public static void save(Path file, State state) throws IOException {
        AtomicFile.write(file, (Json.compact(state) + "\n").getBytes(StandardCharsets.UTF_8));
        Path stamps = RunStamps.fileFor(file);
        try {
            if (!Files.isSymbolicLink(stamps)) Files.deleteIfExists(stamps);
        } catch (IOException e) {
            // left behind, it names the state.json before this one, so it is never read over this one
        }
    }

    /**
     * Saves {@code after}, a run's state that began as {@code before}: when they differ only in what
     * every run moves (its times, the day's SIMKL requests) and state.json is still the one read,
     * only those are written, beside it ({@link RunStamps}), and state.json is left as it is; else
     * state.json is written whole. Answers whether state.json was written.
     */
    public static boolean saveChanges(Path file, Loaded before, State after) throws IOException {
        if (before.stateJson() != null && RunStamps.onlyStampsDiffer(before.state(), after)) {
            try {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        && before.stateJson().equals(RunStamps.identify(Files.readAllBytes(file)))) {
                    RunStamps.of(after, before.stateJson()).write(file);
                    return false;
                }
            } catch (IOException e) {
                // the stamps could not be written beside it: state.json is written whole instead
            }
        }
        save(file, after);
        return true;
    }

    /**
     * Saves only what {@code after} counts of the day's SIMKL requests, in the stamps beside the
     * state.json {@code before} was read from, which is left as it is: a run that promises not to
     * change the state (--restore), or that changed nothing but learnt the day is used up.
     */
    public static void saveCount(Path file, Loaded before, State after) throws IOException {
        RunStamps.of(before.state().withSimklRequests(after.simklRequests()), before.stateJson()).write(file);
    }

    /**
     * Takes state.json out of use: renamed to {@code state-reset-<UTC time>.json} beside it, so that
     * the snapshot and the ledger of unresolved titles it held can still be read (the last
     * {@link #RESET_COPIES} such copies are kept). The day's count of SIMKL requests is not reset: it
     * is kept beside it in state.run.json, alone, for the next run ({@link RunStamps#kept}). Answers
     * the copy, or null when there was no state.json.
     */
    public static Path reset(Path file, Instant now) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) return null;
        State.Budget count = RunStamps.kept(file);
        Path stamps = RunStamps.fileFor(file);
        if (count != null) {
            RunStamps.countOnly(count).write(file);
        } else if (!Files.isSymbolicLink(stamps)) {
            Files.deleteIfExists(stamps);
        }
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(now);
        Path copy = file.resolveSibling("state-reset-" + stamp + ".json");
        for (int n = 2; Files.exists(copy, LinkOption.NOFOLLOW_LINKS); n++) {
            copy = file.resolveSibling("state-reset-" + stamp + "-" + n + ".json");
        }
        Files.move(file, copy, StandardCopyOption.ATOMIC_MOVE);
        List<Path> copies;
        try (Stream<Path> all = Files.list(file.toAbsolutePath().getParent())) {
            copies = all.filter(p -> p.getFileName().toString().matches("state-reset-\\d{8}T\\d{6}Z(-\\d+)?\\.json"))
                    .sorted().toList();
        }
        for (int i = 0; i < copies.size() - RESET_COPIES; i++) Files.deleteIfExists(copies.get(i));
        return copy;
    }

    /** How many copies of reset state files are kept. */
    public static final int RESET_COPIES = 3;
}
