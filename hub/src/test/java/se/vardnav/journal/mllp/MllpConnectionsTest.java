package se.vardnav.journal.mllp;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MllpConnectionsTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MllpConnections connections = new MllpConnections(3, 2, meters);

    private double refused(String reason) {
        return meters.get("vardnav.journal.mllp.connections.refused").tag("reason", reason).counter().count();
    }

    private double gauge(String state) {
        return meters.get("vardnav.journal.mllp.connections").tag("state", state).gauge().value();
    }

    @Test
    void aPeerGetsAtMostItsShare() {
        assertThat(connections.admit("10.0.0.1")).isPresent();
        assertThat(connections.admit("10.0.0.1")).isPresent();
        assertThat(connections.admit("10.0.0.1")).isEmpty();
        assertThat(refused("peer-limit")).isEqualTo(1);
        assertThat(connections.admit("10.0.0.2")).as("another peer still gets in").isPresent();
    }

    @Test
    void whenAllSlotsAreTakenEveryoneIsRefusedUntilOneEnds() {
        MllpConnections.Connection first = connections.admit("10.0.0.1").orElseThrow();
        connections.admit("10.0.0.2").orElseThrow();
        connections.admit("10.0.0.3").orElseThrow();
        assertThat(connections.saturated()).isTrue();
        assertThat(connections.admit("10.0.0.4")).isEmpty();
        assertThat(refused("full")).isEqualTo(1);
        first.ended();
        first.ended(); // idempotent: the slot is freed once
        assertThat(connections.saturated()).isFalse();
        assertThat(connections.open()).isEqualTo(2);
        assertThat(connections.admit("10.0.0.4")).isPresent();
    }

    @Test
    void gaugesShowConnectionsByState() {
        MllpConnections.Connection a = connections.admit("10.0.0.1").orElseThrow();
        connections.admit("10.0.0.2").orElseThrow();
        a.processing();
        assertThat(gauge("waiting")).isEqualTo(1);
        assertThat(gauge("processing")).isEqualTo(1);
        assertThat(meters.get("vardnav.journal.mllp.connections.limit").gauge().value()).isEqualTo(3);
    }
}
