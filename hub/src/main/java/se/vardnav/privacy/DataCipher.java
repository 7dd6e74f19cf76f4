package se.vardnav.privacy;

import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import javax.crypto.CipherOutputStream;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * AES-256-GCM for personal data at rest. Text is sealed into {@code vn1.<key id>.<Base64 of IV and ciphertext>};
 * a stream (a letter PDF) into {@code VNE1}, the key id's length and bytes, the IV, then the ciphertext. New data
 * is sealed with the current key; anything is opened with the key it names, so keys rotate without re-encrypting.
 * A value that is not sealed (written before this existed) is returned as it is: it goes with its retention.
 */
public final class DataCipher {
    static final String TEXT_PREFIX = "vn1.";
    private static final byte[] STREAM_MAGIC = {'V', 'N', 'E', '1'};
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final String currentId;
    private final Map<String, SecretKey> keys = new HashMap<>();

    public DataCipher(DataKeyProperties props) {
        this.currentId = props.current();
        props.keys().forEach((id, value) -> {
            byte[] key = DataKeyProperties.decode(value);
            if (key == null) {
                throw new IllegalArgumentException("vardnav.data-keys.keys." + id + " is not 32 bytes in Base64");
            }
            keys.put(id, new SecretKeySpec(key, "AES"));
        });
        if (!keys.containsKey(currentId)) {
            throw new IllegalArgumentException("vardnav.data-keys.current names no configured key");
        }
    }

    /** The id of the key new data is sealed with. */
    public String currentKeyId() {
        return currentId;
    }

    /** Null stays null (an emptied column). */
    public String seal(String plain) {
        return plain == null ? null : sealBytes(plain.getBytes(StandardCharsets.UTF_8));
    }

    public String sealBytes(byte[] plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher c = cipher(Cipher.ENCRYPT_MODE, keys.get(currentId), iv);
            byte[] ct = c.doFinal(plain);
            byte[] out = new byte[IV_BYTES + ct.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(ct, 0, out, IV_BYTES, ct.length);
            return TEXT_PREFIX + currentId + "." + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal: " + e.getClass().getSimpleName(), e);
        }
    }

    /** The text sealed by {@link #seal}; a value that is not sealed is returned as it is. */
    public String open(String value) {
        if (!isSealed(value)) {
            return value;
        }
        return new String(openBytes(value), StandardCharsets.UTF_8);
    }

    public static boolean isSealed(String value) {
        return value != null && value.startsWith(TEXT_PREFIX) && value.indexOf('.', TEXT_PREFIX.length()) > 0;
    }

    /** The bytes sealed by {@link #sealBytes}. */
    public byte[] openBytes(String sealed) {
        if (!isSealed(sealed)) {
            throw new IllegalArgumentException("not a sealed value");
        }
        int dot = sealed.indexOf('.', TEXT_PREFIX.length());
        String keyId = sealed.substring(TEXT_PREFIX.length(), dot);
        byte[] in = Base64.getDecoder().decode(sealed.substring(dot + 1));
        try {
            Cipher c = cipher(Cipher.DECRYPT_MODE, key(keyId), java.util.Arrays.copyOf(in, IV_BYTES));
            return c.doFinal(in, IV_BYTES, in.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            // never the value: it may be the only copy of someone's data
            throw new IllegalStateException("a value sealed with key " + keyId + " could not be opened (wrong key or damaged)");
        }
    }

    /** The key id a sealed value names, or null when it is not sealed. */
    public static String keyIdOf(String value) {
        return isSealed(value) ? value.substring(TEXT_PREFIX.length(), value.indexOf('.', TEXT_PREFIX.length())) : null;
    }

    /** Writes the stream header and returns a stream that encrypts into {@code out}; closing it finishes (the tag). */
    public OutputStream sealing(OutputStream out) throws IOException {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        byte[] id = currentId.getBytes(StandardCharsets.US_ASCII);
        out.write(STREAM_MAGIC);
        out.write(id.length);
        out.write(id);
        out.write(iv);
        try {
            return new CipherOutputStream(out, cipher(Cipher.ENCRYPT_MODE, keys.get(currentId), iv));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot seal: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * A stream of what {@link #sealing} wrote; a stream without the header (stored before) is read as it is. GCM
     * checks the tag at the end: a damaged file fails there rather than giving altered content.
     */
    public InputStream opening(InputStream in) throws IOException {
        InputStream buffered = in.markSupported() ? in : new java.io.BufferedInputStream(in);
        buffered.mark(STREAM_MAGIC.length);
        byte[] magic = buffered.readNBytes(STREAM_MAGIC.length);
        if (!java.util.Arrays.equals(magic, STREAM_MAGIC)) {
            buffered.reset();
            return buffered;
        }
        int idLength = buffered.read();
        String keyId = new String(buffered.readNBytes(Math.max(idLength, 0)), StandardCharsets.US_ASCII);
        byte[] iv = buffered.readNBytes(IV_BYTES);
        try {
            return new CipherInputStream(buffered, cipher(Cipher.DECRYPT_MODE, key(keyId), iv));
        } catch (GeneralSecurityException e) {
            throw new IOException("a document sealed with key " + keyId + " could not be opened", e);
        }
    }

    private SecretKey key(String keyId) {
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("data sealed with key " + keyId + ", which is not in vardnav.data-keys.keys"
                    + " (an old key removed too early?)");
        }
        return key;
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] iv) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        return c;
    }
}
