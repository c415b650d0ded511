package support;

/** The command line as its own process, for tests that must kill a real run (the entry script's main, in short). */
public final class CliMain {
    private CliMain() {}

    public static void main(String[] args) {
        System.exit(cli.Cli.main(args));
    }
}
