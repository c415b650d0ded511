package simkl;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

/**
 * SIMKL's daily request allowance as its users report it (docs/services.md, "Usage rules"; SIMKL's
 * own pages were not seen to say): a number of requests a day per person, by the plan of the
 * account (the settings route's {@code account.type}), shared with every other SIMKL app the person
 * uses, and counted in days of New York time. Pure: no clock of its own.
 */
public final class SimklQuota {
    private SimklQuota() {}

    /** Where SIMKL's day begins and ends: its allowance resets at midnight US Eastern, as reported. */
    public static final ZoneId DAY_ZONE = ZoneId.of("America/New_York");

    /** A warning once this share of the day's allowance (in percent) is spent. */
    public static final int WARN_PERCENT = 80;

    /** The plans, each with the requests a day reported for it. */
    public enum Plan {
        FREE("free", 500), PRO("PRO", 1000), VIP("VIP", 10_000);

        private final String label;
        private final int perDay;

        Plan(String label, int perDay) {
            this.label = label;
            this.perDay = perDay;
        }

        /** The requests a day the plan is reported to allow. */
        public int perDay() {
            return perDay;
        }

        /** The count at which a run warns that the day's allowance is nearly spent. */
        public int warnAt() {
            return perDay * WARN_PERCENT / 100;
        }

        /** "a free account", "a PRO account", as a person reads it. */
        public String describe() {
            return "a " + label + " account";
        }

        /**
         * The plan SIMKL names in {@code account.type} ("free", "pro", "vip"). Unknown or absent (an
         * answer without it, a state.json from before it was recorded) is read as free: the smallest
         * allowance, so that no plan is spent faster than the tool assumes.
         */
        public static Plan of(String accountType) {
            String t = accountType == null ? "" : accountType.trim().toLowerCase(Locale.ROOT);
            if (t.startsWith("vip")) return VIP;
            if (t.startsWith("pro")) return PRO;
            return FREE;
        }
    }

    /** The day SIMKL counts {@code now} in. */
    public static LocalDate day(Instant now) {
        return now.atZone(DAY_ZONE).toLocalDate();
    }

    /** When the day {@code now} falls in ends: the next midnight in New York. */
    public static Instant resetAfter(Instant now) {
        return day(now).plusDays(1).atStartOfDay(DAY_ZONE).toInstant();
    }

    /** How many --watch rounds a day an interval makes (a round that finds nothing changed asks SIMKL once). */
    public static long roundsPerDay(Duration interval) {
        long seconds = Math.max(1, interval.toSeconds());
        return (Duration.ofDays(1).toSeconds() + seconds - 1) / seconds;
    }

    /** Whether a --watch every {@code interval} would spend more than half the plan's day on quiet rounds alone. */
    public static boolean watchTooOften(Duration interval, Plan plan) {
        return roundsPerDay(interval) * 2 > plan.perDay();
    }

    /** The shortest interval, in whole minutes, whose quiet rounds spend at most half the plan's day. */
    public static long shortestWatchMinutes(Plan plan) {
        long seconds = (Duration.ofDays(1).toSeconds() * 2 + plan.perDay() - 1) / plan.perDay();
        return (seconds + 59) / 60;
    }
}
