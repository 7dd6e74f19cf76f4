package se.vardnav.booking;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.hl7.fhir.r4.model.Appointment;
import org.junit.jupiter.api.Test;
import se.vardnav.fhir.Fhir;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ClosedCaseRuleTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ClosedCaseRule rule = new ClosedCaseRule(Set.of("B-CLOSED")::contains, meters);

    private static Appointment event(String bookingId, Appointment.AppointmentStatus status) {
        Appointment a = new Appointment();
        a.addIdentifier().setSystem(Fhir.JOURNAL_BOOKING_ID).setValue(bookingId);
        a.setStatus(status);
        return a;
    }

    private double counted() {
        var c = meters.find("vardnav.bookings.refused").tag("reason", "case-closed").counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void aBookingOrChangeOfAClosedCaseIsRefusedWithTheBookingIdAndCounted() {
        for (Appointment.AppointmentStatus status : new Appointment.AppointmentStatus[] {Appointment.AppointmentStatus.BOOKED,
                Appointment.AppointmentStatus.ARRIVED, Appointment.AppointmentStatus.NOSHOW}) {
            assertThat(rule.refusal(event("B-CLOSED", status), "test")).get().asString()
                    .contains("booking B-CLOSED").contains("case the patient closed").contains("a cancellation is still taken");
        }
        assertThat(counted()).isEqualTo(3);
    }

    @Test
    void itsCancellationIsTaken() {
        assertThat(rule.refusal(event("B-CLOSED", Appointment.AppointmentStatus.CANCELLED), "test")).isEmpty();
        assertThat(counted()).isZero();
    }

    @Test
    void bookingsOfOpenCasesAndWithoutABookingIdAreTaken() {
        assertThat(rule.refusal(event("B-OPEN", Appointment.AppointmentStatus.BOOKED), "test")).isEmpty();
        Appointment noId = new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED);
        assertThat(rule.refusal(noId, "test")).isEmpty();
        assertThat(counted()).isZero();
    }
}
