package se.vardnav.journal;

import ca.uhn.hl7v2.ErrorCode;
import se.vardnav.journal.mllp.EdgeAnswers;

/** The negative ACKs of the MLLP edge, in the hub's ACK format (ERR-8 says why). */
final class MllpEdgeAcks implements EdgeAnswers {

    @Override
    public String oversized(String header, int limitBytes) {
        return Hl7Acks.reject(header, "the message is larger than " + limitBytes + " bytes, the most the hub takes;"
                + " it was not read", ErrorCode.DATA_TYPE_ERROR);
    }

    @Override
    public String unframed(String header) {
        return Hl7Acks.reject(header, "bytes without MLLP framing (0x0B message 0x1C 0x0D); the connection is closed",
                ErrorCode.SEGMENT_SEQUENCE_ERROR);
    }
}
