package se.vardnav.support;

import se.vardnav.sim.platform.PlatformSimulator;
import se.vardnav.sim.register.RegisterSimulator;
import se.vardnav.sim.sms.HttpSmsGatewaySimulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The packaged hub jar as a region runs it: where the build put it, the settings it needs to start outside the demo
 * profile (a region's own secrets, the peers' addresses) and its readiness probe. Shared by {@code PackagedHubIT} and
 * the start-up benchmark, so both start the same hub.
 */
public final class PackagedHub {
    private static final Path TEST_RESOURCES = Path.of("hub", "src", "test", "resources").toAbsolutePath();

    private PackagedHub() {
    }

    /** {@code hub/target/vardnav-hub-*-exec.jar}, from the repository root. */
    public static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("hub", "target"))) {
            return files.filter(p -> p.getFileName().toString().matches("vardnav-hub-.*-exec\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no hub/target/vardnav-hub-*-exec.jar: run ./mvnw -pl hub -am -DskipTests package"));
        }
    }

    /** The peers the packaged hub talks to, and the secrets a region gives it. */
    public record Peers(PlatformSimulator platform, String platformSecret, RegisterSimulator register, HttpSmsGatewaySimulator sms,
                        String smsPassword) {
    }

    /** The hub's arguments ({@code --key=value}) on these ports: embedded broker, H2 under ./data (the working directory). */
    public static List<String> arguments(Peers peers, int brokerPort, int mllpPort, int httpPort) {
        return new ArrayList<>(List.of(
                "--vardnav.broker.acceptor=tcp://127.0.0.1:" + brokerPort,
                "--vardnav.broker.url=tcp://127.0.0.1:" + brokerPort,
                "--vardnav.journal.mllp.port=" + mllpPort,
                "--vardnav.journal.mllp.plain-allowed=true",
                "--vardnav.journal.outbound.plain-allowed=true",
                "--server.port=" + httpPort,
                "--vardnav.platform.base-url=" + peers.platform().baseUrl(),
                "--vardnav.platform.auth.token-uri=" + peers.platform().tokenUrl(),
                "--vardnav.platform.auth.client-id=" + PlatformSimulator.DEMO_CLIENT_ID,
                "--vardnav.platform.auth.client-secret=" + peers.platformSecret(),
                "--vardnav.register.url=" + peers.register().endpointUrl(),
                "--vardnav.sms.base-url=" + peers.sms().baseUrl(),
                "--vardnav.sms.user=" + HttpSmsGatewaySimulator.DEFAULT_USER,
                "--vardnav.sms.password=" + peers.smsPassword(),
                "--vardnav.sms.report-secret=" + UUID.randomUUID(),
                "--vardnav.notification.guest-link-secret=" + UUID.randomUUID(),
                "--vardnav.audit.patient-key=" + UUID.randomUUID(),
                "--vardnav.data-keys.current=packaged",
                "--vardnav.data-keys.keys.packaged=" + java.util.Base64.getEncoder().encodeToString(java.security.SecureRandom.getSeed(32)),
                "--vardnav.broker.password=" + UUID.randomUUID(),
                "--vardnav.mailbox.signing.key-store=file:" + TEST_RESOURCES.resolve("mailbox/untrusted-signing.p12"),
                "--vardnav.mailbox.signing.password=test-only",
                "--vardnav.mailbox.signing.alias=other",
                // a list setting is replaced whole by a higher source, so the operators are given whole
                "--vardnav.mailbox.operators[0].id=165568402266", "--vardnav.mailbox.operators[0].name=Kivra",
                "--vardnav.mailbox.operators[0].protocol=kivra",
                "--vardnav.mailbox.operators[0].kivra.base-url=http://127.0.0.1:" + freePort(),
                "--vardnav.mailbox.operators[0].kivra.tenant-key=packaged", "--vardnav.mailbox.operators[0].kivra.client-id=vardnav",
                "--vardnav.mailbox.operators[0].kivra.client-secret=" + UUID.randomUUID(), "--vardnav.mailbox.operators[0].kivra.token-path=/v1/auth",
                "--vardnav.mailbox.operators[1].id=162021005448", "--vardnav.mailbox.operators[1].name=Min myndighetspost",
                "--vardnav.mailbox.operators[1].protocol=mina-meddelanden",
                "--vardnav.security.issuer=" + TestTokens.ISSUER,
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + TEST_RESOURCES.resolve("security/test-issuer.pub")));
    }

    /** A port free now (not HubTestBase's: loading that class starts its simulators). */
    public static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The readiness probe's status, or -1 while nothing answers. */
    public static int readiness(HttpClient http, int httpPort) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notYet) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
