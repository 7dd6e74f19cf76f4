package se.vardnav.atrest;

import se.vardnav.privacy.TestKeys;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import se.vardnav.broker.HubHeaders;
import se.vardnav.deadletter.DeadLetterKeys;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class QueuePayloadsTest {
    private final QueuePayloads payloads = new QueuePayloads(TestKeys.cipher());
    private final DefaultCamelContext camel = new DefaultCamelContext();

    private Exchange exchange(Object body) {
        Exchange e = new DefaultExchange(camel);
        e.getMessage().setBody(body);
        return e;
    }

    @Test
    void aNoticeIsSealedWithItsKeysBesideItAndOpensAsItWas() {
        String json = "{\"resourceType\":\"CommunicationRequest\",\"identifier\":[{\"system\":\"" + se.vardnav.notification.SmsRequest.NOTIFICATION_KEY
                + "\",\"value\":\"TC|B-1|5|confirmation\"}],\"recipient\":[{\"display\":\"+46701234567\"}]}";
        Exchange e = exchange(json);
        payloads.seal(e);
        assertThat(e.getMessage().getBody(String.class)).startsWith("vn1.k1.").doesNotContain("46701234567");
        assertThat(e.getMessage().getHeader(HubHeaders.NOTICE_KEY)).isEqualTo("TC|B-1|5|confirmation");
        assertThat(e.getMessage().getHeader(QueuePayloads.KEY_ID)).isEqualTo("k1");
        String sealed = e.getMessage().getBody(String.class);
        payloads.seal(e);
        assertThat(e.getMessage().getBody(String.class)).as("sealed once").isEqualTo(sealed);

        payloads.open(e);
        assertThat(e.getMessage().getBody()).isEqualTo(json);
        assertThat(e.getMessage().getHeader(QueuePayloads.SEALED)).isNull();
    }

    @Test
    void bytesComeBackAsBytes() {
        byte[] hl7 = "MSH|^~\\&|TC\rPID|1||191212121212\r".getBytes(StandardCharsets.ISO_8859_1);
        Exchange e = exchange(hl7);
        e.getMessage().setHeader(HubHeaders.BOOKING_ID, "B-9");
        payloads.seal(e);
        assertThat(e.getMessage().getBody(String.class)).doesNotContain("191212121212");
        payloads.open(e);
        assertThat(e.getMessage().getBody()).isEqualTo(hl7);
        assertThat(e.getMessage().getHeader(HubHeaders.BOOKING_ID)).isEqualTo("B-9");
    }

    @Test
    void aStoredSealedBodyOnlyGetsItsHeaders() {
        String stored = TestKeys.cipher().seal("{\"resourceType\":\"CommunicationRequest\"}");
        Exchange e = exchange(stored);
        payloads.seal(e);
        assertThat(e.getMessage().getBody()).isEqualTo(stored);
        payloads.open(e);
        assertThat(e.getMessage().getBody()).isEqualTo("{\"resourceType\":\"CommunicationRequest\"}");
    }

    @Test
    void aMessageFromBeforeSealingPassesAsItIs() {
        Exchange e = exchange("letter-1");
        payloads.open(e);
        assertThat(e.getMessage().getBody()).isEqualTo("letter-1");
    }
}
