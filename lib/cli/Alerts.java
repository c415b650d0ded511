package cli;

import config.ConfigException;
import config.ConfigValues;
import notify.Event;
import notify.LastRun;
import notify.News;
import notify.Notifier;
import notify.Target;
import notify.WatchAlerts;
import model.Plural;
import sync.Report;

import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a sync tells beyond its report: notifications to config.json's targets (and
 * PLEX_SIMKL_SYNC_NOTIFY_URL), the last-run record --health reads, and the report kept in
 * last_report.txt ({@link LastReport}). A dry run tells nothing and records nothing. Under --watch a
 * problem is told when it starts and when it ends, not every round.
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
    static Duration timeout(Session s) {
        String t = s.ctx.env().get("PLEX_SIMKL_SYNC_NOTIFY_TIMEOUT_MS");
        return t != null && t.matches("\\d{2,6}") ? Duration.ofMillis(Long.parseLong(t)) : Notifier.TIMEOUT;
    }

    /** config.json's targets; when config.json cannot be read, the environment's (a broken config is news too). */
    static List<Target> targets(Session s) {
        try {
            return s.config().notifications();
        } catch (ConfigException e) {
            Target t = ConfigValues.envTarget(s.environment());
            return t == null ? List.of() : List.of(t);
        }
    }

    void started() {
        if (!quiet) notifier.started();
    }

    /**
     * A sync that finished with a report (and its --json document, as it would be printed), kept in
     * last_report.txt. With no target to tell, only the last-run record is written besides: the news is
     * not put together for no one.
     */
    void finished(Report r, int code) {
        if (quiet) return;
        // as printed: a --watch round's withheld removals are allowed by one --sync, another command's by itself
        List<String> kept = new ArrayList<>(r.text(watch == null ? s.rerun() : s.rerun(Verb.SYNC)));
        kept.addAll(SyncCommand.followUpLines(s, r));
        LastReport.save(s, code, kept);
        if (!notifier.any()) {
            record(code, r.verdictLine());
            return;
        }
        Set<Event> events = events(r, code);
        String document = s.console.documentText(r.json(code));
        String report = String.join("\n", r.text(s.rerun(Verb.SYNC)));
        tell(new News(code, events, title(events, r, code), text(events, r), report, document), r.verdictLine());
    }

    /** A sync stopped by an error ({@code error}: the message the person saw, naming the fix). */
    void failed(int code, String error) {
        if (quiet) return;
        String message = error == null ? "the sync failed (exit " + code + ")" : s.console.withCommand(error);
        LastReport.failed(s, code, message);
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
            new LastRun(s.ctx.clock().instant().truncatedTo(ChronoUnit.SECONDS).toString(), code,
                    s.console.redactor().apply(summary)).save(s.folder().lastRunFile());
        } catch (IOException e) {
            s.console.warn("Could not record the run for --health in " + s.folder().lastRunFile() + ": "
                    + e.getMessage());
        }
    }

    /** What a finished run is worth telling. */
    static Set<Event> events(Report r, int code) {
        Set<Event> events = EnumSet.noneOf(Event.class);
        if (code == ExitCode.OK) events.add(Event.SUCCESS);
        else if (code == ExitCode.GUARD) events.add(Event.GUARD);
        else if (r.onlyNewlyUnresolved()) events.add(Event.UNRESOLVED);
        else events.add(Event.FAILURE);
        if (r.changes() > 0) events.add(Event.CHANGES);
        return events;
    }

    private static String title(Set<Event> events, Report r, int code) {
        if (events.contains(Event.FAILURE)) return "plex_simkl_sync: sync failed (exit " + code + ")";
        if (events.contains(Event.GUARD)) {
            return "plex_simkl_sync: " + Plural.of(r.plan().withheld().size(), "removal") + " withheld";
        }
        if (events.contains(Event.UNRESOLVED)) {
            return "plex_simkl_sync: " + Plural.of(r.newlyUnresolved(), "title") + " not found";
        }
        if (r.changes() > 0) return "plex_simkl_sync: " + Plural.of(r.changes(), "change");
        return "plex_simkl_sync: in sync";
    }

    /** A few lines for a phone: what happened, and the command that fixes it when one does. */
    private String text(Set<Event> events, Report r) {
        List<String> lines = new ArrayList<>();
        if (events.contains(Event.GUARD)) {
            lines.add(r.plan().guard());
            if (r.plan().allowWith() != null) {
                lines.add("To allow them once: " + s.rerun(Verb.SYNC) + " --max-delete " + r.plan().allowWith());
            }
        }
        lines.addAll(r.notFoundLines());
        if (events.contains(Event.FAILURE)) {
            lines.addAll(r.differenceLines());
            if (r.readProblem() != null) lines.add(r.readProblem());
        }
        lines.addAll(r.doneLines());
        lines.add(r.verdictLine());
        lines.addAll(SyncCommand.followUpLines(s, r));
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        notifier.close();
    }
}
