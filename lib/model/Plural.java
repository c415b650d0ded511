package model;

/** Counts in words: "1 title", "2 titles", "1 entry", "3 entries". */
public final class Plural {
    private Plural() {}

    public static String of(long n, String noun) {
        if (n == 1) return n + " " + noun;
        if (noun.endsWith("y") && !noun.endsWith("ay") && !noun.endsWith("ey")) return n + " "
                + noun.substring(0, noun.length() - 1) + "ies";
        return n + " " + noun + "s";
    }
}
