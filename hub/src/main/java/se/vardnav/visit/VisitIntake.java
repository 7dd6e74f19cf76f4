package se.vardnav.visit;

import ca.uhn.fhir.context.FhirContext;
import org.apache.camel.ProducerTemplate;
import org.hl7.fhir.r4.model.Encounter;

import java.util.List;

/**
 * Where Encounters from the visit platform come in, pushed or notified: validated whole ({@link EncounterReader}),
 * numbered ({@link VisitVersions}), then put on the broker before the caller is answered. Nothing is kept of an
 * invalid one.
 */
public class VisitIntake {
    private final FhirContext fhir;
    private final ProducerTemplate producer;
    private final String endpoint;
    private final VisitVersions versions;

    public VisitIntake(FhirContext fhir, ProducerTemplate producer, String endpoint, VisitVersions versions) {
        this.fhir = fhir;
        this.producer = producer;
        this.endpoint = endpoint;
        this.versions = versions;
    }

    /** Thrown with every problem found; the message lists them. */
    public static class Refused extends Exception {
        private final List<String> problems;

        public Refused(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** @return the visit and the version it got, once the event is on the broker */
    public Accepted accept(Encounter encounter) throws Refused {
        EncounterReader.Result read = EncounterReader.read(encounter);
        if (!read.valid()) {
            throw new Refused(read.problems());
        }
        String visitId = read.visit().visitId();
        VisitVersions.Assigned assigned;
        try {
            assigned = versions.assign(visitId, encounter);
        } catch (InvalidVisitException e) {
            throw new Refused(List.of(e.getMessage()));
        }
        producer.sendBodyAndHeaders(endpoint, fhir.newJsonParser().encodeResourceToString(encounter), VisitGroups.of(visitId, assigned.version()));
        return new Accepted(visitId, assigned.version(), assigned.duplicate());
    }

    public record Accepted(String visitId, long version, boolean duplicate) {}
}
