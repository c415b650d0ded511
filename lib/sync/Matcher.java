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

/**
 * Groups Plex items, SIMKL entries and snapshot entries into one {@link Match} per title: same type
 * and at least one shared id in the same namespace. Title + year links two items only when they
 * have no id namespace in common (logged). Ids that disagree within a group make it a conflict.
 * Pure: no I/O; the result does not depend on the order of ids or items. It runs once per sync on
 * thousands of titles, in a JVM just started: what is done per title is a method of its own, which
 * the JVM compiles after a few hundred calls (a loop's own body would be interpreted to the end).
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
        for (int i = 0; i < nodes.size(); i++) linkByIds(nodes.get(i), i, seen, parent);
    }

    private static void linkByIds(Node n, int i, Map<String, Integer> seen, int[] parent) {
        for (Map.Entry<String, String> id : n.ids().matching().entrySet()) {
            String key = n.type() + "|" + id.getKey() + "|" + id.getValue();
            Integer first = seen.putIfAbsent(key, i);
            if (first != null) union(parent, first, i);
        }
    }

    /** Links by title and year, only between groups that share no id namespace; answers the nodes so linked. */
    private static List<Integer> linkByTitle(List<Node> nodes, int[] parent, Consumer<String> log) {
        Map<String, List<Integer>> byTitle = new LinkedHashMap<>();
        // a title is mostly the same on Plex, in SIMKL's copy and in the snapshot: each is normalised once
        Map<String, String> normalised = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) byTitle(nodes.get(i), i, normalised, byTitle);
        List<Integer> linkedByTitle = new ArrayList<>();
        for (List<Integer> same : byTitle.values()) {
            if (same.size() > 1) linkByTitle(same, nodes, parent, linkedByTitle, log);
        }
        return linkedByTitle;
    }

    private static void byTitle(Node n, int i, Map<String, String> normalised, Map<String, List<Integer>> byTitle) {
        if (n.year() == null || n.title().isBlank()) return;
        String title = normalised.computeIfAbsent(n.title(), Matcher::norm);
        byTitle.computeIfAbsent(n.type() + "|" + title + "|" + n.year(), k -> new ArrayList<>()).add(i);
    }

    /** Links the nodes of one title and year whose groups share no id namespace, and notes them. */
    private static void linkByTitle(List<Integer> same, List<Node> nodes, int[] parent, List<Integer> linkedByTitle,
            Consumer<String> log) {
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
        SimklEntry simkl = seasons.isEmpty() ? null : seasons.get(0);
        for (SimklEntry s : seasons) {
            if (s.planToWatch()) {
                simkl = s;
                break;
            }
        }
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
        Node face = face(group);
        String conflict = conflicts.isEmpty() ? null : String.join("; ", new LinkedHashSet<>(conflicts));
        return new Match(new MediaItem(face.type(), face.title(), face.year(), Ids.of(ids)), plex, simkl, seasons,
                snap, byTitle,
                conflict);
    }

    /** The node a group's title is shown as: its Plex item, else its SIMKL entry, else its snapshot entry. */
    private static Node face(List<Node> group) {
        for (Node n : group) if (n.plex() != null) return n;
        for (Node n : group) if (n.simkl() != null) return n;
        return group.get(0);
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

    /**
     * A title as compared by title and year: lower case, each run of characters that are neither
     * letters nor numbers one space, none at either end ("Dune: Part Two" → "dune part two").
     */
    static String norm(String title) {
        String lower = title.toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(lower.length());
        boolean gap = false;
        for (int i = 0; i < lower.length(); ) {
            int c = lower.codePointAt(i);
            i += Character.charCount(c);
            if (!letterOrNumber(c)) {
                gap = sb.length() > 0;
                continue;
            }
            if (gap) sb.append(' ');
            gap = false;
            sb.appendCodePoint(c);
        }
        return sb.toString();
    }

    /** A letter (any of Unicode's L categories) or a number (Nd, Nl, No). */
    private static boolean letterOrNumber(int c) {
        int type = Character.getType(c);
        return Character.isLetter(c) || type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
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
