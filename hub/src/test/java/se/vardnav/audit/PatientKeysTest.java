package se.vardnav.audit;

import org.junit.jupiter.api.Test;
import se.vardnav.support.TestPersons;

import static org.assertj.core.api.Assertions.assertThat;

class PatientKeysTest {
    private final PatientKeys keys = new PatientKeys("region-audit-key-0123456789");

    @Test
    void everyWrittenFormOfANumberGivesTheSameProtectedForm() {
        String number = TestPersons.next(); // 12 digits, valid check digit
        String key = keys.of(number);
        assertThat(keys.of(number.substring(0, 8) + "-" + number.substring(8))).isEqualTo(key);
        assertThat(keys.of(number.substring(2, 8) + "-" + number.substring(8))).isEqualTo(key);
        assertThat(key).hasSize(64).doesNotContain(number.substring(2));
    }

    @Test
    void anotherKeyOrAnotherPatientGivesAnotherForm() {
        assertThat(new PatientKeys("another-region-key-0123").of("198001010008")).isNotEqualTo(keys.of("198001010008"));
        assertThat(keys.of("198001010016")).isNotEqualTo(keys.of("198001010008"));
        assertThat(keys.of(null)).isNull();
    }

    @Test
    void csvFieldsCannotRunAsFormulas() {
        assertThat(AuditCsv.field("=HYPERLINK(\"x\")")).startsWith("\"'=");
        assertThat(AuditCsv.field("a;b")).isEqualTo("\"a;b\"");
    }
}
