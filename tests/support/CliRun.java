package support;

import cli.Cli;
import cli.Context;
import http.Sleeper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the command-line function in-process with its own environment, folder and streams. */
public final class CliRun {
    public final int code;
    public final String out;
    public final String err;

    private CliRun(int code, String out, String err) {
        this.code = code;
        this.out = out;
        this.err = err;
    }

    public String all() {
        return out + err;
    }

    @Override public String toString() {
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }

    /** A builder: environment starts empty but for HOME (so nothing of the real machine leaks in). */
    public static final class Builder {
        private final Map<String, String> env = new HashMap<>();
        private Path cwd;
        private Clock clock = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);
        private Sleeper sleeper;
        private final List<Duration> slept = new ArrayList<>();
        private String stdin = "";

        public Builder(Path home) {
            env.put("HOME", home.toString());
            cwd = home;
            sleeper = d -> slept.add(d);
        }

        public Builder env(String k, String v) {
            env.put(k, v);
            return this;
        }

        public Builder env(Map<String, String> more) {
            env.putAll(more);
            return this;
        }

        public Builder cwd(Path p) {
            cwd = p;
            return this;
        }

        public Builder clock(Clock c) {
            clock = c;
            return this;
        }

        public Builder sleeper(Sleeper s) {
            sleeper = s;
            return this;
        }

        public Builder stdin(String s) {
            stdin = s;
            return this;
        }

        public List<Duration> slept() {
            return slept;
        }

        public CliRun run(String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Context ctx = new Context(Map.copyOf(env), cwd, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                    clock, sleeper, false, false);
            int code = Cli.run(args, ctx);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}
