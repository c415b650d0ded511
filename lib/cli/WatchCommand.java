package cli;

import config.Config;
import config.ConfigDir;
import config.ConfigException;
import sync.Report;
import sync.SyncRun;

import java.io.IOException;
import java.time.Duration;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * --watch INTERVAL: a sync every INTERVAL until stopped. SIGTERM or Ctrl-C lets the current sync
 * finish (state written whole) and ends the loop. Each round is one line, followed by its action
 * lines; config.json is read again before every round, so an edit needs no restart.
 */
final class WatchCommand {
    private WatchCommand() {}

    /** One sync: a line for the round and one per action; what stops it is reported as for --sync. */
    private static int round(Flags.Request req, Context ctx, Console console, ConfigDir dir, Config config) {
        try {
            SyncRun.Result r = SyncCommand.runOnce(req, ctx, console, dir, config, false);
            int code = ExitCode.of(r.status());
            if (console.quiet() && !SyncCommand.worthTelling(r, code)) return code;
            console.result(SyncCommand.oneLine(r, ctx.clock().instant()));
            for (String line : Report.text(r)) {
                if (line.startsWith("  ")) console.result(line);
            }
            if (code == ExitCode.GUARD) console.warn(r.plan().guard());
            return code;
        } catch (Exception e) {
            return Failure.report(e, console);
        }
    }

    /** The settings for the next round: config.json again when its bytes changed; the last good ones when it is broken. */
    private static final class Settings {
        private byte[] seen;
        private Config config;

        Settings(ConfigDir dir, Config first) {
            this.seen = read(dir);
            this.config = first;
        }

        Config next(ConfigDir dir, Flags.Request req, Context ctx, Console console) {
            byte[] now = read(dir);
            if (Arrays.equals(now, seen)) return config;
            seen = now;
            try {
                config = Cli.loadConfig(dir, req, ctx, console);
                console.info(dir.configFile() + " changed: this round uses the new settings (mode: " + config.sync().describe() + ").");
            } catch (ConfigException e) {
                console.error(e.getMessage());
                console.warn("This round keeps the settings that were in effect before the edit; fix the file and the next round reads it again.");
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

    /**
     * The shortest interval against the real SIMKL: its rules suspend apps that poll on a timer, and a
     * watchlist does not change by the minute. An emulator on this machine may be watched more often.
     */
    static final Duration FLOOR = Duration.ofMinutes(5);

    static int run(Flags.Request req, Context ctx, Console console, ConfigDir dir, Config firstConfig) throws Failure {
        if (req.watchInterval().compareTo(FLOOR) < 0 && !firstConfig.endpoints().simklIsLocal()) {
            throw Failure.usage("--watch " + Flags.describe(req.watchInterval()) + " is too often for SIMKL, which suspends apps that poll it"
                    + " on a timer: use " + Flags.describe(FLOOR) + " or more (30m suits a watchlist).");
        }
        AtomicBoolean stop = new AtomicBoolean();
        Thread loop = Thread.currentThread();
        AtomicBoolean sleeping = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            if (sleeping.get()) loop.interrupt();
            try {
                finished.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // the JVM is going down anyway
            }
        }, "watch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        console.info("Watching: a sync every " + Flags.describe(req.watchInterval()) + " until stopped (Ctrl-C or SIGTERM).");
        Settings settings = new Settings(dir, firstConfig);
        int last = ExitCode.OK;
        try {
            while (!stop.get()) {
                last = round(req, ctx, console, dir, settings.next(dir, req, ctx, console));
                if (last == ExitCode.USAGE || last == ExitCode.AUTH) {
                    console.error("Stopping the watch: this needs fixing before the next run.");
                    break;
                }
                if (stop.get()) break;
                sleeping.set(true);
                try {
                    ctx.sleeper().sleep(req.watchInterval());
                } catch (InterruptedException e) {
                    break;
                } finally {
                    sleeping.set(false);
                    Thread.interrupted();
                }
            }
            console.info("Watch stopped.");
            return last == ExitCode.USAGE || last == ExitCode.AUTH ? last : ExitCode.OK;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }
}
