package cli;

import files.Json;

/** --version: the tool's version and those of Java and its libraries (for bug reports). */
record VersionCommand() implements Command {
    @Override
    public int run(Session s) {
        s.console.resultRaw(s.json() ? Json.pretty(VersionInfo.all()) : VersionInfo.text());
        return ExitCode.OK;
    }
}
