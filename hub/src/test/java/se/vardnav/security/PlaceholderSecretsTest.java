package se.vardnav.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class PlaceholderSecretsTest {

    /** What application.yml ships, as a region would start it without setting anything. */
    private static MockEnvironment shipped() {
        return new MockEnvironment()
                .withProperty("vardnav.notification.guest-link-secret", "change-me-not-for-production")
                .withProperty("vardnav.sms.protocol", "elks")
                .withProperty("vardnav.sms.password", "sim-secret")
                .withProperty("vardnav.sms.report-secret", "change-me-not-for-production")
                .withProperty("vardnav.audit.patient-key", "change-me-not-for-production")
                .withProperty("vardnav.data-keys.current", "demo")
                .withProperty("vardnav.data-keys.keys.demo", PlaceholderSecrets.DEMO_DATA_KEY)
                .withProperty("vardnav.sms.smpp.password", "changeme")
                .withProperty("vardnav.broker.password", "vardnav")
                .withProperty("vardnav.mailbox.signing.key-store", "connectors/mailbox/demo-signing.p12")
                .withProperty("vardnav.mailbox.signing.password", "demo-only")
                .withProperty("vardnav.mailbox.operators[0].id", "165568402266")
                .withProperty("vardnav.mailbox.operators[0].protocol", "kivra")
                .withProperty("vardnav.mailbox.operators[0].kivra.client-secret", "sim-secret")
                .withProperty("vardnav.mailbox.operators[1].id", "162021005448")
                .withProperty("vardnav.mailbox.operators[1].protocol", "mina-meddelanden");
    }

    private static MockEnvironment regional() {
        return new MockEnvironment()
                .withProperty("vardnav.notification.guest-link-secret", "k8s-secret-guest-links-0123456789")
                .withProperty("vardnav.sms.password", "gateway-account-password")
                .withProperty("vardnav.sms.report-secret", "k8s-secret-sms-reports-0123456789")
                .withProperty("vardnav.audit.patient-key", "k8s-secret-audit-patient-key-0123456789")
                // the shipped demo key stays listed (application.yml): it only opens, never seals
                .withProperty("vardnav.data-keys.keys.demo", PlaceholderSecrets.DEMO_DATA_KEY)
                .withProperty("vardnav.data-keys.current", "region2026")
                .withProperty("vardnav.data-keys.keys.region2026", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
                .withProperty("vardnav.broker.password", "broker-password-from-vault")
                .withProperty("vardnav.mailbox.signing.key-store", "/run/secrets/vardnav/function-certificate.p12")
                .withProperty("vardnav.mailbox.signing.password", "function-certificate-password")
                .withProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "https://idp.region.example/realms/vard")
                .withProperty("vardnav.platform.auth.token-uri", "https://idp.region.example/realms/vard/protocol/openid-connect/token")
                .withProperty("vardnav.platform.auth.client-secret", "platform-client-secret-from-vault");
    }

    @Test
    void namesEverySettingStillHoldingAPlaceholder() {
        assertThat(PlaceholderSecrets.check(shipped())).extracting(PlaceholderSecrets.Problem::setting).containsExactlyInAnyOrder(
                "vardnav.notification.guest-link-secret", "vardnav.sms.password", "vardnav.sms.report-secret",
                "vardnav.audit.patient-key", "vardnav.data-keys.keys.demo", "vardnav.broker.password", "vardnav.mailbox.signing.key-store", "vardnav.mailbox.signing.password",
                "vardnav.mailbox.operators[0].kivra.client-secret", "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                "vardnav.platform.auth.token-uri");
        assertThat(PlaceholderSecrets.check(shipped()).toString()).as("the variable to set is named")
                .contains("VARDNAV_SMS_REPORTSECRET", "VARDNAV_MAILBOX_OPERATORS_0_KIVRA_CLIENTSECRET");
    }

    @Test
    void aRegionsOwnSecretsPass() {
        assertThat(PlaceholderSecrets.check(regional())).isEmpty();
    }

    @Test
    void theDemoRunsWithItsPlaceholders() {
        MockEnvironment demo = shipped();
        demo.setActiveProfiles("demo");
        assertThat(PlaceholderSecrets.check(demo)).isEmpty();
    }

    @Test
    void refusesTheDemoIssuerKeyAndShortOrEmptyKeys() {
        MockEnvironment env = regional()
                .withProperty("spring.security.oauth2.resourceserver.jwt.public-key-location", "classpath:security/demo-issuer.pub")
                .withProperty("vardnav.sms.report-secret", "short")
                .withProperty("vardnav.notification.guest-link-secret", "");
        assertThat(PlaceholderSecrets.check(env)).extracting(PlaceholderSecrets.Problem::setting).containsExactlyInAnyOrder(
                "spring.security.oauth2.resourceserver.jwt.public-key-location", "vardnav.sms.report-secret",
                "vardnav.notification.guest-link-secret");
    }

    @Test
    void thePlatformClientNeedsItsOwnSecretAndTheMailboxKeyStoresTheirPasswords() {
        MockEnvironment env = regional()
                .withProperty("vardnav.platform.auth.client-secret", "sim-secret")
                .withProperty("vardnav.mailbox.recipient-tls.key-store", "/run/secrets/vardnav/mailbox-client.p12")
                .withProperty("vardnav.mailbox.operators[0].id", "162021005448")
                .withProperty("vardnav.mailbox.operators[0].tls.key-store", "/run/secrets/vardnav/mailbox-client.p12")
                .withProperty("vardnav.mailbox.operators[0].tls.key-store-password", "changeme");
        assertThat(PlaceholderSecrets.check(env)).extracting(PlaceholderSecrets.Problem::setting).containsExactlyInAnyOrder(
                "vardnav.platform.auth.client-secret", "vardnav.mailbox.recipient-tls.key-store-password",
                "vardnav.mailbox.operators[0].tls.key-store-password");
        assertThat(PlaceholderSecrets.check(env).toString()).contains("VARDNAV_PLATFORM_AUTH_CLIENTSECRET");
    }

    @Test
    void theMllpKeyStoresInAndOutNeedRealPasswords() {
        MockEnvironment env = regional()
                .withProperty("vardnav.journal.mllp.tls.key-store", "/run/secrets/vardnav/hub-mllp.p12")
                .withProperty("vardnav.journal.mllp.tls.key-store-password", "region-own-password")
                .withProperty("vardnav.journal.outbound.tls.key-store", "/run/secrets/vardnav/hub-mllp-client.p12")
                .withProperty("vardnav.journal.outbound.tls.key-store-password", "changeme");
        assertThat(PlaceholderSecrets.check(env)).extracting(PlaceholderSecrets.Problem::setting)
                .containsExactly("vardnav.journal.outbound.tls.key-store-password");
        assertThat(PlaceholderSecrets.check(env).toString()).contains("VARDNAV_JOURNAL_OUTBOUND_TLS_KEYSTOREPASSWORD");
    }

    @Test
    void refusesTheDemoDataKeyAsCurrentAndACurrentKeyThatIsNotSet() {
        assertThat(PlaceholderSecrets.check(regional().withProperty("vardnav.data-keys.current", "demo")))
                .extracting(PlaceholderSecrets.Problem::setting).containsExactly("vardnav.data-keys.keys.demo");
        assertThat(PlaceholderSecrets.check(regional().withProperty("vardnav.data-keys.current", "next")))
                .extracting(PlaceholderSecrets.Problem::setting).containsExactly("vardnav.data-keys.keys.next");
    }

    @Test
    void smppChecksItsOwnPassword() {
        MockEnvironment env = regional().withProperty("vardnav.sms.protocol", "smpp").withProperty("vardnav.sms.smpp.password", "changeme");
        assertThat(PlaceholderSecrets.check(env)).extracting(PlaceholderSecrets.Problem::setting).containsExactly("vardnav.sms.smpp.password");
    }
}
