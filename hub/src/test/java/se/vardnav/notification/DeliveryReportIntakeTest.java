package se.vardnav.notification;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import se.vardnav.connector.sms.DeliveryReport;
import se.vardnav.connector.sms.ReportSignature;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which callbacks the hub takes, without a database: the sends are a stand-in that records what reached them. */
class DeliveryReportIntakeTest {
    private static final ReportSignature SIGNATURE = new ReportSignature("a-test-secret-of-some-length");
    private final List<DeliveryReport> applied = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SmsSends sends = new SmsSends(null, Clock.systemUTC()) {
        @Override
        public ReportOutcome report(String gateway, DeliveryReport report) {
            applied.add(report);
            return ReportOutcome.KEPT;
        }
    };

    private DeliveryReportIntake intake(String active) {
        return new DeliveryReportIntake(active, SIGNATURE, sends, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), meters);
    }

    private double count(String gateway, String outcome) {
        return meters.counter("vardnav.sms.reports", "gateway", gateway, "outcome", outcome).count();
    }

    @Test
    void aSignedKannelReportIsTakenWithKannelsTime() {
        var outcome = intake("kannel").kannel(Map.of("key", "N-1", "sig", SIGNATURE.sign("kannel", "N-1"), "status", "16", "ts", "1700000000"));
        assertThat(outcome).isEqualTo(DeliveryReportIntake.Outcome.KEPT);
        assertThat(applied).singleElement().satisfies(r -> {
            assertThat(r.businessKey()).isEqualTo("N-1");
            assertThat(r.status()).isEqualTo(DeliveryReport.Status.REJECTED);
            assertThat(r.at()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        });
    }

    @Test
    void withoutAValidTokenNothingReachesTheSendsAndItIsCounted() {
        var kannel = intake("kannel");
        assertThat(kannel.kannel(Map.of("key", "N-1", "status", "2"))).isEqualTo(DeliveryReportIntake.Outcome.FORGED);
        assertThat(kannel.kannel(Map.of("key", "N-1", "sig", SIGNATURE.sign("kannel", "N-2"), "status", "2")))
                .isEqualTo(DeliveryReportIntake.Outcome.FORGED);
        assertThat(kannel.kannel(Map.of("key", "N-1", "sig", SIGNATURE.sign("elks", "N-1"), "status", "2")))
                .isEqualTo(DeliveryReportIntake.Outcome.FORGED);
        assertThat(applied).isEmpty();
        assertThat(count("kannel", "forged")).isEqualTo(3);
    }

    @Test
    void onlyTheConfiguredGatewaysCallbackIsOpen() {
        var elks = intake("elks");
        assertThat(elks.kannel(Map.of("key", "N-1", "sig", SIGNATURE.sign("kannel", "N-1"), "status", "2")))
                .isEqualTo(DeliveryReportIntake.Outcome.INACTIVE);
        assertThat(intake("smpp").elks(Map.of("key", "N-1", "sig", SIGNATURE.sign("elks", "N-1")), Map.of("id", "s1", "status", "failed")))
                .isEqualTo(DeliveryReportIntake.Outcome.INACTIVE);
        assertThat(applied).isEmpty();
        assertThat(elks.elks(Map.of("key", "N-1", "sig", SIGNATURE.sign("elks", "N-1")), Map.of("id", "s1", "status", "failed")))
                .isEqualTo(DeliveryReportIntake.Outcome.KEPT);
        assertThat(applied).singleElement().satisfies(r -> assertThat(r.gatewayId()).isEqualTo("s1"));
    }

    @Test
    void aSignedReportThatIsNotAReportIsInvalid() {
        assertThat(intake("kannel").kannel(Map.of("key", "N-1", "sig", SIGNATURE.sign("kannel", "N-1"), "status", "%d")))
                .isEqualTo(DeliveryReportIntake.Outcome.INVALID);
        assertThat(applied).isEmpty();
    }
}
