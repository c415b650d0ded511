package sync;

import config.Config.Side;
import org.junit.jupiter.api.Test;
import support.PlanBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static support.PlanBuilder.mode;
import static support.PlanBuilder.title;

/** What a person and a program are told about a run, from a plan and its outcomes (no I/O). */
class ReportTest {
    private static Report result(Plan plan, List<Match> matches, boolean dryRun, Executor.Status status) {
        List<Executor.Outcome> outcomes = new ArrayList<>();
        for (Plan.Action a : plan.actions()) outcomes.add(new Executor.Outcome(a, status,
                status == Executor.Status.FAILED ? "HTTP 500" : null, null));
        StateUpdate.Result after = StateUpdate.apply(matches, plan, outcomes, false, List.of(), PlanBuilder.NOW);
        return new Report("two-way", null, false, dryRun, plan, outcomes, 2, 2, after, null,
                model.Times.utc(java.time.Instant.parse("2026-11-24T12:00:00Z")), List.of(), null, null);
    }

    @Test
    void aRunThatMadeTheListsEqualSaysSoWithOneLinePerAction() {
        List<Match> ms = List.of(title(1, true, "-", "-", false, false),
                title(2, true, "plantowatch", "PS", false, false));
        Plan plan = mode("two-way").titles(ms).plan();
        List<String> text = result(plan, ms, false, Executor.Status.DONE).text("plex_simkl_sync --sync");
        assertEquals(List.of("Pre-sync counts: Plex=2 vs SIMKL=2", "Actions: 1 to add to SIMKL",
                "  + SIMKL  T1 (2000)  [new on Plex] -> done", "Post-sync: Plex=2 vs SIMKL=2 → EQUAL"), text);
        assertEquals(List.of("  + SIMKL  T1 (2000)  [new on Plex] -> done"),
                result(plan, ms, false, Executor.Status.DONE).actionLines());
    }

    @Test
    void aDryRunSaysPlannedAndAFailedActionSaysWhyAndTheListsDiffer() {
        List<Match> ms = List.of(title(1, true, "-", "-", false, false));
        Plan plan = mode("two-way").titles(ms).plan();
        assertTrue(result(plan, ms, true, Executor.Status.DONE).text("plex_simkl_sync --sync")
                .contains("  + SIMKL  T1 (2000)  [new on Plex] -> planned"));
        List<String> failed = result(plan, ms, false, Executor.Status.FAILED).text("plex_simkl_sync --sync");
        assertTrue(failed.contains("  + SIMKL  T1 (2000)  [new on Plex] -> failed: HTTP 500"), failed.toString());
        assertTrue(failed.contains("Post-sync: Plex=1 vs SIMKL=0 → NOT EQUAL (1 difference)"), failed.toString());
        assertTrue(failed.contains("  ≠ T1 (2000): on Plex only — could not add to SIMKL: HTTP 500; tried again "
                + "next run"), failed.toString());
    }

    /** A dry run does not look titles up on Plex: its verdict says it counts them as found. */
    @Test
    void aDryRunsVerdictSaysItAssumesPlexFindsTheTitlesItWillLookUp() {
        List<Match> ms = List.of(title(1, false, "plantowatch", "-", false, false),
                title(2, false, "plantowatch", "-", false, false));
        Plan plan = mode("two-way").titles(ms).plan();
        List<String> dry = result(plan, ms, true, Executor.Status.DONE).text("plex_simkl_sync --sync");
        String caveat = "  (if Plex finds all 2 titles to add: the sync looks them up first, and one Plex does not "
                + "have stays on SIMKL only, in the unresolved ledger)";
        assertEquals(List.of("After this plan: Plex=2 vs SIMKL=2 → EQUAL", caveat),
                dry.subList(dry.size() - 2, dry.size()), dry.toString());
        List<String> real = result(plan, ms, false, Executor.Status.DONE).text("plex_simkl_sync --sync");
        assertFalse(real.contains(caveat), "a real run looked them up: " + real);
        List<Match> toSimkl = List.of(title(1, true, "-", "-", false, false));
        Plan plan2 = mode("two-way").titles(toSimkl).plan();
        assertFalse(result(plan2, toSimkl, true, Executor.Status.DONE).text("plex_simkl_sync --sync")
                .stream().anyMatch(l -> l.contains("if Plex finds")), "nothing to look up on Plex");
    }

    @Test
    void withheldRemovalsAreListedWithTheGuardsReasonOnce() {
        List<Match> ms = PlanBuilder.goneFromPlex(11);
        Plan plan = mode("two-way").titles(ms).plexRead(89, true).simklRead(100).lastSync(100, 100).plan();
        List<String> text = result(plan, ms, false, Executor.Status.DONE).text("plex_simkl_sync --sync");
        assertEquals(1, text.stream().filter(l -> l.equals("Removals from SIMKL withheld: 11 would exceed "
                + "sync.max_delete (10).")).count(), text.toString());
        assertEquals(11, text.stream().filter(l -> l.endsWith("-> withheld")).count());
        assertEquals(11, result(plan, ms, false, Executor.Status.DONE).actionLines().size());
    }

    @Test
    void theJsonDocumentCountsEachSideAndListsEveryAction() {
        List<Match> ms = List.of(title(1, true, "-", "-", false, false),
                title(2, false, "plantowatch", "-", false, false),
                title(3, true, "completed", "-", false, false));
        Plan plan = mode("two-way").titles(ms).plan();
        Map<String, Object> doc = result(plan, ms, false, Executor.Status.DONE).json(0);
        assertEquals(List.of("mode", "dry_run", "first_run", "before", "after", "equal", "in_sync", "status", "counts",
                "actions", "skipped", "conflicts", "unresolved", "kept_apart", "differences", "guard",
                "allow_with_max_delete", "run", "plan_file", "read_problem", "not_saved", "exit_code"),
                        new ArrayList<>(doc.keySet()),
                "the command is named by the caller, once");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Long>> counts = (Map<String, Map<String, Long>>) doc.get("counts");
        assertEquals(1L, counts.get(Side.SIMKL.word).get("added"));
        assertEquals(1L, counts.get(Side.PLEX.word).get("added"));
        assertEquals(1L, counts.get(Side.SIMKL.word).get("skipped"));
        assertEquals(2, ((List<?>) doc.get("actions")).size());
        assertEquals("two-way", doc.get("mode"));
    }
}
