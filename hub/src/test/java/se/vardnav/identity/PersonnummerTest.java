package se.vardnav.identity;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static se.vardnav.identity.TestNumbers.withCheckDigit;
import static org.assertj.core.api.Assertions.assertThat;

class PersonnummerTest {
    private static final LocalDate TODAY = LocalDate.of(2025, 6, 1);

    @Test
    void skatteverketTestNumberInAllForms() {
        assertThat(withCheckDigit("19121212121")).isEqualTo("191212121212");
        for (String form : new String[] {"191212121212", "19121212-1212", "121212+1212", "19121212+1212", " 19121212-1212 "}) {
            Personnummer.ValidationResult r = Personnummer.validate(form, TODAY);
            assertThat(r.valid()).as(form).isTrue();
            assertThat(r.value().value()).isEqualTo("191212121212");
        }
        assertThat(Personnummer.validate("121212-1212", TODAY).value().birthDate()).isEqualTo(LocalDate.of(2012, 12, 12));
    }

    @Test
    void tenDigitCenturyAndPlus() {
        // 121212-1212 today is a 12-year-old; with '+' the same digits are someone born 1912
        Personnummer young = Personnummer.validate("121212-1212", TODAY).value();
        Personnummer old = Personnummer.validate("121212+1212", TODAY).value();
        assertThat(young.value()).isEqualTo("201212121212");
        assertThat(young.ageOn(TODAY)).isEqualTo(12);
        assertThat(old.value()).isEqualTo("191212121212");
        assertThat(old.ageOn(TODAY)).isEqualTo(112);
        // a birthday later this year in a "future" 10-digit date falls into the previous century
        String dec = withCheckDigit("20251224123").substring(2);
        assertThat(Personnummer.validate(dec, TODAY).value().birthDate()).isEqualTo(LocalDate.of(1925, 12, 24));
    }

    @Test
    void samordningsnummerIsDayPlus60() {
        String number = withCheckDigit("19900375123"); // 15 March 1990
        Personnummer p = Personnummer.validate(number, TODAY).value();
        assertThat(p.kind()).isEqualTo(IdentityKind.SAMORDNINGSNUMMER);
        assertThat(p.birthDate()).isEqualTo(LocalDate.of(1990, 3, 15));
        assertThat(Personnummer.validate(withCheckDigit("19900315123"), TODAY).value().kind())
                .isEqualTo(IdentityKind.PERSONNUMMER);
    }

    @Test
    void reasons() {
        assertThat(Personnummer.validate("191212121213", TODAY).reason()).isEqualTo("check digit does not match");
        assertThat(Personnummer.validate(withCheckDigit("19121312121"), TODAY).reason()).isEqualTo("not a valid date");
        assertThat(Personnummer.validate(withCheckDigit("19000230121"), TODAY).reason()).isEqualTo("not a valid date");
        assertThat(Personnummer.validate("1212121212", TODAY).value().value()).isEqualTo("201212121212");
        assertThat(Personnummer.validate("19121212121", TODAY).reason()).isEqualTo("must be 12 digits");
        assertThat(Personnummer.validate("98240301AA06", TODAY).reason()).isEqualTo("must be 12 digits");
        assertThat(Personnummer.validate(null, TODAY).reason()).isEqualTo("must be 12 digits");
        assertThat(Personnummer.validate("1912-12121212", TODAY).valid()).isFalse();
        assertThat(Personnummer.validate(withCheckDigit("20300101123"), TODAY).reason()).isEqualTo("not a valid date");
        assertThat(Personnummer.parse("191212121213")).isEmpty();
    }

    @Test
    void toStringIsMasked() {
        assertThat(Personnummer.parse("191212121212").orElseThrow().toString()).isEqualTo("19121212****");
    }

    @Test
    void classifyPrefersTheOid() {
        assertThat(PatientIdentity.classify("19121212-1212", "1.2.752.129.2.1.3.1"))
                .isEqualTo(new PatientIdentity(IdentityKind.PERSONNUMMER, "191212121212"));
        assertThat(PatientIdentity.classify("98240301AA06", "1.2.752.74.9.1").kind()).isEqualTo(IdentityKind.RESERVNUMMER);
        // a local reserve number (guide example) without a national OID: not a date, so reservnummer
        assertThat(PatientIdentity.classify("999929-013705", null).kind()).isEqualTo(IdentityKind.RESERVNUMMER);
        assertThat(PatientIdentity.classify(withCheckDigit("19900375123"), "").kind()).isEqualTo(IdentityKind.SAMORDNINGSNUMMER);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PatientIdentity.classify("191212121213", null))
                .hasMessage("personnummer check digit does not match");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PatientIdentity.classify("98240301AA06", "1.2.752.129.2.1.3.1"))
                .hasMessage("personnummer must be 12 digits");
    }
}
