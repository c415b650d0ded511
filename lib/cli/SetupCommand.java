package cli;

import config.ConfigFile;

/** No command flag: the starter config.json (the only command that writes one unasked), then the help. */
record SetupCommand() implements Command {
    @Override
    public int run(Session s) throws Exception {
        if (ConfigFile.createIfMissing(s.folder().configFile())) {
            s.console.ok("Created " + s.folder().configFile() + " (mode 0600). Fill in your tokens, then run --sync.");
        } else {
            s.console.info(s.folder().configFile() + " exists; nothing created.");
        }
        s.console.resultRaw(Help.text(s.console.command()));
        return ExitCode.OK;
    }
}
