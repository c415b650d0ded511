package cli;

import config.ConfigException;
import config.ConfigFile;
import notify.Event;
import notify.LastRun;
import notify.News;
import notify.Notifier;
import notify.Target;
import notify.WatchAlerts;
import sync.Executor;
import sync.Report;
import sync.State;
import sync.StateUpdate;
import sync.SyncRun;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a sync tells beyond its report: notifications to config.json's targets (and
 * PLEX_SIMKL_SYNC_NOTIFY_URL), and the last-run record --health reads. A dry run tells nothing and
 * records nothing. Under --watch a problem is told when it starts and when it ends, not every round.
 */
final class Alerts implements AutoCloseable {
    private final Session s;
    private final Notifier notifier;
    private final boolean quiet;
    private final WatchAlerts watch;

    private Alerts(Session s, Notifier notifier, boolean quiet, WatchAlerts watch) {
        this.s = s;
        this.notifier = notifier;
        this.quiet = quiet;
        this.watch = watch;
    }

    /** For one --sync ({@code watching} false) or the rounds of one --watch; a dry run tells nothing. */
    static Alerts of(Session s, boolean dryRun, boolean watching) {
        return new Alerts(s, new Notifier(dryRun ? List.of() : targets(s), "plex_simkl_sync/" + VersionInfo.TOOL,
                s.console::warn, s.console.redactor()::apply, timeout(s)), dryRun, watching ? new WatchAlerts() : null);
    }

    /** Notifier.TIMEOUT, or PLEX_SIMKL_SYNC_NOTIFY_TIMEOUT_MS (tests shorten it). */
    static java.time.Duration timeout(Session s) {
        String t = s.ctx.env().get("PLEX_SIMKL_SYNC_NOTIFY_TIMEOUT_MS");
        return t != null && t.matches("\\d{2,6}") ? java.time.Duration.ofMillis(Long.parseLong(t)) : Notifier.TIMEOUT;
    }

    /** config.json's targets; when config.json cannot be read, the environment's (a broken config is news too). */
    static List<Target> targets(Session s) {
        try {
            return s.config().notifications();
        } catch (ConfigException e) {
            Target t = ConfigFile.envTarget(s.environment());
            return t == null ? List.of() : List.of(t);
        }
    }

    void started() {
        if (!quiet) notifier.started();
    }

    /** A sync that finished with a result (and its --json document, as it would be printed). */
    void finished(SyncRun.Result r, int code) {
        if (quiet) return;
        Set<Event> events = events(r, code);
        String summary = verdictLine(r);
        String document = s.console.documentText(Report.json(r, code));
        String report = String.join("\n", Report.text(r, s.rerun(Verb.SYNC)));
        tell(new News(code, events, title(events, r, code), text(events, r), report, document), summary);
    }

    /** A sync stopped by an error ({@code error}: the message the person saw, naming the fix). */
    void failed(int code, String error) {
        if (quiet) return;
        String message = error == null ? "the sync failed (exit " + code + ")" : s.console.withCommand(error);
        String document = s.console.documentText(Cli.outcome(false, message, code));
        tell(new News(code, EnumSet.of(Event.FAILURE), "plex_simkl_sync: sync failed (exit " + code + ")", message,
                message, document), message.lines().findFirst().orElse(message));
    }

    private void tell(News news, String summary) {
        record(news.exitCode(), summary);
        if (!notifier.any()) return;
        if (watch == null) {
            notifier.finished(news, news.events());
            return;
        }
        // a round with nothing to tell still pings the monitors (healthchecks, push): they alert when pings stop
        WatchAlerts.Decision d = watch.next(news.events());
        News told = d.recoveredFrom() == null ? news : new News(news.exitCode(), d.send(),
                "plex_simkl_sync: in sync again", "The last round ended in sync, after " + d.recoveredFrom().word()
                + " in the rounds before.\n" + summary, news.report(), news.document());
        notifier.finished(told, d.send());
    }

    /** last_run.json, for --health: failed runs too. */
    private void record(int code, String summary) {
        try {
            new LastRun(s.ctx.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), code,
                    s.console.redactor().apply(summary)).save(s.folder().lastRunFile());
        } catch (IOException e) {
            s.console.warn("Could not record the run for --health in " + s.folder().lastRunFile() + ": "
                    + e.getMessage());
        }
    }

    /** What a finished run is worth telling. */
    static Set<Event> events(SyncRun.Result r, int code) {
        Set<Event> events = EnumSet.noneOf(Event.class);
        if (code == ExitCode.OK) events.add(Event.SUCCESS);
        else if (code == ExitCode.GUARD) events.add(Event.GUARD);
        else if (onlyUnresolved(r)) events.add(Event.UNRESOLVED);
        else events.add(Event.FAILURE);
        if (r.outcomes().stream().anyMatch(o -> o.status() == Executor.Status.DONE)) events.add(Event.CHANGES);
        return events;
    }

    /** Exit 1 only because titles went unresolved for the first time: nothing failed, both lists read whole. */
    private static boolean onlyUnresolved(SyncRun.Result r) {
        boolean failed = r.outcomes().stream().anyMatch(o -> o.status() == Executor.Status.FAILED);
        return !failed && r.readProblem() == null && !r.after().newlyUnresolved().isEmpty()
                && r.after().unexplained().stream().allMatch(d -> d.rule() == sync.Rule.NOT_FOUND);
    }

    private static String title(Set<Event> events, SyncRun.Result r, int code) {
        long changes = r.outcomes().stream().filter(o -> o.status() == Executor.Status.DONE).count();
        if (events.contains(Event.FAILURE)) return "plex_simkl_sync: sync failed (exit " + code + ")";
        if (events.contains(Event.GUARD)) {
            return "plex_simkl_sync: " + model.Plural.of(r.plan().withheld().size(), "removal") + " withheld";
        }
        if (events.contains(Event.UNRESOLVED)) {
            return "plex_simkl_sync: " + model.Plural.of(r.after().newlyUnresolved().size(), "title") + " not found";
        }
        if (changes > 0) return "plex_simkl_sync: " + model.Plural.of(changes, "change");
        return "plex_simkl_sync: in sync";
    }

    /** A few lines for a phone: what happened, and the command that fixes it when one does. */
    private String text(Set<Event> events, SyncRun.Result r) {
        List<String> lines = new ArrayList<>();
        if (events.contains(Event.GUARD)) {
            lines.add(r.plan().guard());
            if (r.plan().allowWith() != null) {
                lines.add("To allow them once: " + s.rerun(Verb.SYNC) + " --max-delete " + r.plan().allowWith());
            }
        }
        for (State.Unresolved u : r.after().newlyUnresolved()) {
            lines.add("Not found on " + u.missingOn() + ": " + u.item().label() + " (" + u.reason() + ")");
        }
        if (events.contains(Event.FAILURE)) {
            for (StateUpdate.Difference d : r.after().unexplained()) {
                lines.add(d.match().label() + ": " + (d.reason() == null ? "on " + d.onlyOn().display() + " only"
                        : d.reason()));
            }
            if (r.readProblem() != null) lines.add(r.readProblem());
        }
        for (String l : Report.actionLines(r)) if (l.contains(" -> done")) lines.add(l.trim());
        lines.add(verdictLine(r));
        return String.join("\n", lines);
    }

    private static String verdictLine(SyncRun.Result r) {
        List<String> text = Report.text(r, null);
        return text.stream().filter(l -> l.startsWith("Post-sync") || l.startsWith("After this plan")).findFirst()
                .orElse(text.get(text.size() - 1));
    }

    @Override
    public void close() {
        notifier.close();
    }
}
