package se.vardnav.booking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.vardnav.support.CapturedLogs;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.support.AdminClient;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.nio.charset.StandardCharsets;
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

    /**
     * Input the hub cannot take: bytes without MLLP framing, a message HAPI cannot parse (HAPI quotes the
     * message in its errors), one over the size limit. Each is refused, and neither a log line nor a
     * dead-letter reason (as the admin API shows it) carries the personnummer or the names in it.
     */
    @Test
    void refusedInputLeavesNoPersonalDataInLogsOrDeadLetterReasons() throws Exception {
        String unframedPatient = TestPersons.next(), unparseablePatient = TestPersons.next(), oversizedPatient = TestPersons.next();
        LocalDateTime start = LocalDateTime.of(2026, 12, 9, 10, 0);
        String unframed = SiuMessages.s12().bookingId(newBookingId()).start(start).minutes(20).timeType("VIDEO", "Video")
                .patient(unframedPatient).patientName("Lindqvist", "Gunnel").build();
        assertThat(journal.sendUnframed(unframed.getBytes(StandardCharsets.UTF_8))).contains("MSA|AR");
        await().until(journal::closedByHub);
        journal.close();

        // no MSH: HAPI's error quotes the start of the message
        String unparseable = "PID|1||" + unparseablePatient + "^^^&1.2.752.129.2.1.3.1&ISO^NNSWE||Holmberg^Sigvard\rSCH|B1\r";
        assertThat(send(unparseable)).contains("MSA|AR");
        // MSH-9 missing: HAPI's error names the MSH text
        assertThat(send("MSH|^~\\&|TAKECARE|X|VARDNAV|REGION|20261120080000|||" + unparseablePatient + "|P|2.5\rPID|1||"
                + unparseablePatient + "||Holmberg^Sigvard\r")).contains("MSA|AR");

        String oversized = SiuMessages.s12().bookingId(newBookingId()).start(start).minutes(20).timeType("VIDEO", "Video")
                .patient(oversizedPatient).patientName("Nyström", "Majvor").comment("Majvor Nyström " + oversizedPatient + " "
                        + "x".repeat(2 * 1024 * 1024)).build();
        assertThat(send(oversized)).contains("MSA|AR").contains("larger than");

        AdminClient admin = new AdminClient(httpPort);
        await().until(() -> admin.deadLetters("DLQ.journal.inbound").stream()
                .anyMatch(r -> String.valueOf(r.get("reason")).contains("must begin with an MSH segment")));
        String[] personal = {unframedPatient, unparseablePatient, oversizedPatient, unframedPatient.substring(2),
                unparseablePatient.substring(2), oversizedPatient.substring(2), "Lindqvist", "Gunnel", "Holmberg", "Sigvard",
                "Nyström", "Majvor", "PID|"};
        assertThat(admin.deadLetters("DLQ.journal.inbound")).allSatisfy(row ->
                assertThat(String.valueOf(row.get("reason"))).doesNotContain(personal));
        assertThat(captured.lines()).as("the refusals were logged").anyMatch(l -> l.contains("without MLLP framing"));
        captured.assertNoLineContains(personal);
    }
}
