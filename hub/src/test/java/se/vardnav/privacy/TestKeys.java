package se.vardnav.privacy;

import java.util.Map;

/** Keys for unit tests (never a region's). */
public final class TestKeys {
    public static final String K1 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    public static final String K2 = "HxwdHhscGRgXFhUUExIREA8ODQwLCgkIBwYFBAMCAQA=";

    private TestKeys() {
    }

    /** A cipher with one key, k1. */
    public static DataCipher cipher() {
        return new DataCipher(new DataKeyProperties("k1", Map.of("k1", K1)));
    }
}
