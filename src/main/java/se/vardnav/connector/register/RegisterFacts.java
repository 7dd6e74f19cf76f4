package se.vardnav.connector.register;

/**
 * What the population register says about one person. A person the register does not know is
 * {@link #notFound()}: all flags false, which callers must treat as "not protected".
 */
public record RegisterFacts(
        boolean protectedPerson,           // sekretessmarkering
        boolean protectedPopulationRecord, // skyddad folkbokföring
        boolean deceased,
        boolean emigrated,
        boolean found) {

    public static RegisterFacts notFound() {
        return new RegisterFacts(false, false, false, false, false);
    }

    /** Protected identity: either flag is enough (CONTRACTS.md, "Population register"). */
    public boolean protectedIdentity() {
        return protectedPerson || protectedPopulationRecord;
    }
}
