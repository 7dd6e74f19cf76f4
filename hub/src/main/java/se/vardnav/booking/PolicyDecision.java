package se.vardnav.booking;

/** The privacy policy's answer for one booking event: deliver with a time type rule, or withhold with a reason. */
public record PolicyDecision(Reason withheldFor, String detail, TimeTypeRule rule) {

    /** Why a booking is kept from the visit platform (docs/architecture.md, "Privacy rules"). */
    public enum Reason {
        PROTECTED_IDENTITY, BLOCKED_JOURNAL, DECEASED, HIDDEN_TIME_TYPE, UNMAPPED_TIME_TYPE,
        /** Who the patient is cannot be told (see {@link AppointmentPatient}): never sent unchecked. */
        PATIENT_UNDETERMINED
    }

    public static PolicyDecision deliver(TimeTypeRule rule) {
        return new PolicyDecision(null, null, rule);
    }

    public static PolicyDecision withhold(Reason reason, String detail) {
        return new PolicyDecision(reason, detail, null);
    }

    public boolean delivers() {
        return withheldFor == null;
    }
}
