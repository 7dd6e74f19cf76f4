package se.vardnav.booking;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ConceptMap.ConceptMapGroupComponent;
import org.hl7.fhir.r4.model.ConceptMap.SourceElementComponent;
import se.vardnav.fhir.Fhir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The time type ConceptMap of {@code fhir-mapping/}, read once at start: region IT edits the JSON
 * and restarts the hub, no recompiling.
 */
public class TimeTypeMap {
    private final Map<String, TimeTypeRule> rules = new HashMap<>();

    public TimeTypeMap(ConceptMap map) {
        Map<String, Coding> appointmentTypes = new HashMap<>();
        Map<String, TimeTypeRule.Handling> handlings = new HashMap<>();
        for (ConceptMapGroupComponent group : map.getGroup()) {
            for (SourceElementComponent element : group.getElement()) {
                if (element.getTarget().isEmpty()) {
                    continue;
                }
                var target = element.getTargetFirstRep();
                if (Fhir.BOOKING_HANDLING.equals(group.getTarget())) {
                    handlings.put(element.getCode(), TimeTypeRule.Handling.ofCode(target.getCode()));
                } else if (Fhir.APPOINTMENT_TYPE.equals(group.getTarget())) {
                    appointmentTypes.put(element.getCode(), new Coding(group.getTarget(), target.getCode(), target.getDisplay()));
                }
            }
        }
        handlings.forEach((code, handling) -> rules.put(code, new TimeTypeRule(code, handling, appointmentTypes.get(code))));
    }

    public static TimeTypeMap read(FhirContext fhir, InputStream json) {
        try (json) {
            return new TimeTypeMap(fhir.newJsonParser().parseResource(ConceptMap.class, json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rule for a time type, or empty when the region has not mapped it. */
    public Optional<TimeTypeRule> ruleFor(String timeType) {
        return Optional.ofNullable(timeType).map(rules::get);
    }
}
