package model;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * External ids of one title, by namespace. Values are normalised strings, so that an id read as a
 * number on one side and as a string on the other compares equal ("1771" == 1771).
 */
public final class Ids {
    /** The namespaces that identify a title across services, in the order used for lookups. */
    public static final Set<String> MATCHING = Set.of("imdb", "tmdb", "tvdb", "simkl", "mal", "anidb", "plex");

    /**
     * The namespaces Plex carries in its Guid list, in the order a lookup tries them: the ids by
     * which a title from another side can be found on Plex, and compared with what Plex answers.
     */
    public static final List<String> EXTERNAL = List.of("tmdb", "tvdb", "imdb");

    private static final Ids EMPTY = new Ids(new TreeMap<>());
    private final Map<String, String> values;
    /** The ids in the matching namespaces, once asked for ({@link #matching}). */
    private volatile Map<String, String> matching;

    /** Ids holding {@code values}, which no one else holds. */
    private Ids(TreeMap<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static Ids empty() {
        return EMPTY;
    }

    public static Ids of(Map<String, ?> raw) {
        TreeMap<String, String> m = new TreeMap<>();
        raw.forEach((k, v) -> {
            String n = normalise(k, v == null ? null : String.valueOf(v));
            if (n != null) m.put(k.toLowerCase(Locale.ROOT), n);
        });
        return m.isEmpty() ? EMPTY : new Ids(m);
    }

    public static Ids of(String... pairs) {
        TreeMap<String, String> m = new TreeMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return of(m);
    }

    /**
     * Normalises one id; null for values that identify nothing (blank, "0", "null"). An IMDb id is
     * "tt" and digits, a Plex id 24 hex digits (both in lower case); a number loses its leading zeros
     * and a JSON ".0". Written out rather than as patterns: thousands are read in every run, most of
     * them before the JVM has compiled anything.
     */
    static String normalise(String namespace, String value) {
        if (value == null) return null;
        String v = value.trim();
        if (v.isEmpty() || v.equals("0") || v.equalsIgnoreCase("null")) return null;
        String ns = namespace.toLowerCase(Locale.ROOT);
        if (ns.equals("imdb")) {
            v = v.toLowerCase(Locale.ROOT);
            return v.length() > 2 && v.startsWith("tt") && digits(v, 2, v.length()) ? v : null;
        }
        if (ns.equals("plex")) {
            v = v.toLowerCase(Locale.ROOT);
            return v.length() == 24 && hex(v) ? v : null;
        }
        int end = 0;
        while (end < v.length() && digit(v.charAt(end))) end++;
        // numeric ids: drop a JSON ".0" and leading zeros
        boolean number = end > 0 && (end == v.length() || (v.charAt(end) == '.' && end + 1 < v.length()
                && v.substring(end + 1).chars().allMatch(c -> c == '0')));
        if (!number) return v;
        int from = 0;
        while (from < end - 1 && v.charAt(from) == '0') from++;
        String n = v.substring(from, end);
        return n.equals("0") ? null : n;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) if (!digit(s.charAt(i))) return false;
        return true;
    }

    private static boolean hex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!digit(c) && (c < 'a' || c > 'f')) return false;
        }
        return true;
    }

    public String get(String namespace) {
        return values.get(namespace);
    }

    public boolean has(String namespace) {
        return values.containsKey(namespace);
    }

    public Map<String, String> asMap() {
        return values;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Ids in the matching namespaces only (a map that cannot be changed). */
    public Map<String, String> matching() {
        Map<String, String> m = matching;
        if (m == null) {
            m = MATCHING.containsAll(values.keySet()) ? values : only(MATCHING);
            matching = m;
        }
        return m;
    }

    private Map<String, String> only(Set<String> namespaces) {
        TreeMap<String, String> m = new TreeMap<>();
        values.forEach((k, v) -> { if (namespaces.contains(k)) m.put(k, v); });
        return Collections.unmodifiableMap(m);
    }

    /** True when both hold the same id in at least one matching namespace (the one test of "same title", with the
     * type). */
    public boolean sharesAny(Ids other) {
        for (Map.Entry<String, String> id : values.entrySet()) {
            if (MATCHING.contains(id.getKey()) && id.getValue().equals(other.values.get(id.getKey()))) return true;
        }
        return false;
    }

    /** Whether Plex could look the title up by one of these ids (imdb, tmdb or tvdb). */
    public boolean hasExternal() {
        return EXTERNAL.stream().anyMatch(values::containsKey);
    }

    /** True when both hold the same imdb, tmdb or tvdb id: how a Plex answer is checked against what was asked. */
    public boolean sharesExternal(Ids other) {
        return EXTERNAL.stream().anyMatch(ns -> values.containsKey(ns) && values.get(ns).equals(other.values.get(ns)));
    }

    /** These ids, plus those of {@code other} for namespaces this one lacks. */
    public Ids merge(Ids other) {
        if (other == null || other.isEmpty()) return this;
        TreeMap<String, String> m = new TreeMap<>(other.values);
        m.putAll(values);
        return new Ids(m);
    }

    public Ids with(String namespace, String value) {
        TreeMap<String, String> m = new TreeMap<>(values);
        m.put(namespace, value);
        return of(m);
    }

    /** The order ids are written in for people: the most telling first. */
    private static final List<String> WRITTEN = List.of("simkl", "plex", "imdb", "tmdb", "tvdb", "mal", "anidb");

    /**
     * Ids as a person writes them: {@code ns:id} pairs ("simkl:123456 imdb:tt0133093"), separated
     * by spaces or commas, in the matching namespaces. Throws with the part it cannot read.
     */
    public static Ids parse(String text) {
        TreeMap<String, String> m = new TreeMap<>();
        for (String part : text.trim().split("[\\s,]+")) {
            if (part.isEmpty()) continue;
            int colon = part.indexOf(':');
            String ns = colon > 0 ? part.substring(0, colon).toLowerCase(Locale.ROOT) : "";
            String n = MATCHING.contains(ns) ? normalise(ns, part.substring(colon + 1)) : null;
            if (n == null) {
                throw new IllegalArgumentException("'" + part + "' is not an id (write it as simkl:123456, "
                        + "plex:<24 hex>, imdb:tt…, tmdb:…, tvdb:…, mal:… or anidb:…)");
            }
            m.put(ns, n);
        }
        if (m.isEmpty()) throw new IllegalArgumentException("no id given (write it as simkl:123456, imdb:tt…, …)");
        return new Ids(m);
    }

    /** Whether {@code text} reads as ids ({@code ns:id}) rather than title words. */
    public static boolean looksLikeIds(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** These ids as {@link #parse} reads them, the most telling first: "simkl:123456 imdb:tt0133093". */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (String ns : WRITTEN) {
            String v = values.get(ns);
            if (v == null) continue;
            if (sb.length() > 0) sb.append(' ');
            sb.append(ns).append(':').append(v);
        }
        return sb.toString();
    }

    @Override public boolean equals(Object o) {
        return o instanceof Ids other && other.values.equals(values);
    }

    @Override public int hashCode() {
        return values.hashCode();
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> { if (sb.length() > 0) sb.append(' '); sb.append(k).append(':').append(v); });
        return sb.toString();
    }
}
