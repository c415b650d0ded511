package cli;

import config.Config;
import config.ConfigDir;
import sync.SyncRun;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * --watch INTERVAL: a sync every INTERVAL until stopped. SIGTERM or Ctrl-C lets the current sync
 * finish (state written whole) and ends the loop; each run's result is one log line.
 */
final class WatchCommand {
    private WatchCommand() {}

    /** One sync, reported as one line; what stops it is reported as for --sync. */
    private static int round(Flags.Request req, Context ctx, Console console, ConfigDir dir, Config config) {
        try {
            SyncRun.Result r = SyncCommand.runOnce(req, ctx, console, dir, config, false);
            console.result(SyncCommand.oneLine(r, ctx.clock().instant()));
            return ExitCode.of(r.status());
        } catch (Exception e) {
            return Failure.report(e, console);
        }
    }

    static int run(Flags.Request req, Context ctx, Console console, ConfigDir dir, Config config) {
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
        console.info("Watching: a sync every " + req.watchInterval().toSeconds() + " s until stopped (Ctrl-C or SIGTERM).");
        int last = ExitCode.OK;
        try {
            while (!stop.get()) {
                last = round(req, ctx, console, dir, config);
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
