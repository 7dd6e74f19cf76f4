package se.vardnav.connector.journal;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.Severity;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v25.message.ACK;
import ca.uhn.hl7v2.model.v25.segment.ERR;
import ca.uhn.hl7v2.model.v25.segment.MSH;
import ca.uhn.hl7v2.parser.PipeParser;

import java.io.IOException;

/**
 * HL7 v2.5 acknowledgements for the journal connector, as ER7 strings. AE/AR carry an ERR segment whose
 * ERR-8 (and MSA-3) hold the reason in plain words, for the journal system's operator. Reasons must not
 * contain personal data; InvalidBookingException reasons don't.
 */
public final class Hl7Acks {
    private static final PipeParser PARSER = new PipeParser();

    private Hl7Acks() {}

    /** AA: the message was taken over by the hub. */
    public static String accept(Message in) {
        return ack(in, AcknowledgmentCode.AA, null, null);
    }

    /** AE: understood but not processable (e.g. a required field missing); the sender should fix and resend. */
    public static String error(Message in, String reason, ErrorCode code) {
        return ack(in, AcknowledgmentCode.AE, reason, code);
    }

    /** AR: rejected (e.g. unsupported trigger event) without processing. */
    public static String reject(Message in, String reason, ErrorCode code) {
        return ack(in, AcknowledgmentCode.AR, reason, code);
    }

    /** AR for input that could not be parsed: MSH fields are taken best-effort from the raw text. */
    public static String reject(String raw, String reason) {
        try {
            ACK ack = new ACK();
            ack.initQuickstart("ACK", rawField(raw, 9, 2), "P");
            MSH msh = ack.getMSH();
            // answer to the sender: swap sending and receiving application/facility
            msh.getMsh3_SendingApplication().getNamespaceID().setValue(rawField(raw, 5, 1));
            msh.getMsh4_SendingFacility().getNamespaceID().setValue(rawField(raw, 6, 1));
            msh.getMsh5_ReceivingApplication().getNamespaceID().setValue(rawField(raw, 3, 1));
            msh.getMsh6_ReceivingFacility().getNamespaceID().setValue(rawField(raw, 4, 1));
            ack.getMSA().getMsa1_AcknowledgmentCode().setValue(AcknowledgmentCode.AR.name());
            ack.getMSA().getMsa2_MessageControlID().setValue(rawField(raw, 10, 1));
            ack.getMSA().getMsa3_TextMessage().setValue(shortText(reason));
            fillErr(ack.getERR(), reason, ErrorCode.SEGMENT_SEQUENCE_ERROR);
            return PARSER.encode(ack);
        } catch (HL7Exception | IOException e) {
            throw new IllegalStateException("cannot build AR acknowledgement", e);
        }
    }

    private static String ack(Message in, AcknowledgmentCode code, String reason, ErrorCode errorCode) {
        try {
            Message ack = in.generateACK(code, null);
            if (reason != null) {
                msaAndErr(ack, reason, errorCode);
            }
            return PARSER.encode(ack);
        } catch (HL7Exception | IOException e) {
            throw new IllegalStateException("cannot build " + code + " acknowledgement", e);
        }
    }

    /** Works on the generic structure so that an ACK of another version (if the input was not 2.5) also gets one. */
    private static void msaAndErr(Message ack, String reason, ErrorCode errorCode) throws HL7Exception {
        ca.uhn.hl7v2.util.Terser t = new ca.uhn.hl7v2.util.Terser(ack);
        t.set("/MSA-3", shortText(reason));
        if (ack instanceof ACK v25) {
            fillErr(v25.getERR(), reason, errorCode);
        } else {
            // pre-2.5 ERR has only ERR-1 (ELD): segment^sequence^field^code&text
            t.set("/ERR-1-4-1", String.valueOf(errorCode.getCode()));
            t.set("/ERR-1-4-2", reason);
        }
    }

    private static void fillErr(ERR err, String reason, ErrorCode code) throws HL7Exception {
        err.getErr3_HL7ErrorCode().getIdentifier().setValue(String.valueOf(code.getCode()));
        err.getErr3_HL7ErrorCode().getText().setValue(code.getMessage());
        err.getErr3_HL7ErrorCode().getNameOfCodingSystem().setValue("HL70357");
        err.getErr4_Severity().setValue(Severity.ERROR.getCode());
        err.getErr8_UserMessage().setValue(reason);
    }

    /** MSA-3 is ST (80 characters in 2.5): the full reason is in ERR-8. */
    private static String shortText(String reason) {
        return reason == null || reason.length() <= 80 ? reason : reason.substring(0, 77) + "...";
    }

    /** Field n (component c) of MSH, read by splitting on the field separator; null if absent. */
    static String rawField(String raw, int field, int component) {
        if (raw == null) {
            return null;
        }
        int at = raw.indexOf("MSH");
        if (at < 0 || raw.length() < at + 8) {
            return null;
        }
        String msh = raw.substring(at).split("[\r\n]", 2)[0];
        char fs = msh.charAt(3);
        char cs = msh.charAt(4);
        String[] fields = msh.split(java.util.regex.Pattern.quote(String.valueOf(fs)), -1);
        // fields[0] is "MSH" and MSH-1 is the separator itself, so MSH-n is fields[n - 1]
        if (field - 1 >= fields.length) {
            return null;
        }
        String[] comps = fields[field - 1].split(java.util.regex.Pattern.quote(String.valueOf(cs)), -1);
        String v = component - 1 < comps.length ? comps[component - 1].strip() : "";
        return v.isEmpty() ? null : v;
    }
}
