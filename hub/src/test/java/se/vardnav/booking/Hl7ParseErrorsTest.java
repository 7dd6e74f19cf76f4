package se.vardnav.booking;

import ca.uhn.hl7v2.HL7Exception;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** HAPI quotes the message in its parse errors; the reasons the hub passes on must not. */
class Hl7ParseErrorsTest {
    private static final String PNR = "191212121212";
    private final SiuParser parser = new SiuParser();

    private String reasonFor(String er7) {
        HL7Exception e = catchThrowableOfType(() -> parser.parseMessage(er7), HL7Exception.class);
        assertThat(e).as("HAPI refuses it").isNotNull();
        return Hl7ParseErrors.reason(e);
    }

    @Test
    void noMshQuotedByHapiIsNotQuotedHere() throws Exception {
        String er7 = "PID|1||" + PNR + "^^^^NNSWE||Svensson^Astrid\r";
        HL7Exception e = catchThrowableOfType(() -> parser.parseMessage(er7), HL7Exception.class);
        assertThat(e.getMessage()).as("what HAPI says").contains(PNR);
        assertThat(Hl7ParseErrors.reason(e)).isEqualTo("not HL7 v2 ER7 text: a message must begin with an MSH segment"
                + " (HL7 error 207, application internal error)").doesNotContain(PNR, "Svensson");
    }

    @Test
    void aMissingMessageTypeNamesTheField() {
        String reason = reasonFor("MSH|^~\\&|TAKECARE|X|VARDNAV|REGION|20261120080000|||" + PNR + "|P|2.5\rPID|1||" + PNR + "\r");
        assertThat(reason).startsWith("MSH-9").doesNotContain(PNR);
    }

    @Test
    void aBrokenMshIsDescribedWithoutItsText() {
        String reason = reasonFor("MSH|^~|Svensson Astrid " + PNR + "\r");
        assertThat(reason).doesNotContain(PNR, "Svensson", "Astrid");
    }

    @Test
    void anUnknownHapiTextBecomesAGenericSentence() {
        HL7Exception e = new HL7Exception("Something about Svensson " + PNR);
        assertThat(Hl7ParseErrors.reason(e)).isEqualTo("the message does not follow HL7 v2 syntax (HL7 error 207, application internal error)");
    }
}
