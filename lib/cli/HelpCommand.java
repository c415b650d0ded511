package cli;

/** --help: every flag by command, examples, environment and exit codes. */
record HelpCommand() implements Command {
    @Override
    public int run(Session s) {
        s.console.resultRaw(Help.text(s.console.command(), Help.readme(s.ctx.env(), s.ctx.cwd(), s.console.command())));
        return ExitCode.OK;
    }
}
