package se.vardnav.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.Resource;
import se.vardnav.security.HubRole;
import se.vardnav.security.TokenMinter;
import se.vardnav.sim.platform.PlatformSimulator;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/**
 * The demo's issuer: a key committed to the repository (DEMO ONLY; the hub refuses it outside the demo profile)
 * signs a token per kind of caller, printed at start for curl and the browser, and the simulated platform calls the
 * hub with its own.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
public class DemoTokens {
    private static final Logger LOG = LoggerFactory.getLogger(DemoTokens.class);
    static final Duration VALID_FOR = Duration.ofHours(12);

    @Bean
    TokenMinter demoTokenMinter(@Value("${vardnav.security.demo-issuer-key}") Resource key,
                                @Value("${vardnav.security.issuer}") String issuer,
                                @Value("${spring.security.oauth2.resourceserver.jwt.audiences[0]}") String audience) throws IOException {
        try (InputStream in = key.getInputStream()) {
            return new TokenMinter(TokenMinter.readPrivateKey(in), issuer, audience);
        }
    }

    @Bean
    ApplicationRunner printDemoTokens(TokenMinter minter, ObjectProvider<PlatformSimulator> platform,
                                      @Value("${server.port:8080}") int port) {
        return args -> {
            platform.ifAvailable(p -> p.authorizeWith(() -> minter.mint("demo-platform", List.of(HubRole.PLATFORM), Duration.ofMinutes(5))));
            StringBuilder text = new StringBuilder("DEMO ONLY tokens (valid " + VALID_FOR.toHours() + " h), e.g.\n"
                    + "  curl -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:" + port + "/admin/print-list\n");
            text.append("  staff (operations, print, report, auditor): ")
                    .append(minter.mint("demo-staff", EnumSet.of(HubRole.OPERATIONS, HubRole.PRINT, HubRole.REPORT, HubRole.AUDITOR), VALID_FOR)).append('\n');
            for (HubRole system : List.of(HubRole.JOURNAL_SYSTEM, HubRole.PLATFORM, HubRole.MONITORING)) {
                text.append("  ").append(system.id()).append(": ").append(minter.mint("demo-" + system.id(), List.of(system), VALID_FOR)).append('\n');
            }
            text.append("  The console in a browser needs the staff token as a header (e.g. a header extension, or an "
                    + "authenticating proxy as in production: README \"Access control\").");
            LOG.info("{}", text);
        };
    }
}
