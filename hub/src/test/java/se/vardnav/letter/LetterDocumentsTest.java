package se.vardnav.letter;

import se.vardnav.document.LetterDocuments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LetterDocumentsTest {
    @TempDir
    Path dir;

    @Test
    void storesOnceByContentAndReadsBack() throws Exception {
        LetterDocuments store = new LetterDocuments(dir, se.vardnav.privacy.TestKeys.cipher());
        byte[] pdf = "%PDF-1.4 kallelse".getBytes(StandardCharsets.US_ASCII);

        LetterDocuments.Stored first = store.put(pdf);
        LetterDocuments.Stored again = store.put(pdf);

        assertThat(again).isEqualTo(first);
        assertThat(first.size()).isEqualTo(pdf.length);
        assertThat(first.md5()).isEqualTo(md5(pdf));
        assertThat(store.read(first.ref())).isEqualTo(pdf);
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(1);
        }
    }

    @Test
    void refusesReferencesThatAreNotItsOwn() {
        LetterDocuments store = new LetterDocuments(dir, se.vardnav.privacy.TestKeys.cipher());
        assertThatThrownBy(() -> store.open("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.open("0".repeat(64))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no document");
        assertThat(store.exists("../x")).isFalse();
    }

    private static String md5(byte[] b) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(b));
    }
}
