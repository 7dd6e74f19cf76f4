package se.vardnav.letter.platform;

import se.vardnav.connector.platform.PlatformTransientException;

import java.util.Set;

/**
 * How often the platform may fail a letter before it goes to the print list. Only failures that may be the
 * letter's own doing count: the platform was reached and did not answer in time, or answered 408, 500 or 504.
 * A platform that is down or says "later" (refused connection, 429, 502, 503) does not count: every letter
 * waits for it as bookings do, and none goes to paper because of an outage.
 */
public record LetterRetryCap(int maxAttempts) {
    private static final Set<Integer> COUNTED = Set.of(408, 500, 504);

    public LetterRetryCap {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("vardnav.letter.platform-max-attempts must be at least 1");
        }
    }

    /** Whether this failure counts against the letter. */
    public boolean counts(PlatformTransientException failure) {
        return failure.noAnswer() || COUNTED.contains(failure.statusCode());
    }

    public boolean exhausted(int failures) {
        return failures >= maxAttempts;
    }

    /** What staff read on the print list and in the status report. */
    public String printReason(int failures, PlatformTransientException last) {
        String what = last.noAnswer() ? "no answer in time" : "HTTP " + last.statusCode();
        return "the platform did not take the letter in " + failures + " attempts (last: " + what + ")";
    }
}
