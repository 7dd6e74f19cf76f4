package se.vardnav.letter;

import org.junit.jupiter.api.Test;
import se.vardnav.support.TestPersons;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The 48-hour rule on the controllable clock, and read receipts from the platform over HTTP. */
class LetterEscalationIT extends LetterTestBase {

    private String deliveredToPlatform(String patient) throws Exception {
        platform.addAccount(patient, null, null);
        String id = accepted(ebrev(patient));
        await().until(() -> "DELIVERED".equals(row(id).get("platform_status")));
        return id;
    }

    @Test
    void aLetterUnreadAfter48HoursGoesToThePrintList() throws Exception {
        Instant start = clock.instant();
        String id = deliveredToPlatform(TestPersons.next());

        clock.setNow(start.plus(Duration.ofHours(47)));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> printReason(id).isEmpty());
        clock.setNow(start.plus(Duration.ofHours(48)).plus(Duration.ofMinutes(1)));

        await().until(() -> printReason(id).isPresent());
        assertThat(printReason(id).get()).contains("not opened in the platform within 48 hours");
        assertThat(row(id).get("platform_status")).isEqualTo("DELIVERED");
    }

    @Test
    void aLetterReadAt47HoursIsNotPrinted() throws Exception {
        Instant start = clock.instant();
        String id = deliveredToPlatform(TestPersons.next());

        clock.setNow(start.plus(Duration.ofHours(47)));
        platform.openLetter(id, clock.instant());

        assertThat(row(id).get("platform_status")).isEqualTo("OPENED");
        assertThat(((Timestamp) row(id).get("platform_opened_at")).toInstant()).isAfter(start.plus(Duration.ofHours(46)));
        clock.setNow(start.plus(Duration.ofHours(49)));
        await().until(() -> "SKIPPED".equals(jdbc.queryForObject("SELECT status FROM letter_escalation WHERE letter_id = ?", String.class, id)));
        assertThat(printReason(id)).isEmpty();
    }
}
