package se.vardnav.console.deadletter;

import se.vardnav.deadletter.DeadLetterKeys;
import org.junit.jupiter.api.Test;
import se.vardnav.notification.SmsRequest;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterKeysTest {

    @Test
    void anSmsIsFoundByItsNotificationKeyAndItsBookingWithoutReadingAnythingElse() {
        String body = ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().encodeResourceToString(
                new SmsRequest("booking|B-1|v1|patient", "+46701234512", "Hej", "B-1", "booking-confirmation").toFhir());
        DeadLetterKeys keys = DeadLetterKeys.of(null, body);
        assertThat(keys.smsKey()).isEqualTo("booking|B-1|v1|patient");
        assertThat(keys.bookingId()).isEqualTo("B-1");
        assertThat(keys.letterId()).isNull();
        assertThat(keys.matches("b-1")).isTrue();
    }

    @Test
    void aLetterQueueMessageIsItsLetterIdAndRawHl7HasNoKeyButItsHeader() {
        assertThat(DeadLetterKeys.of(null, "3f2c1d9e-0000-4000-8000-000000000001").letterId()).isEqualTo("3f2c1d9e-0000-4000-8000-000000000001");
        DeadLetterKeys hl7 = DeadLetterKeys.of("B-7", "MSH|^~\\&|TAKECARE|...\rPID|||191212121212");
        assertThat(hl7).isEqualTo(new DeadLetterKeys("B-7", null, null));
    }

    @Test
    void searchMatchesKeyReasonQueueAndAge() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        DeadLetter d = new DeadLetter("DLQ.platform.appointment", "ID:1", "platform.appointment", "HTTP 422 refused",
                now.minus(Duration.ofHours(2)), 1, new DeadLetterKeys("B-9", null, null), "t");
        assertThat(new DeadLetterSearch("B-9", null, null, null, null).matches(d, now)).isTrue();
        assertThat(new DeadLetterSearch(null, "422", "DLQ.platform.appointment", null, null).matches(d, now)).isTrue();
        assertThat(new DeadLetterSearch(null, "timeout", null, null, null).matches(d, now)).isFalse();
        assertThat(new DeadLetterSearch(null, null, null, null, Duration.ofHours(1)).matches(d, now)).isFalse();
        assertThat(new DeadLetterSearch(null, null, null, Duration.ofHours(1), null).matches(d, now)).isTrue();
        assertThat(new DeadLetterSearch(null, null, "DLQ.notify.sms", null, null).matches(d, now)).isFalse();
    }
}
