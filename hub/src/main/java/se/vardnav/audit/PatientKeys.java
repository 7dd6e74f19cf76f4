package se.vardnav.audit;

import se.vardnav.identity.Personnummer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The protected form in which the audit log stores which patient was accessed: HMAC-SHA256 of the personnummer's
 * 12 digits (samordningsnummer alike) under the region's key ({@code vardnav.audit.patient-key}), hex. The same
 * number always gives the same value, so an auditor finds every row of a patient by giving the number; without the
 * key the value cannot be turned back into the number, not even by trying every birth date.
 */
public class PatientKeys {
    private final SecretKeySpec key;

    public PatientKeys(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("vardnav.audit.patient-key is not set");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The protected form of a patient id as the hub stores it; null for none. */
    public String of(String patientId) {
        if (patientId == null || patientId.isBlank()) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(normalize(patientId).getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The 12 digits when the id is a valid number in any written form (10 or 12 digits, with - or +); else its digits. */
    static String normalize(String patientId) {
        return Personnummer.parse(patientId.strip()).map(Personnummer::value)
                .orElseGet(() -> patientId.replaceAll("[^0-9A-Za-z]", ""));
    }
}
