///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../plex_simkl_sync.java
//SOURCES support/*.java
//SOURCES **/*Test.java
//SOURCES **/*Fixtures.java
//DEPS org.junit:junit-bom:5.14.4@pom
//DEPS org.junit.jupiter:junit-jupiter
//DEPS org.junit.platform:junit-platform-launcher
//COMPILE_OPTIONS -encoding UTF-8
//JAVA_OPTIONS -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The test runner behind scripts/test: discovers the JUnit 5 tests JBang compiled into this jar,
 * prints one line per failure, and ends with "N passed, N failed".
 * Arguments: class names (simple or qualified) to run only those.
 */
public class RunTests {
    public static void main(String[] args) throws Exception {
        Path jar = Path.of(RunTests.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClasspathRoots(Set.of(jar)));
        if (args.length > 0) {
            String[] patterns = new String[args.length];
            for (int i = 0; i < args.length; i++) {
                patterns[i] = args[i].contains(".") ? Pattern.quote(args[i])
                        : "(.*\\.)?" + Pattern.quote(args[i]);
            }
            builder.filters(ClassNameFilter.includeClassNamePatterns(patterns));
        }
        LauncherDiscoveryRequest request = builder.build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        TestExecutionListener progress = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (!id.isTest()) {
                    if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                        System.out.println("FAIL " + id.getDisplayName() + " (setup): "
                                + result.getThrowable().map(Throwable::toString).orElse("?"));
                    }
                    return;
                }
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    String tag = result.getStatus() == TestExecutionResult.Status.ABORTED ? "SKIP " : "FAIL ";
                    String where = id.getParentIdObject().map(p -> p.toString().replaceAll(".*class:([^\\]]*)\\].*", "$1")
                            .replaceAll(".*\\.", "")).orElse("");
                    String why = result.getThrowable().map(t -> t.getClass().getSimpleName() + ": " + t.getMessage()).orElse("?");
                    System.out.println(tag + where + " > " + id.getDisplayName() + ": " + why.replace('\n', ' '));
                }
            }
        };
        LauncherFactory.create().execute(request, summary, progress);
        TestExecutionSummary s = summary.getSummary();
        if (System.getenv("TESTS_VERBOSE") != null) s.printFailuresTo(new PrintWriter(System.out), 30);
        long failed = s.getTestsFailedCount() + s.getContainersFailedCount();
        String skipped = s.getTestsSkippedCount() + s.getTestsAbortedCount() > 0
                ? ", " + (s.getTestsSkippedCount() + s.getTestsAbortedCount()) + " skipped" : "";
        System.out.println(s.getTestsSucceededCount() + " passed, " + failed + " failed" + skipped);
        System.exit(failed > 0 || s.getTestsSucceededCount() == 0 ? 1 : 0);
    }
}
