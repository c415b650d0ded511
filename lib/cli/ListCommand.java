package cli;

import config.Config;
import config.Config.Side;
import files.Json;
import model.MediaItem;
import model.Plural;
import model.TitleRow;
import plex.PlexClient;
import simkl.SimklClient;
import simkl.SimklEntry;
import sync.SimklRead;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** --list plex|simkl: one side's list as read, as TSV (default), CSV or JSON, one title per line. */
record ListCommand(Side side, Format format) implements Command {
    ListCommand {
        if (format == null) format = Format.TSV;
    }

    /** How the list is printed. */
    enum Format {
        TSV, CSV, JSON;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public int run(Session s) throws Exception {
        Config config = s.config();
        List<MediaItem> items = new ArrayList<>();
        if (side == Side.PLEX) {
            s.requirePlexToken(config);
            try (PlexClient plex = s.connections.watchlistPlex(config)) {
                PlexClient.WatchlistRead r = plex.readWatchlist();
                if (!r.complete()) {
                    throw new Failure(ExitCode.PARTIAL, "The Plex watchlist could not be read completely: "
                            + r.problem()
                            + " Not printing a partial list.");
                }
                items.addAll(r.items());
            }
        } else {
            s.requireSimklToken(config);
            try (SimklClient simkl = s.connections.simkl(config)) {
                for (SimklEntry e : SimklRead.listing(simkl, config.sync().useActivity(), s.folder().stateFile(),
                        s.console)) {
                    items.add(e.item());
                }
            }
        }
        items.sort(Comparator.comparing((MediaItem i) -> i.title().toLowerCase(Locale.ROOT))
                .thenComparing(i -> i.type().word()));
        // SIMKL lists an anime's seasons one by one, where the sync's counts take them as one title
        s.console.info(side == Side.PLEX ? "Plex watchlist: " + Plural.of(items.size(), "title")
                : "SIMKL Plan to Watch: " + Plural.of(items.size(), "entry") + " (an anime's seasons are one each)");
        s.console.resultRaw(render(items, s.json() ? Format.JSON : format));
        return ExitCode.OK;
    }

    static String render(List<MediaItem> items, Format format) {
        return switch (format) {
            case JSON -> Json.pretty(items.stream().map(i -> TitleRow.of(i).fields()).toList());
            case CSV -> lines(items, i -> csv(i.type().word()) + ',' + csv(i.title()) + ',' + year(i) + ','
                    + csv(i.ids().toString()));
            case TSV -> lines(items, i -> i.type().word() + '\t' + i.title().replaceAll("[\\t\\r\\n]+", " ") + '\t'
                    + year(i) + '\t' + i.ids());
        };
    }

    private static String lines(List<MediaItem> items, Function<MediaItem, String> line) {
        StringBuilder sb = new StringBuilder();
        for (MediaItem i : items) sb.append(line.apply(i)).append('\n');
        return sb.toString();
    }

    private static String year(MediaItem i) {
        return i.year() == null ? "" : i.year().toString();
    }

    static String csv(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) return "\""
                + s.replace("\"", "\"\"") + "\"";
        return s;
    }
}
