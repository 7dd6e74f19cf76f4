package se.vardnav.booking;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import se.vardnav.connector.register.PopulationRegister;
import se.vardnav.fhir.Fhir;

import java.util.Optional;

import static se.vardnav.booking.PolicyDecision.Reason.*;

/**
 * The one place that decides whether a booking may reach the visit platform (the patient part,
 * shared with letters, is {@link PatientPrivacy}). Fails closed: when
 * the population register cannot be asked, {@link se.vardnav.connector.register.RegisterUnavailableException}
 * propagates and the event waits on its queue; it never goes out unchecked.
 */
public class BookingPolicy {
    private final TimeTypeMap timeTypes;
    private final PatientPrivacy privacy;

    public BookingPolicy(TimeTypeMap timeTypes, PopulationRegister register) {
        this.timeTypes = timeTypes;
        this.privacy = new PatientPrivacy(register);
    }

    public PolicyDecision decide(Appointment appointment) {
        java.util.Set<Protection> flags = java.util.EnumSet.noneOf(Protection.class);
        appointment.getMeta().getSecurity().forEach(c -> PatientPrivacy.protectionOf(c.getSystem(), c.getCode()).ifPresent(flags::add));
        Optional<PolicyDecision> flagged = PatientPrivacy.byJournalFlags(flags);
        if (flagged.isPresent()) {
            return flagged.get();
        }
        String timeType = timeTypeOf(appointment);
        Optional<TimeTypeRule> rule = timeTypes.ruleFor(timeType);
        if (rule.isEmpty()) {
            return PolicyDecision.withhold(UNMAPPED_TIME_TYPE, "time type '" + timeType + "' has no mapping");
        }
        if (rule.get().handling() == TimeTypeRule.Handling.HIDDEN) {
            return PolicyDecision.withhold(HIDDEN_TIME_TYPE, "time type '" + timeType + "' is hidden");
        }
        AppointmentPatient.Result who = AppointmentPatient.of(appointment);
        if (!who.determined()) {
            // the intake refuses these; an event that reaches the policy anyway (replayed, from before) stays here
            String detail = "patient cannot be determined: " + String.join("; ", who.problems());
            return PolicyDecision.withhold(PATIENT_UNDETERMINED, detail.length() > 500 ? detail.substring(0, 500) : detail);
        }
        Optional<Identifier> patient = who.patient().map(AppointmentPatient.Patient::identifier);
        if (patient.isPresent()) {
            Optional<PolicyDecision> registered = privacy.registerFacts(patient.get().getSystem(), patient.get().getValue())
                    .flatMap(PatientPrivacy::byRegister);
            if (registered.isPresent()) {
                return registered.get();
            }
        }
        return PolicyDecision.deliver(rule.get());
    }

    static boolean hasLabel(Appointment a, String system, String code) {
        return a.getMeta().getSecurity().stream().anyMatch(c -> system.equals(c.getSystem()) && code.equals(c.getCode()));
    }

    public static String timeTypeOf(Appointment a) {
        return a.getAppointmentType().getCoding().stream()
                .filter(c -> Fhir.JOURNAL_TIME_TYPE.equals(c.getSystem()))
                .map(Coding::getCode).findFirst().orElse(null);
    }

    /** The patient's identifier (normalised), by {@link AppointmentPatient}'s rule; empty if none or undetermined. */
    public static Optional<Identifier> patientIdentifier(Appointment a) {
        return AppointmentPatient.of(a).patient().map(AppointmentPatient.Patient::identifier);
    }
}
