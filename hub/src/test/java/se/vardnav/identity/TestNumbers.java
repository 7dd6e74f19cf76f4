package se.vardnav.identity;

/** Test identities whose check digit is computed here, independently of {@link Personnummer}. */
public final class TestNumbers {
    /** Skatteverket's well-known test personnummer. */
    public static final String TOLVAN = "191212121212";

    private TestNumbers() {}

    /** Appends the Luhn check digit (weights 2,1 over YYMMDDNNN) to 11 digits YYYYMMDDNNN. */
    public static String withCheckDigit(String yyyymmddnnn) {
        String nine = yyyymmddnnn.substring(2);
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            int p = (nine.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += p / 10 + p % 10;
        }
        return yyyymmddnnn + (10 - sum % 10) % 10;
    }
}
