package se.vardnav.journal;

import org.hl7.fhir.r4.model.Appointment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.vardnav.support.AdminClient;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.SwedishTexts;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Å, ä, ö reach the patient as sent, in every text of a booking, whatever character set the journal system
 * uses and whether or not MSH-18 says which; bytes that do not fit the declared set are refused, not garbled.
 */
class CharacterSetIT extends HubTestBase {
    private String sendIn(String bookingId, String msh18, String charset) throws IOException {
        String er7 = SwedishTexts.booking(bookingId).characterSet(msh18.isEmpty() ? null : msh18).build();
        return journal.sendBytes(er7.getBytes(Charset.forName(charset)));
    }

    @ParameterizedTest(name = "MSH-18 ''{0}'', bytes {1}")
    @CsvSource({
            "UNICODE UTF-8, UTF-8",
            "'', UTF-8",
            "8859/1, ISO-8859-1",
            "'', ISO-8859-1"})
    void swedishLettersArriveInEveryTextField(String msh18, String charset) throws IOException {
        String id = newBookingId();
        assertThat(sendIn(id, msh18, charset)).contains("MSA|AA");
        Appointment a = await().until(() -> platform.findByBookingId(id), Optional::isPresent).orElseThrow();
        SwedishTexts.assertArrived(a);
    }

    @ParameterizedTest(name = "MSH-18 ''{0}'', bytes {1}")
    @CsvSource({
            "UNICODE UTF-8, ISO-8859-1",
            "8859/1, UTF-8"})
    void bytesThatDoNotFitTheDeclaredCharacterSetAreRefusedWithAe(String msh18, String charset) throws IOException {
        AdminClient admin = new AdminClient(httpPort);
        String id = newBookingId();
        String ack = sendIn(id, msh18, charset);
        assertThat(ack).contains("MSA|AE").contains("MSH-18 says " + msh18).doesNotContain("Uppf");
        await().until(() -> admin.deadLetters("DLQ.journal.inbound").stream()
                .anyMatch(r -> String.valueOf(r.get("reason")).startsWith("AE: MSH-18 says " + msh18)));
        assertThat(platform.findByBookingId(id)).as("nothing garbled went to the platform").isEmpty();
    }
}
