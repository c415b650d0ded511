///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS com.fasterxml.jackson:jackson-bom:2.23.0@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
//DEPS com.konghq:unirest-java-core:4.10.1
//DEPS commons-cli:commons-cli:1.11.0
//SOURCES lib/cli/Browser.java lib/cli/Cli.java lib/cli/Console.java lib/cli/Context.java
//SOURCES lib/cli/Credentials.java lib/cli/DemoCommand.java lib/cli/DoctorCommand.java lib/cli/ExitCode.java
//SOURCES lib/cli/Failure.java lib/cli/Flags.java lib/cli/InitPlexCommand.java lib/cli/InitSimklCommand.java
//SOURCES lib/cli/ListCommand.java lib/cli/RestoreCommand.java lib/cli/Services.java lib/cli/Suggest.java
//SOURCES lib/cli/SyncCommand.java lib/cli/VersionInfo.java lib/cli/WatchCommand.java
//SOURCES lib/config/Config.java lib/config/ConfigDir.java lib/config/ConfigException.java
//SOURCES lib/config/ConfigFile.java
//SOURCES lib/files/AtomicFile.java lib/files/Json.java lib/files/RunLock.java
//SOURCES lib/http/AuthException.java lib/http/HttpPolicy.java lib/http/Pacer.java lib/http/Redactor.java
//SOURCES lib/http/ServiceException.java lib/http/ServiceHttp.java lib/http/Sleeper.java
//SOURCES lib/model/Ids.java lib/model/MediaItem.java lib/model/MediaType.java lib/model/Plural.java
//SOURCES lib/plex/PlexClient.java lib/plex/PlexPinLogin.java
//SOURCES lib/sandbox/Catalogue.java lib/sandbox/Emulator.java lib/sandbox/EmulatorEnv.java
//SOURCES lib/sandbox/PlexEmulator.java lib/sandbox/PlexXml.java lib/sandbox/SimklEmulator.java lib/sandbox/SimklUsageRules.java
//SOURCES lib/sandbox/Title.java
//SOURCES lib/simkl/SimklActivities.java lib/simkl/SimklClient.java lib/simkl/SimklEntry.java
//SOURCES lib/simkl/SimklRedirectHelper.java
//SOURCES lib/sync/Backups.java lib/sync/DeletionGuard.java lib/sync/Executor.java lib/sync/Match.java
//SOURCES lib/sync/Matcher.java lib/sync/Plan.java lib/sync/Planner.java lib/sync/Report.java
//SOURCES lib/sync/SimklRead.java lib/sync/State.java lib/sync/StateFile.java lib/sync/StateUpdate.java
//SOURCES lib/sync/SyncRun.java lib/sync/Verifier.java
//CDS
//COMPILE_OPTIONS -encoding UTF-8
//JAVA_OPTIONS -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8 -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xlog:disable -Xlog:all=warning,cds*=off,class+path=off:stderr

/*
 * plex_simkl_sync: keeps a Plex Watchlist and a SIMKL "Plan to Watch" list in sync.
 *
 * One sync, flag to report:  cli/Cli (flags -> command) -> cli/SyncCommand -> sync/SyncRun.plan
 * (plex/PlexClient + sync/SimklRead read both sides; sync/Matcher; sync/Planner + DeletionGuard)
 * -> --dry-run stops here, else sync/SyncRun.apply (Backups, Executor, Verifier, StateUpdate)
 * -> sync/StateFile saves state.json -> sync/Report prints; cli/Failure maps anything that went
 * wrong to its message and exit code (cli/ExitCode).
 *
 * Where things live (each folder under lib/ is a Java package):
 *   lib/cli      Cli, Flags, Failure, ExitCode, Console, Context; a class per command (SyncCommand,
 *                RestoreCommand, ListCommand, InitSimklCommand, InitPlexCommand, DoctorCommand,
 *                WatchCommand, DemoCommand); Services, Credentials, Suggest, Browser, VersionInfo
 *   lib/config   ConfigFile (config.json: starter, validation, env overrides, rewrites), ConfigDir, Config
 *   lib/model    MediaItem (with sameTitle: the one definition of "the same title"), Ids, MediaType, Plural
 *   lib/plex     PlexClient (watchlist, ids, resolve, add, remove, token), PlexPinLogin
 *   lib/simkl    SimklClient, SimklActivities, SimklEntry, SimklRedirectHelper
 *   lib/sync     Planner (the sync policy), DeletionGuard, Matcher, Match, Plan, SyncRun, SimklRead,
 *                Executor, Verifier, StateUpdate, State, StateFile, Backups, Report
 *   lib/http     ServiceHttp (timeouts, retries, Retry-After), HttpPolicy, Pacer, Redactor, Sleeper
 *   lib/files    AtomicFile, RunLock, Json
 *   lib/sandbox  Emulator, PlexEmulator, SimklEmulator, SimklUsageRules, Catalogue: the services'
 *                emulators (tests, --demo)
 *   docs/services.md   how Plex and SIMKL behave, with sources
 *   scripts/install, Dockerfile, docs/systemd/   ways to install and run it (README, "Getting it", "Recipes")
 */
public class plex_simkl_sync {
    public static void main(String[] args) {
        System.exit(cli.Cli.main(args));
    }
}
