package sync;

/**
 * The planner's rules by name: why a title is added or removed, or why it stays as it is. The
 * report, --why and --json name them; a title that ends a run on one side only is "kept apart"
 * when its rule says so on purpose (the lists still count as in sync), and a difference otherwise.
 */
public enum Rule {
    // why a title is written
    FIRST_RUN("first-run-adds-only", "on one side before the first sync: added, never removed"),
    NEW_ON_PLEX("new-on-plex", "added on Plex since the last sync: added to SIMKL"),
    NEW_ON_SIMKL("new-on-simkl", "added on SIMKL since the last sync: added to Plex"),
    REMOVED_ON_PLEX("removed-on-plex", "removed on Plex since the last sync: removed from SIMKL"),
    WATCHED_ON_PLEX("watched-on-plex", "left the Plex watchlist after being played there: moved on SIMKL to "
            + "completed with its play date (watching when a show is partly played), not removed"),
    REMOVED_ON_SIMKL("removed-on-simkl", "removed from SIMKL's Plan to Watch since the last sync: removed from Plex"),
    MOVED_ON_SIMKL("moved-on-simkl", "moved on SIMKL from Plan to Watch to another list: removed from Plex"),
    MIRROR("mirror", "mirror mode: the target is made equal to the source of truth"),
    ONE_WAY("one-way", "one-way mode: Plex is copied to SIMKL"),
    RESTORE("restore", "--restore: the side is made equal to the backup"),
    UNDO("undo", "--undo: an action of an earlier run taken back; left as the undo left it", true),

    // kept apart on purpose: the lists are in sync with these differences
    HELD_ON_SIMKL("held-in-another-simkl-list", "SIMKL holds it as watching, completed, on hold or dropped; "
            + "never sent back to Plan to Watch", true),
    KEEPS_HISTORY("keeps-watch-data-or-rating", "a removal from SIMKL would erase its watch history or rating",
            true),
    UNKNOWN_STATUS("undocumented-simkl-status", "SIMKL lists it with a status it does not document", true),
    ADDS_OFF("adds-off", "sync.enable_add is false", true),
    REMOVALS_OFF("removals-off", "sync.enable_remove is false", true),
    UNRESOLVED("unresolved-waiting", "not found on one side; tried again after its back-off", true),
    CONFLICT("id-conflict", "its ids disagree between the sides; left alone until they agree", true),
    EXCLUDED("excluded", "named in sync.exclude: never added or removed", true),
    PROTECTED("protected", "named in sync.protect: never removed", true),
    UNDONE("undone", "an --undo took back the run that put it here or removed it; left as the undo left it until "
            + "either side changes it", true),
    OUT_OF_SCOPE("out-of-scope", "its kind is not in sync.types", true),
    ONE_WAY_LEFT("only-on-simkl-one-way", "one-way mode leaves titles only on SIMKL alone", true),

    // differences that want attention
    GUARD("deletion-guard", "the deletion guard withheld the removal"),
    NOT_FOUND("not-found", "not found on the other side for the first time"),
    FAILED("write-failed", "the write failed; tried again next run"),
    UNCONFIRMED("write-unconfirmed", "the write went out but no answer said what came of it, so it may or may not "
            + "have been carried out; not sent again blindly: the next run reads both sides and does only what is "
            + "still needed"),
    PLAYS_UNREAD("plays-unread", "left the Plex watchlist, but Plex did not answer whether it was played; left as "
            + "it was, asked again next run"),
    LOOKUP_FAILED("lookup-failed", "a service failed to answer the lookup of its ids; left as it was, tried again "
            + "next run");

    /** The rule's name, as --why, --json and config keys print it. */
    public final String word;
    /** What the rule means, in a sentence. */
    public final String meaning;
    /** A title this rule leaves on one side only is kept apart on purpose, not a difference. */
    public final boolean keptApart;

    Rule(String word, String meaning) {
        this(word, meaning, false);
    }

    Rule(String word, String meaning, boolean keptApart) {
        this.word = word;
        this.meaning = meaning;
        this.keptApart = keptApart;
    }
}
