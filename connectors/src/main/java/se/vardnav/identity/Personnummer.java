package se.vardnav.identity;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;

/**
 * A validated Swedish personnummer or samordningsnummer, always held as 12 digits YYYYMMDDNNNN.
 * Accepts 12 or 10 digits, optionally with '-' or '+' before the last four; in the 10-digit form the
 * century is the latest one not in the future, and '+' means the person is 100 or older.
 */
public final class Personnummer {

    /** Outcome of {@link #validate}: the reason never contains the number itself, so it may be logged. */
    public record ValidationResult(boolean valid, String reason, Personnummer value) {
        static ValidationResult ok(Personnummer p) {
            return new ValidationResult(true, null, p);
        }

        static ValidationResult fail(String reason) {
            return new ValidationResult(false, reason, null);
        }
    }

    public static final String MUST_BE_12_DIGITS = "must be 12 digits";
    public static final String NOT_A_VALID_DATE = "not a valid date";
    public static final String CHECK_DIGIT = "check digit does not match";
    private static final int SAMORDNING_OFFSET = 60;

    private final String value;
    private final IdentityKind kind;
    private final LocalDate birthDate;

    private Personnummer(String value, IdentityKind kind, LocalDate birthDate) {
        this.value = value;
        this.kind = kind;
        this.birthDate = birthDate;
    }

    public static Optional<Personnummer> parse(String text) {
        return Optional.ofNullable(validate(text).value());
    }

    public static ValidationResult validate(String text) {
        return validate(text, LocalDate.now());
    }

    /** {@code today} decides the century of the 10-digit form; tests pass a fixed date. */
    public static ValidationResult validate(String text, LocalDate today) {
        if (text == null) {
            return ValidationResult.fail(MUST_BE_12_DIGITS);
        }
        String s = text.strip();
        boolean plus = false;
        int sep = Math.max(s.indexOf('-'), s.indexOf('+'));
        if (sep >= 0) {
            if (sep != s.length() - 5) {
                return ValidationResult.fail(MUST_BE_12_DIGITS);
            }
            plus = s.charAt(sep) == '+';
            s = s.substring(0, sep) + s.substring(sep + 1);
        }
        if (!s.chars().allMatch(c -> c >= '0' && c <= '9') || (s.length() != 12 && s.length() != 10)) {
            return ValidationResult.fail(MUST_BE_12_DIGITS);
        }
        int month = Integer.parseInt(s.substring(s.length() - 8, s.length() - 6));
        int day = Integer.parseInt(s.substring(s.length() - 6, s.length() - 4));
        IdentityKind kind = day > SAMORDNING_OFFSET ? IdentityKind.SAMORDNINGSNUMMER : IdentityKind.PERSONNUMMER;
        int realDay = kind == IdentityKind.SAMORDNINGSNUMMER ? day - SAMORDNING_OFFSET : day;
        int year;
        if (s.length() == 12) {
            year = Integer.parseInt(s.substring(0, 4));
        } else {
            year = centuryYear(Integer.parseInt(s.substring(0, 2)), month, realDay, plus, today);
            if (year < 0) {
                return ValidationResult.fail(NOT_A_VALID_DATE);
            }
            s = String.format("%04d", year).substring(0, 2) + s;
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(year, month, realDay);
        } catch (DateTimeException e) {
            return ValidationResult.fail(NOT_A_VALID_DATE);
        }
        if (birth.isAfter(today)) {
            return ValidationResult.fail(NOT_A_VALID_DATE);
        }
        if (luhn(s.substring(2, 11)) != s.charAt(11) - '0') {
            return ValidationResult.fail(CHECK_DIGIT);
        }
        return ValidationResult.ok(new Personnummer(s, kind, birth));
    }

    /** Luhn check digit with weights 2,1,2,… over the nine digits YYMMDDNNN. */
    public static int luhn(String nineDigits) {
        int sum = 0;
        for (int i = 0; i < nineDigits.length(); i++) {
            int d = (nineDigits.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += d > 9 ? d - 9 : d;
        }
        return (10 - sum % 10) % 10;
    }

    /** Latest year ending in yy whose date is not after today; '+' moves it back 100 years. -1 if none. */
    private static int centuryYear(int yy, int month, int day, boolean plus, LocalDate today) {
        int year = today.getYear() - Math.floorMod(today.getYear() - yy, 100);
        try {
            if (LocalDate.of(year, month, Math.min(day, 28)).isAfter(today)) {
                year -= 100;
            }
        } catch (DateTimeException e) {
            return -1;
        }
        return plus ? year - 100 : year;
    }

    /** The 12 digits YYYYMMDDNNNN, no separator. */
    public String value() {
        return value;
    }

    /** PERSONNUMMER or SAMORDNINGSNUMMER. */
    public IdentityKind kind() {
        return kind;
    }

    public LocalDate birthDate() {
        return birthDate;
    }

    public int ageOn(LocalDate date) {
        return Period.between(birthDate, date).getYears();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Personnummer p && p.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Masked, so that an accidental log line does not leak the number. */
    @Override
    public String toString() {
        return Masking.personnummer(value);
    }
}
