package se.vardnav.notification.sms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PhoneNumbersTest {
    @ParameterizedTest
    @ValueSource(strings = {"070-123 45 67", "0701234567", "+46 70 123 45 67", "0046701234567", "46701234567",
            "+46 (0)70-123 45 67", " 070.123.45.67 "})
    void swedishMobileForms(String input) throws Exception {
        E164 number = PhoneNumbers.normalise(input);
        assertThat(number.value()).isEqualTo("+46701234567");
        assertThat(number.mobile()).isTrue();
        assertThat(number.swedish()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"0721234567,+46721234567", "0731234567,+46731234567", "0761234567,+46761234567",
            "0791234567,+46791234567"})
    void everyMobilePrefix(String input, String expected) throws Exception {
        assertThat(PhoneNumbers.normalise(input)).satisfies(n -> {
            assertThat(n.value()).isEqualTo(expected);
            assertThat(n.mobile()).isTrue();
        });
    }

    @Test
    void landlineIsValidButNotMobile() throws Exception {
        E164 stockholm = PhoneNumbers.normalise("08-123 456 78");
        assertThat(stockholm.value()).isEqualTo("+46812345678");
        assertThat(stockholm.mobile()).isFalse();
        assertThat(PhoneNumbers.normalise("0910-123 45").value()).isEqualTo("+4691012345");
        assertThat(PhoneNumbers.normalise("0741234567").mobile()).as("074 is paging").isFalse();
        assertThatThrownBy(() -> PhoneNumbers.normaliseMobile("08-123 456 78"))
                .isInstanceOf(InvalidPhoneNumberException.class).hasMessage("not a mobile number");
    }

    @Test
    void foreignAcceptedAsIs() throws Exception {
        assertThat(PhoneNumbers.normalise("+4512345678").value()).isEqualTo("+4512345678");
        assertThat(PhoneNumbers.normalise("004512345678").value()).isEqualTo("+4512345678");
        assertThat(PhoneNumbers.normalise("+4512345678").swedish()).isFalse();
        assertThat(PhoneNumbers.normalise("+123456789012345").value()).hasSize(16);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "070-123 45 6|too few digits",
            "+46 70 123 45 678|too many digits",
            "08-12 34|too few digits",
            "08-123 456 789|too many digits",
            "+4512345|too few digits",
            "+1234567890123456|too many digits",
            "070-12A 45 67|not a number",
            "+46+701234567|not a number",
            "+|not a number",
            "701234567|missing country code",
            "+0701234567|invalid country code",
            "+46 00 123 45 67|invalid area code",
            "'   '|no number"})
    void invalidWithReasonWithoutDigits(String input, String reason) {
        InvalidPhoneNumberException e = catchThrowableOfType(
                () -> PhoneNumbers.normalise(input), InvalidPhoneNumberException.class);
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(reason).doesNotContainPattern("\\d");
    }

    @Test
    void nullIsNoNumber() {
        assertThatThrownBy(() -> PhoneNumbers.normalise(null)).hasMessage("no number");
    }

    @Test
    void masking() throws Exception {
        E164 number = PhoneNumbers.normalise("070-123 45 67");
        assertThat(number.masked()).isEqualTo("+4670*****67");
        assertThat(number.toString()).isEqualTo("+4670*****67");
        assertThat(new E164("+4512345678").masked()).isEqualTo("+4512****78");
        assertThat(new E164("+12025550123").masked()).isEqualTo("+120******23");
        assertThat(new E164("+358401234567").masked()).isEqualTo("+35840*****67");
    }

    @Test
    void recordRejectsNonE164WithoutEchoingIt() {
        assertThatThrownBy(() -> new E164("0701234567"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not an E.164 number");
    }
}
