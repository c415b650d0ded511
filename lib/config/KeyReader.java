package config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import model.Ids;
import model.MediaType;
import notify.Event;
import notify.Target;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the dotted keys of config.json ("sync.max_delete") with type checks, collecting every
 * problem in words, with its key, rather than stopping at the first; a key with a problem reads as
 * its default.
 */
final class KeyReader {
    private final ObjectNode root;
    private final List<String> problems;

    KeyReader(ObjectNode root, List<String> problems) {
        this.root = root;
        this.problems = problems;
    }

    private void problem(String text) {
        if (!problems.contains(text)) problems.add(text);
    }

    private JsonNode find(String dotted) {
        JsonNode node = root;
        String path = "";
        for (String part : dotted.split("\\.")) {
            if (node == null || node.isNull() || node.isMissingNode()) return null;
            if (!node.isObject()) {
                problem(path + " must be an object ({ ... }), found " + kind(node));
                return null;
            }
            node = node.get(part);
            path = path.isEmpty() ? part : path + "." + part;
        }
        return node == null || node.isNull() ? null : node;
    }

    /**
     * A string the tool sends as it is: one holding a character that cannot be sent is a
     * problem (said by position, never quoted) and reads as empty.
     */
    String sent(String key, CleanValue.Kind kind, String advice) {
        String value = string(key, "");
        JsonNode n = find(key);
        String bad = n != null && n.isTextual() ? CleanValue.problem(n.asText(), kind) : null;
        if (bad == null) return value;
        problem(key + " " + bad + ": " + advice);
        return "";
    }

    String string(String key, String dflt) {
        JsonNode n = find(key);
        if (n == null) return dflt;
        if (!n.isTextual()) {
            problem(key + " must be a string in quotes, found " + kind(n));
            return dflt;
        }
        return n.asText().trim();
    }

    boolean bool(String key, boolean dflt) {
        JsonNode n = find(key);
        if (n == null) return dflt;
        if (!n.isBoolean()) {
            problem(key + " must be true or false, found " + kind(n));
            return dflt;
        }
        return n.asBoolean();
    }

    long integer(String key, long dflt, long min, long max) {
        JsonNode n = find(key);
        if (n == null) return dflt;
        if (!n.isIntegralNumber() || n.asLong() < min || n.asLong() > max) {
            problem(key + " must be a whole number from " + min
                    + (max == Long.MAX_VALUE || max == Integer.MAX_VALUE ? " up" : " to " + max) + ", found "
                            + kind(n));
            return dflt;
        }
        return n.asLong();
    }

    String choice(String key, String dflt, String... allowed) {
        JsonNode n = find(key);
        if (n == null) return dflt;
        String v = n.isTextual() ? n.asText().trim() : null;
        for (String a : allowed) if (a.equals(v)) return v;
        problem(key + " must be one of \"" + String.join("\", \"", allowed) + "\", found " + kind(n));
        return dflt;
    }

    /**
     * A list of titles (sync.exclude, sync.protect): each entry {"ids": "simkl:123 imdb:tt1",
     * "type": "movie"|"show", "note": "…"} (ids also as a list of strings), or just the ids as a string.
     */
    List<Config.Listed> titles(String key) {
        JsonNode n = find(key);
        List<Config.Listed> out = new ArrayList<>();
        if (n == null) return out;
        if (!n.isArray()) {
            problem(key + " must be a list ([ ... ]) of {\"ids\": \"simkl:123456\", \"note\": \"…\"}, found "
                    + kind(n));
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            Config.Listed l = title(key + "[" + i + "]", n.get(i));
            if (l != null) out.add(l);
        }
        return out;
    }

    /** One entry of a list of titles, at {@code at}; null (with the problem said) when it names nothing. */
    private Config.Listed title(String at, JsonNode e) {
        String text = idsText(e);
        if (text == null) {
            problem(at + " must name the title by its ids, e.g. {\"ids\": \"simkl:123456\"}, found " + kind(e));
            return null;
        }
        Ids parsed;
        try {
            parsed = Ids.parse(text);
        } catch (IllegalArgumentException bad) {
            problem(at + ".ids: " + bad.getMessage());
            return null;
        }
        MediaType type = null;
        JsonNode t = e.isObject() ? e.get("type") : null;
        if (t != null && !t.isNull()) {
            type = t.isTextual() && t.asText().equals("movie") ? MediaType.MOVIE
                    : t.isTextual() && t.asText().equals("show") ? MediaType.SHOW : null;
            if (type == null) {
                problem(at + ".type must be \"movie\" or \"show\", found " + kind(t));
                return null;
            }
        }
        return new Config.Listed(parsed, type, note(e));
    }

    /**
     * One entry of sync.exclude or sync.protect as a rewrite takes it (ids as a string or a list of
     * strings, or the entry itself a string of ids; an optional type), or null when it names nothing.
     */
    static Config.Listed listed(JsonNode e) {
        String text = idsText(e);
        if (text == null) return null;
        try {
            JsonNode t = e.isObject() ? e.get("type") : null;
            MediaType type = t == null || t.isNull() ? null : MediaType.parse(t.asText());
            return new Config.Listed(Ids.parse(text), type, note(e));
        } catch (IllegalArgumentException bad) {
            return null;
        }
    }

    /** An entry's ids as one string ("simkl:1 imdb:tt2"), from a string or a list of strings; null: none. */
    private static String idsText(JsonNode e) {
        JsonNode ids = e.isObject() ? e.get("ids") : e;
        return ids == null ? null : ids.isTextual() ? ids.asText() : ids.isArray() ? joined(ids) : null;
    }

    private static String note(JsonNode e) {
        JsonNode note = e.isObject() ? e.get("note") : null;
        return note != null && note.isTextual() ? note.asText() : "";
    }

    /**
     * notify: where to send what, each {"url": …, "format": "ntfy"|"healthchecks"|"json"|"discord"|"telegram"|
     * "gotify"|"push", "on": [events]}, a telegram target with its "chat_id".
     */
    List<Target> targets(String key) {
        JsonNode n = find(key);
        List<Target> out = new ArrayList<>();
        if (n == null) return out;
        if (!n.isArray()) {
            problem(key + " must be a list ([ ... ]) of {\"url\": \"https://ntfy.sh/your-topic\", \"format\": "
                    + "\"ntfy\"}, found " + kind(n));
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            Target t = target(key + "[" + i + "]", n.get(i));
            if (t != null) out.add(t);
        }
        return out;
    }

    /** One notification target, at {@code at}; null (with the problem said) when it cannot be used. */
    private Target target(String at, JsonNode e) {
        String url = Target.normalized(e.path("url").asText(""));
        String bad = e.path("url").isTextual() ? CleanValue.problem(e.path("url").asText(), CleanValue.Kind.URL) : null;
        if (bad != null) {
            problem(at + ".url " + bad + ": type the URL again");
            return null;
        }
        if (!e.isObject() || !Target.usable(url)) {
            // a URL is named by its host only: its path, password or query may be all that guards the target
            problem(at + ".url must be an http:// or https:// URL, found " + (!e.isObject() ? kind(e)
                    : e.path("url").isTextual() ? Target.describe(url) : kind(e.path("url").isMissingNode()
                            ? e : e.get("url"))));
            return null;
        }
        Target.Format format = Target.Format.of(e.path("format").asText("ntfy"));
        if (format == null) {
            problem(at + ".format must be one of " + Target.Format.words() + ", found " + kind(e.get("format")));
            return null;
        }
        JsonNode chat = e.get("chat_id");
        String chatId = chat != null && (chat.isTextual() || chat.isIntegralNumber()) ? chat.asText() : null;
        Target.Problem lacks = Target.problem(format, url, chatId);
        if (lacks != null) {
            problem(at + "." + lacks.field() + " " + lacks.text());
            return null;
        }
        Set<Event> on = events(at, e.get("on"));
        return on == null ? null : new Target(url, format, on, chatId);
    }

    /** A target's "on": the default events when left out; null (with the problem said) when it is not a list. */
    private Set<Event> events(String at, JsonNode events) {
        Set<Event> on = EnumSet.noneOf(Event.class);
        if (events == null || events.isNull()) {
            on.addAll(Event.DEFAULT);
            return on;
        }
        if (!events.isArray() || events.isEmpty()) {
            problem(at + ".on must be a list of events (failure, guard, unresolved, changes, success), found "
                    + kind(events));
            return null;
        }
        for (JsonNode ev : events) {
            Event known = Event.of(ev.asText(""));
            if (known == null) problem(at + ".on: " + kind(ev) + " is not an event (failure, guard, unresolved, "
                    + "changes, success)");
            else on.add(known);
        }
        return on;
    }

    /** sync.types: the kinds synced, all three when absent. */
    Set<Config.TitleKind> kinds(String key) {
        JsonNode n = find(key);
        Set<Config.TitleKind> all = EnumSet.allOf(Config.TitleKind.class);
        if (n == null) return all;
        Set<Config.TitleKind> out = EnumSet.noneOf(Config.TitleKind.class);
        String accepted = "\"movies\", \"shows\", \"anime\"";
        if (!n.isArray() || n.isEmpty()) {
            problem(key + " must be a list of one or more of " + accepted + ", found " + kind(n));
            return all;
        }
        List<String> wrong = new ArrayList<>();
        for (JsonNode k : n) {
            Config.TitleKind found = null;
            for (Config.TitleKind t : Config.TitleKind.values()) if (t.word.equals(k.asText(null))) found = t;
            if (found == null || !k.isTextual()) wrong.add(kind(k));
            else out.add(found);
        }
        if (!wrong.isEmpty()) {
            // the value that is wrong, named, beside the ones that would do (a "movie" for "movies" is the usual slip)
            problem(key + ": " + String.join(", ", wrong) + (wrong.size() == 1 ? " is not" : " are not")
                    + " a kind of title this tool syncs; use " + accepted + ", e.g. [\"movies\", \"shows\"]");
            return all;
        }
        return out;
    }

    static String joined(JsonNode array) {
        List<String> parts = new ArrayList<>();
        for (JsonNode p : array) {
            if (!p.isTextual()) return null;
            parts.add(p.asText());
        }
        return String.join(" ", parts);
    }

    private static String kind(JsonNode n) {
        if (n.getNodeType() == JsonNodeType.STRING) return "\"" + n.asText() + "\"";
        if (n.isObject()) return "an object";
        if (n.isArray()) return "a list";
        return n.toString();
    }
}
