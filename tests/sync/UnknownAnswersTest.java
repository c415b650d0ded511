package sync;

import cli.ExitCode;
import com.fasterxml.jackson.databind.node.NullNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import sandbox.SimklEmulator;
import support.CliRun;
import support.WorldTest;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.*;

/** An answer or a file the tool does not understand changes nothing. */
class UnknownAnswersTest extends WorldTest {
    static Stream<Object> oddStatuses() {
        return Stream.of(1, "archived", NullNode.getInstance(), SimklEmulator.NO_STATUS);
    }

    /** A SIMKL row with a status SIMKL does not document is not a move out of Plan to Watch. */
    @ParameterizedTest(name = "status {0}")
    @MethodSource("oddStatuses")
    void aTitleWithAnUndocumentedStatusIsReportedAndLeftAloneOnBothSides(Object status) throws Exception {
        w.bothHave(List.of(ARRIVAL, DUNE, SEVERANCE));
        assertEquals(ExitCode.OK, w.sync().code);
        w.sb.simkl.oddStatus(DUNE.simkl(), status);
        w.sb.plex.watchlistRemove(SEVERANCE.plexKey());
        CliRun r = w.sync();
        assertEquals(ExitCode.OK, r.code, r.toString());
        assertTrue(plexTitles().contains("Dune: Part Two"), "not removed from Plex: " + r.out);
        assertEquals("plantowatch", w.sb.simkl.entry(DUNE.simkl()).status, "not written on SIMKL");
        assertEquals(List.of("Severance"), w.sb.simkl.erased().stream().map(e -> e.title().title()).toList(),
                "the person's own removal still goes through");
        assertEquals(1, r.out.lines().filter(l -> l.contains("Dune: Part Two")
                && l.contains("status it does not document")).count(),
                "reported once: " + r.out);
        assertEquals(ExitCode.OK, w.sync().code, "and again the next run");
        assertTrue(plexTitles().contains("Dune: Part Two"));
    }

    /** The table's state files are written with ' for " (read back as JSON). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "snapshot entry without a type | {'version':1,'snapshot':{'items':[{'title':'Arrival',"
                    + "'ids':{'imdb':'tt2543164'},'on_plex':true,'on_simkl':true}]}}"
                    + " | snapshot title 1 (\"Arrival\") has no type",
            "snapshot entry without a title | {'version':1,'snapshot':{'items':[{'type':'movie',"
                    + "'ids':{'imdb':'tt2543164'},'on_plex':true,'on_simkl':true}]}} | snapshot title 1 has no title",
            "snapshot entry without ids | {'version':1,'snapshot':{'items':[{'type':'movie','title':'Arrival',"
                    + "'on_plex':true,'on_simkl':true}]}} | snapshot title 1 (\"Arrival\") has no ids",
            "ledger entry without a type | {'version':1,'unresolved':[{'title':'X','ids':{'simkl':'1'},"
                    + "'missing_on':'plex'}]} | unresolved title 1 (\"X\") has no type",
            "SIMKL copy entry without a type | {'version':1,'simkl':{'activities':{},'buckets':{'movies':[{'title':'Y',"
                    + "'ids':{'simkl':'2'},'status':'plantowatch'}]}}}"
                    + " | title 1 of the SIMKL movies copy (\"Y\") has no type",
            "a version in quotes | {'version':'1'} | \"version\" that is not a whole number",
    })
    void aStateFileEntryWithoutItsPartsIsRefusedNamingItAndNothingIsDone(String what, String table, String named)
            throws Exception {
        String content = table.replace('\'', '"');
        w.bothHave(List.of(ARRIVAL, DUNE));
        Files.createDirectories(w.dir);
        Files.writeString(w.dir.resolve("state.json"), content);
        CliRun r = w.sync();
        assertEquals(ExitCode.USAGE, r.code, r.toString());
        assertTrue(r.err.contains("state.json") && r.err.contains(named), r.err);
        assertFalse(r.all().contains("Exception") || r.all().contains("Unexpected error"), r.all());
        assertEquals(content, Files.readString(w.dir.resolve("state.json")), "left as it is");
        assertEquals(0, w.sb.plex.writes() + w.sb.simkl.writes());
        assertEquals(Set.of("Arrival", "Dune: Part Two"), plexTitles());
    }
}
