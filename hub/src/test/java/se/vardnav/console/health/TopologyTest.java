package se.vardnav.console.health;

import org.junit.jupiter.api.Test;
import se.vardnav.connector.mailbox.MailboxUnavailableException;
import se.vardnav.connector.platform.PlatformTransientException;
import se.vardnav.console.ConsoleProperties;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TopologyTest {
    private final Topology topology = new Topology(List.of(), List.of(
            new ConsoleProperties.Peer("platform", null, List.of("platform-delivery", "letter-platform"), List.of(),
                    List.of("PlatformTransientException"), false, null),
            new ConsoleProperties.Peer("mailbox-directory", null, List.of("letter-routing"), List.of(),
                    List.of("MailboxUnavailableException"), true, null),
            new ConsoleProperties.Peer("mailbox-1", "Kivra", List.of("letter-mailbox-1"), List.of(),
                    List.of("MailboxUnavailableException"), true, null)));

    @Test
    void aFailureBelongsToThePeerWhoseExceptionItIsAlongTheCauseChainAndOnItsRoute() {
        RuntimeException wrapped = new RuntimeException("wrapped", new PlatformTransientException("no answer", 503, null));
        assertThat(topology.peerFailing("booking-policy", wrapped)).map(ConsoleProperties.Peer::id).hasValue("platform");
        MailboxUnavailableException down = new MailboxUnavailableException("down");
        assertThat(topology.peerFailing("letter-mailbox-1", down)).map(ConsoleProperties.Peer::id).hasValue("mailbox-1");
        assertThat(topology.peerFailing("letter-routing", down)).map(ConsoleProperties.Peer::id).hasValue("mailbox-directory");
        assertThat(topology.peerFailing("letter-routing", new IllegalStateException("bug"))).isEmpty();
    }

    @Test
    void routePatternsMatchExactlyOrByPrefix() {
        assertThat(Topology.matchesAny(List.of("letter-mailbox-*"), "letter-mailbox-165568402266")).isTrue();
        assertThat(Topology.matchesAny(List.of("letter-mailbox-*"), "letter-routing")).isFalse();
        assertThat(topology.peersOfRoute("letter-platform")).extracting(ConsoleProperties.Peer::id).containsExactly("platform");
    }
}
