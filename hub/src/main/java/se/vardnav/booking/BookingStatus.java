package se.vardnav.booking;

import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;

/** Booking status as staff see it (Bokad, Kommit, Avbokad) plus no-show, with its FHIR R4 code. */
public enum BookingStatus {
    /** Bokad. */
    BOOKED(AppointmentStatus.BOOKED),
    /** Kommit: the patient has arrived. */
    ARRIVED(AppointmentStatus.ARRIVED),
    /** Avbokad: cancelled (S15) or deleted (S17; the trigger tells them apart). */
    CANCELLED(AppointmentStatus.CANCELLED),
    NOSHOW(AppointmentStatus.NOSHOW);

    private final AppointmentStatus fhir;

    BookingStatus(AppointmentStatus fhir) {
        this.fhir = fhir;
    }

    public AppointmentStatus fhir() {
        return fhir;
    }
}
