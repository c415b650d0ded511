package sandbox;

import model.Ids;
import model.MediaItem;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Both emulators stocked with the lists of a support bundle (--replay): each title once in the
 * shared catalogue, with the ids either side gave, on the Plex watchlist and in SIMKL's Plan to
 * Watch as the bundle read them. A title only one side listed is given an id of the emulators' own
 * on the other, so that the other service finds it as the real one would.
 */
public final class Replay implements AutoCloseable {
    public static final String PLEX_TOKEN = "replay-plex-token-not-a-secret";
    public static final String SIMKL_ID = "replay-client-id";
    public static final String SIMKL_TOKEN = "replay-simkl-token-not-a-secret";
    public static final String SIMKL_SECRET = "replay-secret";
    /** Where the emulators' own SIMKL ids start: far above the catalogue's. */
    private static final int OWN_SIMKL_IDS = 90_000_000;

    public final PlexEmulator plex = new PlexEmulator(PLEX_TOKEN);
    public final SimklEmulator simkl = new SimklEmulator(SIMKL_ID, SIMKL_SECRET, SIMKL_TOKEN);

    public Replay(Clock clock, List<MediaItem> plexList, List<MediaItem> simklList) {
        plex.clock(clock);
        simkl.clock(clock);
        List<MediaItem> simklLeft = new ArrayList<>(simklList);
        List<Title> onPlex = new ArrayList<>();
        List<Title> onSimkl = new ArrayList<>();
        int own = OWN_SIMKL_IDS;
        for (MediaItem p : plexList) {
            MediaItem s = simklLeft.stream().filter(p::sameTitle).findFirst().orElse(null);
            if (s != null) simklLeft.remove(s);
            Title t = title(p, s, own++);
            onPlex.add(t);
            if (s != null) onSimkl.add(t);
        }
        for (MediaItem s : simklLeft) onSimkl.add(title(null, s, own++));
        List<Title> all = new ArrayList<>(onPlex);
        onSimkl.stream().filter(t -> !all.contains(t)).forEach(all::add);
        plex.addTitles(all);
        simkl.addTitles(all);
        // in reverse: the emulator puts each added title first, as Plex lists the newest first
        for (int i = onPlex.size() - 1; i >= 0; i--) plex.watchlistAdd(onPlex.get(i).plexKey());
        for (Title t : onSimkl) simkl.put(t.simkl(), "plantowatch");
    }

    /** One catalogue title from what Plex ({@code p}) and SIMKL ({@code s}) listed; either may be null. */
    private static Title title(MediaItem p, MediaItem s, int ownSimklId) {
        MediaItem any = p != null ? p : s;
        Ids ids = p == null ? s.ids() : s == null ? p.ids() : p.ids().merge(s.ids());
        String name = any.title().isEmpty() ? any.type().word() + " " + ids.text() : any.title();
        int year = any.year() == null ? 0 : any.year();
        String plexKey = ids.has("plex") ? ids.get("plex") : String.format("%024x", ownSimklId);
        Integer simklId = ids.has("simkl") ? Integer.valueOf(ids.get("simkl")) : ownSimklId;
        boolean anime = ids.has("mal") || ids.has("anidb");
        String bucket = anime ? "anime" : any.type().word().equals("movie") ? "movies" : "shows";
        String animeType = !anime ? null : any.type().word().equals("movie") ? "movie" : "tv";
        String plexTitle = p != null && !p.title().isEmpty() ? p.title() : name;
        return new Title(any.type(), s != null && !s.title().isEmpty() ? s.title() : name, year, plexKey, simklId,
                ids.get("imdb"), ids.get("tmdb"), ids.get("tvdb"), ids.get("mal"), ids.get("anidb"), bucket, animeType,
                plexTitle);
    }

    /** The environment that points the tool at both emulators, with their credentials. */
    public Map<String, String> env() {
        return EmulatorEnv.of(plex, simkl, PLEX_TOKEN, SIMKL_ID, SIMKL_TOKEN);
    }

    @Override
    public void close() {
        plex.close();
        simkl.close();
    }
}
