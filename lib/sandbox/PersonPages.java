package sandbox;

import model.MediaType;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The demo's pages for the person (--demo --serve): what the person does in a Plex app or on
 * simkl.com, on each emulator's own port, as small web forms at /person or as curl lines. Plex: a
 * title added to or removed from the owner's watchlist. SIMKL: a title filed in a list or removed
 * from the library, rated (or its rating removed), marked watched. Titles are named by their slug
 * ("dune-part-two"). A form's answer sends a browser back to the page (303) and tells curl what
 * changed.
 */
public final class PersonPages {
    private PersonPages() {}

    /** The lines a person can paste to make each kind of change, for the banner and the pages. */
    public static List<String> curlLines(PlexEmulator plex, SimklEmulator simkl) {
        return List.of(
                "curl -d title=the-bear -d action=add " + plex.url() + "/person/watchlist",
                "curl -d title=severance -d action=remove " + plex.url() + "/person/watchlist",
                "curl -d title=past-lives -d status=plantowatch " + simkl.url() + "/person/list",
                "curl -d title=shogun -d status=remove " + simkl.url() + "/person/list",
                "curl -d title=arrival -d rating=9 " + simkl.url() + "/person/rate",
                "curl -d title=dune-part-two " + simkl.url() + "/person/watched");
    }

    /** Serves the Plex pages on {@code plex}. */
    public static void install(PlexEmulator plex) {
        plex.route("/person", ex -> {
            if (ex.method.equals("GET") && isPage(ex)) {
                ex.send(200, plexPage(plex), "text/html");
            } else if (ex.method.equals("POST") && ex.path.equals("/person/watchlist")) {
                Map<String, String> f = ex.formFields();
                Title t = find(plex.catalogue(), f.get("title"), PersonPages::plexSlug);
                String action = f.getOrDefault("action", "");
                if (t == null) {
                    refuse(ex, "Plex has no title " + f.get("title") + ". Titles: " + slugs(plex.catalogue(),
                            PersonPages::plexSlug));
                } else if (action.equals("add") || action.equals("remove")) {
                    if (action.equals("add")) plex.watchlistAdd(t.plexKey());
                    else plex.watchlistRemove(t.plexKey());
                    done(ex, t.plexTitle() + (action.equals("add") ? " is now on" : " is no longer on")
                            + " the watchlist.");
                } else {
                    refuse(ex, "action must be add or remove.");
                }
            } else {
                refuse(ex, "This page answers GET /person and POST /person/watchlist.");
            }
        });
    }

    /** Serves the SIMKL pages on {@code simkl}. */
    public static void install(SimklEmulator simkl) {
        simkl.route("/person", ex -> {
            if (ex.method.equals("GET") && isPage(ex)) {
                ex.send(200, simklPage(simkl), "text/html");
                return;
            }
            Map<String, String> f = ex.method.equals("POST") ? ex.formFields() : Map.of();
            Title t = find(simkl.catalogue(), f.get("title"), Title::slug);
            if (!ex.method.equals("POST") || !List.of("/person/list", "/person/rate", "/person/watched")
                    .contains(ex.path)) {
                refuse(ex, "This page answers GET /person and POST /person/list, /person/rate, /person/watched.");
            } else if (t == null) {
                refuse(ex, "SIMKL has no title " + f.get("title") + ". Titles: " + slugs(simkl.catalogue(),
                        Title::slug));
            } else if (ex.path.equals("/person/list")) {
                fileIn(ex, simkl, t, f.getOrDefault("status", ""));
            } else if (ex.path.equals("/person/rate")) {
                rate(ex, simkl, t, f.getOrDefault("rating", ""));
            } else {
                watched(ex, simkl, t);
            }
        });
    }

    private static void fileIn(Emulator.Exchange ex, SimklEmulator simkl, Title t, String status) throws IOException {
        if (status.equals("remove")) {
            simkl.delete(t.simkl());
            done(ex, t.title() + " is no longer in the library (its rating went with it).");
        } else if (SimklEmulator.STATUSES.contains(status)) {
            simkl.put(t.simkl(), status);
            done(ex, t.title() + " is now in " + status + ".");
        } else {
            refuse(ex, "status must be one of " + String.join(", ", SimklEmulator.STATUSES) + ", or remove.");
        }
    }

    /** Rates a title; as on SIMKL, rating a title in no list files it (a movie as completed, a show as watching). */
    private static void rate(Emulator.Exchange ex, SimklEmulator simkl, Title t, String rating) throws IOException {
        if (rating.isBlank() || rating.equals("none")) {
            if (simkl.entry(t.simkl()) != null && simkl.entry(t.simkl()).userRating != null) simkl.unrate(t.simkl());
            done(ex, t.title() + " has no rating.");
            return;
        }
        int score;
        try {
            score = Integer.parseInt(rating.trim());
        } catch (NumberFormatException e) {
            score = 0;
        }
        if (score < 1 || score > 10) {
            refuse(ex, "rating must be a whole number from 1 to 10, or none.");
            return;
        }
        if (simkl.entry(t.simkl()) == null) {
            simkl.put(t.simkl(), t.type() == MediaType.MOVIE ? "completed" : "watching");
        }
        simkl.rate(t.simkl(), score);
        done(ex, t.title() + " is rated " + score + ".");
    }

    /** Marks a title watched: every episode of a show; the title is then completed. */
    private static void watched(Emulator.Exchange ex, SimklEmulator simkl, Title t) throws IOException {
        SimklEmulator.Entry e = simkl.entry(t.simkl());
        if (e == null || !e.status.equals("completed")) simkl.put(t.simkl(), "completed");
        simkl.watched(t.simkl(), t.type() == MediaType.MOVIE ? 1 : 10);
        done(ex, t.title() + " is watched and completed.");
    }

    private static boolean isPage(Emulator.Exchange ex) {
        return ex.path.equals("/person") || ex.path.equals("/person/");
    }

    private static String plexSlug(Title t) {
        return t.plexTitle().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /** The title of that slug (or, on SIMKL, of that id), or null. */
    private static Title find(List<Title> titles, String name, Function<Title, String> slug) {
        if (name == null || name.isBlank()) return null;
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Title t : titles) {
            if (slug.apply(t).equals(n) || t.slug().equals(n) || String.valueOf(t.simkl()).equals(n)) return t;
        }
        return null;
    }

    private static String slugs(List<Title> titles, Function<Title, String> slug) {
        return String.join(", ", titles.stream().map(slug).toList());
    }

    /** A change made: a browser goes back to the page, curl prints what changed. */
    private static void done(Emulator.Exchange ex, String what) throws IOException {
        ex.header("Location", "/person");
        ex.send(303, what + "\n", "text/plain");
    }

    private static void refuse(Emulator.Exchange ex, String why) throws IOException {
        ex.send(400, why + "\n", "text/plain");
    }

    private static String plexPage(PlexEmulator plex) {
        StringBuilder b = new StringBuilder("<h2>The owner's watchlist</h2><ul>");
        for (Title t : plex.watchlist()) {
            b.append("<li>").append(PlexEmulator.html(t.plexTitle())).append(" (").append(t.year()).append(") ")
                    .append(form("/person/watchlist", plexSlug(t), "<input type=\"hidden\" name=\"action\" "
                            + "value=\"remove\"><button>Remove</button>")).append("</li>");
        }
        b.append("</ul><h2>Add a title</h2><form method=\"post\" action=\"/person/watchlist\"><input type=\"hidden\" "
                + "name=\"action\" value=\"add\"><select name=\"title\">");
        for (Title t : plex.catalogue()) {
            if (!plex.watchlist().contains(t)) b.append(option(plexSlug(t), t.plexTitle() + " (" + t.year() + ")"));
        }
        b.append("</select> <button>Add to the watchlist</button></form>");
        return PlexEmulator.page("Plex (emulated)", b.toString());
    }

    private static String simklPage(SimklEmulator simkl) {
        StringBuilder b = new StringBuilder();
        for (String status : SimklEmulator.STATUSES) {
            b.append("<h2>").append(status).append("</h2><ul>");
            for (Title t : simkl.inStatus(status)) {
                SimklEmulator.Entry e = simkl.entry(t.simkl());
                b.append("<li>").append(PlexEmulator.html(t.title())).append(" (").append(t.year()).append(")")
                        .append(e.userRating == null ? "" : ", rated " + e.userRating)
                        .append(e.watchedEpisodes > 0 ? ", watched" : "").append(" ")
                        .append(form("/person/list", t.slug(), statusSelect(status) + "<button>Move</button>"))
                        .append(form("/person/list", t.slug(), "<input type=\"hidden\" name=\"status\" "
                                + "value=\"remove\"><button>Remove</button>"))
                        .append(form("/person/rate", t.slug(), "<input name=\"rating\" size=\"2\" "
                                + "placeholder=\"1-10\"><button>Rate</button>"))
                        .append(form("/person/watched", t.slug(), "<button>Mark watched</button>")).append("</li>");
            }
            b.append("</ul>");
        }
        b.append("<h2>Add a title</h2><form method=\"post\" action=\"/person/list\"><select name=\"title\">");
        for (Title t : simkl.catalogue()) {
            if (simkl.entry(t.simkl()) == null) b.append(option(t.slug(), t.title() + " (" + t.year() + ")"));
        }
        b.append("</select> ").append(statusSelect("plantowatch")).append(" <button>Add</button></form>");
        return PlexEmulator.page("SIMKL (emulated)", b.toString());
    }

    private static String form(String action, String slug, String inside) {
        return "<form method=\"post\" action=\"" + action + "\" style=\"display:inline\"><input type=\"hidden\" "
                + "name=\"title\" value=\"" + slug + "\">" + inside + "</form> ";
    }

    private static String statusSelect(String selected) {
        StringBuilder b = new StringBuilder("<select name=\"status\">");
        for (String s : SimklEmulator.STATUSES) {
            b.append("<option").append(s.equals(selected) ? " selected" : "").append(">").append(s).append("</option>");
        }
        return b.append("</select>").toString();
    }

    private static String option(String value, String label) {
        return "<option value=\"" + value + "\">" + PlexEmulator.html(label) + "</option>";
    }
}
