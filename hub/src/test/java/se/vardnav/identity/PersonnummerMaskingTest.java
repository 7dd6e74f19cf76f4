package se.vardnav.identity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PersonnummerMaskingTest {
    @Test
    void personnummer() {
        assertThat(Masking.personnummer("191212121212")).isEqualTo("19121212****");
        assertThat(Masking.personnummer("19121212-1212")).isEqualTo("19121212-****");
        assertThat(Masking.personnummer("12")).isEqualTo("**");
        assertThat(Masking.personnummer(null)).isNull();
    }

    @Test
    void phone() {
        assertThat(Masking.phone("+46701234512")).isEqualTo("+4670*****12");
        assertThat(Masking.phone("070-123 45 12")).isEqualTo("070*****12");
        assertThat(Masking.phone("112")).isEqualTo("***");
    }

    @Test
    void name() {
        assertThat(Masking.name("Anna")).isEqualTo("A***");
        assertThat(Masking.name("Åsa  Öberg")).isEqualTo("Å*** Ö***");
    }
}
