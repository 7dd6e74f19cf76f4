package se.vardnav.connector.register;

import java.util.List;

/**
 * What the population register says about one person. A person the register does not know is
 * {@link #notFound()}: all flags false, which callers must treat as "not protected".
 * {@code guardians} are the person's registered vårdnadshavare (relation type V), empty for adults.
 */
public record RegisterFacts(
        boolean protectedPerson,           // sekretessmarkering
        boolean protectedPopulationRecord, // skyddad folkbokföring
        boolean deceased,
        boolean emigrated,
        boolean found,
        List<PersonRef> guardians) {

    public RegisterFacts {
        guardians = guardians == null ? List.of() : List.copyOf(guardians);
    }

    public RegisterFacts(boolean protectedPerson, boolean protectedPopulationRecord, boolean deceased, boolean emigrated, boolean found) {
        this(protectedPerson, protectedPopulationRecord, deceased, emigrated, found, List.of());
    }

    public static RegisterFacts notFound() {
        return new RegisterFacts(false, false, false, false, false);
    }

    /** Protected identity: either flag is enough (connectors/population-register/README.md). */
    public boolean protectedIdentity() {
        return protectedPerson || protectedPopulationRecord;
    }

    /** The guardians are counted, never shown: their ids are personnummer. */
    @Override
    public String toString() {
        return "RegisterFacts[protected=" + protectedIdentity() + ", deceased=" + deceased + ", emigrated=" + emigrated
                + ", found=" + found + ", guardians=" + guardians.size() + "]";
    }

    /** Another person named by the register: II root (OID) and extension (the number). */
    public record PersonRef(String oid, String id) {
        @Override
        public String toString() {
            return "PersonRef[" + oid + "|" + se.vardnav.identity.Masking.personnummer(id) + "]";
        }
    }
}
