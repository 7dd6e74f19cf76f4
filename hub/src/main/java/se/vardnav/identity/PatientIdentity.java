package se.vardnav.identity;

import java.util.Locale;

/**
 * A patient identifier as the hub carries it: its kind (hence FHIR system) and normalised value.
 * Personnummer and samordningsnummer are 12 digits; a reservnummer is kept as received, trimmed.
 */
public record PatientIdentity(IdentityKind kind, String value) {

    /** Thrown by {@link #classify} with a reason that never contains the number. */
    public static final class InvalidIdentityException extends IllegalArgumentException {
        public InvalidIdentityException(String reason) {
            super(reason);
        }
    }

    public String system() {
        return kind.system();
    }

    /**
     * Classifies by the assigning authority OID when it is one of the national ones; otherwise by the number:
     * a valid personnummer/samordningsnummer is one; something with a valid date but a wrong check digit is a
     * mistyped personnummer (rejected, not demoted); anything else is a (local) reservnummer.
     *
     * @param oid assigning authority universal id, may be null or empty
     */
    public static PatientIdentity classify(String value, String oid) {
        if (value == null || value.isBlank()) {
            throw new InvalidIdentityException("identifier missing");
        }
        String v = value.strip();
        String o = oid == null ? "" : oid.strip().toLowerCase(Locale.ROOT).replace("urn:oid:", "");
        if (o.equals(IdentityKind.PERSONNUMMER.oid()) || o.equals(IdentityKind.SAMORDNINGSNUMMER.oid())) {
            Personnummer.ValidationResult r = Personnummer.validate(v);
            String what = o.equals(IdentityKind.PERSONNUMMER.oid()) ? "personnummer" : "samordningsnummer";
            if (!r.valid()) {
                throw new InvalidIdentityException(what + " " + r.reason());
            }
            return new PatientIdentity(r.value().kind(), r.value().value());
        }
        if (o.equals(IdentityKind.RESERVNUMMER.oid())) {
            return new PatientIdentity(IdentityKind.RESERVNUMMER, v);
        }
        Personnummer.ValidationResult r = Personnummer.validate(v);
        if (r.valid()) {
            return new PatientIdentity(r.value().kind(), r.value().value());
        }
        if (Personnummer.CHECK_DIGIT.equals(r.reason())) {
            throw new InvalidIdentityException("personnummer " + r.reason());
        }
        return new PatientIdentity(IdentityKind.RESERVNUMMER, v);
    }

    @Override
    public String toString() {
        return kind + ":" + Masking.personnummer(value);
    }
}
