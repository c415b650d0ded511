package sandbox;

import java.util.List;
import java.util.Map;

/** Plex's XML form of a MediaContainer, answered when a client does not ask for JSON. */
final class PlexXml {
    private PlexXml() {}

    static String container(Map<String, Object> mc) {
        return document("MediaContainer", mc);
    }

    /** A document of one root element: plain values become attributes, lists of maps child elements. */
    static String document(String root, Map<String, Object> m) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        element(sb, root, m);
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static void element(StringBuilder sb, String tag, Map<String, Object> m) {
        sb.append('<').append(tag);
        m.forEach((k, v) -> {
            if (!(v instanceof List) && !(v instanceof Map)) sb.append(' ').append(k).append("=\"")
                    .append(escape(String.valueOf(v))).append('"');
        });
        sb.append('>');
        m.forEach((k, v) -> {
            if (v instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> map) {
                        Map<String, Object> child = (Map<String, Object>) map;
                        String childTag = k.equals("Metadata")
                                ? ("movie".equals(child.get("type")) ? "Video" : "Directory") : k;
                        element(sb, childTag, child);
                    }
                }
            }
        });
        sb.append("</").append(tag).append(">\n");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
