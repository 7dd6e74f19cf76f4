package se.vardnav.connector.register;

/** Looks a person up in the population register (folkbokföring, PU service). */
public interface PopulationRegister {

    /**
     * @param identifierSystemOid the II root, e.g. {@code Fhir.PERSONNUMMER_OID}
     * @param id                  the 12-digit number, no hyphen
     * @return the facts; {@code found=false} when the register does not know the person
     * @throws RegisterUnavailableException on a transient failure: the caller should retry later
     */
    RegisterFacts lookup(String identifierSystemOid, String id) throws RegisterUnavailableException;
}
