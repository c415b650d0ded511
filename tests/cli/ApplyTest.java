package cli;

import files.Json;
import org.junit.jupiter.api.Test;
import support.CliRun;
import support.Receiver;
import support.WorldTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/** --apply: a run the guard held back, carried out exactly as kept, once, and only while both lists match it. */
class ApplyTest extends WorldTest {
    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--dir");
        all.add(w.dir.toString());
        return w.cli().run(all.toArray(new String[0]));
    }

    /** Two titles removed from Plex against a guard that allows one: exit 4, the plan kept; its file. */
    private Path heldBack() throws Exception {
        w.config("{\"max_delete\": 1}");
        return heldBackAsConfigured();
    }

    private Path heldBackAsConfigured() throws Exception {
        w.plexHas(ARRIVAL, SEVERANCE, DUNE, SHOGUN);
        w.simklHas(ARRIVAL, SEVERANCE, DUNE, SHOGUN);
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.watchlistRemove(SEVERANCE.plexKey(), DUNE.plexKey());
        w.sb.plex.watchlistAdd(THE_BEAR.plexKey());
        CliRun guarded = w.sync();
        assertEquals(ExitCode.GUARD, guarded.code, guarded.toString());
        assertTrue(simklPtw().containsAll(Set.of("Severance", "Dune: Part Two", "The Bear")), "adds go ahead");
        String line = guarded.out.lines().filter(l -> l.startsWith("The plan held back is kept in ")).findFirst()
                .orElseThrow(() -> new AssertionError(guarded.out));
        assertTrue(line.contains(" --apply "), line);
        Path plan = Path.of(line.substring(line.indexOf(" --apply ") + " --apply ".length()));
        assertEquals(w.dir.resolve("plans"), plan.getParent());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(plan)));
        return plan;
    }

    @Test
    void aWithheldPlanIsAppliedExactlyOnce() throws Exception {
        Path plan = heldBack();
        CliRun applied = run("--apply", plan.toString());
        assertEquals(ExitCode.OK, applied.code, applied.toString());
        assertTrue(applied.err.contains("This plan removes 2 titles; the deletion guard was passed by applying this "
                + "reviewed plan"), "the guard is not asked again, and the person is told: " + applied);
        assertEquals(Set.of("Arrival", "Shogun", "The Bear"), simklPtw(), applied.out);
        assertTrue(applied.out.contains("To undo this run: "), applied.out);
        w.sb.simkl.clearLog();
        CliRun again = run("--apply", plan.toString());
        assertEquals(ExitCode.USAGE, again.code, again.toString());
        assertTrue(again.err.contains("was applied at"), again.err);
        assertTrue(again.err.contains("run plex_simkl_sync --dir " + w.dir + " --sync --dry-run --plan-out FILE."),
                "the hint is a command line to paste: " + again.err);
        assertEquals(0, w.sb.simkl.writes());
        CliRun next = w.sync();
        assertEquals(ExitCode.OK, next.code, next.toString());
        assertEquals(0, w.sb.simkl.writes(), next.out);
    }

    @Test
    void theNotificationOfAHeldBackRunNamesTheApplyCommand() throws Exception {
        try (Receiver receiver = new Receiver()) {
            Files.createDirectories(w.dir);
            Files.writeString(w.dir.resolve("config.json"), "{\"sync\": {\"max_delete\": 1}, \"notify\": [{\"url\": \""
                    + receiver.url("/topic") + "\", \"format\": \"ntfy\"}]}");
            Path plan = heldBackAsConfigured();
            List<Receiver.Got> got = receiver.got();
            assertEquals(1, got.size(), got.toString());
            assertTrue(got.get(0).body().contains(" --apply " + plan), got.get(0).body());
        }
    }

    @Test
    void aPlanIsRefusedWhenAListChangedSince() throws Exception {
        Path plan = heldBack();
        w.sb.simkl.put(PAST_LIVES.simkl(), "plantowatch");
        w.sb.simkl.clearLog();
        CliRun refused = run("--apply", plan.toString());
        assertEquals(ExitCode.USAGE, refused.code, refused.toString());
        assertTrue(refused.err.contains("SIMKL: + Past Lives (2023)"), refused.err);
        assertEquals(0, w.sb.simkl.writes(), "nothing written");
        assertTrue(simklPtw().containsAll(Set.of("Severance", "Dune: Part Two")));
    }

    @Test
    void aFileThatIsNoPlanIsRefused() throws Exception {
        w.plexHas(ARRIVAL);
        w.simklHas(ARRIVAL);
        assertEquals(ExitCode.OK, w.sync().code);
        Path notAPlan = tmp.resolve("state-copy.json");
        Files.copy(w.dir.resolve("state.json"), notAPlan);
        CliRun r = run("--apply", notAPlan.toString());
        assertEquals(ExitCode.USAGE, r.code, r.toString());
        assertTrue(r.err.contains("is not a plan this version can apply"), r.err);
        assertFalse(r.all().contains("Exception"), r.all());
    }

    @Test
    void aReviewedDryRunIsAppliedAsReviewed() throws Exception {
        w.plexHas(ARRIVAL, SEVERANCE);
        w.simklHas(ARRIVAL, SEVERANCE);
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.watchlistRemove(SEVERANCE.plexKey());
        Path plan = tmp.resolve("review.json");
        CliRun dry = w.sync("--dry-run", "--plan-out", plan.toString());
        assertEquals(ExitCode.OK, dry.code, dry.toString());
        assertTrue(simklPtw().contains("Severance"), "a dry run writes nothing to the lists");
        CliRun applied = run("--apply", plan.toString());
        assertEquals(ExitCode.OK, applied.code, applied.toString());
        assertEquals(Set.of("Arrival"), simklPtw());
    }

    /** A reviewed dry run, then an edit on {@code side} by the person: the plan is refused, nothing written. */
    private void reviewedThenChanged(boolean onPlex) throws Exception {
        w.plexHas(ARRIVAL, SEVERANCE, DUNE);
        w.simklHas(ARRIVAL, SEVERANCE, DUNE);
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.watchlistRemove(SEVERANCE.plexKey());
        Path plan = tmp.resolve("review.json");
        CliRun dry = w.sync("--dry-run", "--plan-out", plan.toString());
        assertEquals(ExitCode.OK, dry.code, dry.toString());
        if (onPlex) w.sb.plex.watchlistRemove(DUNE.plexKey());
        else w.sb.simkl.put(PAST_LIVES.simkl(), "plantowatch");
        w.sb.simkl.clearLog();
        w.sb.plex.clearLog();
        CliRun refused = run("--apply", plan.toString());
        assertEquals(ExitCode.USAGE, refused.code, refused.toString());
        assertTrue(refused.err.contains(onPlex ? "Plex:  - Dune: Part Two (2024)" : "SIMKL: + Past Lives (2023)"),
                refused.err);
        assertEquals(0, w.sb.simkl.writes(), "nothing written to SIMKL");
        assertEquals(0, w.sb.plex.count("PUT", "/actions/"), "nothing written to Plex");
        assertTrue(simklPtw().contains("Severance"), "the reviewed removal is not carried out");
        assertNull(Json.MAPPER.readTree(plan.toFile()).get("applied_at"), "not marked applied: " + plan);
    }

    @Test
    void aPlanWrittenByPlanOutIsRefusedWhenPlexChangedSince() throws Exception {
        reviewedThenChanged(true);
    }

    @Test
    void aPlanWrittenByPlanOutIsRefusedWhenSimklChangedSince() throws Exception {
        reviewedThenChanged(false);
    }

    /** plans/ as a link (planted, or made by hand): the held-back plan is not kept through it, and the run says so. */
    @Test
    void aPlansFolderThatIsALinkIsRefused() throws Exception {
        Files.createDirectories(w.dir);
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(w.dir.resolve("plans"), elsewhere);
        w.config("{\"max_delete\": 1}");
        w.plexHas(ARRIVAL, SEVERANCE, DUNE, SHOGUN);
        w.simklHas(ARRIVAL, SEVERANCE, DUNE, SHOGUN);
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.watchlistRemove(SEVERANCE.plexKey(), DUNE.plexKey());
        CliRun guarded = w.sync();
        assertEquals(ExitCode.GUARD, guarded.code, guarded.toString());
        assertTrue(guarded.err.contains(w.dir.resolve("plans") + " is a symbolic link"), guarded.toString());
        assertFalse(guarded.out.contains("The plan held back is kept in"), guarded.out);
        try (var in = Files.list(elsewhere)) {
            assertEquals(List.of(), in.toList(), "nothing written through the link");
        }
        // a plan someone put behind the link is not marked applied through it either
        Path plan = tmp.resolve("review.json");
        assertEquals(ExitCode.GUARD, w.sync("--dry-run", "--plan-out", plan.toString()).code, "held back");
        Files.copy(plan, elsewhere.resolve("withheld-1.json"));
        String before = Files.readString(elsewhere.resolve("withheld-1.json"));
        w.sb.simkl.clearLog();
        CliRun refused = run("--apply", w.dir.resolve("plans").resolve("withheld-1.json").toString());
        assertEquals(ExitCode.USAGE, refused.code, refused.toString());
        assertTrue(refused.err.contains(w.dir.resolve("plans") + " is a symbolic link"), refused.toString());
        assertEquals(before, Files.readString(elsewhere.resolve("withheld-1.json")));
        assertEquals(0, w.sb.simkl.writes(), "nothing written");
    }

    /** A plan file that is a link is never written through: not by --plan-out, not when --apply marks it applied. */
    @Test
    void aPlanFileThatIsALinkIsNotWrittenThrough() throws Exception {
        w.plexHas(ARRIVAL, SEVERANCE);
        w.simklHas(ARRIVAL, SEVERANCE);
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.watchlistRemove(SEVERANCE.plexKey());
        Path victim = tmp.resolve("victim.txt");
        Files.writeString(victim, "precious\n");
        Path link = tmp.resolve("review.json");
        Files.createSymbolicLink(link, victim);
        CliRun dry = w.sync("--dry-run", "--plan-out", link.toString());
        assertTrue(dry.err.contains(link + " is a symbolic link"), dry.toString());
        assertEquals("precious\n", Files.readString(victim));
        Path real = tmp.resolve("real.json");
        assertEquals(ExitCode.OK, w.sync("--dry-run", "--plan-out", real.toString()).code);
        Path linked = tmp.resolve("linked.json");
        Files.createSymbolicLink(linked, real);
        String before = Files.readString(real);
        w.sb.simkl.clearLog();
        CliRun applied = run("--apply", linked.toString());
        assertEquals(ExitCode.USAGE, applied.code, applied.toString());
        assertTrue(applied.err.contains(linked + " is a symbolic link"), applied.toString());
        assertEquals(before, Files.readString(real), "not marked applied through the link");
        assertEquals(0, w.sb.simkl.writes(), "nothing written");
        assertTrue(simklPtw().contains("Severance"));
    }

    @Test
    void aPlanThatIsNotThereIsSaidSoInWords() throws Exception {
        w.plexHas(ARRIVAL);
        w.simklHas(ARRIVAL);
        assertEquals(ExitCode.OK, w.sync().code);
        Path missing = tmp.resolve("no-such-plan.json");
        CliRun r = run("--apply", missing.toString());
        assertEquals(ExitCode.USAGE, r.code, r.toString());
        assertTrue(r.err.contains("Could not read the plan " + missing + ": no such file"), r.err);
    }
}
