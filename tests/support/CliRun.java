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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the command-line function in-process with its own environment, folder and streams. */
public final class CliRun {
    public final int code;
    public final String out;
    public final String err;

    public CliRun(int code, String out, String err) {
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
        private Clock clock = new ManualClock(Instant.parse("2026-11-24T12:00:00Z"));
        private Sleeper sleeper;
        private final List<Duration> slept = java.util.Collections.synchronizedList(new ArrayList<>());
        private String stdin = "";
        private sync.SyncJob.Hook beforeWrite;

        public Builder(Path home) {
            env.put("HOME", home.toString());
            cwd = home;
            sleeper = d -> slept.add(d);
        }

        public Builder env(String k, String v) {
            env.put(k, v);
            return this;
        }

        /** Without this variable (set by an earlier env call). */
        public Builder without(String k) {
            env.remove(k);
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

        /** Called before each write to a service; throw from it to stop the run there, as a kill would. */
        public Builder beforeWrite(sync.SyncJob.Hook hook) {
            beforeWrite = hook;
            return this;
        }

        public Builder stdin(String s) {
            stdin = s;
            return this;
        }

        public List<Duration> slept() {
            return slept;
        }

        private Context context(ByteArrayOutputStream out, ByteArrayOutputStream err) {
            // waiting moves a manual clock, whatever else the test's sleeper does
            Sleeper waits = clock instanceof ManualClock manual ? d -> {
                sleeper.sleep(d);
                manual.advance(d);
            } : sleeper;
            return new Context(Map.copyOf(env), cwd, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                            new PrintStream(err, true, StandardCharsets.UTF_8),
                    clock, waits, false, beforeWrite);
        }

        /** A run in the background whose output can be read while it goes on. */
        public Live start(String... args) {
            Object written = new Object();
            ByteArrayOutputStream out = new Signalling(written);
            ByteArrayOutputStream err = new Signalling(written);
            Context ctx = context(out, err);
            CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> Cli.run(args, ctx));
            code.whenComplete((c, e) -> Signalling.signal(written));
            return new Live(code, out, err, written);
        }

        /** A run whose stdout and stderr go to one screen, as on a terminal: {@code out} holds both, in order. */
        public CliRun runOnOneScreen(String... args) {
            ByteArrayOutputStream screen = new ByteArrayOutputStream();
            int code = Cli.run(args, context(screen, screen));
            return new CliRun(code, screen.toString(StandardCharsets.UTF_8), "");
        }

        public CliRun run(String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Cli.run(args, context(out, err));
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    /** Output that tells a waiting test each time something was written. */
    private static final class Signalling extends ByteArrayOutputStream {
        private final Object written;

        Signalling(Object written) {
            this.written = written;
        }

        @Override
        public void write(int b) {
            super.write(b);
            signal(written);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            super.write(b, off, len);
            signal(written);
        }

        // outside the stream's own lock: a reader holds this one first, then takes the stream's
        static void signal(Object written) {
            synchronized (written) {
                written.notifyAll();
            }
        }
    }

    /** A background run. */
    public static final class Live {
        /** How long a test waits for a line that should come: only a failing run takes it. */
        private static final long GIVE_UP_MILLIS = 20_000;

        private final CompletableFuture<Integer> code;
        private final ByteArrayOutputStream out;
        private final ByteArrayOutputStream err;
        private final Object written;

        Live(CompletableFuture<Integer> code, ByteArrayOutputStream out, ByteArrayOutputStream err, Object written) {
            this.code = code;
            this.out = out;
            this.err = err;
            this.written = written;
        }

        public String output() {
            return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        }

        /** The lines written whole so far (a line being written may have only part of its text yet). */
        private String wholeLines() {
            return upToLastNewline(out.toString(StandardCharsets.UTF_8))
                    + upToLastNewline(err.toString(StandardCharsets.UTF_8));
        }

        private static String upToLastNewline(String text) {
            return text.substring(0, text.lastIndexOf('\n') + 1);
        }

        /**
         * Waits for a whole line of output that matches, woken by each write; fails if the run ends
         * without one. Lines written after it may not be there yet: wait for the last one needed.
         */
        public Matcher await(String regex) throws InterruptedException {
            Pattern p = Pattern.compile(regex);
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GIVE_UP_MILLIS);
            synchronized (written) {
                while (true) {
                    Matcher m = p.matcher(wholeLines());
                    if (m.find()) return m;
                    long left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
                    if (code.isDone() || left <= 0) break;
                    written.wait(left);
                }
            }
            throw new AssertionError("no output matching " + regex + " in:\n" + output());
        }

        public CliRun finish() throws Exception {
            int c = code.get(30, TimeUnit.SECONDS);
            return new CliRun(c, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}
