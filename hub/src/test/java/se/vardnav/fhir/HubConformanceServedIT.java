package se.vardnav.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.NamingSystem;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;
import se.vardnav.support.HubConformance;
import se.vardnav.support.HubTestBase;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The hub serves its conformance resources on /fhir, and the shipped CapabilityStatement says what /fhir/metadata says. */
class HubConformanceServedIT extends HubTestBase {

    private IGenericClient hub() {
        FhirContext ctx = FhirContext.forR4();
        ctx.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        return se.vardnav.support.TestFhirClients.hub(ctx, "http://127.0.0.1:" + httpPort + "/fhir");
    }

    private static ConformanceResources shipped() {
        return ConformanceResources.load(FhirContext.forR4Cached(), HubConformance.FOLDER);
    }

    @Test
    void theShippedCapabilityStatementSaysWhatTheRunningHubOffers() {
        CapabilityStatement running = hub().capabilities().ofType(CapabilityStatement.class).execute();
        CapabilityStatement shipped = shipped().ofType(CapabilityStatement.class).get(0);
        assertThat(summary(shipped)).isEqualTo(summary(running));
        assertThat(systemOperations(shipped)).isEqualTo(systemOperations(running));
        shipped.getRestFirstRep().getResource().stream().flatMap(r -> r.getOperation().stream()).forEach(op ->
                assertThat(shipped().ofType(org.hl7.fhir.r4.model.OperationDefinition.class))
                        .anySatisfy(d -> assertThat(d.getUrl()).isEqualTo(op.getDefinition())));
    }

    /** type → interactions, search parameters and operations, sorted. */
    private static Map<String, String> summary(CapabilityStatement cs) {
        Map<String, String> m = new TreeMap<>();
        for (CapabilityStatement.CapabilityStatementRestResourceComponent r : cs.getRestFirstRep().getResource()) {
            Set<String> parts = new TreeSet<>();
            r.getInteraction().forEach(i -> parts.add("interaction " + i.getCode().toCode()));
            r.getSearchParam().forEach(p -> parts.add("search " + p.getName() + ":" + p.getType().toCode()));
            r.getOperation().forEach(o -> parts.add("operation " + o.getName()));
            if (r.getConditionalUpdate()) {
                parts.add("conditional update");
            }
            m.put(r.getType(), String.join(", ", parts));
        }
        return m;
    }

    private static Set<String> systemOperations(CapabilityStatement cs) {
        Set<String> names = new TreeSet<>();
        cs.getRestFirstRep().getOperation().forEach(o -> names.add(o.getName()));
        return names;
    }

    @Test
    void definitionsAreServedWhereTheHubsResourcesPointTo() {
        Bundle caseName = hub().search().forResource(StructureDefinition.class)
                .where(StructureDefinition.URL.matches().value(Fhir.EXT_CASE_NAME)).returnBundle(Bundle.class).execute();
        assertThat(caseName.getEntry()).singleElement()
                .satisfies(e -> assertThat(((StructureDefinition) e.getResource()).getUrl()).isEqualTo(Fhir.EXT_CASE_NAME));
        CodeSystem kinds = hub().read().resource(CodeSystem.class).withId("letter-kind").execute();
        assertThat(kinds.getConcept()).extracting(CodeSystem.ConceptDefinitionComponent::getCode).contains("kallelse", "ebrev", "remissbekraftelse");
        assertThat(hub().search().forResource(NamingSystem.class).returnBundle(Bundle.class).execute().getEntry())
                .hasSize(shipped().ofType(NamingSystem.class).size());
        assertThat(hub().read().resource(SearchParameter.class).withId("appointment-patient-identifier").execute().getCode())
                .isEqualTo("patient-identifier");
    }
}
