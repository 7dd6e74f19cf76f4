package se.vardnav.notification.sms;

import org.junit.jupiter.api.Test;
import se.vardnav.connector.sms.Splitting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.vardnav.notification.sms.SmsText.Encoding.GSM7;
import static se.vardnav.notification.sms.SmsText.Encoding.UCS2;

class SmsTextTest {
    private static final String SWEDISH = "Hej! Din tid på vårdcentralen i Älvsjö är ändrad. ÅÄÖ åäö. ";
    private static final String EMOJI = "\uD83D\uDE00"; // 😀, a surrogate pair

    private static String swedish(int length) {
        return SWEDISH.repeat(length / SWEDISH.length() + 1).substring(0, length);
    }

    private static void assertGsm7(String text, int units, int segments) {
        SmsText sms = SmsText.of(text);
        assertThat(sms.encoding()).isEqualTo(GSM7);
        assertThat(sms.units()).isEqualTo(units);
        assertThat(sms.segments()).isEqualTo(segments);
    }

    @Test
    void swedishStaysGsm7() {
        assertGsm7(swedish(160), 160, 1);
        assertGsm7(swedish(161), 161, 2);
        assertGsm7(swedish(306), 306, 2);
        assertGsm7(swedish(307), 307, 3);
        assertGsm7("", 0, 1);
    }

    @Test
    void emojiForcesUcs2AndCountsTwo() {
        SmsText one = SmsText.of(swedish(68) + EMOJI);
        assertThat(one.encoding()).isEqualTo(UCS2);
        assertThat(one.units()).isEqualTo(70);
        assertThat(one.segments()).isEqualTo(1);
        assertThat(SmsText.of(swedish(69) + EMOJI).segments()).isEqualTo(2);
        assertThat(SmsText.of(swedish(132) + EMOJI).segments()).isEqualTo(2);
        assertThat(SmsText.of(swedish(133) + EMOJI).segments()).isEqualTo(3);
    }

    @Test
    void surrogatePairNotSplitAcrossParts() {
        // 66 + 2 + 66 = 134 = 2 × 67, but the emoji cannot straddle the first boundary.
        assertThat(SmsText.of("a".repeat(66) + EMOJI + "a".repeat(66)).segments()).isEqualTo(3);
    }

    @Test
    void byOctetsAsKannelCutsUcs2TheEmojiStraddlesTheBoundary() {
        String straddling = "a".repeat(66) + EMOJI + "a".repeat(66);
        assertThat(SmsText.of(straddling, Splitting.UCS2_BY_OCTETS).segments()).isEqualTo(2);
        assertThat(SmsText.of(straddling + "a", Splitting.UCS2_BY_OCTETS).segments()).isEqualTo(3);
        assertThat(SmsText.of("a".repeat(68) + EMOJI, Splitting.UCS2_BY_OCTETS).segments()).isEqualTo(1);
        assertThat(SmsText.of("a".repeat(69) + EMOJI, Splitting.UCS2_BY_OCTETS).segments()).isEqualTo(2);
        // GSM-7 is cut the same way either way: an escape pair stays whole
        String escape = "a".repeat(152) + "{" + "b".repeat(10);
        assertThat(SmsText.of(escape, Splitting.UCS2_BY_OCTETS).segments()).isEqualTo(SmsText.of(escape).segments()).isEqualTo(2);
    }

    @Test
    void extensionCharactersCostTwo() {
        assertGsm7("€", 2, 1);
        assertGsm7("^{}\\[]~|€", 18, 1);
        assertGsm7("a".repeat(158) + "€", 160, 1);
        assertGsm7("a".repeat(159) + "€", 161, 2);
    }

    @Test
    void escapeNotSplitAtSegmentBoundary() {
        // 306 septets would fit 2 × 153, but "€" at 153–154 moves whole into part two, pushing one 'a' to three.
        assertGsm7("a".repeat(152) + "€" + "a".repeat(152), 306, 3);
        assertGsm7("a".repeat(151) + "€" + "a".repeat(153), 306, 2);
    }

    @Test
    void wholeBasicTableIsGsm7() {
        assertThat(SmsText.GSM_BASIC).hasSize(128);
        assertThat(SmsText.GSM_BASIC.chars().distinct().count()).isEqualTo(128);
        String printable = SmsText.GSM_BASIC.replace("\u001B", "");
        assertGsm7(printable, 127, 1);
        assertGsm7("ÅåÄäÖöÜüéÉÑñ¿¡ΔΦΓΛΩΠΨΣΘΞ£¥èùìòÇØøÆæß§à¤@$_\n\r ", 45, 1);
        assertThat(SmsText.GSM_BASIC.indexOf('Å')).isEqualTo(0x0E);
        assertThat(SmsText.GSM_BASIC.indexOf('§')).isEqualTo(0x5F);
        assertThat(SmsText.GSM_BASIC.indexOf('à')).isEqualTo(0x7F);
    }

    @Test
    void lookalikesOutsideTheTableForceUcs2() {
        for (String s : new String[] {"ç", "`", "’", "á", "\u001B", "\t", "Ā"}) {
            assertThat(SmsText.of("abc" + s).encoding()).as("U+%04X", (int) s.charAt(0)).isEqualTo(UCS2);
        }
    }

    @Test
    void requireAtMost() throws Exception {
        SmsText three = SmsText.of(swedish(307));
        assertThat(three.requireAtMost(3)).isSameAs(three);
        assertThatThrownBy(() -> three.requireAtMost(2))
                .isInstanceOfSatisfying(SmsTooLongException.class, e -> {
                    assertThat(e.reason()).isEqualTo("3 segments, at most 2 allowed");
                    assertThat(e.segments()).isEqualTo(3);
                    assertThat(e.maxSegments()).isEqualTo(2);
                });
        assertThatThrownBy(() -> three.requireAtMost(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringLeavesTextOut() {
        assertThat(SmsText.of("Hej Anna").toString()).doesNotContain("Anna").isEqualTo("SmsText[GSM7, 8 units, 1 segments]");
    }
}
