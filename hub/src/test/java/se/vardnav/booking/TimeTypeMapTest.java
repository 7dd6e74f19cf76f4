package se.vardnav.booking;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.ConceptMap;
import org.junit.jupiter.api.Test;
import se.vardnav.booking.TimeTypeRule.Handling;
import se.vardnav.fhir.Fhir;

import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeTypeMapTest {
    private static final FhirContext CTX = FhirContext.forR4Cached();
    private static final String SHIPPED = "fhir-mapping/ConceptMap-time-types.json";

    @Test
    void everyShippedTimeTypeHasAHandling() throws Exception {
        ConceptMap raw = CTX.newJsonParser().parseResource(ConceptMap.class, new FileInputStream(SHIPPED));
        TimeTypeMap map = BookingPolicyTest.shippedTimeTypes();
        var handlingGroup = raw.getGroup().stream().filter(g -> Fhir.BOOKING_HANDLING.equals(g.getTarget())).findFirst().orElseThrow();
        assertThat(handlingGroup.getElement()).isNotEmpty().allSatisfy(e ->
                assertThat(map.ruleFor(e.getCode())).as(e.getCode()).isPresent());
    }

    @Test
    void videoIsVideoWithRoutineAppointmentType() {
        TimeTypeRule rule = BookingPolicyTest.shippedTimeTypes().ruleFor("VIDEO").orElseThrow();
        assertThat(rule.handling()).isEqualTo(Handling.VIDEO);
        assertThat(rule.video()).isTrue();
        assertThat(rule.appointmentType().getSystem()).isEqualTo(Fhir.APPOINTMENT_TYPE);
        assertThat(rule.appointmentType().getCode()).isEqualTo("ROUTINE");
    }

    @Test
    void doldIsHidden() {
        TimeTypeRule rule = BookingPolicyTest.shippedTimeTypes().ruleFor("DOLD").orElseThrow();
        assertThat(rule.handling()).isEqualTo(Handling.HIDDEN);
        assertThat(rule.video()).isFalse();
    }

    @Test
    void unknownOrMissingTimeTypeHasNoRule() {
        TimeTypeMap map = BookingPolicyTest.shippedTimeTypes();
        assertThat(map.ruleFor("FINNSINTE")).isEmpty();
        assertThat(map.ruleFor(null)).isEmpty();
    }

    @Test
    void unknownHandlingCodeFailsAtStartNamingTheCode() {
        String json = """
                {"resourceType":"ConceptMap","status":"active","group":[{
                  "source":"%s","target":"%s",
                  "element":[{"code":"VIDEO","target":[{"code":"telepathy","equivalence":"equivalent"}]}]}]}
                """.formatted(Fhir.JOURNAL_TIME_TYPE, Fhir.BOOKING_HANDLING);
        // region IT must see which code is wrong, not a bare stack trace
        assertThatThrownBy(() -> TimeTypeMap.read(CTX, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("telepathy");
    }
}
