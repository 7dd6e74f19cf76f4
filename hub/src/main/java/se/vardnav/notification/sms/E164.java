package se.vardnav.notification.sms;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A phone number in E.164 form ({@code +46701234567}). Build it with {@link PhoneNumbers#normalise}.
 * {@link #toString()} is masked so that a number logged by accident is not personal data in the clear.
 */
public record E164(String value) {
    private static final Pattern FORM = Pattern.compile("\\+[1-9]\\d{7,14}");
    // Swedish mobile ranges (070, 072, 073, 076, 079); 071 is M2M and 074 paging, neither takes SMS to people.
    private static final Pattern SWEDISH_MOBILE = Pattern.compile("\\+467[02369]\\d{7}");
    // ITU two-digit country codes; 1 and 7 are one digit, everything else three.
    private static final Set<String> TWO_DIGIT_CC = Set.of(
            "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48",
            "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81",
            "82", "84", "86", "90", "91", "92", "93", "94", "95", "98");

    public E164 {
        // The message leaves out the value on purpose: it may be a real number.
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not an E.164 number");
        }
    }

    public boolean swedish() {
        return value.startsWith("+46");
    }

    /**
     * Whether an SMS can be sent: true for Swedish mobile ranges, false for other Swedish numbers. Foreign
     * numbers are true: we do not know every numbering plan, and a landline fails visibly in the delivery report.
     */
    public boolean mobile() {
        return swedish() ? SWEDISH_MOBILE.matcher(value).matches() : true;
    }

    /** {@code +46701234567 → +4670*****67}: country code and two digits kept, and the last two. */
    public String masked() {
        String digits = value.substring(1);
        int head = countryCodeLength(digits) + 2;
        return "+" + digits.substring(0, head) + "*".repeat(digits.length() - head - 2)
                + digits.substring(digits.length() - 2);
    }

    @Override
    public String toString() {
        return masked();
    }

    static int countryCodeLength(String digits) {
        char first = digits.charAt(0);
        if (first == '1' || first == '7') {
            return 1;
        }
        return TWO_DIGIT_CC.contains(digits.substring(0, 2)) ? 2 : 3;
    }
}
