package model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How a person names one title on the command line (--why, --exclude, --protect): title words
 * ("dune part two", a year at the end narrows them: "dune 2021"), or ids ("imdb:tt0133093",
 * "simkl:123456", "plex:&lt;ratingKey&gt;"). Pure: it only compares.
 */
public final class TitleQuery {
    /** What a query is compared with: a title's type, every name it goes by (Plex's and SIMKL's), year and ids. */
    public record Candidate(MediaType type, List<String> names, Integer year, Ids ids) {}

    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern YEAR = Pattern.compile("(19|20)\\d\\d");

    private final String text;
    private final Ids ids;
    private final List<String> words;

    private TitleQuery(String text, Ids ids, List<String> words) {
        this.text = text;
        this.ids = ids;
        this.words = words;
    }

    /** Reads a query; throws when it names nothing (blank, or only punctuation). */
    public static TitleQuery parse(String text) {
        String t = text == null ? "" : text.trim();
        if (Ids.looksLikeIds(t)) return new TitleQuery(t, Ids.parse(t), List.of());
        List<String> words = words(t);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("give title words (\"dune part two\") or an id (imdb:tt…, tmdb:…, "
                    + "tvdb:…, simkl:…, mal:…, anidb:…, plex:…)");
        }
        return new TitleQuery(t, null, words);
    }

    /** The query as typed. */
    public String text() {
        return text;
    }

    /** The ids the query gives, or null for title words. */
    public Ids ids() {
        return ids;
    }

    /**
     * The candidates this query names. By ids: every candidate sharing one. By words: the titles
     * whose name is exactly the words, if any, else every title whose name holds all of them; a
     * year at the end narrows to that year when some candidate has it (else it is a word: "2049").
     */
    public <T> List<T> pick(List<T> candidates, Function<T, Candidate> view) {
        if (ids != null) return candidates.stream().filter(c -> view.apply(c).ids().sharesAny(ids)).toList();
        String last = words.get(words.size() - 1);
        if (words.size() > 1 && YEAR.matcher(last).matches()) {
            int year = Integer.parseInt(last);
            List<String> rest = words.subList(0, words.size() - 1);
            List<T> dated = byWords(candidates, view, rest).stream()
                    .filter(c -> Integer.valueOf(year).equals(view.apply(c).year())).toList();
            if (!dated.isEmpty()) return dated;
        }
        return byWords(candidates, view, words);
    }

    private static <T> List<T> byWords(List<T> candidates, Function<T, Candidate> view, List<String> words) {
        List<T> exact = new ArrayList<>();
        List<T> holding = new ArrayList<>();
        for (T c : candidates) {
            boolean isExact = false;
            boolean holds = false;
            for (String name : view.apply(c).names()) {
                List<String> nameWords = words(name);
                if (nameWords.equals(words)) isExact = true;
                if (nameWords.containsAll(words)) holds = true;
            }
            if (isExact) exact.add(c);
            else if (holds) holding.add(c);
        }
        return exact.isEmpty() ? holding : exact;
    }

    /**
     * An id that tells {@code mine} from every one of {@code others}, as a query writes it
     * ("simkl:123456"), the most telling namespace first; null when every id is shared.
     */
    public static String handle(Ids mine, List<Ids> others) {
        for (String ns : List.of("simkl", "plex", "imdb", "tmdb", "tvdb", "mal", "anidb")) {
            String v = mine.get(ns);
            if (v == null) continue;
            Ids one = Ids.of(ns, v);
            if (others.stream().noneMatch(o -> o != mine && o.sharesAny(one))) return ns + ":" + v;
        }
        return null;
    }

    private static List<String> words(String text) {
        String norm = NOT_WORD.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
        return norm.isEmpty() ? List.of() : Arrays.asList(norm.split(" "));
    }
}
