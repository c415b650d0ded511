///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS com.fasterxml.jackson:jackson-bom:2.23.0@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
//DEPS com.konghq:unirest-java-core:4.10.1
//DEPS commons-cli:commons-cli:1.11.0
//SOURCES lib/**.java
//CDS
//COMPILE_OPTIONS -encoding UTF-8
//JAVA_OPTIONS -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8 -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xlog:disable -Xlog:all=warning,cds*=off,class+path=off:stderr

/*
 * plex_simkl_sync: keeps a Plex Watchlist and a SIMKL "Plan to Watch" list in sync.
 *
 * Where things live (each folder under lib/ is a Java package):
 *   lib/cli      flags, commands, output, exit codes       (start at cli/Cli.java)
 *   lib/config   config.json: defaults, validation, environment overrides, location
 *   lib/model    MediaItem, Ids, MediaType
 *   lib/plex     Plex Discover client and Plex PIN sign-in
 *   lib/simkl    SIMKL client, OAuth redirect helper and PIN sign-in
 *   lib/sync     Matcher, Planner (the sync policy), Executor, state.json, report
 *   lib/http     timeouts, retries, pacing and redaction for every request
 *   lib/sandbox  emulators of Plex and SIMKL, for tests and --demo
 */
public class plex_simkl_sync {
    public static void main(String[] args) {
        System.exit(cli.Cli.main(args));
    }
}
