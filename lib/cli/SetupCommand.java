package cli;

import config.ConfigFile;

/** No command flag: the starter config.json (the only command that writes one unasked) and the help, then what to do next. */
record SetupCommand() implements Command {
    /** What a person does next on a fresh config.json, in order. */
    static final String FIRST_STEPS = "Next, in this order: 1. create an app at simkl.com → Developers and put its "
            + "client id in simkl.client_id; 2. run --init-simkl pin; 3. run --init-plex; 4. run --sync --dry-run, "
            + "then --sync. (README, \"Sign in\".)";

    @Override
    public int run(Session s) throws Exception {
        boolean created = ConfigFile.createIfMissing(s.folder().configFile());
        // the help first: what to do next is then the last thing on the screen, not scrolled away above it
        s.console.resultRaw(Help.text(s.console.command(), Help.readme(s.ctx.env(), s.ctx.cwd(), s.console.command())));
        if (created) {
            s.console.ok("Created " + s.folder().configFile() + " (mode 0600).");
            s.console.plain(FIRST_STEPS);
        } else {
            s.console.info(s.folder().configFile() + " exists; nothing created.");
        }
        return ExitCode.OK;
    }
}
