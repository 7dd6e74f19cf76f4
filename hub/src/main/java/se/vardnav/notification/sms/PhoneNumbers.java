package se.vardnav.notification.sms;

/** Turns phone numbers as people and registers write them into {@link E164}. */
public final class PhoneNumbers {
    private PhoneNumbers() {}

    /**
     * Accepts Swedish national ({@code 070-123 45 67}), {@code +46}, {@code 0046} and bare {@code 46} forms, and
     * foreign numbers with {@code +} or {@code 00}. Spaces, hyphens, dots, slashes and parentheses are ignored,
     * so {@code +46 (0)70 …} works.
     */
    public static E164 normalise(String input) throws InvalidPhoneNumberException {
        if (input == null || input.isBlank()) {
            throw new InvalidPhoneNumberException("no number");
        }
        String s = input.strip().replaceAll("[\\s\\u00A0().\\-/]", "");
        boolean plus = s.startsWith("+");
        if (plus) {
            s = s.substring(1);
        }
        if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidPhoneNumberException("not a number");
        }
        String international;
        if (plus) {
            international = s;
        } else if (s.startsWith("00")) {
            international = s.substring(2);
        } else if (s.startsWith("0")) {
            international = "46" + s.substring(1);
        } else if (s.startsWith("46")) {
            // Swedish numbers never start with 4 nationally, so a leading 46 is a country code without '+'.
            international = s;
        } else {
            throw new InvalidPhoneNumberException("missing country code");
        }
        if (international.startsWith("0")) {
            throw new InvalidPhoneNumberException("invalid country code");
        }
        return international.startsWith("46") ? swedish(international.substring(2)) : foreign(international);
    }

    /** As {@link #normalise}, but only numbers that {@link E164#mobile()} says can take an SMS. */
    public static E164 normaliseMobile(String input) throws InvalidPhoneNumberException {
        E164 number = normalise(input);
        if (!number.mobile()) {
            throw new InvalidPhoneNumberException("not a mobile number");
        }
        return number;
    }

    private static E164 swedish(String national) throws InvalidPhoneNumberException {
        if (national.startsWith("0")) {
            // "+46 (0)70…": the trunk 0 written after the country code.
            national = national.substring(1);
        }
        // Swedish national significant numbers are 7–9 digits; mobile ones exactly 9.
        int min = national.matches("7[02369].*") ? 9 : 7;
        if (national.length() < min) {
            throw new InvalidPhoneNumberException("too few digits");
        }
        if (national.length() > 9) {
            throw new InvalidPhoneNumberException("too many digits");
        }
        if (national.startsWith("0")) {
            throw new InvalidPhoneNumberException("invalid area code");
        }
        return new E164("+46" + national);
    }

    private static E164 foreign(String digits) throws InvalidPhoneNumberException {
        if (digits.length() < 8) {
            throw new InvalidPhoneNumberException("too few digits");
        }
        if (digits.length() > 15) {
            throw new InvalidPhoneNumberException("too many digits");
        }
        return new E164("+" + digits);
    }
}
