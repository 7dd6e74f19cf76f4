package se.vardnav.support;

import se.vardnav.identity.Personnummer;

import java.util.concurrent.atomic.AtomicInteger;

/** Valid, distinct personnummer for tests, so tests sharing one hub never share a patient. */
public final class TestPersons {
    private static final AtomicInteger SERIAL = new AtomicInteger(100);

    private TestPersons() {}

    /** An adult born 1980-01-01 with a fresh serial number and a correct check digit. */
    public static String next() {
        String nine = "800101" + String.format("%03d", SERIAL.incrementAndGet() % 1000);
        return "19" + nine + Personnummer.luhn(nine);
    }

    /** A child born 2018-05-05. */
    public static String child() {
        String nine = "180505" + String.format("%03d", SERIAL.incrementAndGet() % 1000);
        return "20" + nine + Personnummer.luhn(nine);
    }

    /** The same number with its check digit off by one. */
    public static String withBadCheckDigit() {
        String good = next();
        int check = good.charAt(11) - '0';
        return good.substring(0, 11) + ((check + 1) % 10);
    }
}
