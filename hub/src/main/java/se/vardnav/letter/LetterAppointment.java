package se.vardnav.letter;

import java.time.Instant;

/**
 * The appointment a kallelse is about, as the journal system sent it with the letter: what a digital
 * mailbox shows as the booking (Kivra's {@code booking}: title, start_time, end_time, location,
 * description). Title and description are shown in calendars, so the journal puts nothing sensitive there.
 */
public record LetterAppointment(String title, Instant start, Instant end, String location, String description) {
    /** Never the texts. */
    @Override
    public String toString() {
        return "LetterAppointment[" + start + "]";
    }
}
