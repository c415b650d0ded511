package model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One title as every document and file shows it: {@code {type, title, year, ids}}, in that order.
 * A document that says more of a title (its rule, why) adds its fields after these.
 */
public record TitleRow(String type, String title, Integer year, Map<String, String> ids) {
    /** The title with every id it carries. */
    public static TitleRow of(MediaItem item) {
        return of(item, item.ids().asMap());
    }

    /** The title with {@code ids}: those a document names it by. */
    public static TitleRow of(MediaItem item, Map<String, String> ids) {
        return new TitleRow(item.type().word(), item.title(), item.year(), ids);
    }

    /** The four fields, in order, for a document to add its own to. */
    public Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("title", title);
        m.put("year", year);
        m.put("ids", ids);
        return m;
    }
}
