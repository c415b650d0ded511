package cli;

import config.ConfigFile;

/** No command flag: the starter config.json (the only command that writes one unasked), then the help. */
record SetupCommand() implements Command {
    /** What a person does next on a fresh config.json, in order. */
    static final String FIRST_STEPS = "Next, in this order: 1. create an app at simkl.com → Developers and put its "
            + "client id in simkl.client_id; 2. run --init-simkl pin; 3. run --init-plex; 4. run --sync --dry-run, "
            + "then --sync. (README, \"Sign in\".)";

    @Override
    public int run(Session s) throws Exception {
        if (ConfigFile.createIfMissing(s.folder().configFile())) {
            s.console.ok("Created " + s.folder().configFile() + " (mode 0600).");
            s.console.plain(FIRST_STEPS);
        } else {
            s.console.info(s.folder().configFile() + " exists; nothing created.");
        }
        s.console.resultRaw(Help.text(s.console.command(), Help.readme(s.ctx.env(), s.ctx.cwd(), s.console.command())));
        return ExitCode.OK;
    }
}
