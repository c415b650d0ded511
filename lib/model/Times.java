package model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Times as people read them (pure): in the local time zone, to the second, with how far off they
 * are ("in 6 h, at 17:53:20"). Machine outputs (--json, the files, stderr stamps for logs) keep
 * ISO-8601 UTC: {@link #iso} renders the same sentences that way.
 */
public record Times(ZoneId zone, Instant now, boolean iso) {
    public Times(ZoneId zone, Instant now) {
        this(zone, now, false);
    }

    /** For programs (--json): every time as an ISO-8601 UTC stamp, the distance still in words. */
    public static Times iso(Instant now) {
        return new Times(ZoneOffset.UTC, now, true);
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DATE_CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss",
            Locale.ROOT);

    /** UTC, at this instant: for tests and places without a local zone. */
    public static Times utc(Instant now) {
        return new Times(ZoneId.of("UTC"), now);
    }

    /** "17:53:20" today, else "2026-11-30 17:53:20" (local time). */
    public String at(Instant t) {
        if (iso) return t.truncatedTo(ChronoUnit.SECONDS).toString();
        ZonedDateTime z = t.atZone(zone);
        LocalDate today = now.atZone(zone).toLocalDate();
        return z.toLocalDate().equals(today) ? CLOCK.format(z) : DATE_CLOCK.format(z);
    }

    /** "2026-11-30 17:53:20" (local time, with the date). */
    public String full(Instant t) {
        if (iso) return t.truncatedTo(ChronoUnit.SECONDS).toString();
        return DATE_CLOCK.format(t.atZone(zone));
    }

    /** "in 6 h, at 17:53:20" or "12 min ago, at 09:41:02". */
    public String when(Instant t) {
        Duration d = Duration.between(now, t);
        String span = span(d.abs());
        return (d.isNegative() ? span + " ago" : "in " + span) + ", at " + at(t);
    }

    /** {@link #when} of an ISO-8601 stamp; the stamp as it is when it cannot be read. */
    public String when(String iso) {
        try {
            return when(Instant.parse(iso));
        } catch (DateTimeParseException | NullPointerException e) {
            return String.valueOf(iso);
        }
    }

    /** {@link #at} of an ISO-8601 stamp; the stamp as it is when it cannot be read. */
    public String at(String iso) {
        try {
            return at(Instant.parse(iso));
        } catch (DateTimeParseException | NullPointerException e) {
            return String.valueOf(iso);
        }
    }

    /** "40 s", "25 min", "6 h", "6 h 30 min", "3 days". */
    public static String span(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) return s + " s";
        long m = s / 60;
        if (m < 60) return m + " min";
        long h = m / 60;
        if (h < 48) return h + " h" + (m % 60 == 0 ? "" : " " + m % 60 + " min");
        return h / 24 + " days";
    }
}
