package se.vardnav.journal;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.Severity;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v25.message.ACK;
import ca.uhn.hl7v2.model.v25.segment.ERR;
import ca.uhn.hl7v2.model.v25.segment.MSH;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.Terser;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * HL7 v2.5 original-mode acknowledgements for the journal connector, as ER7 strings. AE/AR carry an ERR
 * segment: ERR-3 (table 0357 code), ERR-4 severity E and ERR-8 the reason in plain words for the journal
 * system's operator (also in MSA-3, shortened). Reasons must not contain personal data.
 * Built by hand rather than with Message.generateACK: that uses HAPI's default id generator, which
 * writes an id_file into the working directory.
 */
public final class Hl7Acks {
    /** One context for every ACK: a message without a parser makes a new one on each field set. */
    private static final HapiContext CONTEXT = context();
    private static final PipeParser PARSER = CONTEXT.getPipeParser();
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSZ");
    private static final AtomicLong ACK_SEQ = new AtomicLong(System.currentTimeMillis());

    private Hl7Acks() {}

    private static HapiContext context() {
        HapiContext context = new DefaultHapiContext(new CanonicalModelClassFactory("2.5"));
        context.setValidationContext(ValidationContextFactory.noValidation());
        context.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
        return context;
    }

    /** AA: the hub has taken over the message. */
    public static String accept(Message in) {
        return ack(header(in), AcknowledgmentCode.AA, null, null);
    }

    /** AE: understood but not processable (e.g. required field missing); the sender should fix and resend. */
    public static String error(Message in, String reason, ErrorCode code) {
        return ack(header(in), AcknowledgmentCode.AE, reason, code);
    }

    /** AR: rejected without processing (e.g. unsupported trigger event). */
    public static String reject(Message in, String reason, ErrorCode code) {
        return ack(header(in), AcknowledgmentCode.AR, reason, code);
    }

    /** AR for input that could not be parsed: the MSH fields are read best-effort from the raw text. */
    public static String reject(String raw, String reason) {
        return reject(raw, reason, ErrorCode.SEGMENT_SEQUENCE_ERROR);
    }

    /** AR from the raw text with a given error code (e.g. 207 when the hub itself failed). */
    public static String reject(String raw, String reason, ErrorCode code) {
        return ack(rawHeader(raw), AcknowledgmentCode.AR, reason, code);
    }

    /** AE for a message that was not parsed (e.g. its bytes are not text in its character set): MSH read from the raw text. */
    public static String error(String raw, String reason, ErrorCode code) {
        return ack(rawHeader(raw), AcknowledgmentCode.AE, reason, code);
    }

    private static String[] rawHeader(String raw) {
        return new String[] {comp1(raw, 3), comp1(raw, 4), comp1(raw, 5), comp1(raw, 6),
                rawComponent(rawField(raw, 9), 2), rawField(raw, 10), comp1(raw, 11)};
    }

    /** sending app, sending facility, receiving app, receiving facility, trigger, control id, processing id. */
    private static String[] header(Message in) {
        try {
            Terser t = new Terser(in);
            return new String[] {t.get("/MSH-3-1"), t.get("/MSH-4-1"), t.get("/MSH-5-1"), t.get("/MSH-6-1"),
                    t.get("/MSH-9-2"), t.get("/MSH-10"), t.get("/MSH-11-1")};
        } catch (HL7Exception e) {
            throw new IllegalArgumentException("message has no readable MSH", e);
        }
    }

    private static String ack(String[] h, AcknowledgmentCode code, String reason, ErrorCode errorCode) {
        try {
            ACK ack = new ACK(CONTEXT.getModelClassFactory());
            ack.setParser(PARSER);
            MSH msh = ack.getMSH();
            msh.getMsh1_FieldSeparator().setValue("|");
            msh.getMsh2_EncodingCharacters().setValue("^~\\&");
            // the answer goes back to the sender: sending and receiving swap places
            msh.getMsh3_SendingApplication().getNamespaceID().setValue(h[2]);
            msh.getMsh4_SendingFacility().getNamespaceID().setValue(h[3]);
            msh.getMsh5_ReceivingApplication().getNamespaceID().setValue(h[0]);
            msh.getMsh6_ReceivingFacility().getNamespaceID().setValue(h[1]);
            msh.getMsh7_DateTimeOfMessage().getTime().setValue(TS.format(ZonedDateTime.now()));
            msh.getMsh9_MessageType().getMessageCode().setValue("ACK");
            msh.getMsh9_MessageType().getTriggerEvent().setValue(h[4]);
            msh.getMsh9_MessageType().getMessageStructure().setValue("ACK");
            msh.getMsh10_MessageControlID().setValue("VN" + Long.toString(ACK_SEQ.incrementAndGet(), 36).toUpperCase(Locale.ROOT));
            msh.getMsh11_ProcessingID().getProcessingID().setValue(h[6] == null ? "P" : h[6]);
            msh.getMsh12_VersionID().getVersionID().setValue("2.5");
            msh.getMsh18_CharacterSet(0).setValue("UNICODE UTF-8");
            ack.getMSA().getMsa1_AcknowledgmentCode().setValue(code.name());
            ack.getMSA().getMsa2_MessageControlID().setValue(h[5]);
            if (reason != null) {
                ack.getMSA().getMsa3_TextMessage().setValue(shortText(reason));
                fillErr(ack.getERR(), reason, errorCode);
            }
            return PARSER.encode(ack);
        } catch (HL7Exception e) {
            throw new IllegalStateException("cannot build " + code + " acknowledgement", e);
        }
    }

    private static void fillErr(ERR err, String reason, ErrorCode code) throws HL7Exception {
        err.getErr3_HL7ErrorCode().getIdentifier().setValue(String.valueOf(code.getCode()));
        err.getErr3_HL7ErrorCode().getText().setValue(code.getMessage());
        err.getErr3_HL7ErrorCode().getNameOfCodingSystem().setValue("HL70357");
        err.getErr4_Severity().setValue(Severity.ERROR.getCode());
        err.getErr8_UserMessage().setValue(reason);
    }

    /** MSA-3 is ST of 80 characters in 2.5; the full reason is in ERR-8. */
    private static String shortText(String reason) {
        return reason.length() <= 80 ? reason : reason.substring(0, 77) + "...";
    }

    /** MSH-n of raw ER7 text, by splitting on its field separator; null if absent. */
    static String rawField(String raw, int field) {
        int at = raw == null ? -1 : raw.indexOf("MSH");
        if (at < 0 || raw.length() < at + 8) {
            return null;
        }
        String msh = raw.substring(at).split("[\r\n]", 2)[0];
        String[] fields = msh.split(Pattern.quote(String.valueOf(msh.charAt(3))), -1);
        // fields[0] is "MSH" and MSH-1 is the separator itself, so MSH-n is fields[n - 1]
        String v = field - 1 < fields.length ? fields[field - 1].strip() : "";
        return v.isEmpty() ? null : v;
    }

    private static String comp1(String raw, int field) {
        return rawComponent(rawField(raw, field), 1);
    }

    private static String rawComponent(String field, int component) {
        if (field == null) {
            return null;
        }
        String[] comps = field.split("\\^", -1);
        return component - 1 < comps.length && !comps[component - 1].isBlank() ? comps[component - 1].strip() : null;
    }
}
