package se.vardnav.journal.mllp;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.Map;

/**
 * The MLLP listener for the journal system ({@code vardnav.journal.mllp}): where it listens, how large a
 * message may be, how many connections it keeps and for how long, and which character set a sender uses
 * when its messages do not say (connectors/journal-hl7/README.md).
 *
 * @param maxMessageSize         larger messages get AR stating the limit; the hub never holds more than this
 *                               (plus a read buffer) of one message in memory
 * @param maxConnections         open connections at most; more are closed at once, and readiness reports saturation
 * @param maxConnectionsPerPeer  open connections from one address at most
 * @param idleTimeout            a connection with no message for this long is closed (the sender reconnects)
 * @param receiveTimeout         how often a waiting connection checks its idle time
 * @param readTimeout            the longest pause inside one message before the connection is closed
 * @param charsetBySender        MSH-3 to the character set of its messages when MSH-18 is empty
 * @param bindTimeout            how long start-up tries to bind the port (another process holding it); then the
 *                               hub does not start (10s when not set)
 * @param tls                    TLS with client certificates; required unless {@code plainAllowed}
 * @param plainAllowed           listen without TLS when no key store is set (demo, tests, a trusted network): a
 *                               warning at start says so
 */
@Validated
@ConfigurationProperties("vardnav.journal.mllp")
public record JournalMllpProperties(
        @NotBlank String host,
        @Min(1) @Max(65535) int port,
        DataSize maxMessageSize,
        int maxConnections,
        int maxConnectionsPerPeer,
        Duration idleTimeout,
        Duration receiveTimeout,
        Duration readTimeout,
        Map<String, String> charsetBySender,
        Duration bindTimeout,
        MllpTls tls,
        boolean plainAllowed) {

    public JournalMllpProperties {
        tls = tls == null ? new MllpTls(null, null, null, null, null, null) : tls;
        charsetBySender = charsetBySender == null ? Map.of() : Map.copyOf(charsetBySender);
        bindTimeout = bindTimeout == null ? Duration.ofSeconds(10) : bindTimeout;
        if (maxMessageSize == null || maxConnections <= 0 || maxConnectionsPerPeer <= 0
                || idleTimeout == null || receiveTimeout == null || readTimeout == null) {
            throw new IllegalArgumentException("vardnav.journal.mllp: max-message-size, max-connections, "
                    + "max-connections-per-peer, idle-timeout, receive-timeout and read-timeout must be set");
        }
    }

    @AssertTrue(message = "MLLP needs TLS: set tls.key-store and tls.trust-store (the CAs of the journal systems' client "
            + "certificates), or plain-allowed=true to listen without TLS")
    public boolean isTlsOrPlainAllowed() {
        return plainAllowed || tls.configured();
    }

    @AssertTrue(message = "tls.trust-store is needed with tls.key-store: the journal systems' client certificates must chain to it")
    public boolean isClientCertificatesVerifiable() {
        return !tls.configured() || tls.hasTrustStore();
    }

    public int maxMessageBytes() {
        return (int) Math.min(Integer.MAX_VALUE - 65_536, maxMessageSize.toBytes());
    }
}
