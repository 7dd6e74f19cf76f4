package se.vardnav.journal;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Hl7TextDecoderTest {
    private static final String TEXT = "Uppföljning åäö ÅÄÖ";
    private static final Charset LATIN1 = StandardCharsets.ISO_8859_1;
    private final Hl7TextDecoder decoder = new Hl7TextDecoder(Map.of("LEGACY", "8859/1", "WINSYS", "windows-1252"));

    private static String message(String sender, String msh18) {
        return "MSH|^~\\&|" + sender + "|SLL|VARDNAV|REGION|20250301080005||SIU^S12^SIU_S12|C1|P|2.5|||||SWE|" + msh18
                + "\rSCH|B1||||||^" + TEXT + "\r";
    }

    private Hl7TextDecoder.Result decode(String sender, String msh18, Charset bytes) {
        return decoder.decode(message(sender, msh18).getBytes(bytes));
    }

    private static String text(Hl7TextDecoder.Result r) {
        assertThat(r).isInstanceOf(Hl7TextDecoder.Text.class);
        return ((Hl7TextDecoder.Text) r).text();
    }

    private static String reason(Hl7TextDecoder.Result r) {
        assertThat(r).isInstanceOf(Hl7TextDecoder.Undecodable.class);
        return ((Hl7TextDecoder.Undecodable) r).reason();
    }

    @Test
    void utf8Declared() {
        assertThat(text(decode("TAKECARE", "UNICODE UTF-8", StandardCharsets.UTF_8))).contains(TEXT);
    }

    @Test
    void latin1Declared() {
        assertThat(text(decode("TAKECARE", "8859/1", LATIN1))).contains(TEXT);
    }

    @Test
    void undeclaredUtf8IsReadAsUtf8NotLatin1() {
        Hl7TextDecoder.Result r = decode("TAKECARE", "", StandardCharsets.UTF_8);
        assertThat(text(r)).contains(TEXT).doesNotContain("Ã¶");
        assertThat(((Hl7TextDecoder.Text) r).declared()).isEqualTo("detected");
    }

    @Test
    void undeclaredLatin1IsReadAsLatin1() {
        Hl7TextDecoder.Result r = decode("TAKECARE", "", LATIN1);
        assertThat(text(r)).contains(TEXT);
        assertThat(((Hl7TextDecoder.Text) r).charset()).isEqualTo(LATIN1);
    }

    @Test
    void latin1BytesLabelledUtf8AreRefusedNotReplaced() {
        String why = reason(decode("TAKECARE", "UNICODE UTF-8", LATIN1));
        assertThat(why).startsWith("MSH-18 says UNICODE UTF-8").contains("not valid UTF-8").doesNotContain("Uppf");
    }

    @Test
    void utf8BytesLabelledLatin1AreRefusedAsMislabelled() {
        // lower-case å ä ö as UTF-8 are valid Latin-1 bytes ("Ã¥"): only their being valid UTF-8 gives them away
        byte[] bytes = ("MSH|^~\\&|TAKECARE|SLL|VARDNAV|REGION|20250301080005||SIU^S12^SIU_S12|C1|P|2.5|||||SWE|8859/1"
                + "\rSCH|B1||||||^Uppföljning åä\r").getBytes(StandardCharsets.UTF_8);
        assertThat(reason(decoder.decode(bytes))).startsWith("MSH-18 says 8859/1").contains("the message is UTF-8");
        // upper-case Å Ä Ö as UTF-8 contain bytes 0x84, 0x85, 0x96: control codes in ISO-8859-1
        assertThat(reason(decode("TAKECARE", "8859/1", StandardCharsets.UTF_8))).contains("control code");
    }

    @Test
    void asciiDeclaredWithEightBitBytesIsRefused() {
        assertThat(reason(decode("TAKECARE", "ASCII", LATIN1))).startsWith("MSH-18 says ASCII").contains("not valid US-ASCII");
    }

    @Test
    void unknownOrUnreadableCharacterSetsAreRefusedByName() {
        assertThat(reason(decode("TAKECARE", "EBCDIC", StandardCharsets.UTF_8))).contains("'EBCDIC' is not supported");
        assertThat(reason(decode("TAKECARE", "UNICODE UTF-16", StandardCharsets.UTF_8))).contains("not supported");
    }

    @Test
    void aJavaCharsetNameInMsh18IsTaken() {
        assertThat(text(decode("TAKECARE", "UTF-8", StandardCharsets.UTF_8))).contains(TEXT);
    }

    @Test
    void undeclaredFromASenderWithAConfiguredCharsetUsesIt() {
        assertThat(text(decode("LEGACY", "", LATIN1))).contains(TEXT);
        // the sender's configured set is a declaration like MSH-18: UTF-8 from it is mislabelled
        assertThat(reason(decode("LEGACY", "", StandardCharsets.UTF_8))).startsWith("the character set configured for this sender");
        assertThat(text(decode("WINSYS", "", Charset.forName("windows-1252")))).contains(TEXT);
    }

    @Test
    void msh18WinsOverTheSendersDefault() {
        assertThat(text(decode("LEGACY", "UNICODE UTF-8", StandardCharsets.UTF_8))).contains(TEXT);
    }

    @Test
    void undeclaredBytesThatAreNeitherUtf8NorLatin1Text() {
        byte[] bytes = (message("TAKECARE", "") + "NTE|1||en dash \u2013").getBytes(Charset.forName("windows-1252"));
        assertThat(reason(decoder.decode(bytes))).contains("read as ISO-8859-1").contains("0x96");
    }

    @Test
    void aUtf8ByteOrderMarkIsSkipped() {
        byte[] body = message("TAKECARE", "").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        assertThat(text(decoder.decode(withBom))).startsWith("MSH|").contains(TEXT);
    }

    @Test
    void aConfiguredCharsetThatDoesNotExistStopsTheStart() {
        assertThatThrownBy(() -> new Hl7TextDecoder(Map.of("X", "KLINGON-1"))).hasMessageContaining("KLINGON-1");
    }
}
