package cli;

import files.Json;

/** --version: the tool's version, its commit when known, and the versions of Java and its libraries. */
record VersionCommand() implements Command {
    @Override
    public int run(Session s) {
        s.console.resultRaw(s.json() ? Json.pretty(VersionInfo.all(s.ctx.env())) : VersionInfo.text(s.ctx.env()));
        return ExitCode.OK;
    }
}
