package sync;

import config.Config.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static support.PlanBuilder.goneFromPlex;
import static support.PlanBuilder.goneFromSimkl;
import static support.PlanBuilder.mode;

/** When removals are withheld, with the one command that allows them, and which reads a run does not trust. */
class DeletionGuardTest {
    @ParameterizedTest(name = "{1} of {0} titles removed -> {2}")
    @CsvSource({
            // small lists: the share means nothing, only the count (sync.max_delete 10) applies
            "1, 1, allowed", "2, 1, allowed", "3, 1, allowed", "4, 1, allowed", "4, 2, allowed", "5, 1, allowed",
            "8, 3, allowed", "10, 5, allowed", "15, 4, allowed", "19, 1, allowed", "19, 10, allowed",
                    "19, 11, withheld",
            // from 20 titles at the last sync, the share rule (sync.max_delete_percent 20) applies too
            "20, 1, allowed", "20, 4, allowed", "20, 5, withheld", "25, 5, allowed", "25, 6, withheld",
            "30, 1, allowed", "30, 6, allowed", "30, 7, withheld", "30, 11, withheld"})
    void thePercentRuleAppliesFromTwentyTitles(int size, int removed, String expected) {
        Plan p = mode("two-way").titles(goneFromSimkl(removed, size)).plan();
        assertEquals(expected, p.withheld().isEmpty() ? "allowed" : "withheld", p.guard());
        assertEquals(expected.equals("allowed") ? removed : 0, p.of(Side.PLEX, Plan.Kind.REMOVE).size());
    }

    @ParameterizedTest(name = "{0} removals, {1} on Plex of {2} at the last sync, whole={3}, --max-delete {4} -> "
            + "{5} done")
    @CsvSource(nullValues = "-", value = {
            "10, 90, 100, true,  -,    10",   // within both limits
            "11, 89, 100, true,  -,    0",    // 11 > sync.max_delete 10
            "11, 89, 100, true,  11,   11",   // --max-delete raises the limit for one run
            "5,  15, 20,  true,  -,    0",    // 5 of 20 = 25% > 20%
            "1,  99, 100, false, -,    0",    // an incomplete Plex read: none, whatever the count
            "1,  99, 100, false, 1000, 0",    // ... and --max-delete does not change that
            "3,  0,  100, true,  -,    0",    // Plex reads empty while the snapshot held titles
            "3,  0,  100, true,  3,    3",    // ... until --max-delete N allows exactly those
            "3,  0,  100, true,  2,    0",
    })
    void removalsFromSimklTable(int removals, int plexRead, int lastPlex, boolean whole, Integer maxDelete, int done) {
        Plan p = mode("two-way").titles(goneFromPlex(removals)).plexRead(plexRead,
                whole).simklRead(lastPlex).lastSync(lastPlex, lastPlex)
                .maxDelete(maxDelete).plan();
        assertEquals(done, p.of(Side.SIMKL, Plan.Kind.REMOVE).size(), p.guard());
        assertEquals(removals - done, p.withheld().size());
    }

    @Test
    void eachMessageNamesWhatWasSeenAndTheCountThatAllowsIt() {
        Plan tooMany = mode("two-way").titles(goneFromPlex(11)).plexRead(89, true).simklRead(100).lastSync(100,
                100).plan();
        assertEquals("Removals from SIMKL withheld: 11 would exceed sync.max_delete (10).", tooMany.guard());
        assertEquals(11, tooMany.allowWith());
        Plan share = mode("two-way").titles(goneFromPlex(5)).plexRead(15, true).simklRead(20).lastSync(20, 20).plan();
        assertEquals("Removals from SIMKL withheld: 5 of 20 titles (25%) would exceed sync.max_delete_percent (20%).",
                share.guard());
        assertEquals(5, share.allowWith());
        Plan incomplete = mode("two-way").titles(goneFromPlex(1)).plexRead(99, false).simklRead(100).lastSync(100,
                100).plan();
        assertTrue(incomplete.guard().contains("completely"), incomplete.guard());
        Plan empty = mode("two-way").titles(goneFromPlex(3)).plexRead(0, true).simklRead(3).lastSync(100, 100).plan();
        assertEquals("Removals from SIMKL withheld: the Plex watchlist reads as empty while the last sync saw 100 "
                + "titles there.", empty.guard());
        assertEquals(3, empty.allowWith());
    }

    @Test
    void aDoubtedSimklReadWithholdsPlexRemovalsUntilTheNamedCommandAllowsThem() {
        String doubt = "SIMKL answered its shows lists empty twice.";
        Plan withheld = mode("two-way").titles(goneFromSimkl(1, 1)).simklDoubted(doubt).plan();
        assertEquals(1, withheld.withheld().size());
        assertEquals("Removals from Plex withheld: " + doubt, withheld.guard());
        assertEquals(1, withheld.allowWith());
        // the command the message names releases exactly that
        assertEquals(1, mode("two-way").titles(goneFromSimkl(1,
                1)).simklDoubted(doubt).maxDelete(1).plan().of(Side.PLEX, Plan.Kind.REMOVE).size());
        assertEquals(2, mode("two-way").titles(goneFromSimkl(2,
                2)).simklDoubted(doubt).maxDelete(1).plan().withheld().size(),
                "--max-delete 1 does not cover 2");
    }

    @ParameterizedTest(name = "Plex read {0} whole={1} of {2}, SIMKL doubted={3}, --max-delete {4} -> untrusted {5}")
    @CsvSource(nullValues = "-", value = {
            "100, true,  100, false, -, ''",
            "50,  false, 100, false, -, PLEX",
            "50,  false, 100, false, 9, PLEX",         // an incomplete read is never released
            "0,   true,  100, false, -, PLEX",         // empty against a snapshot that held titles
            "0,   true,  100, false, 1, ''",           // ... unless the person says so
            "0,   true,  0,   false, -, ''",           // empty, and it was empty before: nothing to doubt
            "100, true,  100, true,  -, SIMKL",
            "100, true,  100, true,  1, ''",
            "0,   true,  100, true,  -, PLEX SIMKL",
    })
    void aReadTheRunCannotTrustIsNamedSoItsUnseenTitlesKeepTheirRecord(int plexRead, boolean whole, long lastPlex,
            boolean doubted,
                                                                       Integer maxDelete, String untrusted) {
        Plan p = mode("two-way").titles(goneFromSimkl(1, 1)).plexRead(plexRead, whole).lastSync(lastPlex, 100)
                .simklDoubted(doubted ? "empty twice" : null).maxDelete(maxDelete).plan();
        Set<Side> expected = untrusted.isBlank() ? Set.of()
                : Set.copyOf(java.util.Arrays.stream(untrusted.split(" ")).map(Side::valueOf).toList());
        assertEquals(expected, p.untrusted());
    }
}
