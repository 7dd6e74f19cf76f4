package se.vardnav.booking;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.Location;
import ca.uhn.hl7v2.parser.EncodingNotSupportedException;

import java.util.List;
import java.util.Locale;

/**
 * HAPI's parse errors as reasons that are safe to send back in an ACK, keep in a dead letter and log. HAPI
 * quotes the message in its texts ("the first 50 chars of the message …: MSH|…|PID|…", "Invalid message
 * content: "…"", "Can't parse critical fields from MSH segment …: MSH|…"), which puts a personnummer or a
 * name wherever the reason goes. So HAPI's text is never passed on: a known kind of error becomes a fixed
 * sentence, and any error keeps what HAPI knows of the position (segment, field) and its table 0357 code.
 */
public final class Hl7ParseErrors {
    private Hl7ParseErrors() {}

    /** Fixed sentences for what HAPI's parser reports, by how HAPI's message begins (never by what follows). */
    private record Known(String prefix, String sentence) {}

    private static final List<Known> KNOWN = List.of(
            new Known("Determine encoding for message", "not HL7 v2 ER7 text: a message must begin with an MSH segment"),
            new Known("Can't parse message beginning", "not HL7 v2 ER7 text: a message must begin with an MSH segment"),
            new Known("Couldn't find MSH segment", "no MSH segment"),
            new Known("Can't find field separator in MSH", "MSH-1: field separator missing"),
            new Known("Invalid or incomplete encoding characters", "MSH-2: encoding characters missing or incomplete"),
            new Known("Encoding characters (MSH-2)", "MSH-2: encoding characters invalid"),
            new Known("Can't find version ID", "MSH-12: version id missing"),
            new Known("Can't determine message structure from MSH-9", "MSH-9: message type missing or unknown"),
            new Known("Can't find message structure (MSH-9-3)", "MSH-9: message structure unknown"),
            new Known("Can't parse critical fields from MSH segment", "MSH: the fields every message needs (MSH-9, MSH-10, MSH-12) cannot be read"),
            new Known("Invalid message content", "characters that are not allowed in HL7 v2 text"),
            new Known("Can't find message class", "message type or version not supported"));

    /** What went wrong, with position and code but without any of the message's content. */
    public static String reason(HL7Exception e) {
        String what = known(e);
        Location at = e.getLocation();
        // a segment name is three letters of the structure; anything else could be a piece of content
        String where = at == null || at.getSegmentName() == null || !at.getSegmentName().matches("[A-Z][A-Z0-9]{2}")
                ? "" : " at " + position(at);
        ErrorCode code = e.getError();
        String table = code == null ? "" : " (HL7 error " + code.getCode() + ", " + code.getMessage().toLowerCase(Locale.ROOT) + ")";
        return what + where + table;
    }

    private static String known(HL7Exception e) {
        if (e instanceof EncodingNotSupportedException) {
            return KNOWN.get(0).sentence();
        }
        String text = e.getMessageWithoutLocation();
        if (text != null) {
            for (Known k : KNOWN) {
                if (text.startsWith(k.prefix())) {
                    return k.sentence();
                }
            }
        }
        return "the message does not follow HL7 v2 syntax";
    }

    /** SEG-field[-component], the way connectors/journal-hl7/README.md names fields. */
    private static String position(Location at) {
        StringBuilder s = new StringBuilder(at.getSegmentName());
        if (at.getField() > 0) {
            s.append('-').append(at.getField());
            if (at.getComponent() > 0) {
                s.append('-').append(at.getComponent());
            }
        }
        return s.toString();
    }
}
