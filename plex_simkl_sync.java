///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS com.fasterxml.jackson:jackson-bom:2.23.0@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
//DEPS com.konghq:unirest-java-core:4.10.1
//DEPS commons-cli:commons-cli:1.11.0
//SOURCES lib/cli/Alerts.java lib/cli/Browser.java lib/cli/Cli.java lib/cli/Command.java lib/cli/Console.java
//SOURCES lib/cli/Context.java lib/cli/DemoCommand.java lib/cli/DemoServeCommand.java lib/cli/DoctorCheck.java
//SOURCES lib/cli/DoctorCommand.java lib/cli/ExitCode.java lib/cli/Failure.java lib/cli/Flag.java
//SOURCES lib/cli/FlagValues.java lib/cli/Flags.java lib/cli/HealthCommand.java lib/cli/Help.java
//SOURCES lib/cli/HelpCommand.java lib/cli/HomeUserPrompt.java lib/cli/HomeUserToken.java
//SOURCES lib/cli/IdleHttpThreads.java lib/cli/InitPlexCommand.java lib/cli/InitSimklCommand.java
//SOURCES lib/cli/Interruption.java lib/cli/Invocation.java lib/cli/JournalCommand.java
//SOURCES lib/cli/KeepApartCommand.java lib/cli/ListCommand.java lib/cli/LocalChecks.java
//SOURCES lib/cli/NotifyTestCommand.java lib/cli/ResetStateCommand.java lib/cli/RestoreCommand.java
//SOURCES lib/cli/ServiceChecks.java lib/cli/Services.java lib/cli/Session.java lib/cli/SetupCommand.java
//SOURCES lib/cli/Signals.java lib/cli/SimklBudget.java lib/cli/Suggest.java lib/cli/SyncCommand.java
//SOURCES lib/cli/SyncRound.java lib/cli/Terminal.java lib/cli/TitleLookup.java lib/cli/UsageException.java
//SOURCES lib/cli/Verb.java lib/cli/VersionCommand.java lib/cli/VersionInfo.java lib/cli/WatchCommand.java
//SOURCES lib/cli/WhoseLists.java lib/cli/WhyCommand.java lib/cli/WhyDocument.java
//SOURCES lib/config/CleanValue.java lib/config/Config.java lib/config/ConfigDir.java
//SOURCES lib/config/ConfigException.java lib/config/ConfigFile.java lib/config/HandWrittenJson.java
//SOURCES lib/config/JsonMistakes.java lib/config/Utf8Text.java
//SOURCES lib/files/AtomicFile.java lib/files/Folders.java lib/files/Json.java lib/files/RunLock.java
//SOURCES lib/files/TempFolder.java
//SOURCES lib/http/AuthException.java lib/http/Credentials.java lib/http/Deadline.java lib/http/FanOut.java
//SOURCES lib/http/HttpPolicy.java lib/http/LimitException.java lib/http/Pacer.java lib/http/Redactor.java
//SOURCES lib/http/Request.java lib/http/Response.java lib/http/Service.java lib/http/ServiceError.java
//SOURCES lib/http/ServiceException.java lib/http/ServiceHttp.java lib/http/Sleeper.java
//SOURCES lib/model/Ids.java lib/model/MediaItem.java lib/model/MediaType.java lib/model/Plural.java
//SOURCES lib/model/Times.java lib/model/TitleIndex.java
//SOURCES lib/notify/Event.java lib/notify/LastRun.java lib/notify/News.java lib/notify/Notifier.java
//SOURCES lib/notify/Outgoing.java lib/notify/Target.java lib/notify/WatchAlerts.java
//SOURCES lib/plex/PlexClient.java lib/plex/PlexHome.java lib/plex/PlexPinLogin.java
//SOURCES lib/sandbox/Catalogue.java lib/sandbox/Demo.java lib/sandbox/Emulator.java
//SOURCES lib/sandbox/EmulatorEnv.java lib/sandbox/PlexEmulator.java lib/sandbox/PlexXml.java
//SOURCES lib/sandbox/SimklAuthV2.java lib/sandbox/SimklEmulator.java lib/sandbox/SimklUsageRules.java
//SOURCES lib/sandbox/Title.java
//SOURCES lib/simkl/ConnectionDeadlines.java lib/simkl/SimklActivities.java lib/simkl/SimklClient.java
//SOURCES lib/simkl/SimklEntry.java lib/simkl/SimklOAuth.java lib/simkl/SimklQuota.java
//SOURCES lib/simkl/SimklRating.java lib/simkl/SimklRedirectHelper.java lib/simkl/SimklTokens.java
//SOURCES lib/sync/Backups.java lib/sync/DeletionGuard.java lib/sync/Executor.java lib/sync/Journal.java
//SOURCES lib/sync/KnownTitles.java lib/sync/LookupFault.java lib/sync/Match.java lib/sync/Matcher.java
//SOURCES lib/sync/Plan.java lib/sync/Planner.java lib/sync/ReadRetries.java lib/sync/Report.java
//SOURCES lib/sync/Rule.java lib/sync/SimklCopy.java lib/sync/SimklRead.java lib/sync/SimklStamps.java
//SOURCES lib/sync/State.java lib/sync/StateFile.java lib/sync/StateUpdate.java lib/sync/SyncRun.java
//SOURCES lib/sync/TitleQuery.java lib/sync/Verifier.java lib/sync/WriteTally.java
//CDS
//COMPILE_OPTIONS -encoding UTF-8 -J-XX:TieredStopAtLevel=1 -J-XX:+UseSerialGC
//JAVA_OPTIONS -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k
//JAVA_OPTIONS -Xlog:disable -Xlog:all=warning,cds*=off,class+path=off:stderr

/*
 * plex_simkl_sync: keeps a Plex Watchlist and a SIMKL "Plan to Watch" list in sync.
 *
 * One sync, flag to report: cli/Cli reads the flags (cli/Flags, the one table of every flag) into
 * an Invocation and builds its Command (cli/SyncCommand) -> cli/SyncRound takes the lock ->
 * sync/SyncRun.plan (plex/PlexClient + sync/SimklRead read both sides; sync/Matcher; sync/Planner
 * + DeletionGuard) -> --dry-run stops here, else sync/SyncRun.apply (Backups, Executor, Verifier,
 * StateUpdate) -> sync/StateFile saves state.json -> sync/Report prints; cli/Failure maps anything
 * that went wrong to its message and exit code (cli/ExitCode).
 *
 * Where things live (each folder under lib/ is a Java package):
 *   lib/cli      Cli, Flags (+ FlagValues, Flag, Invocation, Verb, Help), Failure, ExitCode, Console, Context,
 *                Session (what commands share: folder, settings, credentials, clients, lock), SyncRound, SimklBudget, WhoseLists,
 *                TitleLookup, Alerts; command helpers DoctorCheck, LocalChecks, ServiceChecks, WhyDocument,
 *                HomeUserPrompt, Interruption and Signals (Ctrl-C, SIGTERM); a record per command: SyncCommand, WatchCommand, ListCommand,
 *                RestoreCommand, DoctorCommand, InitSimklCommand, InitPlexCommand, ResetStateCommand,
 *                DemoCommand, DemoServeCommand, WhyCommand, JournalCommand, KeepApartCommand,
 *                HealthCommand, NotifyTestCommand, VersionCommand, HelpCommand, SetupCommand
 *   lib/config   ConfigFile (config.json: starter, validation, env overrides, rewrites), ConfigDir, Config,
 *                Utf8Text, HandWrittenJson and JsonMistakes (reading it strictly, mistakes in words),
 *                CleanValue (a value sent as it is holds nothing that cannot be sent)
 *   lib/model    MediaItem (with sameTitle: the one definition of "the same title"), Ids, MediaType,
 *                TitleIndex, Plural
 *   lib/plex     PlexClient (watchlist, ids, resolve, add, remove, token), PlexPinLogin
 *   lib/simkl    SimklClient, SimklQuota, SimklActivities, SimklEntry, SimklRating, SimklOAuth, SimklTokens,
 *                SimklRedirectHelper (+ ConnectionDeadlines)
 *   lib/sync     Planner (the sync policy) and its Rule names, DeletionGuard, Matcher, Match, Plan, SyncRun,
 *                SimklRead (+ SimklStamps, SimklCopy, ReadRetries), Executor, Verifier, StateUpdate, State,
 *                StateFile, Backups, Journal, Report, TitleQuery, KnownTitles, LookupFault, WriteTally
 *   lib/notify   Notifier, Outgoing, Target, Event, News, WatchAlerts, LastRun: notifications and --health
 *   lib/http     ServiceHttp (timeouts, retries, Retry-After), Request, Response, ServiceError (and its
 *                kinds), Credentials, HttpPolicy, Pacer, FanOut, Deadline, Redactor, Sleeper
 *   lib/files    AtomicFile, Folders (0700 folders, no link followed), RunLock, Json, TempFolder
 *   lib/sandbox  Emulator, PlexEmulator, SimklEmulator, SimklAuthV2, SimklUsageRules, Catalogue, Demo: the
 *                services' emulators (tests, --demo)
 *   docs/services.md   how Plex and SIMKL behave, with sources
 *   scripts/install, Dockerfile, docs/systemd/   ways to install and run it (README, "Getting it", "Recipes")
 */
public class plex_simkl_sync {
    public static void main(String[] args) {
        System.exit(cli.Cli.main(args));
    }
}
