package se.vardnav.journal;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v25.message.ACK;
import ca.uhn.hl7v2.parser.PipeParser;
import org.junit.jupiter.api.Test;
import se.vardnav.booking.InvalidBookingException;
import se.vardnav.booking.SiuParser;
import se.vardnav.sim.journal.SiuMessages;

import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class Hl7AcksTest {
    private final SiuParser siu = new SiuParser();

    private static String message(SiuMessages m) {
        return message(m, "191212121212");
    }

    private static String message(SiuMessages m, String patient) {
        return m.bookingId("B1").start(LocalDateTime.of(2025, 3, 10, 9, 30)).minutes(20).timeType("VIDEO", "Video")
                .patient(patient).controlId("CTRL-1").build();
    }

    private static ACK parse(String er7) throws Exception {
        return (ACK) new PipeParser().parse(er7);
    }

    @Test
    void acceptIsAaWithTheControlId() throws Exception {
        ACK ack = parse(Hl7Acks.accept(siu.parseMessage(message(SiuMessages.s12()))));
        assertThat(ack.getMSA().getMsa1_AcknowledgmentCode().getValue()).isEqualTo("AA");
        assertThat(ack.getMSA().getMsa2_MessageControlID().getValue()).isEqualTo("CTRL-1");
        assertThat(ack.getMSH().getMsh5_ReceivingApplication().getNamespaceID().getValue()).isEqualTo("TAKECARE");
        assertThat(ack.getMSH().getMsh9_MessageType().getMsg2_TriggerEvent().getValue()).isEqualTo("S12");
    }

    @Test
    void errorCarriesTheReasonInErr() throws Exception {
        Message in = siu.parseMessage(message(SiuMessages.s12(), "191212121213"));
        InvalidBookingException e = catchThrowableOfType(() -> siu.toBooking(in), InvalidBookingException.class);
        String er7 = Hl7Acks.error(in, e.reason(), e.errorCode());
        ACK ack = parse(er7);
        assertThat(ack.getMSA().getMsa1_AcknowledgmentCode().getValue()).isEqualTo("AE");
        assertThat(ack.getMSA().getMsa2_MessageControlID().getValue()).isEqualTo("CTRL-1");
        assertThat(ack.getMSA().getMsa3_TextMessage().getValue()).isEqualTo("PID-3: personnummer check digit does not match");
        assertThat(ack.getERR().getErr3_HL7ErrorCode().getIdentifier().getValue()).isEqualTo("102");
        assertThat(ack.getERR().getErr4_Severity().getValue()).isEqualTo("E");
        assertThat(ack.getERR().getErr8_UserMessage().getValue()).isEqualTo("PID-3: personnummer check digit does not match");
        assertThat(er7).doesNotContain("19121212");
    }

    @Test
    void rejectOfAParsedMessage() throws Exception {
        Message in = siu.parseMessage(message(SiuMessages.trigger("S99")));
        InvalidBookingException e = catchThrowableOfType(() -> siu.toBooking(in), InvalidBookingException.class);
        ACK ack = parse(Hl7Acks.reject(in, e.reason(), e.errorCode()));
        assertThat(ack.getMSA().getMsa1_AcknowledgmentCode().getValue()).isEqualTo("AR");
        assertThat(ack.getERR().getErr3_HL7ErrorCode().getIdentifier().getValue()).isEqualTo("201");
        assertThat(ack.getERR().getErr8_UserMessage().getValue()).isEqualTo("unsupported trigger event SIU^S99");
    }

    @Test
    void rejectOfUnparseableTextStillYieldsAValidAck() throws Exception {
        String broken = "MSH|^~\\&|TAKECARE|SLL|VARDNAV|REGION|20250301||SIU^S12|CTRL-9|P|2.5\rSCH|garbage\rZZZ";
        ACK ack = parse(Hl7Acks.reject(broken, "message cannot be parsed: bad segment"));
        assertThat(ack.getMSA().getMsa1_AcknowledgmentCode().getValue()).isEqualTo("AR");
        assertThat(ack.getMSA().getMsa2_MessageControlID().getValue()).isEqualTo("CTRL-9");
        assertThat(ack.getMSH().getMsh5_ReceivingApplication().getNamespaceID().getValue()).isEqualTo("TAKECARE");
        assertThat(ack.getERR().getErr8_UserMessage().getValue()).isEqualTo("message cannot be parsed: bad segment");

        ACK none = parse(Hl7Acks.reject("not hl7 at all", "message cannot be parsed: no MSH segment"));
        assertThat(none.getMSA().getMsa1_AcknowledgmentCode().getValue()).isEqualTo("AR");
        assertThat(none.getMSA().getMsa2_MessageControlID().getValue()).isNull();
        assertThat(none.getERR().getErr4_Severity().getValue()).isEqualTo("E");
    }

    @Test
    void longReasonIsShortenedInMsa3Only() throws Exception {
        String reason = "x".repeat(120);
        ACK ack = parse(Hl7Acks.error(siu.parseMessage(message(SiuMessages.s12())), reason, ErrorCode.APPLICATION_INTERNAL_ERROR));
        assertThat(ack.getMSA().getMsa3_TextMessage().getValue()).hasSize(80);
        assertThat(ack.getERR().getErr8_UserMessage().getValue()).isEqualTo(reason);
    }
}
