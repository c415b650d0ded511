package cli;

import java.util.Locale;

/** What a run does: exactly one command per run, named by its flag (none at all: {@link #SETUP}). */
public enum Verb {
    /** No command flag: create config.json if missing, then show the help. */
    SETUP,
    HELP, VERSION, SYNC, WATCH, LIST, RESTORE, DOCTOR, INIT_SIMKL, INIT_PLEX, RESET_STATE, DEMO, WHY, JOURNAL, EXCLUDE,
    PROTECT, UNEXCLUDE, UNPROTECT, HEALTH, NOTIFY_TEST, SUPPORT_BUNDLE, REPLAY, UNDO, APPLY;

    /**
     * Whether the command has a --json document of its own. The others, given --json (an alias that
     * always passes it), print their text on stderr and one document saying how they ended.
     */
    public boolean documents() {
        return switch (this) {
            case SYNC, LIST, RESTORE, DOCTOR, RESET_STATE, VERSION, WHY, JOURNAL, EXCLUDE, UNEXCLUDE, PROTECT,
                    UNPROTECT, HEALTH, REPLAY, UNDO, APPLY -> true;
            case SETUP, HELP, WATCH, INIT_SIMKL, INIT_PLEX, DEMO, NOTIFY_TEST, SUPPORT_BUNDLE -> false;
        };
    }

    /**
     * Whether the command asks the services (or the emulators) whenever it runs; --why does unless
     * --offline. Such a run begins the HTTP client's TLS set-up at once, beside reading its files
     * ({@code http.TlsWarmUp}); the commands that read only files start without it.
     */
    public boolean asksServices() {
        return switch (this) {
            case SYNC, WATCH, LIST, RESTORE, DOCTOR, INIT_SIMKL, INIT_PLEX, DEMO, WHY, EXCLUDE, PROTECT, UNEXCLUDE,
                    UNPROTECT, NOTIFY_TEST, SUPPORT_BUNDLE, REPLAY, UNDO, APPLY -> true;
            case SETUP, HELP, VERSION, RESET_STATE, JOURNAL, HEALTH -> false;
        };
    }

    /** The command's word: "sync", "init-simkl"; also the {@code command} field of --json documents. */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The flag that asks for it: "--sync". */
    public String flag() {
        return "--" + word();
    }
}
