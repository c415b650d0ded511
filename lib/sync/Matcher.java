package sync;

import model.Ids;
import model.MediaItem;
import model.MediaType;
import simkl.SimklEntry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Groups Plex items, SIMKL entries and snapshot entries into one {@link Match} per title: same type
 * and at least one shared id in the same namespace. Title + year links two items only when they
 * have no id namespace in common (logged). Ids that disagree within a group make it a conflict.
 * Pure: no I/O; the result does not depend on the order of ids or items.
 */
public final class Matcher {
    private Matcher() {}

    private record Node(MediaType type, String title, Integer year, Ids ids, MediaItem plex, SimklEntry simkl,
            State.Entry snap) {}

    public static List<Match> match(List<MediaItem> plex, List<SimklEntry> simkl, List<State.Entry> snapshot,
            Consumer<String> log) {
        List<Node> nodes = new ArrayList<>();
        for (MediaItem p : plex) nodes.add(new Node(p.type(), p.title(), p.year(), p.ids(), p, null, null));
        for (SimklEntry s : simkl) nodes.add(new Node(s.item().type(), s.item().title(), s.item().year(),
                s.item().ids(), null, s, null));
        for (State.Entry e : snapshot) nodes.add(new Node(e.type(), e.title(), e.year(), Ids.of(e.ids()), null, null,
                e));

        int[] parent = new int[nodes.size()];
        for (int i = 0; i < parent.length; i++) parent[i] = i;
        linkByIds(nodes, parent);
        List<Integer> linkedByTitle = linkByTitle(nodes, parent, log);
        Map<Integer, List<Node>> groups = new TreeMap<>();
        for (int i = 0; i < nodes.size(); i++) groups.computeIfAbsent(find(parent, i),
                k -> new ArrayList<>()).add(nodes.get(i));
        List<Integer> titleRoots = new ArrayList<>();
        for (int i : linkedByTitle) titleRoots.add(find(parent, i));

        List<Match> out = new ArrayList<>();
        for (Map.Entry<Integer, List<Node>> g : groups.entrySet()) out.add(toMatch(g.getValue(),
                titleRoots.contains(g.getKey())));
        return out;
    }

    /** Links by ids: every (type, namespace, value) points at the first node that had it. */
    private static void linkByIds(List<Node> nodes, int[] parent) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            for (Map.Entry<String, String> id : n.ids().matching().entrySet()) {
                String key = n.type() + "|" + id.getKey() + "|" + id.getValue();
                Integer first = seen.putIfAbsent(key, i);
                if (first != null) union(parent, first, i);
            }
        }
    }

    /** Links by title and year, only between groups that share no id namespace; answers the nodes so linked. */
    private static List<Integer> linkByTitle(List<Node> nodes, int[] parent, Consumer<String> log) {
        Map<String, List<Integer>> byTitle = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            if (n.year() == null || n.title().isBlank()) continue;
            byTitle.computeIfAbsent(n.type() + "|" + norm(n.title()) + "|" + n.year(), k -> new ArrayList<>()).add(i);
        }
        List<Integer> linkedByTitle = new ArrayList<>();
        for (List<Integer> same : byTitle.values()) {
            for (int a = 0; a < same.size(); a++) {
                for (int b = a + 1; b < same.size(); b++) {
                    int ra = find(parent, same.get(a));
                    int rb = find(parent, same.get(b));
                    if (ra == rb || sharedNamespaces(nodes, parent, ra, rb)) continue;
                    union(parent, ra, rb);
                    linkedByTitle.add(same.get(a));
                    log.accept("matched \"" + nodes.get(same.get(a)).title() + " (" + nodes.get(same.get(a)).year()
                            + ")\" by title and year: no shared IMDb, TMDB or TVDB id");
                }
            }
        }
        return linkedByTitle;
    }

    private static Match toMatch(List<Node> group, boolean byTitle) {
        MediaItem plex = null;
        State.Entry snap = null;
        List<String> conflicts = new ArrayList<>();
        Map<String, SimklEntry> bySimklId = new LinkedHashMap<>();
        for (Node n : group) {
            if (n.plex() != null) {
                if (plex != null) conflicts.add("two Plex titles share its ids: " + plex.label() + " and "
                        + n.plex().label());
                plex = n.plex();
            }
            if (n.simkl() != null) {
                // the same title may be read twice: keep one, preferring Plan to Watch
                String id = n.simkl().item().ids().get("simkl");
                String key = id != null ? id : "#" + bySimklId.size();
                SimklEntry had = bySimklId.get(key);
                if (had == null || (!had.planToWatch() && n.simkl().planToWatch())) bySimklId.put(key, n.simkl());
            }
            if (n.snap() != null) snap = n.snap();
        }
        List<SimklEntry> seasons = new ArrayList<>(bySimklId.values());
        boolean seasonGroup = seasons.size() > 1 && seasonsOfOneAnime(seasons);
        if (seasons.size() > 1 && !seasonGroup) {
            conflicts.add("two SIMKL titles share its ids: " + seasons.get(0).item().label() + " and "
                    + seasons.get(1).item().label());
        }
        SimklEntry simkl = seasons.stream().filter(SimklEntry::planToWatch).findFirst()
                .orElse(seasons.isEmpty() ? null : seasons.get(0));
        Map<String, String> ids = new TreeMap<>();
        for (Node n : group) {
            for (Map.Entry<String, String> id : n.ids().asMap().entrySet()) {
                String had = ids.putIfAbsent(id.getKey(), id.getValue());
                boolean perSeason = seasonGroup && SEASON_IDS.contains(id.getKey());
                if (had != null && !had.equals(id.getValue()) && Ids.MATCHING.contains(id.getKey()) && n.snap() == null
                        && !perSeason) {
                    conflicts.add(id.getKey() + " " + had + " vs " + id.getValue());
                }
            }
        }
        Node face = group.stream().filter(n -> n.plex() != null).findFirst()
                .orElse(group.stream().filter(n -> n.simkl() != null).findFirst().orElse(group.get(0)));
        String conflict = conflicts.isEmpty() ? null : String.join("; ", new LinkedHashSet<>(conflicts));
        return new Match(new MediaItem(face.type(), face.title(), face.year(), Ids.of(ids)), plex, simkl, seasons,
                snap, byTitle,
                conflict);
    }

    /** Ids SIMKL gives each season of an anime on its own (the series shares its TVDB id). */
    private static final Set<String> SEASON_IDS = Set.of("simkl", "mal", "anidb");

    /** SIMKL entries that are seasons of one anime series: anime shows with one TVDB id. */
    private static boolean seasonsOfOneAnime(List<SimklEntry> entries) {
        String tvdb = entries.get(0).item().ids().get("tvdb");
        return tvdb != null && entries.stream().allMatch(e -> e.bucket().equals("anime")
                && e.item().type() == MediaType.SHOW
                && tvdb.equals(e.item().ids().get("tvdb")));
    }

    private static boolean sharedNamespaces(List<Node> nodes, int[] parent, int ra, int rb) {
        Set<String> a = new HashSet<>();
        Set<String> b = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            int r = find(parent, i);
            if (r == ra) a.addAll(nodes.get(i).ids().matching().keySet());
            if (r == rb) b.addAll(nodes.get(i).ids().matching().keySet());
        }
        a.retainAll(b);
        return !a.isEmpty();
    }

    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    static String norm(String title) {
        return NOT_WORD.matcher(title.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    }

    private static int find(int[] p, int i) {
        while (p[i] != i) {
            p[i] = p[p[i]];
            i = p[i];
        }
        return i;
    }

    private static void union(int[] p, int a, int b) {
        int ra = find(p, a);
        int rb = find(p, b);
        if (ra != rb) p[Math.max(ra, rb)] = Math.min(ra, rb);
    }
}
