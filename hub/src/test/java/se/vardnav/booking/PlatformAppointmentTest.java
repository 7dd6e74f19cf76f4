package se.vardnav.booking;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.junit.jupiter.api.Test;
import se.vardnav.fhir.Fhir;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static se.vardnav.booking.BookingPolicyTest.booking;
import static se.vardnav.booking.BookingPolicyTest.event;

class PlatformAppointmentTest {
    private final TimeTypeMap timeTypes = BookingPolicyTest.shippedTimeTypes();

    private TimeTypeRule rule(String timeType) {
        return timeTypes.ruleFor(timeType).orElseThrow();
    }

    @Test
    void hubMarkersAreRemovedAndAppointmentTypeAdded() {
        Appointment in = event(booking("VIDEO").protectedIndicator(true));
        in.getMeta().setVersionId("42");
        Appointment out = PlatformAppointment.outbound(PlatformAppointment.prepare(in, rule("VIDEO"), null));
        assertThat(out.getMeta().getSecurity()).isEmpty();
        assertThat(out.getExtensionByUrl(Fhir.EXT_TRIGGER_EVENT)).isNull();
        assertThat(out.getMeta().hasVersionId()).as("the hub's version is its own").isFalse();
        assertThat(out.getMeta().hasLastUpdated()).isFalse();
        assertThat(out.getAppointmentType().getCoding()).extracting(Coding::getSystem, Coding::getCode)
                .contains(tuple(Fhir.JOURNAL_TIME_TYPE, "VIDEO"),
                        tuple(Fhir.APPOINTMENT_TYPE, "ROUTINE"));
    }

    @Test
    void videoGetsVirtualServiceWithChannelTypeAndNoSessionKey() {
        Extension vs = PlatformAppointment.prepare(event(booking("VIDEO")), rule("VIDEO"), null)
                .getExtensionByUrl(Fhir.EXT_VIRTUAL_SERVICE);
        assertThat(vs).isNotNull();
        Coding channel = (Coding) vs.getExtensionByUrl("channelType").getValue();
        assertThat(channel.getSystem()).isEqualTo(Fhir.VIRTUAL_SERVICE_TYPE);
        assertThat(channel.getCode()).isEqualTo("video");
        assertThat(vs.getExtensionByUrl("sessionKey")).isNull();
    }

    @Test
    void groupRoomKeyBecomesSessionKey() {
        String room = GroupRooms.roomKey("SE2321000016-1234", Instant.parse("2025-03-10T08:30:00Z"));
        Extension vs = PlatformAppointment.prepare(event(booking("GRUPPVIDEO")), rule("GRUPPVIDEO"), room)
                .getExtensionByUrl(Fhir.EXT_VIRTUAL_SERVICE);
        assertThat(vs.getExtensionByUrl("sessionKey").getValue().primitiveValue()).isEqualTo(room);
    }

    @Test
    void onSiteHasNoVirtualService() {
        Appointment out = PlatformAppointment.prepare(event(booking("BESOK")), rule("BESOK"), null);
        assertThat(out.getExtensionByUrl(Fhir.EXT_VIRTUAL_SERVICE)).isNull();
    }

    @Test
    void inputIsNotModified() {
        Appointment in = event(booking("GRUPPVIDEO").publicity("SKF"));
        FhirContext ctx = FhirContext.forR4Cached();
        String before = ctx.newJsonParser().encodeResourceToString(in);
        PlatformAppointment.prepare(in, rule("GRUPPVIDEO"), "group:x:1");
        assertThat(ctx.newJsonParser().encodeResourceToString(in)).isEqualTo(before);
    }

    @Test
    void resourceHsaIdIsTheStaffMember() {
        assertThat(PlatformAppointment.resourceHsaId(event(booking("GRUPPVIDEO")))).contains("SE2321000016-1234");
    }

    @Test
    void aRetractionCancelsTheBookingAndCarriesNoPatientCaseNameOrComment() {
        Appointment in = event(booking("VIDEO").caseName("Psykiatri uppföljning").comment("Ring först"));
        Appointment out = PlatformAppointment.retraction(in);
        assertThat(out.getStatus()).isEqualTo(Appointment.AppointmentStatus.CANCELLED);
        assertThat(BookingKey.of(out)).isEqualTo(BookingKey.of(in));
        assertThat(out.getParticipant()).isNotEmpty().noneMatch(p -> "Patient".equals(p.getActor().getType()));
        assertThat(out.hasDescription() || out.hasComment() || out.hasExtension()).isFalse();
    }
}
