package sync;

import http.LimitException;
import model.Plural;
import simkl.SimklQuota;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The day's SIMKL requests as the syncs of this folder count them (state.json's simkl_requests),
 * against the allowance of the account's plan ({@link SimklQuota}): when a run warns, and when it
 * asks SIMKL nothing at all. The count is a floor: SIMKL counts the person's other SIMKL apps too.
 * Pure: the time is given.
 *
 * @param used         requests counted for SIMKL's day (New York time) that {@code now} falls in
 * @param plan         the account's plan as state.json records it (unknown: free)
 * @param now          the time the budget is taken at
 * @param resetsAt     when that day ends
 * @param refusedUntil when SIMKL, having said the day's requests are used up, is asked again; null
 *                     when it did not say so (or that time has passed)
 */
public record SimklBudget(int used, SimklQuota.Plan plan, Instant now, Instant resetsAt, Instant refusedUntil) {
    /** The longest wait asked with a quota answer that is taken as it is; a longer one is read as the day's end. */
    static final Duration LONGEST_ASKED = Duration.ofDays(2);

    static SimklBudget of(State st, Instant now) {
        State.Budget b = st.simklRequests();
        int used = b == null ? 0 : b.countOn(SimklQuota.day(now), SimklQuota.DAY_ZONE);
        Instant refused = b == null ? null : b.refusedUntilInstant();
        if (refused != null && !refused.isAfter(now)) refused = null;
        String plan = st.simklAccount() == null ? null : st.simklAccount().plan();
        return new SimklBudget(used, SimklQuota.Plan.of(plan), now, SimklQuota.resetAfter(now), refused);
    }

    /** Whether the day's allowance is spent: SIMKL said so, or this folder's own count reached the plan's. */
    public boolean spent() {
        return refusedUntil != null || used >= plan.perDay();
    }

    /** Whether the day's count reached the share of the allowance that is warned about. */
    public boolean nearing() {
        return used >= plan.warnAt();
    }

    /** When SIMKL is asked again once the day is spent. */
    Instant askAgainAt() {
        return refusedUntil != null ? refusedUntil : resetsAt;
    }

    /** The state with {@code more} requests counted for today (a day SIMKL refused stays refused). */
    State counted(State st, int more) {
        return st.withSimklRequests(new State.Budget(SimklQuota.day(now).toString(), used + more,
                SimklQuota.DAY_ZONE.getId(), refusedUntil == null ? null : refusedUntil.toString()));
    }

    /**
     * This budget after SIMKL's answer that the day's requests are used up: SIMKL is not asked
     * again before the wait it asked for (within two days), or else before its day ends.
     */
    SimklBudget refusedBy(LimitException e) {
        Duration asked = e.retryAfter();
        Instant until = asked != null && !asked.isNegative() && asked.compareTo(LONGEST_ASKED) <= 0
                ? now.plus(asked) : resetsAt;
        return new SimklBudget(used, plan, now, resetsAt, until);
    }

    /** This budget with {@code more} requests counted. */
    SimklBudget plus(int more) {
        return new SimklBudget(used + more, plan, now, resetsAt, refusedUntil);
    }

    /** "the day's limit is used up; it resets at 06:00 (local time)", the local time in {@code zone}. */
    String usedUp(ZoneId zone) {
        Instant at = askAgainAt();
        String pattern = Duration.between(now, at).compareTo(Duration.ofDays(1)) < 0 ? "HH:mm" : "yyyy-MM-dd HH:mm";
        return "the day's limit is used up; it resets at "
                + DateTimeFormatter.ofPattern(pattern, Locale.ROOT).format(at.atZone(zone)) + " (local time)";
    }

    /** That the day is spent, when it resets, and who said so: SIMKL, or this folder's count. */
    public String spent(ZoneId zone) {
        String why = refusedUntil != null ? "SIMKL answered earlier that this account's requests for the day are "
                + "used up."
                : "The syncs of this folder sent SIMKL " + Plural.of(used, "request") + " today, all "
                        + plan.describe() + " is reported to be allowed.";
        return usedUp(zone) + ". " + why;
    }

    /** Why a run asks SIMKL nothing: the day is spent. */
    String spentMessage(ZoneId zone) {
        return "SIMKL: " + spent(zone) + " Nothing was asked of either service or changed; the first run after that "
                + "syncs. " + ADVICE;
    }

    /**
     * What is said when SIMKL answers, during a run, that the day's requests are used up;
     * {@code recorded}: state.json holds it, so that no run asks SIMKL before then.
     */
    String refusalMessage(ZoneId zone, int status, boolean recorded) {
        return "SIMKL: " + usedUp(zone) + ". It answered HTTP " + status + " (a daily quota, which counts this "
                + "account's requests from all its SIMKL apps; the syncs of this folder sent it "
                + Plural.of(used, "request") + " today). Nothing more was asked of it in this run"
                + (recorded ? ", and no run asks it again before then. " : ". ") + ADVICE;
    }

    /** The day's count against the plan's allowance, and when SIMKL's day ends, as --doctor says it. */
    public String today(ZoneId zone) {
        return Plural.of(used, "request") + " to SIMKL today from the syncs of this folder, of the " + plan.perDay()
                + " a day " + plan.describe() + " is reported to be allowed (your other SIMKL apps count too; SIMKL's "
                + "day ends at midnight New York time, " + localTime(resetsAt, zone) + " local time).";
    }

    /** The warning once the day's count nears the allowance, or null. */
    String warning(ZoneId zone) {
        if (!nearing()) return null;
        return "SIMKL: " + Plural.of(used, "request") + " today from the syncs of this folder, of the "
                + plan.perDay() + " a day " + plan.describe() + " is reported to be allowed (your other SIMKL apps "
                + "count too; the day ends at " + localTime(resetsAt, zone) + " local time). " + ADVICE;
    }

    static String localTime(Instant at, ZoneId zone) {
        return DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).format(at.atZone(zone));
    }

    static final String ADVICE = "Sync less often: every 30 minutes or more suits a watchlist.";
}
