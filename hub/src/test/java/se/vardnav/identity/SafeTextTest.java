package se.vardnav.identity;

import se.vardnav.identity.SafeText;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SafeTextTest {

    @Test
    void personnummerPhoneNumbersAndAddressesAreMaskedInTextFromElsewhere() {
        String scrubbed = SafeText.scrub("refused 191212121212 and 19121212-1212, call +46701234512 or 070-123 45 12, mail anna@example.se");
        assertThat(scrubbed).doesNotContain("191212121212", "19121212-1212", "+46701234512", "070-123 45 12", "anna@example.se")
                .contains("19121212****", "***@***");
    }

    @Test
    void idsTimesAndStatusCodesAreLeftAlone() {
        String reason = "PlatformRejectedException: platform answered HTTP 422 for B-550e8400-e29b-41d4-a716-446655440000 at 2026-12-04 09:00";
        assertThat(SafeText.scrub(reason)).isEqualTo(reason);
    }

    @Test
    void longTextIsCutAndLineBreaksGo() {
        assertThat(SafeText.scrub("a\nb")).isEqualTo("a b");
        assertThat(SafeText.scrub("x".repeat(1000))).hasSize(300).endsWith("…");
        assertThat(SafeText.scrub(null)).isNull();
    }
}
