package cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * README.md is a map a newcomer walks from the top: a one-paragraph intro, the contents, then the
 * sections in the order a person needs them (getting started, signing in, daily use, running it
 * unattended, the reference, publishing and contributing). Every link inside it leads to a heading,
 * and its table of environment variables names every variable the code reads.
 */
class ReadmeTest {
    static final Path ROOT = Path.of(System.getProperty("user.dir"));

    /** The top-level sections, in the order a newcomer meets them. */
    static final List<String> SECTIONS = List.of("Quick start", "Try it without an account", "Sign in", "Daily use",
            "Run it unattended", "Reference", "Publishing and contributing", "Disclaimer");

    record Heading(int level, String text, int line) {
        String anchor() {
            return slug(text);
        }
    }

    /** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as hyphens. */
    static String slug(String heading) {
        return heading.toLowerCase(Locale.ROOT).replace("`", "").replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
    }

    static List<String> lines() throws IOException {
        return Files.readAllLines(ROOT.resolve("README.md"));
    }

    /** The headings outside code blocks. */
    static List<Heading> headings(List<String> lines) {
        List<Heading> out = new ArrayList<>();
        boolean code = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.strip().startsWith("```")) {
                code = !code;
            } else if (!code) {
                Matcher m = Pattern.compile("^(#{1,6}) (.+)$").matcher(l);
                if (m.matches()) out.add(new Heading(m.group(1).length(), m.group(2).strip(), i));
            }
        }
        return out;
    }

    static List<Heading> topLevel(List<String> lines) {
        return headings(lines).stream().filter(h -> h.level() == 2).toList();
    }

    /** The lines of the section a heading starts, up to the next heading of its level or above. */
    static List<String> section(List<String> lines, String heading) {
        List<Heading> all = headings(lines);
        Heading h = all.stream().filter(x -> x.text().equals(heading)).findFirst()
                .orElseThrow(() -> new AssertionError("README.md has no heading \"" + heading + "\""));
        int end = all.stream().filter(x -> x.line() > h.line() && x.level() <= h.level()).mapToInt(Heading::line)
                .findFirst().orElse(lines.size());
        return lines.subList(h.line() + 1, end);
    }

    @Test
    void theContentsComeRightAfterTheOneParagraphIntro() throws IOException {
        List<String> lines = lines();
        List<Heading> all = headings(lines);
        assertEquals("plex_simkl_sync", all.get(0).text(), "the title first");
        assertEquals(new Heading(2, "Contents", all.get(1).line()), all.get(1), "the contents right after the intro");
        String intro = String.join("\n", lines.subList(all.get(0).line() + 1, all.get(1).line())).strip();
        assertFalse(intro.isEmpty(), "an intro before the contents");
        assertFalse(intro.contains("\n\n"), "the intro is one paragraph:\n" + intro);
    }

    @Test
    void theTopLevelSectionsComeInTheNewcomersOrder() throws IOException {
        List<String> found = topLevel(lines()).stream().map(Heading::text).filter(t -> !t.equals("Contents")).toList();
        assertEquals(SECTIONS, found, "README.md's top-level sections, in order");
    }

    @Test
    void theContentsLinkEveryTopLevelSectionInOrder() throws IOException {
        List<String> lines = lines();
        List<String> linked = new ArrayList<>();
        Pattern entry = Pattern.compile("^- \\[([^]]+)]\\(#([^)]+)\\)$");
        for (String l : section(lines, "Contents")) {
            Matcher m = entry.matcher(l);
            if (m.matches()) linked.add(m.group(2));
        }
        List<String> sections = topLevel(lines).stream().filter(h -> !h.text().equals("Contents")).map(Heading::anchor)
                .toList();
        assertEquals(sections, linked, "the contents' top-level entries: one link per top-level section, in order");
    }

    /** The contents name every heading below them, nested as the headings are, each by its own anchor. */
    @Test
    void theContentsListEverySectionAndSubsection() throws IOException {
        List<String> lines = lines();
        List<String> expected = new ArrayList<>();
        for (Heading h : headings(lines)) {
            if (h.level() < 2 || h.text().equals("Contents")) continue;
            expected.add("  ".repeat(h.level() - 2) + "- [" + h.text() + "](#" + h.anchor() + ")");
        }
        List<String> listed = section(lines, "Contents").stream().filter(l -> !l.isBlank()).toList();
        assertEquals(expected, listed, "README.md's contents: one line per heading, in order, nested by level");
    }

    @Test
    void everyLinkInsideTheReadmeLeadsToAHeading() throws IOException {
        List<String> lines = lines();
        Set<String> anchors = new TreeSet<>();
        for (Heading h : headings(lines)) {
            assertTrue(anchors.add(h.anchor()), "two headings make the same anchor #" + h.anchor());
        }
        Set<String> broken = new TreeSet<>();
        Matcher m = Pattern.compile("]\\(#([^)]+)\\)").matcher(String.join("\n", lines));
        while (m.find()) {
            if (!anchors.contains(m.group(1))) broken.add("#" + m.group(1));
        }
        assertEquals(Set.of(), broken, "links to no heading of README.md");
        assertTrue(section(lines, "Contents").size() > SECTIONS.size(), "the contents list the sections");
    }

    /**
     * Every environment variable the code reads: those lib/ asks the environment for by name, any
     * PLEX_SIMKL_SYNC_ name in lib/ or scripts/, and those the scripts read with a default.
     */
    static Set<String> variablesTheCodeReads() throws IOException {
        Set<String> names = new TreeSet<>();
        Pattern javaRead = Pattern.compile("(?:get|getenv|containsKey|getOrDefault|override|url)\\((?:env, )?\""
                + "([A-Z][A-Z0-9_]+)\"");
        Pattern ours = Pattern.compile("\"(PLEX_SIMKL_SYNC_[A-Z0-9_]*[A-Z0-9])\"");
        Pattern shellRead = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):?-");
        Pattern shellOurs = Pattern.compile("\\b(PLEX_SIMKL_SYNC_[A-Z0-9_]*[A-Z0-9])\\b");
        for (Path dir : List.of(ROOT.resolve("lib"), ROOT.resolve("scripts"))) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    String text = Files.readString(p);
                    boolean java = p.toString().endsWith(".java");
                    for (Pattern pattern : java ? List.of(javaRead, ours) : List.of(shellRead, shellOurs)) {
                        Matcher m = pattern.matcher(text);
                        while (m.find()) names.add(m.group(1));
                    }
                }
            }
        }
        return names;
    }

    @Test
    void theReferenceHasATableOfEveryEnvironmentVariableTheCodeReads() throws IOException {
        List<String> lines = lines();
        List<String> reference = section(lines, "Reference");
        assertTrue(reference.contains("### Environment variables"), "an Environment variables section under Reference");
        List<String> rows = section(lines, "Environment variables").stream().filter(l -> l.startsWith("| `")).toList();
        Set<String> variables = variablesTheCodeReads();
        assertTrue(variables.containsAll(List.of("PLEX_SIMKL_SYNC_DIR", "PLEX_ACCOUNT_TOKEN", "PLEX_SIMKL_SYNC_DIRECT",
                "PUID", "JAVA_HOME")), "the scan finds what the code reads: " + variables);
        Set<String> missing = new TreeSet<>();
        for (String v : variables) {
            if (rows.stream().noneMatch(r -> r.substring(0, r.indexOf(" |", 1)).contains("`" + v + "`"))) missing.add(v);
        }
        assertEquals(Set.of(), missing, "README.md's table of environment variables has no row for these");
    }
}
