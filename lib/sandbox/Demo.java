package sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Both emulators stocked as a person's accounts might be (some titles on each side, one only on
 * each, one Plex will never find, one completed on SIMKL, an anime whose two SIMKL seasons are one
 * Plex show, and a Plex Home of two more users with lists of their own), for --demo and --demo --serve; and the
 * edits the demo's person makes between two syncs.
 */
public final class Demo implements AutoCloseable {
    public static final String PLEX_TOKEN = "demo-plex-token-not-a-secret";
    public static final String SIMKL_ID = "demo-client-id";
    public static final String SIMKL_TOKEN = "demo-simkl-token-not-a-secret";
    public static final String SIMKL_SECRET = "demo-secret";

    public final PlexEmulator plex = new PlexEmulator(PLEX_TOKEN);
    public final SimklEmulator simkl = new SimklEmulator(SIMKL_ID, SIMKL_SECRET, SIMKL_TOKEN);
    private final Clock clock;

    /** {@code clock}: the run's time, so that the emulators' pacing rules see the waits the client makes. */
    public Demo(Clock clock) {
        this.clock = clock;
        plex.clock(clock);
        simkl.clock(clock);
        plex.addTitles(Catalogue.demo());
        simkl.addTitles(Catalogue.demo());
        plex.username("Demo");
        for (Title t : List.of(Catalogue.TERMINATOR, Catalogue.COLLIDE_MOVIE, Catalogue.PERFECT_DAYS_PLEX,
                Catalogue.SEVERANCE, Catalogue.ARRIVAL, Catalogue.JUJUTSU_1)) {
            plex.watchlistAdd(t.plexKey());
        }
        for (Title t : List.of(Catalogue.ARRIVAL, Catalogue.DUNE, Catalogue.SHOGUN, Catalogue.FRIEREN, Catalogue.SUZUME,
                Catalogue.PERFECT_DAYS_SIMKL, Catalogue.OBSCURE, Catalogue.COLLIDE_SHOW, Catalogue.JUJUTSU_1,
                Catalogue.JUJUTSU_2)) {
            simkl.put(t.simkl(), "plantowatch");
        }
        simkl.put(Catalogue.TERMINATOR.simkl(), "completed");
        simkl.watched(Catalogue.TERMINATOR.simkl(), 1);
        // a household: two Plex Home users with lists of their own (--init-plex --home-user), and a managed
        // user to whom Plex gives no watchlist
        plex.addHomeUser("Kid", null);
        plex.homeWatchlistAdd("Kid", Catalogue.SUZUME.plexKey(), Catalogue.FRIEREN.plexKey());
        plex.addHomeUser("Teen", TEEN_PIN);
        plex.homeWatchlistAdd("Teen", Catalogue.THE_BEAR.plexKey());
        plex.addManagedUser("Tot", null);
    }

    /** The PIN of the demo's Plex Home user "Teen" (the emulators' own, printed by --demo --serve). */
    public static final String TEEN_PIN = "2468";

    /** What the person does between the first and the second sync, in words and then on both emulators. */
    public static final String EDITS = "on Plex you remove Severance, add The Bear and watch Arrival (Plex then "
            + "drops it from the watchlist); on SIMKL you add Past Lives and mark"
            + " Dune: Part Two as completed";

    public void personEdits() {
        plex.watchlistRemove(Catalogue.SEVERANCE.plexKey());
        plex.watchlistAdd(Catalogue.THE_BEAR.plexKey());
        plex.played(Catalogue.ARRIVAL.plexKey(), clock.instant().minus(Duration.ofHours(20)));
        simkl.put(Catalogue.PAST_LIVES.simkl(), "plantowatch");
        simkl.put(Catalogue.DUNE.simkl(), "completed");
        simkl.watched(Catalogue.DUNE.simkl(), 1);
    }

    /** The environment that points the tool at both emulators, with the demo's credentials. */
    public Map<String, String> env() {
        return EmulatorEnv.of(plex, simkl, PLEX_TOKEN, SIMKL_ID, SIMKL_TOKEN);
    }

    @Override
    public void close() {
        plex.close();
        simkl.close();
    }
}
