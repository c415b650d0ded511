package support;

import config.Config;
import model.Ids;
import model.MediaItem;
import model.MediaType;
import simkl.SimklEntry;
import sync.Match;
import sync.Plan;
import sync.Planner;
import sync.State;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A planner input written as a sentence: {@code PlanBuilder.mode("two-way").title(onPlex("PS")).plan()}.
 * Both reads whole and the last sync's counts taken from the titles' snapshot records, unless said.
 */
public final class PlanBuilder {
    public static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private final String mode;
    private boolean seeded = true;
    private boolean add = true;
    private boolean remove = true;
    private final List<Match> titles = new ArrayList<>();
    private Integer plexRead;
    private Integer simklRead;
    private boolean plexComplete = true;
    private String simklDoubt;
    private Long lastPlex;
    private Long lastSimkl;
    private final List<State.Unresolved> ledger = new ArrayList<>();
    private Instant now = NOW;
    private boolean retry;
    private Integer maxDelete;
    private final List<Config.Listed> exclude = new ArrayList<>();
    private final List<Config.Listed> protect = new ArrayList<>();
    private java.util.Set<Config.TitleKind> types = java.util.EnumSet.allOf(Config.TitleKind.class);

    private PlanBuilder(String mode) {
        this.mode = mode;
    }

    /** "two-way", "mirror-plex", "mirror-simkl" or "one-way". */
    public static PlanBuilder mode(String mode) {
        return new PlanBuilder(mode);
    }

    public static Config.Sync sync(String mode, boolean add, boolean remove) {
        boolean bidirectional = !mode.equals("one-way");
        Config.Mode m = mode.startsWith("mirror") ? Config.Mode.MIRROR : Config.Mode.TWO_WAY;
        Config.Side source = mode.equals("mirror-simkl") ? Config.Side.SIMKL : Config.Side.PLEX;
        return new Config.Sync(add, remove, true, bidirectional, m, source, true, 10, 20, List.of(), List.of(),
                java.util.EnumSet.allOf(Config.TitleKind.class));
    }

    /** sync.exclude naming these ids ("imdb:tt1000000"). */
    public PlanBuilder exclude(String ids) {
        exclude.add(new Config.Listed(Ids.parse(ids), null, ""));
        return this;
    }

    /** sync.protect naming these ids. */
    public PlanBuilder protect(String ids) {
        protect.add(new Config.Listed(Ids.parse(ids), null, ""));
        return this;
    }

    /** sync.types: only these kinds are synced. */
    public PlanBuilder types(Config.TitleKind... kinds) {
        types = java.util.EnumSet.copyOf(List.of(kinds));
        return this;
    }

    /**
     * One title, a movie with ids unique to {@code n}: on Plex or not; its SIMKL status ("-": not on
     * SIMKL); its snapshot record ("PS" both, "P-" Plex only, "-S" SIMKL only, "-" none); watched/rated on SIMKL.
     */
    public static Match title(int n, boolean onPlex, String simklStatus, String snapshot, boolean watched,
            boolean rated) {
        Ids ids = Ids.of("imdb", "tt" + (1_000_000 + n));
        String name = "T" + n;
        MediaItem item = new MediaItem(MediaType.MOVIE, name, 2000, ids);
        MediaItem plex = onPlex ? new MediaItem(MediaType.MOVIE, name, 2000,
                ids.with("plex", String.format("%024x", n + 1))) : null;
        SimklEntry simkl = simklStatus.equals("-") ? null
                : new SimklEntry(new MediaItem(MediaType.MOVIE, name, 2000, ids.with("simkl", String.valueOf(n + 1))),
                        "movies",
                simklStatus, watched, rated, null);
        State.Entry snap = snapshot.equals("-") ? null
                : new State.Entry(MediaType.MOVIE, name, 2000, Map.of("imdb", ids.get("imdb")),
                        snapshot.charAt(0) == 'P', snapshot.charAt(1) == 'S');
        return new Match(item, plex, simkl, snap, false, null);
    }

    public static Match title(boolean onPlex, String simklStatus, String snapshot) {
        return title(0, onPlex, simklStatus, snapshot, false, false);
    }

    /** {@code n} titles gone from Plex since the last sync and still in SIMKL's Plan to Watch (removals from SIMKL). */
    public static List<Match> goneFromPlex(int n) {
        List<Match> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(title(100 + i, false, "plantowatch", "PS", false, false));
        return out;
    }

    /** {@code size} titles on Plex, of which the first {@code gone} left SIMKL since the last sync (removals from
     * Plex). */
    public static List<Match> goneFromSimkl(int gone, int size) {
        List<Match> out = new ArrayList<>();
        for (int i = 0; i < size; i++) out.add(title(200 + i, true, i < gone ? "-" : "plantowatch", "PS", false,
                false));
        return out;
    }

    public PlanBuilder title(Match m) {
        titles.add(m);
        return this;
    }

    public PlanBuilder titles(List<Match> ms) {
        titles.addAll(ms);
        return this;
    }

    public PlanBuilder firstRun() {
        seeded = false;
        return this;
    }

    public PlanBuilder seeded(boolean on) {
        seeded = on;
        return this;
    }

    public PlanBuilder adds(boolean on) {
        add = on;
        return this;
    }

    public PlanBuilder removals(boolean on) {
        remove = on;
        return this;
    }

    /** This run's Plex read: how many titles, and whether it was whole. */
    public PlanBuilder plexRead(int count, boolean complete) {
        plexRead = count;
        plexComplete = complete;
        return this;
    }

    public PlanBuilder simklRead(int count) {
        simklRead = count;
        return this;
    }

    public PlanBuilder simklDoubted(String why) {
        simklDoubt = why;
        return this;
    }

    /** What the last sync saw on each side. */
    public PlanBuilder lastSync(long plex, long simkl) {
        lastPlex = plex;
        lastSimkl = simkl;
        return this;
    }

    public PlanBuilder unresolved(State.Unresolved u) {
        ledger.add(u);
        return this;
    }

    public PlanBuilder at(Instant when) {
        now = when;
        return this;
    }

    public PlanBuilder retryUnresolved() {
        retry = true;
        return this;
    }

    public PlanBuilder maxDelete(Integer n) {
        maxDelete = n;
        return this;
    }

    public Planner.Input input() {
        int plex = plexRead != null ? plexRead : (int) titles.stream().filter(Match::onPlex).count();
        int simkl = simklRead != null ? simklRead : (int) titles.stream().filter(Match::inPlanToWatch).count();
        long lastP = lastPlex != null ? lastPlex : titles.stream().filter(Match::wasOnPlex).count();
        long lastS = lastSimkl != null ? lastSimkl : titles.stream().filter(Match::wasOnSimkl).count();
        return new Planner.Input(titles, sync(mode, add, remove).with(exclude, protect, types),
                new Planner.Reads(plex, simkl, plexComplete, simklDoubt),
                new Planner.LastSync(seeded, lastP, lastS, ledger, List.of()), new Planner.Choices(now, retry, maxDelete), null);
    }

    public Plan plan() {
        return Planner.plan(input());
    }

    /** The plan in a few words: "plex+ simkl-", "skip", "none". */
    public String decision() {
        Plan plan = plan();
        List<String> parts = new ArrayList<>();
        for (Plan.Action a : plan.actions()) parts.add(a.side().word + (a.kind() == Plan.Kind.ADD ? "+" : "-"));
        if (!plan.skipped().isEmpty()) parts.add("skip");
        return parts.isEmpty() ? "none" : String.join(" ", parts);
    }
}
