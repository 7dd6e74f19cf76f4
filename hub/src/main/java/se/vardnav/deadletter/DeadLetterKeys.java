package se.vardnav.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import se.vardnav.fhir.Fhir;

import java.util.regex.Pattern;

/**
 * The business keys a dead letter carries, so staff can find it by the booking id, letter id or SMS key they know:
 * the booking id header, the identifiers of a FHIR body (notification key, journal booking id), or a letter queue's
 * body, which is the letter id itself. Only identifiers are read; nothing of the content is kept or shown.
 */
public record DeadLetterKeys(String bookingId, String letterId, String smsKey) {
    public static final DeadLetterKeys NONE = new DeadLetterKeys(null, null, null);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LETTER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    /** From the booking id and notice key headers (either may be null) and the message body (sealed: no keys from it). */
    public static DeadLetterKeys of(String bookingIdHeader, String noticeKeyHeader, String body) {
        DeadLetterKeys fromBody = of(bookingIdHeader, body);
        String notice = blankToNull(noticeKeyHeader);
        return notice == null ? fromBody : new DeadLetterKeys(fromBody.bookingId(), fromBody.letterId(), notice);
    }

    /** From the booking id header (may be null) and the message body. */
    public static DeadLetterKeys of(String bookingIdHeader, String body) {
        String booking = blankToNull(bookingIdHeader);
        String letter = null;
        String sms = null;
        if (body != null) {
            String text = body.strip();
            if (text.startsWith("{")) {
                try {
                    JsonNode root = JSON.readTree(text);
                    sms = identifier(root.path("identifier"), Fhir.NOTIFICATION_KEY);
                    if (booking == null) {
                        booking = identifier(root.path("identifier"), Fhir.JOURNAL_BOOKING_ID);
                    }
                    if (booking == null) {
                        for (JsonNode about : root.path("about")) {
                            String v = identifier(java.util.List.of(about.path("identifier")), Fhir.JOURNAL_BOOKING_ID);
                            booking = v != null ? v : booking;
                        }
                    }
                } catch (java.io.IOException | RuntimeException notJson) {
                    // no keys from the body
                }
            } else if (LETTER_ID.matcher(text).matches()) {
                letter = text;
            }
        }
        return new DeadLetterKeys(booking, letter, sms);
    }

    /** Whether any key equals the searched one (case-insensitive). */
    public boolean matches(String key) {
        return key != null && (key.equalsIgnoreCase(nz(bookingId)) || key.equalsIgnoreCase(nz(letterId)) || key.equalsIgnoreCase(nz(smsKey)));
    }

    private static String identifier(Iterable<JsonNode> identifiers, String system) {
        for (JsonNode id : identifiers) {
            if (system.equals(id.path("system").asText(null)) && id.hasNonNull("value")) {
                return id.get("value").asText();
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
