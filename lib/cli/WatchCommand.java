package cli;

import config.Config;
import config.ConfigDir;
import config.ConfigException;
import http.Sleeper;
import model.Plural;
import simkl.SimklQuota;
import model.Times;
import sync.Report;
import sync.StateFile;
import sync.SyncJob;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * --watch INTERVAL: a sync every INTERVAL until stopped. SIGTERM or Ctrl-C lets the current sync
 * finish (state written whole), sending nothing more (each write left is reported as not sent), and
 * ends the loop. Each round is one line, followed by its action
 * lines; config.json is read again before every round, so an edit needs no restart.
 */
record WatchCommand(Duration interval, SyncJob.Options options) implements Command {
    /**
     * The shortest interval against the real SIMKL: its rules suspend apps that poll on a timer, and a
     * watchlist does not change by the minute. An emulator on this machine may be watched more often.
     */
    static final Duration FLOOR = Duration.ofMinutes(5);

    @Override
    public int run(Session s) throws Exception {
        Config first = s.config();
        if (interval.compareTo(FLOOR) < 0 && !first.endpoints().simklIsLocal()) {
            throw Failure.usage("--watch " + FlagValues.describe(interval)
                    + " is too often for SIMKL, which suspends apps that poll it"
                    + " on a timer: use " + FlagValues.describe(FLOOR) + " or more (30m suits a watchlist).");
        }
        try (Shutdown shutdown = new Shutdown(Thread.currentThread())) {
            s.console.info("Watching: a sync every " + FlagValues.describe(interval) + " until stopped (Ctrl-C or "
                    + "SIGTERM): the first round now, the next " + s.times().when(s.ctx.clock().instant().plus(interval))
                    + ".");
            String costly = costWarning(interval, plan(s));
            if (costly != null) s.console.warn(costly);
            return rounds(s, first, shutdown);
        }
    }

    /** Round after round until a stop is asked for, or a round ends with what needs fixing first. */
    private int rounds(Session s, Config first, Shutdown shutdown) {
        Settings settings = new Settings(s.folder(), first);
        Set<String> told = new HashSet<>();
        int last = ExitCode.OK;
        try (Alerts alerts = Alerts.of(s, options.dryRun(), true)) {
            while (!shutdown.asked()) {
                last = round(s, settings.next(s), told, alerts, shutdown);
                if (last == ExitCode.USAGE || last == ExitCode.AUTH) {
                    s.console.error("Stopping the watch: this needs fixing before the next run.");
                    break;
                }
                if (shutdown.asked() || !shutdown.pause(s.ctx.sleeper(), interval)) break;
            }
            s.console.info("Watch stopped.");
            return last == ExitCode.USAGE || last == ExitCode.AUTH ? last : ExitCode.OK;
        }
    }

    /**
     * SIGTERM or Ctrl-C during a watch: the round under way finishes (state.json written whole) and
     * no other starts, but its clients send nothing more (no write starts, nothing is tried again,
     * and a request still unanswered when the stop's time is up is abandoned); a pause between
     * rounds ends at once. The JVM waits for the loop to end.
     */
    private static final class Shutdown implements AutoCloseable {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicBoolean sleeping = new AtomicBoolean();
        private final CountDownLatch finished = new CountDownLatch(1);
        private final Thread hook;
        /** The writes of the round under way, or null. */
        private volatile SyncJob.Writes writes;

        Shutdown(Thread loop) {
            hook = new Thread(() -> {
                stop.set(true);
                SyncJob.Writes w = writes;
                if (w != null) w.stopSending(Interruption.ANSWER_WITHIN);
                if (sleeping.get()) loop.interrupt();
                try {
                    finished.await(120, TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    // the JVM is going down anyway
                }
            }, "watch-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        boolean asked() {
            return stop.get();
        }

        /** The pause between rounds; false when a stop ended it. */
        boolean pause(Sleeper sleeper, Duration d) {
            sleeping.set(true);
            try {
                sleeper.sleep(d);
                return true;
            } catch (InterruptedException e) {
                return false;
            } finally {
                sleeping.set(false);
                Thread.interrupted();
            }
        }

        @Override
        public void close() {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }

    /**
     * One sync: a line for the round, then what changed since the last round: the titles it acted
     * on, and a title kept apart only when it was not already said (the standing list is said once,
     * not every round); what stops it is reported as for --sync.
     */
    private int round(Session s, Config config, Set<String> told, Alerts alerts, Shutdown shutdown) {
        Console console = s.console;
        alerts.started();
        try {
            Report r = s.sync(config, options, new SyncJob.Listener() {
                @Override
                public boolean saysReads() {
                    return false; // a quiet round is one line
                }

                @Override
                public void writing(SyncJob.Writes writes) {
                    shutdown.writes = writes;
                    if (shutdown.asked()) writes.stopSending(Interruption.ANSWER_WITHIN);
                }
            });
            int code = ExitCode.of(r.status());
            alerts.finished(r, code);
            if (console.quiet() && !r.worthTelling()) return code;
            console.result(roundLine(r, s.times()));
            for (String line : r.actionLines()) if (!told.contains(line)) console.result(line);
            told.clear();
            told.addAll(r.standingLines()); // actions are news every time
            if (code == ExitCode.GUARD) console.warn(r.guardWarning(s.rerun(Verb.SYNC)));
            return code;
        } catch (Exception e) {
            int code = Failure.report(e, s);
            // a round a stop cut short (a read under way when the stop's time ran out is abandoned, and nothing is
            // tried again) failed because it was asked to stop: a clean shutdown notifies and records no failure
            if (!shutdown.asked()) alerts.failed(code, console.lastError());
            return code;
        }
    }

    /**
     * The warning for an interval whose quiet rounds alone (one SIMKL request each) would spend more
     * than half of the plan's daily allowance, or null.
     */
    static String costWarning(Duration interval, SimklQuota.Plan plan) {
        if (!SimklQuota.watchTooOften(interval, plan)) return null;
        return "--watch " + FlagValues.describe(interval) + " makes " + SimklQuota.roundsPerDay(interval)
                + " rounds a day, each at least one request to SIMKL: more than half of the " + plan.perDay()
                + " requests a day " + plan.describe() + " is reported to be allowed, which your other SIMKL apps "
                + "share. Use " + SimklQuota.shortestWatchMinutes(plan) + "m or more (30m suits a watchlist).";
    }

    /** The SIMKL plan state.json records for the account (unknown, or no readable state.json: free). */
    private static SimklQuota.Plan plan(Session s) {
        try {
            return SimklQuota.Plan.of(StateFile.simklPlan(s.folder().stateFile()));
        } catch (ConfigException e) {
            return SimklQuota.Plan.FREE; // the round says what is wrong with the file
        }
    }

    /** The line for one round. */
    static String roundLine(Report r, Times times) {
        return times.full(times.now()) + " sync: exit " + ExitCode.of(r.status()) + ", "
                + Plural.of(r.outcomes().size(), "action")
                + ", Plex="
                + r.after().plexCount() + " SIMKL=" + r.after().simklCount() + " "
                        + (r.equal() ? "EQUAL" : r.inSync() ? "IN SYNC" : "NOT EQUAL");
    }

    /** The settings for the next round: config.json again when its bytes changed; the last good ones when it is
     * broken. */
    private static final class Settings {
        private byte[] seen;
        private Config config;

        Settings(ConfigDir dir, Config first) {
            this.seen = read(dir);
            this.config = first;
        }

        Config next(Session s) {
            byte[] now = read(s.folder());
            if (Arrays.equals(now, seen)) return config;
            seen = now;
            try {
                Config before = config;
                config = s.reloadConfig();
                // a SIMKL token renewed by the last round is saved there too: that is no edit of the settings
                if (!before.withSimkl(config.simkl()).equals(config)) {
                    s.console.info(s.folder().configFile() + " changed: this round uses the new settings (mode: "
                            + config.sync().describe() + ").");
                }
            } catch (ConfigException e) {
                s.console.error(e.getMessage());
                s.console.warn("This round keeps the settings that were in effect before the edit; fix the file "
                        + "and the next round reads it again.");
            }
            return config;
        }

        private static byte[] read(ConfigDir dir) {
            try {
                return Files.readAllBytes(dir.configFile());
            } catch (IOException e) {
                return new byte[0];
            }
        }
    }
}
