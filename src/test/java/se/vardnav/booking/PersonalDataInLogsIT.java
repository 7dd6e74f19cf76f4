package se.vardnav.booking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.vardnav.support.CapturedLogs;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.support.AdminClient;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Personal data stays out of the logs, on the happy path and on every failure path. */
class PersonalDataInLogsIT extends HubTestBase {
    @RegisterExtension
    final CapturedLogs captured = new CapturedLogs();

    @Test
    void noPersonnummerNameOrPayloadInAnyLogLine() {
        String delivered = TestPersons.next(), withheld = TestPersons.next(), refusedByPlatform = TestPersons.next();
        String bad = TestPersons.withBadCheckDigit();
        register.markProtected(withheld);
        String a = newBookingId(), b = newBookingId(), c = newBookingId();
        LocalDateTime start = LocalDateTime.of(2026, 12, 9, 9, 0);
        send(SiuMessages.s12().bookingId(a).start(start).minutes(20).timeType("VIDEO", "Video").patient(delivered).patientName("Svensson", "Astrid").patientMobile("070-999 88 77").build());
        send(SiuMessages.s12().bookingId(b).start(start).minutes(20).timeType("VIDEO", "Video").patient(withheld).patientName("Karlsson", "Bertil").build());
        send(SiuMessages.s12().bookingId(newBookingId()).start(start).minutes(20).timeType("VIDEO", "Video").patient(bad).build());
        platform.failNext(2, 503);
        send(SiuMessages.s12().bookingId(c).start(start).minutes(20).timeType("VIDEO", "Video").patient(refusedByPlatform).build());
        await().until(() -> platform.findByBookingId(a).isPresent() && platform.findByBookingId(c).isPresent());
        await().until(() -> smsGateway.received().stream().anyMatch(r -> "+46709998877".equals(r.to())));
        await().until(() -> !jdbc.queryForList("SELECT 1 FROM withheld_booking WHERE booking_id = ?", b).isEmpty());
        new AdminClient(httpPort).deadLetters("DLQ.journal.inbound");

        assertThat(captured.lines()).as("the flow was logged").isNotEmpty();
        captured.assertNoLineContains(delivered, withheld, refusedByPlatform, bad, bad.substring(2),
                    "Svensson", "Astrid", "Karlsson", "Bertil", "resourceType", "PID|",
                    "0709998877", "+46709998877", "999 88 77", "bokad tid");
    }
}
