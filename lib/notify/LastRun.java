package notify;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import files.AtomicFile;
import files.Json;
import model.Times;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * last_run.json beside state.json: how the last sync ended (when, its exit code, one line), written
 * whole by every sync and every --watch round, failed ones too, and read by --health.
 */
public record LastRun(String at, @JsonProperty("exit_code") int exitCode, String summary) {
    /** What --health says of it. */
    public record Verdict(boolean healthy, String text) {}

    public void save(Path file) throws IOException {
        AtomicFile.write(file, (Json.pretty(this) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The record, or null when no sync has finished yet; an unreadable file reads as a failure to say. */
    public static LastRun load(Path file) throws IOException {
        try {
            return Json.MAPPER.readValue(Files.readString(file), LastRun.class);
        } catch (NoSuchFileException e) {
            return null;
        } catch (JsonProcessingException e) {
            return new LastRun(null, -1, file + " could not be read (" + e.getOriginalMessage() + ")");
        }
    }

    /** Healthy when the last sync ended 0 no longer than {@code maxAge} ago (pure). */
    /** How far ahead of this clock a record may be (another machine's clock, a little ahead) and still count. */
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    public static Verdict judge(LastRun last, Times times, Duration maxAge, String where) {
        Instant now = times.now();
        if (last == null) return new Verdict(false, "never run: no sync has finished in " + where + " yet");
        Instant at;
        try {
            at = Instant.parse(last.at());
        } catch (DateTimeParseException | NullPointerException e) {
            return new Verdict(false, "unknown: " + last.summary());
        }
        Duration age = Duration.between(at, now);
        // a record from the future proves nothing about now (a clock set wrong, a file copied in): not healthy
        if (age.compareTo(FUTURE_TOLERANCE.negated()) < 0) {
            return new Verdict(false, "invalid: the last run is recorded at " + times.full(at) + ", in the future; "
                    + "check this machine's clock, then run a sync");
        }
        String ago = times.when(at);
        if (last.exitCode() != 0) {
            return new Verdict(false, "failed: the last sync, " + ago + ", ended with exit " + last.exitCode() + ": "
                    + last.summary());
        }
        if (age.compareTo(maxAge) > 0) {
            return new Verdict(false, "stale: the last sync finished " + ago + ", longer ago than "
                    + Times.span(maxAge)
                    + "; is the scheduler (cron, --watch, the container) still running?");
        }
        return new Verdict(true, "ok: the last sync finished " + ago + " (" + last.summary() + ")");
    }

}
