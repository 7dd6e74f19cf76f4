package se.vardnav.security;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The secrets the repository ships for the demo, and where a region must put its own: outside the {@code demo}
 * profile a setting still holding one (or left empty) stops the hub at start, naming the setting
 * ({@link SecretsCheck}).
 */
public final class PlaceholderSecrets {
    /** The values application.yml and the demo ship; never a region's. */
    static final Set<String> SHIPPED = Set.of("change-me-not-for-production", "sim-secret", "changeme", "demo-only", "vardnav");
    static final String DEMO_PUBLIC_KEY = "classpath:security/demo-issuer.pub";
    static final String JWT = "spring.security.oauth2.resourceserver.jwt.";
    /** The data key application.yml ships for the demo and the tests: public, so it protects nothing. */
    static final String DEMO_DATA_KEY = "CGJNlm8eO9cVBRsWlLTHChtbY/oEedPTHgL3gBMU1p0=";

    /** A setting to fix, and why. */
    public record Problem(String setting, String why) {
        @Override
        public String toString() {
            return setting + " (" + envName(setting) + "): " + why;
        }
    }

    private PlaceholderSecrets() {
    }

    public static List<Problem> check(Environment env) {
        List<Problem> problems = new ArrayList<>();
        if (env.acceptsProfiles(Profiles.of("demo"))) {
            return problems;
        }
        hmacKey(env, "vardnav.notification.guest-link-secret", problems);
        hmacKey(env, "vardnav.sms.report-secret", problems);
        hmacKey(env, "vardnav.audit.patient-key", problems);
        String sms = env.getProperty("vardnav.sms.protocol", "elks");
        secret(env, sms.equals("smpp") ? "vardnav.sms.smpp.password" : "vardnav.sms.password", problems);
        secret(env, "vardnav.broker.password", problems);
        String keyStore = env.getProperty("vardnav.mailbox.signing.key-store", "");
        if (keyStore.endsWith("demo-signing.p12")) {
            problems.add(new Problem("vardnav.mailbox.signing.key-store", "is the demo's signing certificate; use the region's own function certificate"));
        }
        secret(env, "vardnav.mailbox.signing.password", problems);
        keyStorePassword(env, "vardnav.mailbox.recipient-tls.", problems);
        for (int i = 0; env.containsProperty("vardnav.mailbox.operators[" + i + "].id"); i++) {
            if ("kivra".equals(env.getProperty("vardnav.mailbox.operators[" + i + "].protocol"))) {
                secret(env, "vardnav.mailbox.operators[" + i + "].kivra.client-secret", problems);
            }
            keyStorePassword(env, "vardnav.mailbox.operators[" + i + "].tls.", problems);
        }
        platformClient(env, problems);
        keyStorePassword(env, "vardnav.journal.mllp.tls.", problems);
        keyStorePassword(env, "vardnav.journal.outbound.tls.", problems);
        if (env.getProperty("vardnav.visit.subscription.enabled", Boolean.class, false)) {
            hmacKey(env, "vardnav.visit.subscription.token", problems);
        }
        issuer(env, problems);
        dataKey(env, problems);
        return problems;
    }

    /** The visit platform is called with an access token from the region's token endpoint, never without. */
    private static void platformClient(Environment env, List<Problem> problems) {
        if (env.getProperty("vardnav.platform.auth.token-uri", "").isBlank()) {
            problems.add(new Problem("vardnav.platform.auth.token-uri", "no token endpoint for the visit platform is configured "
                    + "(the hub would call it without credentials)"));
        } else {
            secret(env, "vardnav.platform.auth.client-secret", problems);
        }
    }

    /** A key store holding the region's private key (mutual TLS) is opened with a real password. */
    private static void keyStorePassword(Environment env, String prefix, List<Problem> problems) {
        if (!env.getProperty(prefix + "key-store", "").isBlank()) {
            secret(env, prefix + "key-store-password", problems);
        }
    }

    private static void issuer(Environment env, List<Problem> problems) {
        String publicKey = env.getProperty(JWT + "public-key-location", "");
        if (env.getProperty(JWT + "issuer-uri", "").isBlank() && env.getProperty(JWT + "jwk-set-uri", "").isBlank() && publicKey.isBlank()) {
            problems.add(new Problem(JWT + "issuer-uri", "no token issuer is configured (issuer-uri, jwk-set-uri or public-key-location)"));
        } else if (!publicKey.isBlank() && sameContent(publicKey, DEMO_PUBLIC_KEY)) {
            problems.add(new Problem(JWT + "public-key-location", "is the demo issuer's key, whose private half is in the repository"));
        }
    }

    /** The key new personal data is sealed with must be the region's own (older keys may stay listed to open old data). */
    private static void dataKey(Environment env, List<Problem> problems) {
        String current = env.getProperty("vardnav.data-keys.current", "");
        String setting = "vardnav.data-keys.keys." + current;
        String value = current.isBlank() ? "" : env.getProperty(setting, "").strip();
        if (current.isBlank()) {
            problems.add(new Problem("vardnav.data-keys.current", "is not set"));
        } else if (value.isBlank()) {
            problems.add(new Problem(setting, "is not set (the key vardnav.data-keys.current names)"));
        } else if (value.equals(DEMO_DATA_KEY)) {
            problems.add(new Problem(setting, "is the demo's data key, published in the repository; set the region's own and make it current"));
        }
    }

    private static void hmacKey(Environment env, String setting, List<Problem> problems) {
        String value = env.getProperty(setting, "");
        if (SHIPPED.contains(value) || value.isBlank()) {
            problems.add(new Problem(setting, value.isBlank() ? "is not set" : "is the placeholder shipped with the demo"));
        } else if (value.length() < 16) {
            problems.add(new Problem(setting, "is shorter than 16 characters"));
        }
    }

    private static void secret(Environment env, String setting, List<Problem> problems) {
        String value = env.getProperty(setting, "");
        if (SHIPPED.contains(value) || value.isBlank()) {
            problems.add(new Problem(setting, value.isBlank() ? "is not set" : "is the placeholder shipped with the demo"));
        }
    }

    private static boolean sameContent(String location, String other) {
        DefaultResourceLoader loader = new DefaultResourceLoader();
        try {
            return read(loader.getResource(location)).equals(read(loader.getResource(other)));
        } catch (IOException unreadable) {
            return false; // Spring's own decoder set-up names an unreadable key
        }
    }

    private static String read(Resource resource) throws IOException {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("\\s", "");
        }
    }

    /** The environment variable Spring Boot maps to the setting. */
    static String envName(String setting) {
        return setting.toUpperCase(Locale.ROOT).replaceAll("\\[(\\d+)]", "_$1").replace('.', '_').replace("-", "");
    }
}
