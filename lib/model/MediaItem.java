package model;

import java.util.Objects;

/** One title on one side: its kind, display title, year (may be null) and external ids. */
public record MediaItem(MediaType type, String title, Integer year, Ids ids) {
    public MediaItem {
        Objects.requireNonNull(type, "type");
        title = title == null ? "" : title.trim();
        ids = ids == null ? Ids.empty() : ids;
    }

    public MediaItem withIds(Ids more) {
        return new MediaItem(type, title, year, ids.merge(more));
    }

    /**
     * The project's one definition of "the same title": the same type and at least one shared id in
     * the same namespace (imdb, tmdb, tvdb, simkl, mal, anidb, plex). A tmdb movie id never matches a
     * tmdb show id, and the order ids come in does not matter.
     */
    public boolean sameTitle(MediaType otherType, Ids otherIds) {
        return type == otherType && ids.sharesAny(otherIds);
    }

    public boolean sameTitle(MediaItem other) {
        return sameTitle(other.type, other.ids);
    }

    /** "Title (2001)" for people. */
    public String label() {
        return year == null ? title : title + " (" + year + ")";
    }

    @Override public String toString() {
        return type.word() + " " + label() + " [" + ids + "]";
    }
}
