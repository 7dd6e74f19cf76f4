package se.vardnav.visit;

import java.time.LocalDate;

/**
 * The asynchronous phase of an ended visit: the days the patient may still write in the case (1–3650).
 * The one rule for how it counts: the phase starts the day the visit ended, and people are shown the
 * count including that day, so a 3-day phase is shown as 4 days and its last day is the end day + 3.
 */
public record AsyncPhase(int days) {
    public static final int MIN_DAYS = 1;
    public static final int MAX_DAYS = 3650;

    public AsyncPhase {
        if (!valid(days)) {
            throw new IllegalArgumentException(problem(days));
        }
    }

    public static boolean valid(int days) {
        return days >= MIN_DAYS && days <= MAX_DAYS;
    }

    /** Why this many days is not a phase (for a 422 or an AE), or null when it is one. */
    public static String problem(int days) {
        return valid(days) ? null : "the asynchronous phase must be " + MIN_DAYS + "–" + MAX_DAYS + " days, not " + days;
    }

    /** The count shown to patients and staff: today is included. */
    public int shownDays() {
        return days + 1;
    }

    /** The last day the patient may write, for a visit that ended on {@code endDay}. */
    public LocalDate lastDay(LocalDate endDay) {
        return endDay.plusDays(days);
    }

    /** Whether the patient may still write on {@code day} in a visit that ended on {@code endDay}. */
    public boolean open(LocalDate endDay, LocalDate day) {
        return !day.isBefore(endDay) && !day.isAfter(lastDay(endDay));
    }
}
