package se.vardnav.connector.register;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.vardnav.fhir.Fhir;
import se.vardnav.sim.register.RegisterSimulator;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The CXF client against the SOAP simulator, over real loopback sockets. */
class RegisterClientTest {
    private static final String PERSON = "191212121212";
    private static final Duration CONNECT = Duration.ofMillis(1000);
    private static final Duration RECEIVE = Duration.ofMillis(1500);

    private static RegisterSimulator sim;
    private CxfPopulationRegister register;

    @BeforeAll
    static void startSimulator() {
        sim = new RegisterSimulator(0).start();
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @BeforeEach
    void newClient() {
        sim.clear();
        register = new CxfPopulationRegister(sim.endpointUrl(), CONNECT, RECEIVE, Duration.ofSeconds(60));
    }

    @AfterEach
    void closeClient() {
        register.close();
    }

    private RegisterFacts lookup(String id) {
        return register.lookup(Fhir.PERSONNUMMER_OID, id);
    }

    @Test
    void protectedPersonIsProtected() {
        sim.markProtected(PERSON);
        RegisterFacts facts = lookup(PERSON);
        assertThat(facts.found()).isTrue();
        assertThat(facts.protectedPerson()).isTrue();
        assertThat(facts.protectedPopulationRecord()).isFalse();
        assertThat(facts.protectedIdentity()).isTrue();
    }

    @Test
    void protectedPopulationRecordIsProtected() {
        sim.markProtectedPopulationRecord(PERSON);
        RegisterFacts facts = lookup(PERSON);
        assertThat(facts.protectedPopulationRecord()).isTrue();
        assertThat(facts.protectedPerson()).isFalse();
        assertThat(facts.protectedIdentity()).isTrue();
    }

    @Test
    void deceasedAndEmigratedAreRead() {
        sim.markDeceased(PERSON);
        sim.markEmigrated("191111111111");
        assertThat(lookup(PERSON)).isEqualTo(new RegisterFacts(false, false, true, false, true));
        assertThat(lookup("191111111111")).isEqualTo(new RegisterFacts(false, false, false, true, true));
    }

    @Test
    void ordinaryPersonIsNotProtected() {
        RegisterFacts facts = lookup(PERSON);
        assertThat(facts).isEqualTo(new RegisterFacts(false, false, false, false, true));
        assertThat(facts.protectedIdentity()).isFalse();
    }

    @Test
    void unknownPersonIsNotFoundNotAnError() {
        sim.markUnknown(PERSON);
        RegisterFacts facts = lookup(PERSON);
        assertThat(facts.found()).isFalse();
        assertThat(facts.protectedIdentity()).isFalse();
    }

    @Test
    void secondLookupOfSameIdComesFromCache() {
        int before = sim.lookups();
        lookup(PERSON);
        lookup(PERSON);
        assertThat(sim.lookups() - before).isEqualTo(1);
        // The identifier system is part of the key.
        register.lookup(Fhir.SAMORDNINGSNUMMER_OID, PERSON);
        assertThat(sim.lookups() - before).isEqualTo(2);
    }

    @Test
    void registerDownIsUnavailableAndTheFailureIsNotCached() {
        int before = sim.lookups();
        sim.goDown();
        try {
            assertThatThrownBy(() -> lookup(PERSON)).isInstanceOf(RegisterUnavailableException.class);
        } finally {
            sim.comeUp();
        }
        sim.markProtected(PERSON);
        assertThat(lookup(PERSON).protectedIdentity()).isTrue();
        assertThat(sim.lookups() - before).isEqualTo(1);
    }

    @Test
    void serverFaultIsUnavailableAndNotCached() {
        sim.failWithServerError(true);
        assertThatThrownBy(() -> lookup(PERSON))
                .isInstanceOf(RegisterUnavailableException.class)
                .hasMessageNotContaining(PERSON);
        sim.failWithServerError(false);
        assertThat(lookup(PERSON).found()).isTrue();
    }

    @Test
    void slowRegisterBeyondReceiveTimeoutIsUnavailable() {
        int before = sim.lookups();
        sim.setDelay(RECEIVE.multipliedBy(2));
        assertThatThrownBy(() -> lookup(PERSON)).isInstanceOf(RegisterUnavailableException.class);
        sim.setDelay(Duration.ZERO);
        // The simulator still finishes its late answer; wait so it does not leak into other tests.
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.lookups() == before + 1);
        assertThat(lookup(PERSON).found()).isTrue();
        assertThat(sim.lookups()).isEqualTo(before + 2);
    }

    @Test
    void wrongEndpointPathIsAConfigurationErrorNotATransientOne() {
        try (CxfPopulationRegister misconfigured = new CxfPopulationRegister(
                sim.endpointUrl() + "-nope", CONNECT, RECEIVE, Duration.ofSeconds(60))) {
            assertThatThrownBy(() -> misconfigured.lookup(Fhir.PERSONNUMMER_OID, PERSON))
                    .isInstanceOf(IllegalStateException.class)
                    .isNotInstanceOf(RegisterUnavailableException.class);
        }
    }
}
