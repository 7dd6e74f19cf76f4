package se.vardnav.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import se.vardnav.VardnavApplication;
import se.vardnav.support.HubTestBase;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real application, started as a region would without setting its secrets: it stops before anything runs. */
class SecretsCheckIT {

    @Test
    void refusesToStartWithTheShippedPlaceholdersNamingEachSetting() throws Exception {
        Path data = Files.createTempDirectory("vardnav-secrets");
        int port = HubTestBase.freePort();
        assertThatThrownBy(() -> new SpringApplicationBuilder(VardnavApplication.class).run(
                "--vardnav.test.enforce-secrets=true", "--vardnav.data-dir=" + data, "--server.port=" + port,
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=classpath:security/demo-issuer.pub"))
                .isInstanceOf(SecretsCheck.PlaceholderSecretsException.class)
                .hasMessageContaining("vardnav.notification.guest-link-secret")
                .hasMessageContaining("vardnav.sms.report-secret")
                .hasMessageContaining("vardnav.sms.password")
                .hasMessageContaining("vardnav.mailbox.signing.key-store")
                .hasMessageContaining("vardnav.mailbox.operators[0].kivra.client-secret")
                .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.public-key-location")
                .hasMessageContaining("vardnav.platform.auth.token-uri");
        assertThat(data.resolve("artemis")).as("the broker never started").doesNotExist();
    }

    @Test
    void secretsFromFilesCountAsSet() throws Exception {
        // Kubernetes/Docker secrets: one file per setting under VARDNAV_SECRETS_DIR, read through configtree
        Path secrets = Files.createTempDirectory("vardnav-secrets-dir");
        Files.writeString(secrets.resolve("vardnav.sms.report-secret"), "from-a-mounted-secret-file-0123456789");
        Files.writeString(secrets.resolve("vardnav.platform.auth.client-secret"), "platform-client-secret-from-a-file");
        Path data = Files.createTempDirectory("vardnav-secrets");
        assertThatThrownBy(() -> new SpringApplicationBuilder(VardnavApplication.class).run(
                "--vardnav.test.enforce-secrets=true", "--vardnav.data-dir=" + data, "--server.port=" + HubTestBase.freePort(),
                "--vardnav.platform.auth.token-uri=https://idp.region.example/token",
                "--VARDNAV_SECRETS_DIR=" + secrets + "/"))
                .isInstanceOf(SecretsCheck.PlaceholderSecretsException.class)
                .hasMessageContaining("vardnav.notification.guest-link-secret")
                .satisfies(e -> assertThat(e.getMessage()).as("the file's value was taken").doesNotContain("vardnav.sms.report-secret")
                        .doesNotContain("vardnav.platform.auth"));
    }
}
