package simkl;

import model.MediaItem;

/**
 * What a row of SIMKL's ratings read says for sure about one title: rated, or its rating removed.
 * A row that says neither (no score under either key, and no {@code user_rating: null}) is not
 * one of these: it shows that something changed without saying what.
 */
public record SimklRating(MediaItem item, boolean rated) {}
