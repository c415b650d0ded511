package cli;

/**
 * One command of the tool: built from the parsed command line ({@link Cli#command}), run with
 * what every command shares ({@link Session}); answers its exit code, or throws what stopped it
 * ({@link Failure} turns that into a message and a code).
 */
sealed interface Command permits SetupCommand, HelpCommand, VersionCommand, SyncCommand, WatchCommand, ListCommand,
        RestoreCommand, DoctorCommand, InitSimklCommand, InitPlexCommand, ResetStateCommand, DemoCommand,
                DemoServeCommand, WhyCommand, JournalCommand, KeepApartCommand,
                        HealthCommand, NotifyTestCommand, SupportBundleCommand, ReplayCommand, UndoCommand,
                        ApplyCommand {
    int run(Session session) throws Exception;
}
