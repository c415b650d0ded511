package config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import model.Ids;
import notify.Target;
import model.MediaItem;
import model.MediaType;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The effective settings of one run: config.json with defaults filled in and environment
 * overrides applied. Immutable; {@link ConfigFile} builds it and keeps the raw tree for rewrites.
 */
public record Config(
        Plex plex,
        Simkl simkl,
        Sync sync,
        boolean debug,
        Endpoints endpoints,
        List<Target> notifications) {

    public Config {
        notifications = List.copyOf(notifications);
    }

    /**
     * The Plex account: the owner's token (from --init-plex), this tool's client identifier, and
     * the Plex Home user whose watchlist is synced instead of the owner's (null: the owner's).
     */
    public record Plex(String accountToken, String clientIdentifier, Home home) {
        public Plex(String accountToken, String clientIdentifier) {
            this(accountToken, clientIdentifier, null);
        }

        /** The same account with another token (the one a switch to a Home user answers). */
        public Plex withToken(String token) {
            return new Plex(token, clientIdentifier, home);
        }

        @Override
        public String toString() {
            return "Plex[clientIdentifier=" + clientIdentifier + ", home=" + home + "]"; // never the token or PIN
        }
    }

    /**
     * A Plex Home user to sync (plex.home_user, plex.home_user_id), its PIN when it has one
     * (PLEX_HOME_PIN, or plex.home_pin when the person chose to keep it there; blank: none given),
     * and the token the last switch to it answered (plex.home_user_token; blank: none kept), used
     * until Plex refuses it: plex.tv limits how often an account switches.
     */
    public record Home(String user, String userId, String pin, String token) {
        public Home {
            token = token == null ? "" : token;
        }

        @Override
        public String toString() {
            return "Home[user=" + user + ", userId=" + userId + "]"; // never the PIN or the token
        }
    }

    public Config withPlex(Plex p) {
        return new Config(p, simkl, sync, debug, endpoints, notifications);
    }

    public record Simkl(String clientId, String clientSecret, String accessToken, String refreshToken,
            long tokenExpiresAt) {
        @Override
        public String toString() {
            return "Simkl[clientId=" + clientId + ", tokenExpiresAt=" + tokenExpiresAt + "]"; // never the secrets
        }
    }

    public Config withSync(Sync s) {
        return new Config(plex, simkl, s, debug, endpoints, notifications);
    }

    public Config withSimkl(Simkl s) {
        return new Config(plex, s, sync, debug, endpoints, notifications);
    }

    public enum Mode {
        TWO_WAY("two-way"), MIRROR("mirror");

        public final String word;

        Mode(String word) {
            this.word = word;
        }
    }

    /** A side of the sync; in files and documents by its word ("plex", "simkl"). */
    public enum Side {
        PLEX("plex"), SIMKL("simkl");

        @JsonValue
        public final String word;

        Side(String word) {
            this.word = word;
        }

        /** The side {@code word} names, or null (a file's value the tool does not know: its reader says so). */
        @JsonCreator
        public static Side of(String word) {
            for (Side s : values()) if (s.word.equals(word)) return s;
            return null;
        }

        public String display() {
            return this == PLEX ? "Plex" : "SIMKL";
        }
    }

    /**
     * sync.plex_watched: what a title that left the Plex watchlist after being played there becomes on
     * SIMKL: completed (or watching, for a show partly played), or removed as any other title.
     */
    public enum PlexWatched {
        COMPLETE("complete"), REMOVE("remove");

        public final String word;

        PlexWatched(String word) {
            this.word = word;
        }
    }

    /** The kinds of title sync.types chooses from; anime is whatever SIMKL files under anime. */
    public enum TitleKind {
        MOVIES("movies"), SHOWS("shows"), ANIME("anime");

        public final String word;

        TitleKind(String word) {
            this.word = word;
        }
    }

    /**
     * A title named in sync.exclude or sync.protect: its ids (any one of them names it), its type
     * when given (a tmdb id is a movie's or a show's), and the person's note.
     */
    public record Listed(Ids ids, MediaType type, String note) {
        /** Whether this names {@code item}: a shared id, and the same type when one is given. */
        public boolean names(MediaItem item) {
            return item != null && (type == null || type == item.type()) && ids.sharesAny(item.ids());
        }
    }

    public record Sync(
            boolean enableAdd,
            boolean enableRemove,
            boolean verifyAfterWrite,
            boolean bidirectional,
            Mode mode,
            Side sourceOfTruth,
            boolean useActivity,
            int maxDelete,
            int maxDeletePercent,
            List<Listed> exclude,
            List<Listed> protect,
            Set<TitleKind> types,
            PlexWatched plexWatched) {

        public Sync {
            exclude = List.copyOf(exclude);
            protect = List.copyOf(protect);
            types = types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
            if (plexWatched == null) plexWatched = PlexWatched.COMPLETE;
        }

        /** Settings with sync.plex_watched at its default, "complete". */
        public Sync(boolean enableAdd, boolean enableRemove, boolean verifyAfterWrite, boolean bidirectional, Mode mode,
                Side sourceOfTruth, boolean useActivity, int maxDelete, int maxDeletePercent, List<Listed> exclude,
                List<Listed> protect, Set<TitleKind> types) {
            this(enableAdd, enableRemove, verifyAfterWrite, bidirectional, mode, sourceOfTruth, useActivity, maxDelete,
                    maxDeletePercent, exclude, protect, types, PlexWatched.COMPLETE);
        }

        /** These settings with other exclusions, protections and kinds (for a command that edits them). */
        public Sync with(List<Listed> exclude, List<Listed> protect, Set<TitleKind> types) {
            return new Sync(enableAdd, enableRemove, verifyAfterWrite, bidirectional, mode, sourceOfTruth, useActivity,
                    maxDelete, maxDeletePercent, exclude, protect, types, plexWatched);
        }

        /** The mode as people read it: "two-way", "mirror(plex)", "one-way (Plex -> SIMKL)". */
        public String describe() {
            if (!bidirectional) return "one-way (Plex -> SIMKL)";
            return mode == Mode.MIRROR ? "mirror(" + sourceOfTruth.word + ")" : mode.word;
        }
    }

    /** Base URLs of the services (the PLEX_SIMKL_SYNC_*_URL variables); tests and the demo point these at the
     * emulators. */
    public record Endpoints(String plexDiscover, String plexMetadata, String plexTv, String simklApi, String simklWeb) {
        public static final Endpoints REAL = new Endpoints(
                "https://discover.provider.plex.tv",
                "https://metadata.provider.plex.tv",
                "https://plex.tv",
                "https://api.simkl.com",
                "https://simkl.com");

        /** True when SIMKL is reached on this machine (an emulator): the --watch floor for the real SIMKL does not
         * apply. */
        public boolean simklIsLocal() {
            try {
                String host = URI.create(simklApi).getHost();
                return host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]")
                        || host.equals("::1"));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }
}
