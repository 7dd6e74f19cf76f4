package se.vardnav.cluster;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chaos suite, small run (issue 14, item 3): two hubs (processes) on a replicated broker pair (two processes) and
 * one PostgreSQL schema; the platform, register and SMS gateway simulators in the test's JVM, a process apart from
 * the hubs and brokers, so the test reads what each peer received. Bookings with moves and cancels, letters and
 * reminders due during the run; hub A is killed (SIGKILL), then the primary broker, then both start again. Nothing
 * acknowledged is lost, nothing reaches a peer twice, no booking's events apply out of order, every reminder fires
 * once. Sizes: {@code -Dchaos.bookings / chaos.letters / chaos.reminders}; the full run is {@link ChaosBenchmark}.
 * PostgreSQL only.
 */
class ChaosIT {
    private static HubCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(HubCluster.postgres(),
                "two hubs share one database: run with -Ppostgres (an H2 file cannot be opened by two processes)");
        cluster = new HubCluster("chaos", ChaosBenchmark.SETTINGS, true);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void killAHubThenThePrimaryBrokerThenRestartBoth() throws Exception {
        ChaosScenario.Result r = ChaosScenario.run(cluster, ChaosScenario.Size.fromProperties("chaos", 120, 30, 60), Duration.ofMinutes(3));
        System.out.println("ChaosIT: " + r);
        assertThat(r.acked()).as("every booking event acknowledged in the end (the senders resend)").isEqualTo(r.events());
        assertThat(r.bookingsNotInLastState()).as("bookings not in the state of their last event (lost)").isZero();
        assertThat(r.outOfOrder()).as("events applied on the platform after a later one").isZero();
        assertThat(r.lettersMissing()).as("letters accepted but not on the platform").isZero();
        assertThat(r.lettersTwice()).as("letters taken twice").isZero();
        assertThat(r.remindersMissing()).as("reminders never sent").isZero();
        assertThat(r.remindersTwice()).as("reminders sent twice").isZero();
        assertThat(r.smsTwice()).as("the same SMS twice to a number").isZero();
    }
}
