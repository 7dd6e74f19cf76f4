package se.vardnav.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import se.vardnav.journal.mllp.JournalMllpProperties;
import se.vardnav.connector.platform.PlatformProperties;
import se.vardnav.connector.sms.SmsProperties;
import se.vardnav.notification.NotificationProperties;

import java.time.Duration;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hub's settings as start-up binds them (application.yml and the arguments, every {@code @ConfigurationProperties}
 * record of the hub): the shipped defaults are valid, and a bad port, URL, duration or location stops the start with
 * a report naming the property, as a region's operator sees it in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationValidationTest {

    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan("se.vardnav")
    static class Settings {
    }

    private static ConfigurableApplicationContext start(String... args) {
        SpringApplication app = new SpringApplication(Settings.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setBannerMode(Banner.Mode.OFF);
        return app.run(args);
    }

    @Test
    void theShippedDefaultsAreValidAndKeepTheirValues() {
        try (ConfigurableApplicationContext settings = start()) {
            assertThat(settings.getBean(JournalMllpProperties.class).port()).isEqualTo(2575);
            assertThat(settings.getBean(SmsProperties.class).smpp().port()).isEqualTo(2775);
            assertThat(settings.getBean(SmsProperties.class).protocol()).isEqualTo("elks");
            assertThat(settings.getBean(PlatformProperties.class).socketTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(settings.getBean(NotificationProperties.class).zone()).isEqualTo(ZoneId.of("Europe/Stockholm"));
            assertThat(settings.getBean(HubProperties.class).routesDir()).isEqualTo("classpath:routes");
            assertThat(settings.getBean(QueueProperties.class).notifySms()).isEqualTo("notify.sms");
            assertThat(settings.getBean(se.vardnav.resync.ResyncProperties.class).protocol()).isEqualTo(se.vardnav.resync.ResyncProperties.Protocol.RIV);
            assertThat(settings.getBean(se.vardnav.resync.ResyncProperties.class).hl7().port()).isEqualTo(2576);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "vardnav.journal.mllp.port        | 70000",
            "vardnav.sms.smpp.port            | 0",
            "vardnav.email.port               | -1",
            "vardnav.platform.base-url        | not a url",
            "vardnav.register.url             | 127.0.0.1:8092/register",
            "vardnav.register.receive-timeout | soon",
            "vardnav.notification.chat-delay  | 15 minutes",
            "vardnav.notification.zone        | Europe/Gothenburg",
            "vardnav.sms.protocol             | sms",
            "vardnav.sms.report-secret        | short",
            "vardnav.routes-dir               | routes",
            "vardnav.letter.routing-consumers | 0",
            "vardnav.resync.protocol          | soap",
            "vardnav.resync.hl7.port          | 0"})
    void aBadValueStopsTheStartAndTheReportNamesTheProperty(String property, String value, CapturedOutput log) {
        assertThatThrownBy(() -> start("--" + property + "=" + value).close()).isInstanceOf(RuntimeException.class);
        // "Property:" shows a record component's name (vardnav.platform.baseUrl), "Origin:" the setting as written
        assertThat(log.getAll()).contains("APPLICATION FAILED TO START")
                .containsAnyOf("Property: " + property + System.lineSeparator(), "\"" + property + "\" from property source");
    }
}
