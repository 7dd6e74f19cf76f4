package se.vardnav.identity;

import se.vardnav.fhir.Fhir;

/** The kinds of patient identity the hub tells apart; each has one FHIR system and one OID. */
public enum IdentityKind {
    PERSONNUMMER(Fhir.PERSONNUMMER, Fhir.PERSONNUMMER_OID),
    /** Samordningsnummer: coordination number for people not (yet) registered, birth day + 60. */
    SAMORDNINGSNUMMER(Fhir.SAMORDNINGSNUMMER, Fhir.SAMORDNINGSNUMMER_OID),
    /** Reservnummer: a substitute number; such a patient has no BankID, so paper or phone only. */
    RESERVNUMMER(Fhir.RESERVNUMMER, Fhir.RESERVNUMMER_OID);

    private final String system;
    private final String oid;

    IdentityKind(String system, String oid) {
        this.system = system;
        this.oid = oid;
    }

    public String system() {
        return system;
    }

    public String oid() {
        return oid;
    }
}
