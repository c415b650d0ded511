package cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The source stays small enough to read: no file under lib/ longer than {@value #MAX_FILE} lines, and
 * at most {@value #MAX_LONG_METHODS} methods longer than {@value #MAX_METHOD} lines (from the line
 * that declares one to its closing brace). The emulators in lib/sandbox are test equipment, not
 * counted. A file or method that grows past a limit is a file or method to split.
 */
class SourceLimitsTest {
    static final int MAX_FILE = 400;
    static final int MAX_METHOD = 40;
    static final int MAX_LONG_METHODS = 10;

    /** A member declared with a parameter list: a method or a constructor (not a type, not a call). */
    private static final Pattern DECLARATION = Pattern.compile("^\\s*(?:(?:public|private|protected|static|final"
            + "|synchronized|abstract|default)\\s+)*(?:<[^>]*>\\s+)?(?:[\\w.<>\\[\\],?]+(?:\\s+[\\w.<>\\[\\],?]+)*"
            + "\\s+)?(\\w+)\\s*\\(");
    private static final Set<String> NOT_A_NAME = Set.of("if", "for", "while", "switch", "catch", "try",
            "synchronized", "return", "new", "throw", "else", "do");

    record Method(Path file, String name, int line, int length) {
        @Override
        public String toString() {
            return file + ":" + line + " " + name + " (" + length + " lines)";
        }
    }

    static List<Path> sources() throws IOException {
        Path lib = EntryScriptTest.ROOT.resolve("lib");
        try (Stream<Path> s = Files.walk(lib)) {
            return s.filter(p -> p.toString().endsWith(".java")).filter(p -> !p.startsWith(lib.resolve("sandbox")))
                    .sorted().toList();
        }
    }

    @Test
    void noFileIsLongerThanTheLimit() throws IOException {
        List<String> long_ = new ArrayList<>();
        for (Path p : sources()) {
            int lines = Files.readAllLines(p).size();
            if (lines > MAX_FILE) long_.add(EntryScriptTest.ROOT.relativize(p) + " (" + lines + " lines)");
        }
        assertEquals(List.of(), long_, "files longer than " + MAX_FILE + " lines: split them by what each part does");
    }

    @Test
    void fewMethodsAreLongerThanTheLimit() throws IOException {
        List<Method> long_ = new ArrayList<>();
        for (Path p : sources()) {
            for (Method m : methods(EntryScriptTest.ROOT.relativize(p), Files.readAllLines(p))) {
                if (m.length() > MAX_METHOD) long_.add(m);
            }
        }
        assertTrue(long_.size() <= MAX_LONG_METHODS, long_.size() + " methods are longer than " + MAX_METHOD
                + " lines (at most " + MAX_LONG_METHODS + " may be): " + long_);
    }

    @Test
    void theMeasureFindsMethodsConstructorsAndNestedOnes() {
        List<String> source = List.of(
                "final class A {",
                "    /** A comment with { a brace. */",
                "    A(int x) {",
                "        this.x = \"}\" + x;",
                "    }",
                "",
                "    record R(int a) {",
                "        int twice() {",
                "            if (a > 0) {",
                "                return a * 2;",
                "            }",
                "            return 0;",
                "        }",
                "    }",
                "",
                "    static <T> List<T> many(List<T> in,",
                "            int n) throws Exception {",
                "        return in.subList(0, n);",
                "    }",
                "}");
        assertEquals(List.of(new Method(Path.of("A.java"), "A", 3, 3), new Method(Path.of("A.java"), "twice", 8, 6),
                new Method(Path.of("A.java"), "many", 16, 4)), methods(Path.of("A.java"), source));
    }

    /** Every method and constructor of a file, with its length; comments and text in quotes are read past. */
    static List<Method> methods(Path file, List<String> lines) {
        List<Method> out = new ArrayList<>();
        Deque<int[]> open = new ArrayDeque<>(); // {depth at its brace, first line}, one per method being read
        Deque<String> names = new ArrayDeque<>();
        boolean inComment = false;
        int depth = 0;
        String pendingName = null;
        int pendingLine = 0;
        int pendingDepth = 0;
        for (int i = 0; i < lines.size(); i++) {
            StringBuilder code = new StringBuilder();
            String raw = lines.get(i);
            for (int j = 0; j < raw.length(); j++) {
                if (inComment) {
                    if (raw.startsWith("*/", j)) {
                        inComment = false;
                        j++;
                    }
                } else if (raw.startsWith("/*", j)) {
                    inComment = true;
                    j++;
                } else if (raw.startsWith("//", j)) {
                    break;
                } else if (raw.charAt(j) == '"' || raw.charAt(j) == '\'') {
                    char quote = raw.charAt(j);
                    for (j++; j < raw.length() && raw.charAt(j) != quote; j++) if (raw.charAt(j) == '\\') j++;
                } else {
                    code.append(raw.charAt(j));
                }
            }
            String line = code.toString();
            Matcher m = DECLARATION.matcher(line);
            String head = line.contains("(") ? line.substring(0, line.indexOf('(')) : line;
            if (pendingName == null && m.find() && !NOT_A_NAME.contains(m.group(1)) && !head.contains("=")
                    && !head.contains("->") && !head.matches(".*\\b(record|class|interface|enum)\\b.*")
                    && !line.strip().startsWith("@") && !line.strip().matches("^(return|new|throw|else|case)\\b.*")
                    && !(line.strip().endsWith(";") && !line.contains("{"))) {
                pendingName = m.group(1);
                pendingLine = i + 1;
                pendingDepth = depth;
            }
            for (char c : line.toCharArray()) {
                if (c == '{') {
                    if (pendingName != null && depth == pendingDepth) {
                        open.push(new int[] {depth, pendingLine});
                        names.push(pendingName);
                        pendingName = null;
                    }
                    depth++;
                } else if (c == '}') {
                    depth--;
                    if (!open.isEmpty() && open.peek()[0] == depth) {
                        int[] start = open.pop();
                        out.add(new Method(file, names.pop(), start[1], i + 1 - start[1] + 1));
                    }
                } else if (c == ';' && pendingName != null && depth == pendingDepth) {
                    pendingName = null; // an abstract method, or a call that looked like a declaration
                }
            }
        }
        out.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return out;
    }
}
