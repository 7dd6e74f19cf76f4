package se.vardnav.privacy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code vardnav.data-keys.*}: the AES-256 keys that encrypt personal data at rest (queue bodies, the columns of
 * the reminder, chat-notice, guest and letter tables, the letter PDFs). Every value sealed names the key it was
 * sealed with, so keys rotate: a new key is added and made {@code current}; older ones stay listed until nothing
 * sealed with them is left (README "Personal data at rest").
 *
 * @param current the id of the key new data is sealed with
 * @param keys    key id -> the key, 32 bytes in Base64 (e.g. {@code openssl rand -base64 32}); from the environment
 *                or a secret file per key ({@code vardnav.data-keys.keys.<id>})
 */
@Validated
@ConfigurationProperties("vardnav.data-keys")
public record DataKeyProperties(@NotBlank String current, @NotEmpty Map<String, String> keys) {
    static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    public DataKeyProperties {
        keys = keys == null ? Map.of() : Map.copyOf(keys);
        if (current != null && !current.isBlank() && !keys.isEmpty()) {
            if (!keys.containsKey(current)) {
                throw new IllegalArgumentException("vardnav.data-keys.current (" + current + ") names no key in vardnav.data-keys.keys");
            }
            keys.forEach((id, key) -> {
                if (!KEY_ID.matcher(id).matches()) {
                    throw new IllegalArgumentException("vardnav.data-keys.keys: a key id must be 1-32 letters, digits, - or _");
                }
                if (decode(key) == null) {
                    throw new IllegalArgumentException("vardnav.data-keys.keys." + id + " is not 32 bytes in Base64 (openssl rand -base64 32)");
                }
            });
        }
    }

    /** The key's bytes, or null when it is not 32 bytes of Base64. */
    static byte[] decode(String key) {
        try {
            byte[] bytes = Base64.getDecoder().decode(key.strip());
            return bytes.length == 32 ? bytes : null;
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
