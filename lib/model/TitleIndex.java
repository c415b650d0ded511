package model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds, among many titles, one that is the same title as a given one ({@link MediaItem#sameTitle}:
 * the same type and an id in common), without comparing with each: keyed by every id each holds.
 * Where several share an id, the first one put in wins, as a scan in order would answer.
 */
public final class TitleIndex<T> {
    private final Map<String, Integer> byId = new HashMap<>();
    private final List<T> values;

    public TitleIndex(List<T> values, Function<T, MediaItem> item) {
        this.values = values;
        for (int i = values.size() - 1; i >= 0; i--) put(i, item.apply(values.get(i)));
    }

    private void put(int at, MediaItem m) {
        for (Map.Entry<String, String> id : m.ids().asMap().entrySet()) {
            if (Ids.MATCHING.contains(id.getKey())) byId.put(key(m.type(), id.getKey(), id.getValue()), at);
        }
    }

    /** The position of the first value that is the same title as {@code m}, or -1. */
    public int indexOf(MediaItem m) {
        int best = -1;
        for (Map.Entry<String, String> id : m.ids().asMap().entrySet()) {
            Integer at = byId.get(key(m.type(), id.getKey(), id.getValue()));
            if (at != null && (best < 0 || at < best)) best = at;
        }
        return best;
    }

    public boolean contains(MediaItem m) {
        return indexOf(m) >= 0;
    }

    public T get(int at) {
        return values.get(at);
    }

    private static String key(MediaType type, String ns, String value) {
        return type.word() + '|' + ns + '|' + value;
    }
}
