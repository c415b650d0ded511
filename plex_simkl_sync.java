///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS com.fasterxml.jackson:jackson-bom:2.23.0@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
//DEPS com.konghq:unirest-java-core:4.10.1
//DEPS commons-cli:commons-cli:1.11.0
//SOURCES lib/cli/Alerts.java lib/cli/ApplyCommand.java lib/cli/Browser.java lib/cli/BundleMembers.java
//SOURCES lib/cli/CapturedRun.java lib/cli/Cli.java lib/cli/Command.java lib/cli/Connections.java
//SOURCES lib/cli/Console.java lib/cli/Context.java lib/cli/DemoCommand.java lib/cli/DemoServeCommand.java
//SOURCES lib/cli/DoctorCheck.java lib/cli/DoctorCommand.java lib/cli/ExitCode.java lib/cli/Failure.java
//SOURCES lib/cli/Flag.java lib/cli/FlagValues.java lib/cli/Flags.java lib/cli/HealthCommand.java
//SOURCES lib/cli/Help.java lib/cli/HelpCommand.java lib/cli/HomeUserPrompt.java lib/cli/HomeUserToken.java
//SOURCES lib/cli/IdleHttpThreads.java lib/cli/InitPlexCommand.java lib/cli/InitSimklCommand.java
//SOURCES lib/cli/Interruption.java lib/cli/Invocation.java lib/cli/JournalCommand.java
//SOURCES lib/cli/KeepApartCommand.java lib/cli/LastReport.java lib/cli/ListCommand.java
//SOURCES lib/cli/LocalChecks.java lib/cli/NotifyTestCommand.java lib/cli/ReplayCommand.java
//SOURCES lib/cli/ResetStateCommand.java lib/cli/RestoreCommand.java lib/cli/ServiceChecks.java
//SOURCES lib/cli/Session.java lib/cli/SetupCommand.java lib/cli/Signals.java lib/cli/SourceCommit.java
//SOURCES lib/cli/Suggest.java lib/cli/SupportBundleCommand.java lib/cli/SyncCommand.java
//SOURCES lib/cli/Terminal.java lib/cli/TitleLookup.java lib/cli/UndoCommand.java lib/cli/UsageException.java
//SOURCES lib/cli/Verb.java lib/cli/VersionCommand.java lib/cli/VersionInfo.java lib/cli/WatchCommand.java
//SOURCES lib/cli/WhyCommand.java
//SOURCES lib/config/CleanValue.java lib/config/Config.java lib/config/ConfigDir.java
//SOURCES lib/config/ConfigException.java lib/config/ConfigFile.java lib/config/ConfigValues.java
//SOURCES lib/config/HandWrittenJson.java lib/config/JsonMistakes.java lib/config/KeyReader.java
//SOURCES lib/config/Utf8Text.java
//SOURCES lib/files/AtomicFile.java lib/files/Folders.java lib/files/Json.java lib/files/RunLock.java
//SOURCES lib/files/TempFolder.java
//SOURCES lib/http/Answers.java lib/http/AuthException.java lib/http/Credentials.java lib/http/Deadline.java
//SOURCES lib/http/FanOut.java lib/http/HttpPolicy.java lib/http/LimitException.java lib/http/PaceFile.java
//SOURCES lib/http/Pacer.java lib/http/Redactor.java lib/http/Request.java lib/http/Response.java
//SOURCES lib/http/Service.java lib/http/ServiceError.java lib/http/ServiceException.java
//SOURCES lib/http/ServiceHttp.java lib/http/Sleeper.java lib/http/TlsWarmUp.java
//SOURCES lib/model/Ids.java lib/model/MediaItem.java lib/model/MediaType.java lib/model/Plural.java
//SOURCES lib/model/Times.java lib/model/TitleIndex.java lib/model/TitleQuery.java lib/model/TitleRow.java
//SOURCES lib/notify/Event.java lib/notify/LastRun.java lib/notify/News.java lib/notify/Notifier.java
//SOURCES lib/notify/Outgoing.java lib/notify/Target.java lib/notify/WatchAlerts.java
//SOURCES lib/plex/PlexClient.java lib/plex/PlexHome.java lib/plex/PlexPinLogin.java
//SOURCES lib/plex/PlexUserState.java
//SOURCES lib/sandbox/Catalogue.java lib/sandbox/Demo.java lib/sandbox/Emulator.java
//SOURCES lib/sandbox/EmulatorEnv.java lib/sandbox/PersonPages.java lib/sandbox/PlexEmulator.java
//SOURCES lib/sandbox/PlexPlays.java lib/sandbox/PlexXml.java lib/sandbox/Replay.java
//SOURCES lib/sandbox/SimklAuthV2.java lib/sandbox/SimklEmulator.java lib/sandbox/SimklUsageRules.java
//SOURCES lib/sandbox/Title.java
//SOURCES lib/simkl/ConnectionDeadlines.java lib/simkl/Pkce.java lib/simkl/SimklActivities.java
//SOURCES lib/simkl/SimklClient.java lib/simkl/SimklEntry.java lib/simkl/SimklOAuth.java
//SOURCES lib/simkl/SimklQuota.java lib/simkl/SimklRating.java lib/simkl/SimklRedirectHelper.java
//SOURCES lib/simkl/SimklRows.java lib/simkl/SimklTokens.java
//SOURCES lib/sync/AddedAt.java lib/sync/Backups.java lib/sync/BoundState.java lib/sync/DeletionGuard.java
//SOURCES lib/sync/Executor.java lib/sync/Explanation.java lib/sync/Journal.java lib/sync/KnownTitles.java
//SOURCES lib/sync/LookupFault.java lib/sync/Match.java lib/sync/Matcher.java lib/sync/Plan.java
//SOURCES lib/sync/PlanFile.java lib/sync/Planner.java lib/sync/PlexPlay.java lib/sync/PlexRead.java
//SOURCES lib/sync/Preview.java lib/sync/ReadRetries.java lib/sync/Report.java lib/sync/ReportDocument.java
//SOURCES lib/sync/Rule.java lib/sync/RunJournal.java lib/sync/RunStamps.java lib/sync/SideBySide.java
//SOURCES lib/sync/SimklBucket.java lib/sync/SimklBudget.java lib/sync/SimklCopy.java lib/sync/SimklDay.java
//SOURCES lib/sync/SimklRead.java lib/sync/SimklReconcile.java lib/sync/SimklStamps.java
//SOURCES lib/sync/SimklToRead.java lib/sync/State.java lib/sync/StateFile.java lib/sync/StateUpdate.java
//SOURCES lib/sync/SyncFailure.java lib/sync/SyncJob.java lib/sync/SyncRun.java lib/sync/Undo.java
//SOURCES lib/sync/Verifier.java lib/sync/WatchedOnPlex.java lib/sync/WhoseLists.java lib/sync/WriteTally.java
//FILES plex_simkl_sync.commit=lib/cli/commit.txt
//CDS
//COMPILE_OPTIONS -encoding UTF-8 -J-XX:TieredStopAtLevel=1 -J-XX:+UseSerialGC
//JAVA_OPTIONS -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k
//JAVA_OPTIONS -Xlog:disable -Xlog:all=warning,cds*=off,class+path=off:stderr

/*
 * plex_simkl_sync: keeps a Plex Watchlist and a SIMKL "Plan to Watch" list in sync.
 *
 * One sync, flag to report: cli/Cli reads the flags (cli/Flags, the one table of every flag) into
 * an Invocation and builds its Command (cli/SyncCommand) -> cli/Session takes the lock, opens the
 * clients (cli/Connections) and calls sync/SyncJob.sync, the one entry point of a run: state.json loaded and
 * bound to whose lists these are (WhoseLists -> BoundState), SIMKL's day counted (SimklBudget) ->
 * sync/SyncRun.plan (plex/PlexClient + sync/SimklRead read both sides; sync/Matcher; sync/Planner
 * + DeletionGuard) -> --dry-run stops here, else sync/SyncRun.apply (Backups, Executor, Verifier,
 * StateUpdate, the journal) -> sync/StateFile saves state.json -> the job returns a sync/Report,
 * which the command prints; cli/Failure maps anything that went wrong (sync/SyncFailure for a run
 * that stopped) to its message and exit code (cli/ExitCode).
 *
 * Where things live (each folder under lib/ is a Java package):
 *   lib/cli      Cli, Flags (+ FlagValues, Flag, Invocation, Verb, Help), Failure, ExitCode, Console, Context,
 *                Session (what commands share: folder, settings, credentials, the sync job, lock), Connections
 *                (the clients), TitleLookup, Alerts, LastReport (last_report.txt); command helpers DoctorCheck,
 *                LocalChecks, ServiceChecks, HomeUserPrompt, HomeUserToken, Interruption and Signals (Ctrl-C,
 *                SIGTERM), IdleHttpThreads; a record per command:
 *                SyncCommand, WatchCommand, ListCommand, RestoreCommand, DoctorCommand, InitSimklCommand,
 *                InitPlexCommand, ResetStateCommand, DemoCommand, DemoServeCommand, WhyCommand, JournalCommand,
 *                KeepApartCommand, UndoCommand, ApplyCommand, SupportBundleCommand (+ BundleMembers,
 *                CapturedRun), ReplayCommand, HealthCommand, NotifyTestCommand, VersionCommand (+ VersionInfo,
 *                SourceCommit), HelpCommand, SetupCommand
 *   lib/config   ConfigFile (config.json as a file: starter, strict reading, rewrites), ConfigValues + KeyReader
 *                (its values checked and read, the environment over them), ConfigDir, Config,
 *                Utf8Text, HandWrittenJson and JsonMistakes (reading it strictly, mistakes in words),
 *                CleanValue (a value sent as it is holds nothing that cannot be sent)
 *   lib/model    MediaItem (with sameTitle: the one definition of "the same title"), Ids, MediaType,
 *                TitleIndex, TitleQuery, TitleRow, Plural, Times
 *   lib/plex     PlexClient (watchlist, ids, resolve, add, remove, token), PlexPinLogin, PlexHome
 *   lib/simkl    SimklClient (+ SimklRows: what its answers say), SimklQuota, SimklActivities, SimklEntry,
 *                SimklRating, SimklOAuth, SimklTokens, SimklRedirectHelper (+ ConnectionDeadlines, Pkce)
 *   lib/sync     SyncJob (the entry point of a sync, dry run or restore), Planner (the sync policy) and its Rule
 *                names, DeletionGuard, Matcher, Match, Plan, WhoseLists + BoundState, SimklBudget (+ SimklDay:
 *                around a run), SyncRun, SideBySide, PlexRead, SimklRead (the requests; + SimklToRead: what to
 *                read, SimklReconcile: the answers merged into the copy, SimklBucket, SimklStamps, SimklCopy,
 *                ReadRetries), Executor, Verifier, StateUpdate, State, StateFile (+ RunStamps), Backups, Journal,
 *                RunJournal, Report, ReportDocument, SyncFailure, KnownTitles, Preview, Explanation, LookupFault,
 *                WriteTally, Undo (+ AddedAt), PlanFile
 *   lib/notify   Notifier, Outgoing, Target, Event, News, WatchAlerts, LastRun: notifications and --health
 *   lib/http     ServiceHttp (sends: timeouts, redirects, retries, a stop) and Answers (what an answer means:
 *                Retry-After, refusals by kind, a write of unknown fate), Request, Response, ServiceError (and
 *                its kinds), Credentials, HttpPolicy, Pacer (+ PaceFile: SIMKL's pace across commands),
 *                FanOut, Deadline, Redactor, Sleeper, TlsWarmUp (TLS set up early, beside the file reads)
 *   lib/files    AtomicFile, Folders (0700 folders, no link followed), RunLock, Json, TempFolder
 *   lib/sandbox  Emulator, PlexEmulator, SimklEmulator, PersonPages, SimklAuthV2, SimklUsageRules, Catalogue,
 *                Demo, Replay: the
 *                services' emulators (tests, --demo)
 *   docs/services.md   how Plex and SIMKL behave, with sources
 *   scripts/install, Dockerfile (+ scripts/docker-entrypoint, compose.yaml), docs/systemd/   ways to install and run it (README, "Install", "Run it unattended")
 */
public class plex_simkl_sync {
    public static void main(String[] args) {
        System.exit(cli.Cli.main(args));
    }
}
