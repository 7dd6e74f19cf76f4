package se.vardnav.connector.mailbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import se.vardnav.connector.mailbox.kivra.KivraOperator;
import se.vardnav.connector.mailbox.minameddelanden.CxfMailboxDirectory;
import se.vardnav.connector.mailbox.minameddelanden.MinaMeddelandenOperator;
import se.vardnav.document.LetterDocuments;
import se.vardnav.sim.ServerTls;
import se.vardnav.sim.mailbox.KivraSimulator;
import se.vardnav.sim.mailbox.MinaMeddelandenSimulator;
import se.vardnav.sim.mailbox.OperatorSimulator;
import se.vardnav.support.TestPersons;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Mutual TLS per endpoint: the Recipient service, a Mina meddelanden operator and Kivra each serve HTTPS
 * and demand a client certificate; the hub's key and trust stores come from {@code vardnav.mailbox.*}.
 * The key stores are made for this test with the JDK's keytool (test material only, in a temp folder).
 */
class MailboxTlsTest {
    static final String KIVRA = "165568402266";
    static final String MYNDIGHETSPOST = "162021005448";
    static final String PASSWORD = "test-only";

    @TempDir
    static Path dir;
    static MailboxTls hub;
    static MailboxTls stranger;
    static MinaMeddelandenSimulator mm;
    static OperatorSimulator myndighetspost;
    static KivraSimulator kivra;

    @BeforeAll
    static void keysAndSimulators() throws Exception {
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", file("server.p12"), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-genkeypair", "-alias", "region", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=Region Test,O=Vardnav test",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", file("region.p12"), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-genkeypair", "-alias", "stranger", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=Stranger",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", file("stranger.p12"), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "server", "-keystore", file("server.p12"), "-storepass", PASSWORD, "-file", file("server.cer"));
        keytool("-exportcert", "-alias", "region", "-keystore", file("region.p12"), "-storepass", PASSWORD, "-file", file("region.cer"));
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", file("server.cer"), "-storetype", "PKCS12",
                "-keystore", file("hub-trust.p12"), "-storepass", PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "region", "-file", file("region.cer"), "-storetype", "PKCS12",
                "-keystore", file("server-trust.p12"), "-storepass", PASSWORD);

        ServerTls server = new ServerTls(file("server.p12"), PASSWORD, file("server-trust.p12"), PASSWORD);
        hub = new MailboxTls(file("region.p12"), PASSWORD, null, file("hub-trust.p12"), PASSWORD);
        stranger = new MailboxTls(file("stranger.p12"), PASSWORD, null, file("hub-trust.p12"), PASSWORD);
        mm = new MinaMeddelandenSimulator(0, server).start();
        myndighetspost = mm.addOperator(MYNDIGHETSPOST, "Min myndighetspost", 0, server);
        mm.addOperator(KIVRA, "Kivra", 0, server);
        kivra = new KivraSimulator(0, "tenant-tls", "vardnav", "secret", server).start();
    }

    @AfterAll
    static void stop() {
        mm.close();
        kivra.close();
    }

    @Test
    void withTheRegionsCertificateEveryEndpointAnswersOverTls(@TempDir Path docs) {
        String viaMmp = TestPersons.next();
        String viaKivra = TestPersons.next();
        mm.reachableVia(viaMmp, MYNDIGHETSPOST);
        mm.reachableVia(viaKivra, KIVRA);
        kivra.addUser(viaKivra);
        assertThat(mm.recipientUrl()).startsWith("https://");
        String[] properties = {
                "vardnav.mailbox.recipient-url=" + mm.recipientUrl(),
                "vardnav.mailbox.recipient-tls.key-store=" + hub.keyStore(),
                "vardnav.mailbox.recipient-tls.key-store-password=" + PASSWORD,
                "vardnav.mailbox.recipient-tls.trust-store=" + hub.trustStore(),
                "vardnav.mailbox.recipient-tls.trust-store-password=" + PASSWORD,
                "vardnav.mailbox.operators[0].id=" + MYNDIGHETSPOST,
                "vardnav.mailbox.operators[0].name=Min myndighetspost",
                "vardnav.mailbox.operators[0].protocol=mina-meddelanden",
                "vardnav.mailbox.operators[0].tls.key-store=" + hub.keyStore(),
                "vardnav.mailbox.operators[0].tls.key-store-password=" + PASSWORD,
                "vardnav.mailbox.operators[0].tls.trust-store=" + hub.trustStore(),
                "vardnav.mailbox.operators[0].tls.trust-store-password=" + PASSWORD,
                "vardnav.mailbox.operators[1].id=" + KIVRA,
                "vardnav.mailbox.operators[1].name=Kivra",
                "vardnav.mailbox.operators[1].protocol=kivra",
                "vardnav.mailbox.operators[1].kivra.base-url=" + kivra.baseUrl(),
                "vardnav.mailbox.operators[1].kivra.tenant-key=tenant-tls",
                "vardnav.mailbox.operators[1].kivra.client-id=vardnav",
                "vardnav.mailbox.operators[1].kivra.client-secret=secret",
                "vardnav.mailbox.operators[1].tls.key-store=" + hub.keyStore(),
                "vardnav.mailbox.operators[1].tls.key-store-password=" + PASSWORD,
                "vardnav.mailbox.operators[1].tls.trust-store=" + hub.trustStore(),
                "vardnav.mailbox.operators[1].tls.trust-store-password=" + PASSWORD,
        };
        new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withPropertyValues(properties)
                .withBean(LetterDocuments.class, () -> new LetterDocuments(docs, se.vardnav.privacy.TestKeys.cipher()))
                .withBean(Clock.class, Clock::systemUTC)
                .withUserConfiguration(MailboxConfiguration.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    MailboxDirectory directory = context.getBean(MailboxDirectory.class);
                    MailboxOperators operators = context.getBean(MailboxOperators.class);
                    for (String pnr : List.of(viaMmp, viaKivra)) {
                        Reachability r = directory.isReachable(pnr);
                        assertThat(r.reachable()).isTrue();
                        assertThat(r.serviceAddress()).startsWith("https://");
                        MailboxLetter letter = new MailboxLetter("TLS-" + pnr, pnr, "Brev", "Hej", List.of(), null, r.serviceAddress());
                        assertThat(operators.byId(r.operatorId()).orElseThrow().deliver(letter).transactionId()).isNotBlank();
                    }
                });
        assertThat(myndighetspost.deliveries()).singleElement().extracting(d -> d.recipient()).isEqualTo(viaMmp);
        assertThat(kivra.contents()).singleElement().extracting(c -> c.ssn()).isEqualTo(viaKivra);
        assertThat(mm.allViolations()).isEmpty();
        assertThat(kivra.violations()).isEmpty();
    }

    @Test
    void aClientWithoutTheRegionsCertificateIsTurnedAwayAsUnavailable(@TempDir Path docs) {
        String pnr = TestPersons.next();
        mm.reachableVia(pnr, MYNDIGHETSPOST);
        MailboxTls noCertificate = new MailboxTls(null, null, null, hub.trustStore(), PASSWORD);
        for (MailboxTls wrong : List.of(noCertificate, stranger)) {
            try (CxfMailboxDirectory directory = new CxfMailboxDirectory(mm.recipientUrl(), "2321000016", Duration.ofSeconds(2),
                    Duration.ofSeconds(10), wrong, null)) {
                assertThatThrownBy(() -> directory.isReachable(pnr)).isInstanceOf(MailboxUnavailableException.class);
            }
            MinaMeddelandenOperator operator = new MinaMeddelandenOperator(MYNDIGHETSPOST, "Min myndighetspost",
                    builder(docs), myndighetspost.serviceAddress(), Duration.ofSeconds(2),
                    Duration.ofSeconds(10), wrong, null);
            assertThatThrownBy(() -> operator.deliver(new MailboxLetter("TLS-no", pnr, "Brev", "Hej", List.of(), null, null)))
                    .isInstanceOf(MailboxUnavailableException.class);
            KivraOperator kivraOperator = new KivraOperator(KIVRA, "Kivra", new KivraOperator.Settings(kivra.baseUrl(), "tenant-tls",
                    "vardnav", "secret", KivraSimulator.TOKEN_PATH, null, Duration.ofSeconds(2), Duration.ofSeconds(10), wrong),
                    new LetterDocuments(docs, se.vardnav.privacy.TestKeys.cipher()), Clock.systemUTC());
            assertThatThrownBy(() -> kivraOperator.deliver(new MailboxLetter("TLS-no", pnr, "Brev", "Hej", List.of(), null, null)))
                    .isInstanceOf(MailboxUnavailableException.class);
        }
        assertThat(myndighetspost.deliveries()).noneMatch(d -> "TLS-no".equals(d.reference()));
    }

    private static se.vardnav.connector.mailbox.minameddelanden.SecureDeliveryBuilder builder(Path docs) {
        return new se.vardnav.connector.mailbox.minameddelanden.SecureDeliveryBuilder(
                new se.vardnav.connector.mailbox.minameddelanden.SecureDeliveryBuilder.SenderInfo("162321000016", "Region Test", "sv",
                        "Frågor?", null, null, null), new LetterDocuments(docs, se.vardnav.privacy.TestKeys.cipher()),
                se.vardnav.connector.mailbox.minameddelanden.DeliverySignatures.fromKeyStore(MinaMeddelandenConnectorTest.KEYSTORE,
                        "demo-only".toCharArray(), "vardnav-demo"), Clock.systemUTC());
    }

    private static String file(String name) {
        return dir.resolve(name).toString();
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + out);
        }
    }
}
