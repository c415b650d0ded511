package cli;

import config.Config;
import config.ConfigDir;
import config.ConfigException;
import files.Json;
import model.MediaItem;
import model.Plural;
import plex.PlexClient;
import simkl.SimklEntry;
import sync.SimklRead;
import sync.State;
import sync.StateFile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** --list plex|simkl: one side's list as read, as TSV (default), CSV or JSON, one title per line. */
final class ListCommand {
    private ListCommand() {}

    static int run(Flags.Request req, Context ctx, Console console, ConfigDir dir, Config config) throws Exception {
        boolean plexSide = req.listSide().equals("plex");
        String format = req.json() ? "json" : req.format();
        List<MediaItem> items = new ArrayList<>();
        try (Services s = new Services(config, ctx, console)) {
            if (plexSide) {
                if (config.plex().accountToken().isBlank()) {
                    throw Failure.usage("plex.account_token is empty: run --init-plex, or set PLEX_ACCOUNT_TOKEN.");
                }
                PlexClient.WatchlistRead r = s.plex.readWatchlist();
                if (!r.complete()) {
                    throw new Failure(ExitCode.PARTIAL, "The Plex watchlist could not be read completely: " + r.problem()
                            + " Not printing a partial list.");
                }
                items.addAll(r.items());
            } else {
                if (config.simkl().accessToken().isBlank() || config.simkl().clientId().isBlank()) {
                    throw Failure.usage("simkl.client_id and simkl.access_token are needed: run --init-simkl pin.");
                }
                // as a sync reads it: activities, then only what moved since the copy in state.json (which
                // a listing does not change), so listing often does not poll SIMKL's lists
                SimklRead.Result r = new SimklRead(s.simkl, config.sync().useActivity(), console::debug).read(savedCopy(dir, console));
                if (r.doubt() != null) console.warn(r.doubt());
                for (SimklEntry e : r.planToWatch()) items.add(e.item());
            }
        }
        items.sort(Comparator.comparing((MediaItem i) -> i.title().toLowerCase(Locale.ROOT)).thenComparing(i -> i.type().word()));
        console.info((plexSide ? "Plex watchlist" : "SIMKL Plan to Watch") + ": " + Plural.of(items.size(), "title"));
        console.resultRaw(render(items, format));
        return ExitCode.OK;
    }

    /** The SIMKL copy the last sync saved, or null (none yet, or state.json unreadable: then everything is read). */
    private static State.SimklCache savedCopy(ConfigDir dir, Console console) {
        try {
            return StateFile.load(dir.stateFile()).simkl();
        } catch (ConfigException e) {
            console.debug("state.json not used for the listing: " + e.getMessage());
            return null;
        }
    }

    static String render(List<MediaItem> items, String format) {
        StringBuilder sb = new StringBuilder();
        switch (format) {
            case "json" -> {
                List<Object> rows = new ArrayList<>();
                for (MediaItem i : items) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("type", i.type().word());
                    m.put("title", i.title());
                    m.put("year", i.year());
                    m.put("ids", i.ids().asMap());
                    rows.add(m);
                }
                return Json.pretty(rows);
            }
            case "csv" -> {
                for (MediaItem i : items) {
                    sb.append(csv(i.type().word())).append(',').append(csv(i.title())).append(',')
                            .append(i.year() == null ? "" : i.year()).append(',').append(csv(ids(i))).append('\n');
                }
                return sb.toString();
            }
            default -> {
                for (MediaItem i : items) {
                    sb.append(i.type().word()).append('\t').append(i.title().replaceAll("[\\t\\r\\n]+", " ")).append('\t')
                            .append(i.year() == null ? "" : i.year()).append('\t').append(ids(i)).append('\n');
                }
                return sb.toString();
            }
        }
    }

    /** "imdb:tt123 tmdb:456": namespaces in order, space-separated. */
    static String ids(MediaItem i) {
        return i.ids().toString();
    }

    private static String csv(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) return "\"" + s.replace("\"", "\"\"") + "\"";
        return s;
    }
}
