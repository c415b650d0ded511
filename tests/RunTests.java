///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../plex_simkl_sync.java
//SOURCES support/*.java
//SOURCES **/*Test.java
//SOURCES **/*Fixtures.java
//DEPS org.junit:junit-bom:5.14.4@pom
//DEPS org.junit.jupiter:junit-jupiter
//DEPS org.junit.platform:junit-platform-launcher
//COMPILE_OPTIONS -encoding UTF-8 -J-XX:TieredStopAtLevel=1 -J-XX:+UseSerialGC
//JAVA_OPTIONS -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8

import cli.Suggest;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The test runner behind scripts/test: discovers the JUnit 5 tests JBang compiled into this jar,
 * prints a line as each test class finishes and one per failure, and ends with "N passed, N failed".
 * Two tiers: by default the fast suite (no network, no waiting for real time); {@code --acceptance}
 * only the tests tagged "acceptance" (they download JBang and the libraries into an empty home and
 * run the real scripts); {@code --all} both, as CI runs them. Other arguments: class names (simple or
 * qualified) to run only those; a name that matches no test class is an error, counted as a
 * failure, so a typo cannot pass as "0 failed".
 */
public class RunTests {
    /** The tag of the tests that download or wait for real time. */
    static final String ACCEPTANCE = "acceptance";

    public static void main(String[] argv) throws Exception {
        List<String> args = new ArrayList<>(List.of(argv));
        boolean all = args.remove("--all");
        boolean acceptanceOnly = args.remove("--acceptance");
        Path jar = Path.of(RunTests.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClasspathRoots(Set.of(jar)));
        if (acceptanceOnly) builder.filters(TagFilter.includeTags(ACCEPTANCE));
        else if (!all && args.isEmpty()) builder.filters(TagFilter.excludeTags(ACCEPTANCE));
        Launcher launcher = LauncherFactory.create();
        Set<String> known = testClasses(launcher.discover(builder.build()));
        int unknown = 0;
        if (!args.isEmpty()) {
            String[] patterns = new String[args.size()];
            for (int i = 0; i < args.size(); i++) {
                String name = args.get(i);
                patterns[i] = name.contains(".") ? Pattern.quote(name) : "(.*\\.)?" + Pattern.quote(name);
                Pattern p = Pattern.compile(patterns[i]);
                if (known.stream().noneMatch(c -> p.matcher(c).matches())) {
                    unknown++;
                    System.out.println("ERROR no test class named " + name + nearest(name, known));
                }
            }
            builder.filters(ClassNameFilter.includeClassNamePatterns(patterns));
        }
        LauncherDiscoveryRequest request = builder.build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        long[] classStart = new long[1];
        long[] classCounts = new long[2];
        TestExecutionListener progress = new TestExecutionListener() {
            @Override
            public void executionStarted(TestIdentifier id) {
                if (isClass(id)) {
                    classStart[0] = System.nanoTime();
                    classCounts[0] = 0;
                    classCounts[1] = 0;
                }
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                    classCounts[result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? 0 : 1]++;
                }
                if (isClass(id)) {
                    long ms = (System.nanoTime() - classStart[0]) / 1_000_000;
                    System.out.printf("%s %-28s %3d passed, %d failed  (%.1f s)%n",
                            classCounts[1] == 0 && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL
                                    ? "ok  " : "FAIL",
                            simpleName(id), classCounts[0], classCounts[1], ms / 1000.0);
                    System.out.flush();
                }
                if (!id.isTest()) {
                    if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                        System.out.println("FAIL " + id.getDisplayName() + " (setup): "
                                + result.getThrowable().map(Throwable::toString).orElse("?"));
                    }
                    return;
                }
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    String tag = result.getStatus() == TestExecutionResult.Status.ABORTED ? "SKIP " : "FAIL ";
                    String where = id.getParentIdObject().map(p -> p.toString().replaceAll(".*class:([^\\]]*)\\].*",
                            "$1")
                            .replaceAll(".*\\.", "")).orElse("");
                    String why = result.getThrowable().map(t -> t.getClass().getSimpleName() + ": "
                            + t.getMessage()).orElse("?");
                    System.out.println(tag + where + " > " + id.getDisplayName() + ": " + why.replace('\n', ' '));
                }
            }
        };
        launcher.execute(request, summary, progress);
        TestExecutionSummary s = summary.getSummary();
        if (System.getenv("TESTS_VERBOSE") != null) s.printFailuresTo(new PrintWriter(System.out), 30);
        long failed = s.getTestsFailedCount() + s.getContainersFailedCount() + unknown;
        String skipped = s.getTestsSkippedCount() + s.getTestsAbortedCount() > 0
                ? ", " + (s.getTestsSkippedCount() + s.getTestsAbortedCount()) + " skipped" : "";
        System.out.println(s.getTestsSucceededCount() + " passed, " + failed + " failed" + skipped);
        System.exit(failed > 0 || s.getTestsSucceededCount() == 0 ? 1 : 0);
    }

    private static boolean isClass(TestIdentifier id) {
        return id.getSource().filter(ClassSource.class::isInstance).isPresent() && !id.isTest();
    }

    private static String simpleName(TestIdentifier id) {
        return id.getSource().filter(ClassSource.class::isInstance).map(src -> ((ClassSource) src).getClassName())
                .map(n -> n.substring(n.lastIndexOf('.') + 1)).orElse(id.getDisplayName());
    }

    private static Set<String> testClasses(TestPlan plan) {
        Set<String> names = new TreeSet<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier d : plan.getDescendants(root)) {
                d.getSource().filter(ClassSource.class::isInstance)
                        .ifPresent(src -> names.add(((ClassSource) src).getClassName()));
            }
        }
        return names;
    }

    /** " (did you mean X?)" for the nearest test class by simple name, or "". */
    private static String nearest(String asked, Set<String> known) {
        String near = Suggest.nearest(asked, known.stream().map(c -> c.substring(c.lastIndexOf('.') + 1)).toList());
        return near == null ? "" : " (did you mean " + near + "?)";
    }
}
