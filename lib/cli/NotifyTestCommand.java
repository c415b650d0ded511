package cli;

import files.Json;
import notify.Event;
import notify.News;
import notify.Notifier;
import notify.Target;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** --notify-test: a sample message to every notification target, and what each answered. */
record NotifyTestCommand() implements Command {
    @Override
    public int run(Session s) throws Exception {
        List<Target> targets = s.config().notifications();
        if (targets.isEmpty()) {
            throw Failure.usage("No notification target: add one to config.json (\"notify\": [{\"url\": "
                    + "\"https://ntfy.sh/your-topic\", \"format\": \"ntfy\"}]) or set PLEX_SIMKL_SYNC_NOTIFY_URL.");
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("command", "sync");
        doc.put("sample", true);
        doc.put("status", "in_sync");
        doc.put("exit_code", 0);
        News sample = new News(0, EnumSet.of(Event.SUCCESS), "plex_simkl_sync: test notification",
                "This is a test from plex_simkl_sync --notify-test: notifications reach you here.",
                "A test from plex_simkl_sync --notify-test.", Json.pretty(doc));
        boolean all = true;
        try (Notifier n = new Notifier(targets, "plex_simkl_sync/" + VersionInfo.TOOL, s.console::warn,
                s.console.redactor()::apply, Alerts.timeout(s))) {
            for (Notifier.Sent sent : n.test(sample)) {
                all &= sent.ok();
                s.console.result(sent.target().shown() + ": " + (sent.ok() ? "HTTP " + sent.status() + ", delivered"
                        : sent.problem()));
            }
        }
        return all ? ExitCode.OK : ExitCode.PARTIAL;
    }
}
