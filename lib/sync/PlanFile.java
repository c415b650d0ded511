package sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import config.Config.Side;
import files.AtomicFile;
import files.Folders;
import files.Json;
import model.Ids;
import model.MediaItem;
import model.MediaType;
import model.Plural;
import simkl.SimklEntry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A plan kept for review (plans/*.json in the config folder, mode 0600, written atomically and never
 * through a link): the actions, and both lists as they were read, by title with a digest of each, so
 * that --apply carries out exactly these actions only while both lists still read the same. Titles the
 * run that wrote the plan changed itself are left out of the lists (an --apply leaves them out too).
 * Once applied, the file says when, and is not applied again.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanFile(int version, String writtenAt, String appliedAt, String plexDigest, String simklDigest,
                       List<String> plex, List<String> simkl, List<Step> actions, List<Map<String, String>> left) {
    public static final int CURRENT_VERSION = 1;

    /** One action of the plan, by its title's ids, with its rule and reason. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Step(Side side, Plan.Kind action, String type, String title, Integer year, Map<String, String> ids,
                       String rule, String reason) {
        static Step of(Plan.Action a) {
            MediaItem i = a.match().item();
            return new Step(a.side(), a.kind(), i.type().word(), i.title(), i.year(), i.ids().matching(),
                    a.rule().word, a.reason());
        }

        MediaItem item() {
            return new MediaItem(MediaType.parse(type), title, year, Ids.of(ids));
        }
    }

    /** The plan for {@code actions}, with the lists as read, less the titles {@code left} (this run's own writes). */
    static PlanFile of(String at, List<Plan.Action> actions, List<MediaItem> plex, List<SimklEntry> simkl,
            List<MediaItem> left) {
        List<String> p = plexKeys(plex, left);
        List<String> s = simklKeys(simkl, left);
        return new PlanFile(CURRENT_VERSION, at, null, digest(p), digest(s), p, s,
                actions.stream().map(Step::of).toList(), left.stream().map(i -> i.ids().matching()).toList());
    }

    /** Why a plan is not carried out: unreadable, applied already, or a list changed since (exit 2). */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    /**
     * Writes to {@code file} the plan of {@code p}: its actions and the removals the guard withheld, with
     * both lists as read, less the titles {@code done} (this run's own writes) changed.
     */
    static void write(Path file, SyncRun.Planned p, List<Executor.Outcome> done, String at) throws IOException {
        List<Plan.Action> all = new ArrayList<>(p.plan().actions());
        all.addAll(p.plan().withheld());
        all.removeAll(done.stream().filter(Executor.Outcome::succeeded).map(Executor.Outcome::action).toList());
        List<MediaItem> left = done.stream().filter(Executor.Outcome::succeeded).map(o -> o.resolved() != null
                ? o.resolved() : o.action().match().item()).toList();
        of(at, all, p.plex().items(), p.simkl().entries(), left).save(file);
    }

    /** Writes the plan of {@code p}, less what {@code done} carried out, to {@code file}; says whether it could. */
    static boolean keep(Path file, SyncRun.Planned p, List<Executor.Outcome> done, Instant now,
            Consumer<String> warn) {
        try {
            write(file, p, done, now.toString());
            return true;
        } catch (IOException | RuntimeException e) {
            warn.accept("Could not keep the plan in " + file + ": " + e.getMessage());
            return false;
        }
    }

    /** {@code report}, with the plan of {@code p} (less what the run did) kept in {@code file} if it could be. */
    static Report kept(Path file, SyncRun.Planned p, Report report, Instant now, Consumer<String> warn) {
        if (file == null) return report;
        boolean written = keep(file, p, report.dryRun() ? List.of() : report.outcomes(), now, warn);
        String run = report.handles() == null ? null : report.handles().run();
        return written ? report.withHandles(new Report.Handles(run, file)) : report;
    }

    /**
     * {@code report}, with the plan the guard held back kept in {@code plans} when it could be: the tool's own
     * folder, made owner-only; a link in its place is refused (a planted link would send the plan elsewhere).
     */
    static Report keptWithheld(Path plans, SyncRun.Planned p, Report report, Instant now, Consumer<String> warn) {
        try {
            Folders.createOwn(plans);
        } catch (IOException e) {
            warn.accept("Could not keep the plan in " + plans + ": " + e.getMessage());
            return report;
        }
        return kept(plans.resolve("withheld-" + stamp(now) + ".json"), p, report, now, warn);
    }

    /**
     * What carrying out {@code plan} removes, said before it writes (null: no removal). The deletion guard
     * is not asked again: the plan is one it held back, or one the person reviewed, and applying it is the
     * consent to exactly its removals.
     */
    static String consent(Plan plan, boolean dryRun) {
        long n = plan.actions().stream().filter(a -> a.kind() == Plan.Kind.REMOVE).count();
        if (n == 0) return null;
        return "This plan " + (dryRun ? "would remove " : "removes ") + Plural.of(n, "title") + "; the deletion "
                + "guard was passed by applying this reviewed plan (no --max-delete is needed).";
    }

    /** "20261124T120300Z": when a plan was kept, for its file's name. */
    static String stamp(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString().replace("-", "").replace(":", "");
    }

    /** A plan to apply: read, and not applied before. */
    public static PlanFile read(Path file) throws Refused {
        String notAPlan = file + " is not a plan this version can apply (one written by a run the deletion guard "
                + "held back, or by --sync --dry-run --plan-out); nothing was written.";
        PlanFile f;
        try {
            f = load(file);
        } catch (JsonProcessingException e) {
            throw new Refused(notAPlan);
        } catch (IOException e) {
            throw new Refused("Could not read the plan " + file + ": " + Json.ioProblem(e));
        }
        if (f.version() != CURRENT_VERSION || f.plexDigest() == null || f.simklDigest() == null || f.plex() == null
                || f.simkl() == null || f.actions() == null) {
            throw new Refused(notAPlan);
        }
        if (f.appliedAt() != null) {
            throw new Refused("The plan " + file + " was applied at " + f.appliedAt() + "; a plan is applied once. "
                    + "To write a new one, run --sync --dry-run --plan-out FILE.");
        }
        return f;
    }

    /**
     * This plan's actions against the lists {@code p} read, when both still read as the plan saw them;
     * else refused, saying what changed.
     */
    Plan replay(SyncRun.Planned p, Path file) throws Refused {
        List<String> plexNow = plexKeys(p.plex().items(), leftItems());
        List<String> simklNow = simklKeys(p.simkl().entries(), leftItems());
        List<String> changed = new ArrayList<>();
        if (!digest(plexNow).equals(plexDigest)) changes(plex, plexNow).forEach(c -> changed.add("  Plex:  " + c));
        if (!digest(simklNow).equals(simklDigest)) changes(simkl, simklNow).forEach(c -> changed.add("  SIMKL: " + c));
        if (!changed.isEmpty() || p.readProblem() != null) {
            throw new Refused("Nothing was written: the lists changed since the plan " + file + " was written ("
                    + writtenAt + ")" + (p.readProblem() == null ? "" : ", or could not be read whole: "
                    + p.readProblem()) + (changed.isEmpty() ? "" : ":\n" + String.join("\n", changed))
                    + "\nTo review the run again, run --sync --dry-run --plan-out FILE.");
        }
        List<Plan.Action> out = new ArrayList<>();
        for (Step step : actions) {
            MediaItem item = step.item();
            Match m = p.input().matches().stream().filter(x -> x.item().sameTitle(item)).findFirst()
                    .orElse(new Match(item, null, null, null, false, null));
            Rule rule = Arrays.stream(Rule.values()).filter(r -> r.word.equals(step.rule())).findFirst()
                    .orElseThrow(() -> new Refused("The plan " + file + " names a rule this version does not know: "
                            + step.rule() + "; nothing was written."));
            String key = Planner.plexKey(m); // none for a title Plex does not hold (the plays map takes no null)
            PlexPlay play = key == null ? null : p.input().plays().get(key);
            if (step.action() == Plan.Kind.WATCHED) playStands(m, play, file);
            out.add(new Plan.Action(step.side(), step.action(), m, rule, step.reason() + "; applied as planned", play));
        }
        // what this run's own plan says of the titles the plan does not act on (kept apart, waiting, in
        // conflict) stands: the report explains them, and state.json keeps the unresolved ledger
        Set<Match> acted = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Plan.Action a : out) acted.add(a.match());
        Plan now = p.plan();
        return new Plan(out, untouched(now.skipped(), acted), List.of(), null, null, untouched(now.deferred(), acted),
                untouched(now.conflicts(), acted), Set.of());
    }

    private static List<Plan.Note> untouched(List<Plan.Note> notes, Set<Match> acted) {
        return notes.stream().filter(n -> !acted.contains(n.match())).toList();
    }

    /**
     * Refused unless this run read from Plex the play of {@code m} that the plan marks as watched on SIMKL
     * with its date: a plan whose play was not asked for (the settings changed since: sync.plex_watched,
     * sync.exclude, sync.protect), could not be read now, or reads as not played is not carried out.
     */
    private static void playStands(Match m, PlexPlay play, Path file) throws Refused {
        String marks = "The plan " + file + " marks " + m.label() + " as watched on SIMKL with the date of its play on "
                + "Plex, but ";
        if (play == null) {
            throw new Refused(marks + "this run did not ask Plex about that play: the settings changed since the plan "
                    + "was written (sync.plex_watched, sync.exclude or sync.protect). Nothing was written. Review "
                    + "the run again: run --sync --dry-run --plan-out FILE.");
        }
        if (!play.known()) {
            throw new Refused(marks + "Plex did not say now whether it was played (" + play.failure() + "). Nothing "
                    + "was written; run the same --apply again once Plex answers.");
        }
        if (play.played() == PlexPlay.Played.NOT) {
            throw new Refused(marks + "Plex no longer says it was played. Nothing was written. Review the run again: "
                    + "run --sync --dry-run --plan-out FILE.");
        }
    }

    /** The titles this plan leaves out of the lists, as items to compare with. */
    List<MediaItem> leftItems() {
        return left == null ? List.of() : left.stream().map(ids -> new MediaItem(MediaType.MOVIE, "?", null,
                Ids.of(ids))).toList();
    }

    static List<String> plexKeys(List<MediaItem> plex, List<MediaItem> left) {
        TreeSet<String> out = new TreeSet<>();
        for (MediaItem i : plex) if (!isLeft(i, left)) out.add(key(i, "watchlist"));
        return new ArrayList<>(out);
    }

    static List<String> simklKeys(List<SimklEntry> simkl, List<MediaItem> left) {
        TreeSet<String> out = new TreeSet<>();
        for (SimklEntry e : simkl) if (!isLeft(e.item(), left)) out.add(key(e.item(), e.status()));
        return new ArrayList<>(out);
    }

    private static boolean isLeft(MediaItem i, List<MediaItem> left) {
        return left.stream().anyMatch(l -> sameByUniqueId(i, l));
    }

    /**
     * Whether two titles share an id that names one title whatever its type (a TMDB, MAL or AniDB number
     * names a movie and a show alike): a kept plan holds its own writes' ids without their types. The
     * TVDB id of a series is shared by its anime seasons on SIMKL, entries of their own that are one title
     * to the sync: a run's write of the title moves each of them, and each is left out with it.
     */
    private static boolean sameByUniqueId(MediaItem a, MediaItem b) {
        for (String ns : List.of("imdb", "simkl", "plex", "tvdb")) {
            String x = a.ids().get(ns);
            if (x != null && x.equals(b.ids().get(ns))) return true;
        }
        return false;
    }

    /** "Dune: Part Two (2024) [imdb=tt15239678 tmdb=693134] watchlist": a title where it is, to compare and to show. */
    private static String key(MediaItem i, String where) {
        return i.label() + " " + new TreeMap<>(i.ids().matching()) + " " + where;
    }

    static String digest(List<String> keys) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String k : keys) md.update((k + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What differs between {@code was} and {@code now}, in lines ("+ X", "- Y"); empty when nothing. */
    static List<String> changes(List<String> was, List<String> now) {
        List<String> out = new ArrayList<>();
        for (String k : now) if (!was.contains(k)) out.add("+ " + k);
        for (String k : was) if (!now.contains(k)) out.add("- " + k);
        return out;
    }

    public PlanFile applied(String at) {
        return new PlanFile(version, writtenAt, at, plexDigest, simklDigest, plex, simkl, actions, left);
    }

    /**
     * Refused, before anything is read or written, when the plan in {@code file} could not be marked
     * applied: the file is a link, or lies in {@code plans} (the tool's own folder) and that folder is one.
     */
    static void markable(Path file, Path plans) throws Refused {
        try {
            refuseLinks(file, plans);
        } catch (IOException e) {
            throw notMarked(file, e);
        }
    }

    /**
     * Marks the plan in {@code file} applied, right before its first write goes out: a plan is carried out
     * once. A plan in {@code plans} (the tool's own folder) is not written when that folder is a link.
     */
    void markApplied(Path file, Path plans, Instant at) throws Refused {
        try {
            refuseLinks(file, plans);
            applied(at.toString()).save(file);
        } catch (IOException e) {
            throw notMarked(file, e);
        }
    }

    /**
     * What marks this plan applied, for {@link SyncRun#beforeFirstWrite}: right before its first write goes
     * out, so that one stopped before that (a stop while it reads, a failed backup) may be applied again.
     * It cannot be marked: {@link Unmarked} is thrown, and no write goes out.
     */
    Runnable marking(Path file, Path plans, Clock clock) {
        return () -> {
            try {
                markApplied(file, plans, clock.instant());
            } catch (Refused e) {
                throw new Unmarked(e);
            }
        };
    }

    /** The plan could not be marked applied before the first write (unchecked, to pass through the writes). */
    static final class Unmarked extends RuntimeException {
        private final Refused refused;

        Unmarked(Refused refused) {
            super(refused.getMessage(), refused);
            this.refused = refused;
        }

        Refused refused() {
            return refused;
        }
    }

    private static void refuseLinks(Path file, Path plans) throws IOException {
        if (file.toAbsolutePath().normalize().startsWith(plans.toAbsolutePath().normalize())) {
            Folders.refuseLink(plans);
        }
        Folders.refuseLink(file);
    }

    private static Refused notMarked(Path file, IOException e) {
        return new Refused("Could not mark the plan " + file + " as applied (" + e.getMessage()
                + "); nothing was written.");
    }

    public void save(Path file) throws IOException {
        AtomicFile.write(file, (Json.pretty(this) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public static PlanFile load(Path file) throws IOException {
        return Json.MAPPER.readValue(Files.readString(file), PlanFile.class);
    }
}
