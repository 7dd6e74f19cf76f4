package se.vardnav.journal.mllp;

/**
 * The negative ACKs the MLLP edge sends itself, before a message reaches a route: for a message over the size
 * limit and for bytes without MLLP framing. {@code header} is the first segment as far as it was read (MSH
 * for the ACK's addressing and MSA-2), possibly empty.
 */
public interface EdgeAnswers {
    String oversized(String header, int limitBytes);

    String unframed(String header);
}
