package se.vardnav.guest;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.junit.jupiter.api.Test;
import se.vardnav.fhir.Fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuestPostTest {

    private static Appointment appointment(String bookingId) {
        Appointment a = new Appointment();
        a.setStatus(Appointment.AppointmentStatus.BOOKED);
        if (bookingId != null) {
            a.addIdentifier(new Identifier().setSystem(Fhir.JOURNAL_BOOKING_ID).setValue(bookingId).setAssigner(new Reference().setDisplay("TAKECARE")));
        }
        a.addParticipant().setActor(new Reference().setType("Patient").setIdentifier(new Identifier().setSystem(Fhir.PERSONNUMMER).setValue("191212121212")));
        return a;
    }

    private static void guest(Appointment a, String id, String role, String guestId, String phone, String email) {
        RelatedPerson p = new RelatedPerson();
        p.setId(id);
        if (guestId != null) {
            p.addIdentifier().setSystem(GuestFhir.PLATFORM_GUEST_ID).setValue(guestId);
        }
        p.addName().setFamily("Tolkesson").addGiven("Tove");
        if (phone != null) {
            p.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(phone);
        }
        if (email != null) {
            p.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(email);
        }
        a.addContained(p);
        var participant = a.addParticipant().setActor(new Reference("#" + id));
        if (role != null) {
            participant.addType(new CodeableConcept(new Coding(GuestFhir.GUEST_ROLE, role, null)));
        }
    }

    /** As the hub receives it: through the JSON parser, which links contained references. */
    private static GuestPost roundTrip(Appointment a) {
        FhirContext fhir = FhirContext.forR4Cached();
        return GuestPost.of(fhir.newJsonParser().parseResource(Appointment.class, fhir.newJsonParser().encodeResourceToString(a)));
    }

    @Test
    void guestsAreTheContainedRelatedPersonsWithTheirRoleAndNormalisedNumber() {
        Appointment a = appointment("B-1");
        guest(a, "g1", "interpreter", "t-1", "070-555 10 01", null);
        guest(a, "g2", null, null, null, "arne@example.se");
        GuestPost post = roundTrip(a);
        assertThat(post.source()).isEqualTo("TAKECARE");
        assertThat(post.bookingId()).isEqualTo("B-1");
        assertThat(post.guests()).hasSize(2);
        assertThat(post.guests().get(0)).extracting(GuestContact::role, GuestContact::phone, GuestContact::email, GuestContact::participant, GuestContact::platformId)
                .containsExactly("interpreter", "+46705551001", null, "g1", "t-1");
        assertThat(post.guests().get(1)).extracting(GuestContact::role, GuestContact::phone, GuestContact::email)
                .containsExactly("other", null, "arne@example.se");
        assertThat(post.guests().get(0).key()).hasSize(64).isNotEqualTo(post.guests().get(1).key());
        assertThat(post.guests().toString()).doesNotContain("555", "arne", "Tove");
    }

    @Test
    void theSameGuestHasTheSameKey() {
        Appointment a = appointment("B-1");
        guest(a, "g1", "relative", "r-1", "070-555 10 01", null);
        Appointment b = appointment("B-1");
        guest(b, "x9", "relative", "r-1", "070-555 10 02", null);
        assertThat(roundTrip(a).guests().get(0).key()).isEqualTo(roundTrip(b).guests().get(0).key());
    }

    @Test
    void everyProblemIsReportedWithoutNamingTheGuest() {
        Appointment a = appointment(null);
        guest(a, "g1", "cousin", null, "12", "not-an-address");
        guest(a, "g2", null, null, null, null);
        assertThatThrownBy(() -> roundTrip(a)).isInstanceOf(InvalidGuestsException.class)
                .satisfies(e -> assertThat(((InvalidGuestsException) e).problems()).hasSize(5))
                .hasMessageContaining("journal-booking-id").hasMessageContaining("participant[1]: type")
                .hasMessageContaining("participant[1]: mobile number").hasMessageContaining("participant[1]: e-mail address is not valid")
                .hasMessageContaining("participant[2]: the guest has neither")
                .hasMessageNotContaining("not-an-address").hasMessageNotContaining("Tove");
    }

    @Test
    void anAppointmentWithoutGuestsIsRefused() {
        assertThatThrownBy(() -> roundTrip(appointment("B-1"))).isInstanceOf(InvalidGuestsException.class).hasMessageContaining("no guest");
    }
}
