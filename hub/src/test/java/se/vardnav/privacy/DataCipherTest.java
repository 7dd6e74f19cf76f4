package se.vardnav.privacy;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataCipherTest {
    private static final String PERSONNUMMER = "191212121212";

    @Test
    void sealedTextNamesItsKeyAndHoldsNothingInClear() {
        DataCipher cipher = TestKeys.cipher();
        String sealed = cipher.seal(PERSONNUMMER);
        assertThat(sealed).startsWith("vn1.k1.").doesNotContain(PERSONNUMMER);
        assertThat(cipher.seal(PERSONNUMMER)).as("a fresh IV each time").isNotEqualTo(sealed);
        assertThat(cipher.open(sealed)).isEqualTo(PERSONNUMMER);
        assertThat(DataCipher.keyIdOf(sealed)).isEqualTo("k1");
        assertThat(cipher.seal(null)).isNull();
        assertThat(cipher.open(null)).isNull();
    }

    @Test
    void aValueStoredBeforeSealingIsReadAsItIs() {
        assertThat(TestKeys.cipher().open("+46701234567")).isEqualTo("+46701234567");
    }

    @Test
    void rotationSealsWithTheNewKeyAndStillOpensWhatTheOldOneSealed() {
        String old = TestKeys.cipher().seal(PERSONNUMMER);
        DataCipher rotated = new DataCipher(new DataKeyProperties("k2", Map.of("k1", TestKeys.K1, "k2", TestKeys.K2)));
        assertThat(rotated.open(old)).isEqualTo(PERSONNUMMER);
        assertThat(rotated.seal(PERSONNUMMER)).startsWith("vn1.k2.");
    }

    @Test
    void aKeyRemovedTooEarlyOrADamagedValueFailsWithoutQuotingIt() {
        String sealed = TestKeys.cipher().seal(PERSONNUMMER);
        DataCipher onlyK2 = new DataCipher(new DataKeyProperties("k2", Map.of("k2", TestKeys.K2)));
        assertThatThrownBy(() -> onlyK2.open(sealed)).hasMessageContaining("k1").hasMessageNotContaining(sealed);
        String damaged = sealed.substring(0, sealed.length() - 6) + (sealed.endsWith("AAAA==") ? "BBBB==" : "AAAA==");
        assertThatThrownBy(() -> TestKeys.cipher().open(damaged)).hasMessageContaining("could not be opened");
        DataCipher wrongKeyUnderSameId = new DataCipher(new DataKeyProperties("k1", Map.of("k1", TestKeys.K2)));
        assertThatThrownBy(() -> wrongKeyUnderSameId.open(sealed)).hasMessageContaining("could not be opened");
    }

    @Test
    void keysMustBe32BytesAndCurrentMustBeListed() {
        assertThatThrownBy(() -> new DataKeyProperties("k1", Map.of("k1", "c2hvcnQ="))).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new DataKeyProperties("k3", Map.of("k1", TestKeys.K1))).hasMessageContaining("names no key");
    }

    @Test
    void streamsAreSealedAndAStoredClearFileIsReadAsItIs() throws IOException {
        DataCipher cipher = TestKeys.cipher();
        byte[] pdf = ("%PDF-1.4 Patient " + PERSONNUMMER + " ").repeat(5000).getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (OutputStream out = cipher.sealing(file)) {
            out.write(pdf);
        }
        assertThat(new String(file.toByteArray(), StandardCharsets.ISO_8859_1)).doesNotContain(PERSONNUMMER).startsWith("VNE1");
        try (InputStream in = cipher.opening(new ByteArrayInputStream(file.toByteArray()))) {
            assertThat(in.readAllBytes()).isEqualTo(pdf);
        }
        try (InputStream in = cipher.opening(new ByteArrayInputStream(pdf))) {
            assertThat(in.readAllBytes()).isEqualTo(pdf);
        }
    }

    @Test
    void aDamagedFileFailsInsteadOfGivingAlteredContent() throws IOException {
        DataCipher cipher = TestKeys.cipher();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (OutputStream out = cipher.sealing(file)) {
            out.write("%PDF-1.4 hello".getBytes(StandardCharsets.US_ASCII));
        }
        byte[] bytes = file.toByteArray();
        bytes[bytes.length - 20] ^= 1;
        assertThatThrownBy(() -> {
            try (InputStream in = cipher.opening(new ByteArrayInputStream(bytes))) {
                in.readAllBytes();
            }
        }).isInstanceOf(IOException.class);
    }
}
