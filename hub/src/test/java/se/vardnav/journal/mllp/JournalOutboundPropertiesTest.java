package se.vardnav.journal.mllp;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** MLLP to the journal system is TLS unless plain is explicitly allowed; TLS needs a trust store for the journal's certificate. */
class JournalOutboundPropertiesTest {
    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    private Set<String> problems(JournalOutboundProperties p) {
        return validator.validate(p).stream().map(ConstraintViolation::getMessage).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void withoutAKeyStoreOnlyAnExplicitPlainSettingPasses() {
        assertThat(problems(new JournalOutboundProperties(null, false))).singleElement().asString()
                .contains("needs TLS").contains("plain-allowed=true");
        assertThat(problems(new JournalOutboundProperties(null, true))).isEmpty();
    }

    @Test
    void aKeyStoreNeedsATrustStoreAndHostnamesAreVerifiedByDefault() {
        MllpClientTls keyOnly = new MllpClientTls("/run/secrets/hub.p12", "pw", null, null, null, null);
        assertThat(problems(new JournalOutboundProperties(keyOnly, false))).singleElement().asString().contains("tls.trust-store is needed");
        MllpClientTls both = new MllpClientTls("/run/secrets/hub.p12", "pw", null, "/run/secrets/journal-ca.p12", "pw", null);
        assertThat(problems(new JournalOutboundProperties(both, false))).isEmpty();
        assertThat(both.verifyHostname()).isTrue();
        assertThat(both.toString()).doesNotContain("pw");
    }
}
