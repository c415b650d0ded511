package cli;

import config.Config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * --doctor: one line per check, each failure with what to do; exit 0 only when none fails. The
 * checks of this machine's files come first, then (with a config.json a run would accept) the
 * services, SIMKL before Plex as a person sets them up.
 */
record DoctorCommand() implements Command {
    @Override
    public int run(Session s) {
        List<DoctorCheck> checks = new ArrayList<>();
        Config config = LocalChecks.config(s, checks);
        LocalChecks.files(s, config, checks);
        if (config != null) {
            ServiceChecks.run(s, config, checks);
        } else {
            // said, not left out silently: a person reading a short list would take it for all there is
            checks.add(DoctorCheck.warn("skipped", "the SIMKL and Plex checks (client id, tokens, endpoints, whose "
                    + "lists) were not made: they need a config.json a sync would accept. Fix the config line above, "
                    + "then run --doctor again."));
        }
        boolean allOk = checks.stream().noneMatch(DoctorCheck::failed);
        List<Object> rows = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (DoctorCheck c : checks) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("check", c.name());
            m.put("ok", !c.failed());
            m.put("level", c.verdict().name().toLowerCase(Locale.ROOT));
            m.put("detail", c.detail());
            rows.add(m);
            String tag = switch (c.verdict()) {
                case OK -> "[ok]   ";
                case WARN -> "[warn] ";
                case FAIL -> "[FAIL] ";
            };
            lines.add(tag + c.name() + ": " + c.detail());
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("ok", allOk);
        doc.put("checks", rows);
        s.answer(doc, lines);
        return allOk ? ExitCode.OK : ExitCode.PARTIAL;
    }
}
