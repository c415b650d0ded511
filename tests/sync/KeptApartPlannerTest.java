package sync;

import config.Config;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import support.PlanBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static support.PlanBuilder.mode;
import static support.PlanBuilder.title;

/**
 * sync.exclude, sync.protect and sync.types in every mode, for a title on either side or both,
 * with every snapshot record: excluded and out-of-scope titles are never written, protected ones
 * never removed, and everything else is decided as without them.
 */
class KeptApartPlannerTest {
    static Stream<Arguments> everyCase() {
        List<Arguments> out = new ArrayList<>();
        for (String mode : List.of("two-way", "mirror-plex", "mirror-simkl", "one-way")) {
            for (String presence : List.of("P", "S", "PS")) {
                for (String snap : List.of("-", "PS", "P-", "-S")) {
                    for (boolean seeded : List.of(true, false)) out.add(Arguments.of(mode, presence, snap, seeded));
                }
            }
        }
        return out.stream();
    }

    private static PlanBuilder builder(String mode, String presence, String snap, boolean seeded) {
        // reads large and whole, so that the deletion guard never steps in
        return mode(mode).seeded(seeded).plexRead(100, true).simklRead(100).lastSync(100, 100)
                .title(title(0, presence.contains("P"), presence.contains("S") ? "plantowatch" : "-", snap, false,
                        false));
    }

    @ParameterizedTest(name = "{0} on {1} snapshot {2} seeded {3}")
    @MethodSource("everyCase")
    void anExcludedTitleIsNeverWritten(String mode, String presence, String snap, boolean seeded) {
        Plan plan = builder(mode, presence, snap, seeded).exclude("imdb:tt1000000").plan();
        assertTrue(plan.actions().isEmpty() && plan.withheld().isEmpty(), plan.toString());
        assertEquals(List.of(Rule.EXCLUDED), plan.skipped().stream().map(Plan.Note::rule).toList());
        Plan byOtherId = builder(mode, presence, snap, seeded).exclude("imdb:tt7777777").plan();
        assertEquals(builder(mode, presence, snap, seeded).decision(), decision(byOtherId), "another title's entry "
                + "changes nothing");
    }

    @ParameterizedTest(name = "{0} on {1} snapshot {2} seeded {3}")
    @MethodSource("everyCase")
    void aProtectedTitleIsNeverRemovedAndStillAdded(String mode, String presence, String snap, boolean seeded) {
        Plan free = builder(mode, presence, snap, seeded).plan();
        Plan plan = builder(mode, presence, snap, seeded).protect("imdb:tt1000000").plan();
        assertTrue(plan.actions().stream().noneMatch(a -> a.kind() == Plan.Kind.REMOVE), plan.toString());
        assertEquals(free.actions().stream().filter(a -> a.kind() == Plan.Kind.ADD).map(Plan.Action::side).toList(),
                plan.actions().stream().map(Plan.Action::side).toList(), "adds as without protection");
        long removalsKept = free.actions().stream().filter(a -> a.kind() == Plan.Kind.REMOVE).count();
        assertEquals(removalsKept, plan.skipped().stream().filter(n -> n.rule() == Rule.PROTECTED).count());
    }

    @ParameterizedTest(name = "{0} on {1} snapshot {2} seeded {3}")
    @MethodSource("everyCase")
    void aKindOutOfScopeIsLeftAloneBothWays(String mode, String presence, String snap, boolean seeded) {
        Plan plan = builder(mode, presence, snap, seeded).types(Config.TitleKind.SHOWS, Config.TitleKind.ANIME).plan();
        assertTrue(plan.actions().isEmpty() && plan.withheld().isEmpty(), plan.toString());
        assertEquals(List.of(Rule.OUT_OF_SCOPE), plan.skipped().stream().map(Plan.Note::rule).toList());
        Plan inScope = builder(mode, presence, snap, seeded).types(Config.TitleKind.MOVIES).plan();
        assertEquals(builder(mode, presence, snap, seeded).decision(), decision(inScope));
    }

    private static String decision(Plan plan) {
        List<String> parts = new ArrayList<>();
        for (Plan.Action a : plan.actions()) parts.add(a.side().word + (a.kind() == Plan.Kind.ADD ? "+" : "-"));
        if (!plan.skipped().isEmpty()) parts.add("skip");
        return parts.isEmpty() ? "none" : String.join(" ", parts);
    }
}
