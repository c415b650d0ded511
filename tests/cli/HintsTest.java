package cli;

import com.fasterxml.jackson.databind.JsonNode;
import files.Json;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import sandbox.Emulator.Fault;
import support.CliRun;
import support.Sandbox;
import support.SyncWorld;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static sandbox.Catalogue.ARRIVAL;
import static sandbox.Catalogue.COLLIDE_MOVIE;
import static sandbox.Catalogue.COLLIDE_SHOW;
import static sandbox.Catalogue.FRIEREN;

/**
 * Every command the tool tells a person to run, pasted as printed: each row drives the situation
 * that prints a hint (a missing or refused token, the guard, an ambiguous --why, a restore, a
 * broken state.json, the demo), takes each "plex_simkl_sync …" out of the text as a person would
 * copy it (the flags and their values, up to the first word that is neither), runs it, and checks
 * that it does what the hint says, in the folder the person was using.
 */
class HintsTest {
    @TempDir
    Path tmp;

    /** One situation: how to get there, the hints expected (DIR for the folder), and what running them must achieve. */
    record Row(String name, Function<SyncWorld, CliRun> situation, List<String> hints, Check after) {
        @Override
        public String toString() {
            return name;
        }
    }

    interface Check {
        void verify(SyncWorld w, List<CliRun> runs) throws Exception;
    }

    /** A CLI run that takes its tokens from config.json only, as a person's own setup does. */
    static CliRun.Builder ownTokens(SyncWorld w) {
        return w.cli().without("PLEX_ACCOUNT_TOKEN").without("SIMKL_ACCESS_TOKEN").without("SIMKL_CLIENT_ID")
                .without("SIMKL_CLIENT_SECRET");
    }

    static void config(SyncWorld w, String json) {
        try {
            Files.createDirectories(w.dir);
            Files.writeString(w.dir.resolve("config.json"), json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode configJson(SyncWorld w) throws Exception {
        return Json.MAPPER.readTree(w.dir.resolve("config.json").toFile());
    }

    static boolean onPlex(SyncWorld w, sandbox.Title t) {
        return w.sb.plex.watchlist().stream().anyMatch(p -> p.plexKey().equals(t.plexKey()));
    }

    static void allOk(List<CliRun> runs) {
        for (CliRun r : runs) assertEquals(ExitCode.OK, r.code, r.toString());
    }

    static Stream<Row> rows() {
        String app = "\"simkl\": {\"client_id\": \"" + Sandbox.SIMKL_CLIENT_ID + "\", \"client_secret\": \""
                + Sandbox.SIMKL_SECRET + "\"";
        return Stream.of(
                new Row("a fresh folder: the sign-ins, once the client id is in", w -> {
                    config(w, "{}");
                    CliRun r = ownTokens(w).run("--sync", "--dir", w.dir.toString());
                    assertEquals(ExitCode.USAGE, r.code);
                    assertTrue(r.err.contains("simkl.client_id is empty: create an app at simkl.com"), r.err);
                    String doctor = ownTokens(w).run("--doctor", "--dir", w.dir.toString()).out;
                    assertTrue(doctor.indexOf("[FAIL] simkl token: simkl.client_id is empty") >= 0
                            && doctor.indexOf("[FAIL] simkl token") < doctor.indexOf("[FAIL] plex token"),
                            "--doctor too, in the order a person fixes them: " + doctor);
                    config(w, "{" + app + "}}"); // the first step the message names, done by hand
                    return r;
                }, List.of("--dir DIR --init-simkl pin", "--dir DIR --init-plex"), (w, runs) -> {
                    allOk(runs);
                    assertEquals(Sandbox.SIMKL_TOKEN, configJson(w).at("/simkl/access_token").asText());
                    assertEquals(Sandbox.PLEX_TOKEN, configJson(w).at("/plex/account_token").asText());
                }),
                new Row("SIMKL refuses the token (401)", w -> {
                    config(w, "{" + app + ", \"access_token\": \"revoked-token-0123456789\"}, \"plex\": "
                            + "{\"account_token\": \"" + Sandbox.PLEX_TOKEN + "\"}}");
                    CliRun r = ownTokens(w).run("--sync", "--dir", w.dir.toString());
                    assertEquals(ExitCode.AUTH, r.code, r.toString());
                    return r;
                }, List.of("--dir DIR --init-simkl pin"), (w, runs) -> {
                    allOk(runs);
                    assertEquals(Sandbox.SIMKL_TOKEN, configJson(w).at("/simkl/access_token").asText());
                    assertEquals(ExitCode.OK, ownTokens(w).run("--sync", "--dir", w.dir.toString()).code);
                }),
                new Row("Plex refuses the token (401), in a sync and in --doctor", w -> {
                    config(w, "{" + app + ", \"access_token\": \"" + Sandbox.SIMKL_TOKEN + "\"}, \"plex\": "
                            + "{\"account_token\": \"expired-plex-token-0123456789\"}}");
                    CliRun sync = ownTokens(w).run("--sync", "--dir", w.dir.toString());
                    assertEquals(ExitCode.AUTH, sync.code, sync.toString());
                    CliRun doctor = ownTokens(w).run("--doctor", "--dir", w.dir.toString());
                    return new CliRun(doctor.code, doctor.out, sync.err + doctor.err);
                }, List.of("--dir DIR --init-simkl pin", "--dir DIR --init-plex", "--dir DIR --init-plex",
                        "--dir DIR --init-plex"),
                        (w, runs) -> {
                            allOk(runs);
                            assertEquals(Sandbox.PLEX_TOKEN, configJson(w).at("/plex/account_token").asText());
                            assertEquals(ExitCode.OK, ownTokens(w).run("--sync", "--dir", w.dir.toString()).code);
                        }),
                new Row("signed in to SIMKL: a dry run comes next", w -> {
                    config(w, "{" + app + "}, \"plex\": {\"account_token\": \"" + Sandbox.PLEX_TOKEN + "\"}}");
                    CliRun r = ownTokens(w).run("--init-simkl", "pin", "--dir", w.dir.toString());
                    assertEquals(ExitCode.OK, r.code, r.toString());
                    return r;
                }, List.of("--dir DIR --sync --dry-run"), (w, runs) -> {
                    allOk(runs);
                    assertTrue(runs.get(0).err.contains("dry run"), runs.get(0).toString());
                }),
                new Row("signed in to SIMKL before Plex: the Plex sign-in comes next", w -> {
                    config(w, "{" + app + "}}");
                    CliRun r = ownTokens(w).run("--init-simkl", "pin", "--dir", w.dir.toString());
                    assertEquals(ExitCode.OK, r.code, r.toString());
                    return r;
                }, List.of("--dir DIR --init-plex"), (w, runs) -> {
                    allOk(runs);
                    assertEquals(Sandbox.PLEX_TOKEN, configJson(w).at("/plex/account_token").asText());
                }),
                new Row("signed in to Plex before SIMKL: the SIMKL sign-in comes next", w -> {
                    config(w, "{" + app + "}}");
                    CliRun r = ownTokens(w).run("--init-plex", "--dir", w.dir.toString());
                    assertEquals(ExitCode.OK, r.code, r.toString());
                    return r;
                }, List.of("--dir DIR --init-simkl pin"), (w, runs) -> {
                    allOk(runs);
                    assertEquals(Sandbox.SIMKL_TOKEN, configJson(w).at("/simkl/access_token").asText());
                }),
                new Row("the deletion guard withholds a removal", w -> {
                    w.plexHas(ARRIVAL);
                    w.simklHas(ARRIVAL);
                    assertEquals(ExitCode.OK, w.sync().code);
                    w.sb.plex.watchlistRemove(ARRIVAL.plexKey());
                    CliRun r = w.sync();
                    assertEquals(ExitCode.GUARD, r.code);
                    return r;
                }, List.of("--dir DIR --sync --max-delete 1",
                        "--dir DIR --apply DIR/plans/withheld-20261124T120200Z.json"), (w, runs) -> {
                    assertEquals(ExitCode.OK, runs.get(0).code, runs.get(0).toString());
                    assertTrue(w.sb.simkl.inStatus("plantowatch").isEmpty(), "the removal it allowed was made");
                    // the plan kept of the held-back run is refused once the list it read has changed
                    assertEquals(ExitCode.USAGE, runs.get(1).code, runs.get(1).toString());
                    assertTrue(runs.get(1).err.contains("SIMKL: - Arrival (2016)"), runs.get(1).err);
                }),
                new Row("an ambiguous --why", w -> {
                    w.plexHas(COLLIDE_MOVIE);
                    w.simklHas(COLLIDE_SHOW);
                    assertEquals(ExitCode.OK, w.sync().code);
                    return w.cli().run("--why", "collision", "--dir", w.dir.toString());
                }, List.of("--dir DIR --why simkl:" + COLLIDE_SHOW.simkl(),
                        "--dir DIR --why simkl:" + COLLIDE_MOVIE.simkl()), (w, runs) -> {
                    allOk(runs);
                    assertTrue(runs.get(0).out.startsWith("Collision (Series) (2009), show"), runs.get(0).out);
                    assertTrue(runs.get(1).out.startsWith("Collision (Film) (2013), movie"), runs.get(1).out);
                }),
                new Row("the backups, listed", w -> {
                    w.plexHas(ARRIVAL);
                    w.simklHas(ARRIVAL, FRIEREN); // the sync adds Frieren to Plex, after a backup without it
                    assertEquals(ExitCode.OK, w.sync().code);
                    assertTrue(onPlex(w, FRIEREN));
                    return w.cli().run("--restore", "--dir", w.dir.toString());
                }, List.of("--dir DIR --restore 20261124T120100Z --side plex"), (w, runs) -> {
                    allOk(runs);
                    assertFalse(onPlex(w, FRIEREN), "Plex as in that backup");
                }),
                new Row("a restore, undone", w -> {
                    w.plexHas(ARRIVAL);
                    w.simklHas(ARRIVAL, FRIEREN);
                    assertEquals(ExitCode.OK, w.sync().code);
                    CliRun r = w.cli().run("--restore", "latest", "--side", "plex", "--dir", w.dir.toString());
                    assertFalse(onPlex(w, FRIEREN));
                    return r;
                }, List.of("--dir DIR --restore 20261124T120200Z --side plex"), (w, runs) -> {
                    allOk(runs);
                    assertTrue(onPlex(w, FRIEREN), "undone");
                }),
                new Row("state.json that cannot be read", w -> {
                    try {
                        Files.createDirectories(w.dir);
                        Files.writeString(w.dir.resolve("state.json"), "{\"version\": \"1\"}");
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    CliRun r = w.sync();
                    assertEquals(ExitCode.USAGE, r.code);
                    return r;
                }, List.of("--dir DIR --reset-state"), (w, runs) -> {
                    allOk(runs);
                    assertEquals(ExitCode.OK, w.sync().code, "the next sync runs (and re-seeds)");
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachHintRunsAsPrintedAndDoesWhatItSays(Row row) throws Exception {
        try (SyncWorld w = new SyncWorld(Files.createTempDirectory(tmp, "w"))) {
            w.sb.simkl.autoApprovePins(Sandbox.SIMKL_TOKEN);
            w.sb.plex.autoApprovePins(Sandbox.PLEX_TOKEN);
            CliRun shown = row.situation().apply(w);
            List<List<String>> hints = hints(shown.out + "\n" + shown.err, "plex_simkl_sync");
            assertEquals(row.hints().stream().map(h -> "plex_simkl_sync " + h.replace("DIR", w.dir.toString()))
                    .toList(), hints.stream().map(h -> String.join(" ", h)).toList(), shown.toString());
            List<CliRun> runs = new ArrayList<>();
            for (List<String> hint : hints) {
                runs.add(ownTokensIfConfigHasThem(w).run(hint.subList(1, hint.size()).toArray(String[]::new)));
            }
            row.after().verify(w, runs);
        }
    }

    /** Runs as the situation did: with the person's own tokens when config.json holds an app of its own. */
    private static CliRun.Builder ownTokensIfConfigHasThem(SyncWorld w) throws Exception {
        Path config = w.dir.resolve("config.json");
        boolean own = Files.exists(config) && Json.MAPPER.readTree(config.toFile()).at("/simkl/client_id").isTextual();
        return own ? ownTokens(w) : w.cli();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("demoCommands")
    void theDemosClosingHintNamesTheMainCommand(String typed, String hinted) throws Exception {
        try (SyncWorld w = new SyncWorld(Files.createTempDirectory(tmp, "demo"))) {
            CliRun r = w.cli().env("PLEX_SIMKL_SYNC_COMMAND", typed).run("--demo");
            assertEquals(ExitCode.OK, r.code, r.toString());
            assertFalse(r.all().contains("plex_simkl_sync-demo@"), "no demo alias in a hint: " + r.all());
            List<List<String>> hints = hints(r.all(), hinted);
            assertFalse(hints.isEmpty(), r.all());
            for (List<String> hint : hints) {
                Invocation inv = Flags.parse(hint.subList(1, hint.size()).toArray(String[]::new));
                assertNotEquals(Verb.DEMO, inv.verb(), "a hint after the demo leads out of it: " + hint);
            }
            assertTrue(hints.stream().anyMatch(h -> String.join(" ", h).equals(hinted + " --sync --dry-run")),
                    hints.toString());
        }
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> demoCommands() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("jbang plex_simkl_sync-demo@https://example.org/pss/"
                        + "jbang-catalog.json", "jbang plex_simkl_sync@https://example.org/pss/jbang-catalog.json"),
                org.junit.jupiter.params.provider.Arguments.of("plex_simkl_sync", "plex_simkl_sync"));
    }

    private static final Pattern WORD = Pattern.compile("'[^']*'|\"[^\"]*\"|\\S+");

    /**
     * Each command in the text that starts with {@code command}, as a person copies it: the command,
     * then flags the tool knows and, after a flag that takes one, its value; a word that is neither
     * (an English word, "(or"), or punctuation closing a sentence, ends it.
     */
    static List<List<String>> hints(String text, String command) {
        List<List<String>> out = new ArrayList<>();
        int from = 0;
        for (int at; (at = text.indexOf(command + " --", from)) >= 0; from = at + command.length()) {
            if (at > 0 && !Character.isWhitespace(text.charAt(at - 1))) continue;
            String line = text.substring(at + command.length()).lines().findFirst().orElse("");
            List<String> hint = new ArrayList<>(List.of(command));
            Matcher m = WORD.matcher(line);
            Flag<?> needsValue = null;
            while (m.find()) {
                String word = m.group();
                boolean ends = !word.startsWith("'") && !word.startsWith("\"") && word.matches(".*[.,;:)]$");
                String bare = ends ? word.substring(0, word.length() - 1) : word;
                if (bare.length() > 1 && (bare.startsWith("'") || bare.startsWith("\""))) {
                    bare = bare.substring(1, bare.length() - 1);
                }
                if (needsValue != null && !(needsValue.whenBare != null && bare.startsWith("--"))) {
                    // a value; an optional one ("--restore [BACKUP]") only when a value follows
                    hint.add(bare);
                    needsValue = null;
                } else if (bare.startsWith("--")) {
                    needsValue = null;
                    String name = bare.substring(2);
                    Flag<?> flag = Flags.ALL.stream().filter(f -> f.name.equals(name)).findFirst().orElse(null);
                    assertNotNull(flag, "a hint names a flag the tool does not have: " + bare + " in " + line);
                    hint.add(bare);
                    if (flag.takesValue()) needsValue = flag;
                } else {
                    break;
                }
                if (ends) break;
            }
            out.add(hint);
        }
        return out;
    }
}
