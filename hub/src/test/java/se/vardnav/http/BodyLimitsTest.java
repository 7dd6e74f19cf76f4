package se.vardnav.http;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class BodyLimitsTest {
    private final BodyLimits limits = new BodyLimits(DataSize.ofMegabytes(1), DataSize.ofMegabytes(128),
            DataSize.ofKilobytes(64), DataSize.ofKilobytes(32), DataSize.ofKilobytes(16));

    @Test
    void eachEndpointHasItsLimit() {
        assertThat(limits.forPath("/fhir/Appointment").name()).isEqualTo("fhir");
        assertThat(limits.forPath("/fhir/Appointment/$guests").fhir()).isTrue();
        assertThat(limits.forPath("/fhir/CommunicationRequest").name()).isEqualTo("letters");
        assertThat(limits.forPath("/fhir/CommunicationRequest/123").bytes()).isEqualTo(128L * 1024 * 1024);
        assertThat(limits.forPath("/fhir/CommunicationRequestX").name()).isEqualTo("fhir");
        assertThat(limits.forPath("/sms/reports/elks").name()).isEqualTo("callbacks");
        assertThat(limits.forPath("/admin/print-list/print").name()).isEqualTo("admin");
        assertThat(limits.forPath("/admin/print-list/print").fhir()).isFalse();
        assertThat(limits.forPath("/guest-links/abc").name()).isEqualTo("other");
    }

    @Test
    void theReasonStatesTheLimitAndItsSetting() {
        assertThat(limits.forPath("/fhir/Appointment").reason(20_000_000))
                .isEqualTo("the request body is 20000000 bytes; this endpoint takes at most 1048576 bytes (vardnav.http.body-limits.fhir)");
        assertThat(limits.forPath("/admin/x").reason(-1)).startsWith("the request body is larger than 32768 bytes");
    }
}
