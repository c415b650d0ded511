package cli;

import files.Json;
import org.junit.jupiter.api.Test;
import support.CliRun;
import support.Receiver;
import sandbox.Emulator.Fault;
import support.WorldTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/** --apply: a run the guard held back, carried out exactly as kept, once, and only while both lists match it. */
class ApplyTest extends WorldTest {
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

    /**
     * A reviewed dry run that marks Arrival, played on Plex and so gone from its watchlist, as watched on
     * SIMKL with the date of that play; its file.
     */
    private Path reviewedPlay() throws Exception {
        w.bothHave(List.of(ARRIVAL, DUNE));
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.played(ARRIVAL.plexKey(), PLAYED);
        Path plan = tmp.resolve("review.json");
        CliRun dry = w.sync("--dry-run", "--plan-out", plan.toString());
        assertEquals(ExitCode.OK, dry.code, dry.toString());
        assertTrue(dry.out.contains("* SIMKL  Arrival (2016)"), dry.out);
        return plan;
    }

    private static final Instant PLAYED = Instant.parse("2026-11-20T20:15:00Z");

    /** The plan is refused as {@code why} says, nothing is written, and it stays unapplied. */
    private void refusedUnapplied(Path plan, String why) throws Exception {
        w.sb.simkl.clearLog();
        CliRun refused = run("--apply", plan.toString());
        assertEquals(ExitCode.USAGE, refused.code, refused.toString());
        assertTrue(refused.err.contains("marks Arrival (2016) as watched on SIMKL with the date of its play on Plex, "
                + "but " + why), refused.err);
        assertTrue(refused.err.contains("Nothing was written"), refused.err);
        assertFalse(refused.all().contains("Exception"), refused.all());
        assertEquals(0, w.sb.simkl.writes(), "nothing written");
        assertEquals("plantowatch", w.sb.simkl.entry(ARRIVAL.simkl()).status);
        assertNull(Json.MAPPER.readTree(plan.toFile()).get("applied_at"), "not marked applied");
    }

    /**
     * Settings changed since the plan was written so that this run asks Plex nothing about Arrival's play
     * (plays not asked for, the title excluded, its removal protected): the plan is refused, not carried
     * out without the date it promised; with the settings back, it is applied as reviewed.
     */
    @Test
    void aPlanThatMarksAPlayIsRefusedWhenThisRunDidNotAskForThatPlay() throws Exception {
        Path plan = reviewedPlay();
        for (String settings : List.of("{\"plex_watched\": \"remove\"}",
                "{\"exclude\": [{\"ids\": \"imdb:tt2543164\"}]}",
                "{\"protect\": [{\"ids\": \"imdb:tt2543164\"}]}")) {
            w.config(settings);
            refusedUnapplied(plan, "this run did not ask Plex about that play: the settings changed since the plan "
                    + "was written");
        }
        w.config("{}");
        CliRun applied = run("--apply", plan.toString());
        assertEquals(ExitCode.OK, applied.code, applied.toString());
        assertEquals("completed", w.sb.simkl.entry(ARRIVAL.simkl()).status);
        assertEquals(PLAYED, Instant.parse(w.sb.simkl.entry(ARRIVAL.simkl()).lastWatchedAt));
    }

    /** Plex does not answer for the play now: the plan waits, unapplied, for the same --apply once it does. */
    @Test
    void aPlanThatMarksAPlayIsRefusedWhilePlexDoesNotSayWhetherItWasPlayed() throws Exception {
        Path plan = reviewedPlay();
        w.sb.plex.inject("GET", "/library/metadata/" + ARRIVAL.plexKey() + "/userState", Fault.status(500), 20);
        refusedUnapplied(plan, "Plex did not say now whether it was played");
        w.sb.plex.clearFaults();
        CliRun applied = run("--apply", plan.toString());
        assertEquals(ExitCode.OK, applied.code, applied.toString());
        assertEquals(PLAYED, Instant.parse(w.sb.simkl.entry(ARRIVAL.simkl()).lastWatchedAt));
    }

    /**
     * The run that kept the plan marked an anime as watched, both of its seasons (SIMKL entries of their
     * own, sharing the series' TVDB id): the plan leaves out of its lists every entry of that title, the
     * second season's too, so the seasons the run itself moved are no change since, and it is applied.
     */
    @Test
    void aPlanLeavesOutEverySeasonOfATitleTheRunThatKeptItWrote() throws Exception {
        w.config("{\"max_delete\": 1}");
        w.plexHas(ARRIVAL, SEVERANCE, DUNE, JUJUTSU_1);
        w.simklHas(ARRIVAL, SEVERANCE, DUNE, JUJUTSU_1, JUJUTSU_2);
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.plex.played(JUJUTSU_1.plexKey(), PLAYED);
        w.sb.plex.watchlistRemove(SEVERANCE.plexKey(), DUNE.plexKey());
        CliRun guarded = w.sync();
        assertEquals(ExitCode.GUARD, guarded.code, guarded.toString());
        assertEquals(Set.of("Arrival", "Severance", "Dune: Part Two"), simklPtw(), "both seasons marked watched");
        String line = guarded.out.lines().filter(l -> l.startsWith("The plan held back is kept in ")).findFirst()
                .orElseThrow(() -> new AssertionError(guarded.out));
        Path plan = Path.of(line.substring(line.indexOf(" --apply ") + " --apply ".length()));
        CliRun applied = run("--apply", plan.toString());
        assertEquals(ExitCode.OK, applied.code, applied.toString());
        assertEquals(Set.of("Arrival"), simklPtw(), applied.out);
    }

    /**
     * Titles the plan does not act on keep their reasons through an --apply: one held in another SIMKL list
     * and one Plex cannot find stay explained in the report, and the second stays in state.json's ledger.
     */
    @Test
    void anApplyKeepsWhatExplainsTheTitlesItLeavesAlone() throws Exception {
        w.config("{\"max_delete\": 1}");
        w.plexHas(ARRIVAL, SEVERANCE, DUNE, SHOGUN, TERMINATOR);
        w.simklHas(ARRIVAL, SEVERANCE, DUNE, SHOGUN, OBSCURE);
        w.sb.simkl.put(TERMINATOR.simkl(), "completed");
        w.sync();
        assertEquals(ExitCode.OK, w.sync().code, "the second run knows the documentary is waiting");
        w.sb.plex.watchlistRemove(SEVERANCE.plexKey(), DUNE.plexKey());
        CliRun guarded = w.sync();
        assertEquals(ExitCode.GUARD, guarded.code, guarded.toString());
        String line = guarded.out.lines().filter(l -> l.startsWith("The plan held back is kept in ")).findFirst()
                .orElseThrow(() -> new AssertionError(guarded.out));
        CliRun applied = run("--apply", line.substring(line.indexOf(" --apply ") + " --apply ".length()));
        assertEquals(ExitCode.OK, applied.code, applied.toString());
        assertTrue(applied.out.contains("→ IN SYNC"), applied.out);
        assertFalse(applied.out.contains("nothing explains it"), applied.out);
        assertTrue(applied.out.contains("The Terminator") && applied.out.contains("A Very Obscure Documentary"),
                "both named with their reasons: " + applied.out);
        assertTrue(w.state().path("unresolved").toString().contains("A Very Obscure Documentary"),
                "still waiting in the ledger: " + w.state().path("unresolved"));
        CliRun next = w.sync("--dry-run");
        assertFalse(next.out.contains("+ Plex   A Very Obscure Documentary"), next.out);
    }

    /** A reviewed plan that adds to Plex a title only SIMKL holds (no Plex id yet) is carried out as reviewed. */
    @Test
    void aReviewedPlanThatAddsToPlexATitleOnlySimklHoldsIsApplied() throws Exception {
        w.bothHave(List.of(ARRIVAL));
        assertEquals(ExitCode.OK, w.sync().code);
        w.simklHas(SUZUME);
        Path plan = tmp.resolve("review.json");
        CliRun dry = w.sync("--dry-run", "--plan-out", plan.toString());
        assertEquals(ExitCode.OK, dry.code, dry.toString());
        assertTrue(dry.out.contains("+ Plex   Suzume (2022)"), dry.out);
        CliRun applied = run("--apply", plan.toString());
        assertEquals(ExitCode.OK, applied.code, applied.toString());
        assertFalse(applied.all().contains("Exception"), applied.all());
        assertEquals(Set.of("Arrival", "Suzume"), plexTitles(), applied.out);
    }
}
