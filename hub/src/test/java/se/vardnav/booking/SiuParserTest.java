package se.vardnav.booking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.vardnav.identity.IdentityKind;
import se.vardnav.sim.journal.SiuMessages;

import java.time.Instant;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SiuParserTest {
    static final String PNR = "191212121212";
    static final LocalDateTime START = LocalDateTime.of(2025, 3, 10, 9, 30);
    private final SiuParser parser = new SiuParser();

    static SiuMessages full(SiuMessages m) {
        return m.bookingId("B1").fillerId("F1").start(START).minutes(20).timeType("VIDEO", "Videobesök")
                .patient(PNR).patientName("Tolvansson", "Tolvan").staff("SE2321000016-1234", "Läkare")
                .unit("SE2321000016-A1B2", "Vårdcentralen").resource("VR1", "Videorum")
                .caseName("Uppföljning").comment("Ta med medicinlista").controlId("C1")
                .messageTime(LocalDateTime.of(2025, 3, 1, 8, 0, 5));
    }

    @ParameterizedTest
    @CsvSource({"S12,BOOKED", "S13,BOOKED", "S14,BOOKED", "S15,CANCELLED", "S17,CANCELLED", "S26,NOSHOW"})
    void everyTriggerParsesIntoSiuS12WithItsStatus(String trigger, BookingStatus status) throws Exception {
        String er7 = full(SiuMessages.trigger(trigger)).build();
        // also without MSH-9.3, as many journal systems send it: the canonical factory must still find SIU_S12
        for (String msg : new String[] {er7, er7.replace("^SIU_S12|", "|")}) {
            assertThat(parser.parseMessage(msg)).isInstanceOf(ca.uhn.hl7v2.model.v25.message.SIU_S12.class);
            SiuBooking b = parser.parse(msg);
            assertThat(b.status()).isEqualTo(status);
            assertThat(b.trigger()).isEqualTo(trigger);
        }
    }

    @Test
    void readsAllFields() throws Exception {
        SiuBooking b = parser.parse(full(SiuMessages.s12()).build());
        assertThat(b.source()).isEqualTo("TAKECARE");
        assertThat(b.controlId()).isEqualTo("C1");
        assertThat(b.version()).isEqualTo(Instant.parse("2025-03-01T07:00:05Z").toEpochMilli());
        assertThat(b.bookingId()).isEqualTo("B1");
        assertThat(b.fillerId()).isEqualTo("F1");
        assertThat(b.start()).isEqualTo(Instant.parse("2025-03-10T08:30:00Z"));
        assertThat(b.end()).isEqualTo(Instant.parse("2025-03-10T08:50:00Z"));
        assertThat(b.minutes()).isEqualTo(20);
        assertThat(b.timeTypeCode()).isEqualTo("VIDEO");
        assertThat(b.timeTypeText()).isEqualTo("Videobesök");
        assertThat(b.caseName()).isEqualTo("Uppföljning");
        assertThat(b.comment()).isEqualTo("Ta med medicinlista");
        assertThat(b.patient().kind()).isEqualTo(IdentityKind.PERSONNUMMER);
        assertThat(b.patient().value()).isEqualTo(PNR);
        assertThat(b.staff()).containsExactly(new SiuBooking.Resource("SE2321000016-1234", "Läkare"));
        assertThat(b.locations()).containsExactly(new SiuBooking.Resource("SE2321000016-A1B2", "Vårdcentralen"));
        assertThat(b.generalResources()).containsExactly(new SiuBooking.Resource("VR1", "Videorum"));
        assertThat(b.isProtected()).isFalse();
        // data minimisation: the patient's name is nowhere in the booking
        assertThat(b.toString()).doesNotContain("Tolvan").doesNotContain(PNR);
    }

    @Test
    void startedOnS14IsArrivedAndDeleteIsFlagged() throws Exception {
        assertThat(parser.parse(full(SiuMessages.s14()).fillerStatus("Started").build()).status()).isEqualTo(BookingStatus.ARRIVED);
        assertThat(parser.parse(full(SiuMessages.s15()).fillerStatus("Started").build()).status()).isEqualTo(BookingStatus.CANCELLED);
        assertThat(parser.parse(full(SiuMessages.s17()).build()).deleted()).isTrue();
    }

    @Test
    void endFromDurationOrExplicitEnd() throws Exception {
        SiuBooking b = parser.parse(full(SiuMessages.s12()).minutes(45).endInTiming(false).build());
        assertThat(b.end()).isEqualTo(Instant.parse("2025-03-10T09:15:00Z"));
        b = parser.parse(full(SiuMessages.s12()).minutes(null).end(START.plusMinutes(30)).build());
        assertThat(b.minutes()).isEqualTo(30);
    }

    @Test
    void withoutPatientIsUtanInvanare() throws Exception {
        SiuBooking b = parser.parse(full(SiuMessages.s12()).patient(null).build());
        assertThat(b.hasPatient()).isFalse();
        assertThat(b.protections()).isEmpty();
    }

    @Test
    void samordningsnummerAndReservnummer() throws Exception {
        String samordning = se.vardnav.identity.TestNumbers.withCheckDigit("19900375123");
        assertThat(parser.parse(full(SiuMessages.s12()).patient(samordning).build()).patient().kind())
                .isEqualTo(IdentityKind.SAMORDNINGSNUMMER);
        SiuBooking national = parser.parse(full(SiuMessages.s12()).patient("98240301AA06", "1.2.752.74.9.1").build());
        assertThat(national.patient().kind()).isEqualTo(IdentityKind.RESERVNUMMER);
        assertThat(national.patient().value()).isEqualTo("98240301AA06");
        SiuBooking local = parser.parse(full(SiuMessages.s12()).patient("999929-013705", "1.2.752.97.3.1.3").build());
        assertThat(local.patient().kind()).isEqualTo(IdentityKind.RESERVNUMMER);
    }

    @Test
    void aLongCaseNameIsReadInFullForTheLimitsToRefuse() throws Exception {
        String longName = "Årlig uppföljning av diabetes typ två med provtagning";
        SiuBooking b = parser.parse(full(SiuMessages.s12()).caseName(longName).build());
        assertThat(b.caseName()).isEqualTo(longName);
    }

    @Test
    void protections() throws Exception {
        assertThat(parser.parse(full(SiuMessages.s12()).protectedIndicator(true).build()).protections())
                .containsExactly(Protection.SEKRETESSMARKERING);
        assertThat(parser.parse(full(SiuMessages.s12()).publicity("SKF").build()).protections())
                .containsExactly(Protection.SKYDDAD_FOLKBOKFORING);
        assertThat(parser.parse(full(SiuMessages.s12()).publicity("SPJ").protectedIndicator(true).build()).protections())
                .containsExactlyInAnyOrder(Protection.SPARRAD_JOURNAL, Protection.SEKRETESSMARKERING);
        assertThat(parser.parse(full(SiuMessages.s12()).publicity("SEK").build()).isProtected()).isTrue();
    }

    @Test
    void invalidMessagesGiveReasonsWithoutPersonalData() {
        assertInvalid(full(SiuMessages.s12()).bookingId(null), "SCH-1: placer appointment id (booking id) missing");
        assertInvalid(full(SiuMessages.s12()).start(null), "SCH-11: start time (TQ.4) missing");
        assertInvalid(full(SiuMessages.s12()).minutes(null), "SCH-11/SCH-9: missing end time or duration");
        assertInvalid(full(SiuMessages.s12()).timeType(null, null), "SCH-8: appointment type (time type) code missing");
        assertInvalid(full(SiuMessages.s12()).patient("191212121213"), "PID-3: personnummer check digit does not match");
        assertInvalid(full(SiuMessages.s12()).patient("191212121213", "1.2.752.129.2.1.3.1"),
                "PID-3: personnummer check digit does not match");
        assertInvalid(full(SiuMessages.trigger("S99")), "unsupported trigger event SIU^S99");
        assertThatThrownBy(() -> parser.parse(full(SiuMessages.trigger("S99")).build().replace("^SIU_S12|", "|")))
                .hasMessage("unsupported trigger event SIU^S99");
        assertThatThrownBy(() -> parser.parse("this is not HL7")).isInstanceOf(InvalidBookingException.class)
                .hasMessageStartingWith("message cannot be parsed");
    }

    private void assertInvalid(SiuMessages m, String reason) {
        assertThatThrownBy(() -> parser.parse(m.build()))
                .isInstanceOf(InvalidBookingException.class)
                .hasMessage(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("19121212"));
    }

    @Test
    void theExampleOfTheProfileParses() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("connectors/journal-hl7/README.md"));
        int at = readme.indexOf("```\nMSH|");
        String er7 = readme.substring(at + 4, readme.indexOf("```", at + 4)).strip().replace("\n", "\r");
        SiuBooking b = parser.parse(er7);
        assertThat(b.bookingId()).isEqualTo("TC-4711");
        assertThat(b.protections()).containsExactly(Protection.SPARRAD_JOURNAL);
        assertThat(b.fillerStatus()).isEqualTo("Booked");
    }
}
