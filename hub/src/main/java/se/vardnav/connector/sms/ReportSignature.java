package se.vardnav.connector.sms;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

/**
 * The token a gateway's report callback must carry: an HMAC of the gateway and the SMS's business key with a
 * secret from configuration. The business key can be read by anyone who may read the Communications, so the
 * key alone must not be enough to report on an SMS; the token is, for that one SMS on that one gateway.
 */
public final class ReportSignature {
    public static final int MIN_SECRET = 16;
    /** 128 bits of the HMAC, base64url: short enough for a URL, too long to guess. */
    private static final int TOKEN_BYTES = 16;
    private final SecretKeySpec key;

    public ReportSignature(String secret) {
        if (secret == null || secret.length() < MIN_SECRET) {
            throw new IllegalArgumentException("vardnav.sms.report-secret must have at least " + MIN_SECRET + " characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String sign(String gateway, String businessKey) {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(businessKey, "businessKey");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] full = mac.doFinal((gateway + "\n" + businessKey).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(full, TOKEN_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison, so that the time of a refusal tells nothing about the token. */
    public boolean verify(String gateway, String businessKey, String token) {
        if (businessKey == null || token == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(gateway, businessKey).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }
}
