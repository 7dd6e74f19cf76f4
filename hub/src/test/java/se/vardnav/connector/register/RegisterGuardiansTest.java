package se.vardnav.connector.register;

import org.junit.jupiter.api.Test;
import se.vardnav.fhir.Fhir;
import se.vardnav.sim.register.RegisterSimulator;
import se.vardnav.support.TestPersons;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Guardians (relation type V) travel over real SOAP from the register simulator to RegisterFacts. */
class RegisterGuardiansTest {

    @Test
    void aChildsGuardiansAreReadAndNeverPrinted() {
        String child = TestPersons.child(), mum = TestPersons.next(), dad = TestPersons.next();
        try (RegisterSimulator sim = new RegisterSimulator(0).start();
             CxfPopulationRegister client = new CxfPopulationRegister(sim.endpointUrl(), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ZERO)) {
            sim.setGuardians(child, mum, dad);
            RegisterFacts facts = client.lookup(Fhir.PERSONNUMMER_OID, child);
            assertThat(facts.guardians()).containsExactly(new RegisterFacts.PersonRef(Fhir.PERSONNUMMER_OID, mum),
                    new RegisterFacts.PersonRef(Fhir.PERSONNUMMER_OID, dad));
            assertThat(facts.toString()).doesNotContain(mum, dad, child).contains("guardians=2");
            assertThat(client.lookup(Fhir.PERSONNUMMER_OID, mum).guardians()).isEmpty();
        }
    }
}
