package se.vardnav.guest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Unguessable link tokens. Each link has a random nonce (stored); its token is an HMAC of the nonce
 * with a secret from configuration (not stored), so the hub can show a link again while a copy of the
 * database alone gives no working link. Only {@link #hash} of a token is stored, to look a link up.
 */
public class GuestTokens {
    static final int MIN_SECRET = 16;
    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    public GuestTokens(String secret) {
        if (secret == null || secret.length() < MIN_SECRET) {
            throw new IllegalArgumentException("vardnav.notification.guest-link-secret must have at least " + MIN_SECRET + " characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String newNonce() {
        byte[] b = new byte[18];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public String token(String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(nonce.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hash(String token) {
        return GuestPost.sha256("token|" + token);
    }
}
