package cli;

import notify.LastRun;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * --health [--max-age 2h]: exit 0 when the last sync ended 0 no longer than max-age ago, else 1 with
 * why (never run, failed with its exit code and cause, stale). Reads last_run.json only: fit for a
 * container's HEALTHCHECK or a monitoring script.
 */
record HealthCommand(Duration maxAge) implements Command {
    static final Duration DEFAULT_MAX_AGE = Duration.ofHours(2);

    HealthCommand {
        if (maxAge == null) maxAge = DEFAULT_MAX_AGE;
    }

    @Override
    public int run(Session s) throws Exception {
        LastRun last = LastRun.load(s.folder().lastRunFile());
        LastRun.Verdict v = LastRun.judge(last, s.times(),
                maxAge, s.folder().path().toString());
        int code = v.healthy() ? ExitCode.OK : ExitCode.PARTIAL;
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("healthy", v.healthy());
        doc.put("text", v.text());
        doc.put("max_age_seconds", maxAge.toSeconds());
        doc.put("last_run", last);
        doc.put("exit_code", code);
        s.answer(doc, List.of(v.text()));
        return code;
    }
}
