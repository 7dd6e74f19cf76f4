package se.vardnav.notification;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Communication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.vardnav.support.CapturedLogs;
import se.vardnav.fhir.Fhir;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The notification policy's paths (guardians, skips, "Behövs inte", a register that is down) log no numbers. */
class NoticePersonalDataInLogsIT extends HubTestBase {
    @RegisterExtension
    final CapturedLogs captured = new CapturedLogs();


    @Test
    void noPersonnummerOrPhoneNumberInAnyLogLine() throws Exception {
        String child = TestPersons.child(), mum = TestPersons.next(), dad = TestPersons.next();
        String blocked = TestPersons.next(), dead = TestPersons.next(), hidden = TestPersons.next(), declined = TestPersons.next();
        register.setGuardians(child, mum, dad);
        register.markDeceased(dead);
        register.markProtected(hidden);
        platform.addAccount(mum, "070-777 10 01", null);
        platform.addAccount(blocked, "070-777 10 02", null);
        platform.blockAccount(blocked);
        LocalDateTime start = LocalDateTime.of(2026, 12, 10, 9, 0);
        String a = newBookingId(), b = newBookingId();
        send(SiuMessages.s12().bookingId(a).start(start).minutes(20).timeType("VIDEO", "Video").patient(child).patientMobile("070-777 10 03").build());
        send(SiuMessages.s12().bookingId(b).start(start).minutes(20).timeType("BESOK", "Besök").patient(blocked).patientMobile("070-777 10 02").build());
        assertThat(postChat(ChatNoticesIT.message(dead, "070-777 10 04", "message", true))).isEqualTo(201);
        assertThat(postChat(ChatNoticesIT.message(hidden, "070-777 10 05", "video-invitation", false))).isEqualTo(201);
        Communication notNeeded = ChatNoticesIT.message(declined, "070-777 10 06", "video-invitation", false);
        notNeeded.addExtension(Fhir.EXT_NOTIFICATION_NOT_NEEDED, new BooleanType(true));
        assertThat(postChat(notNeeded)).isEqualTo(201);
        register.goDown();
        assertThat(postChat(ChatNoticesIT.message(TestPersons.next(), "070-777 10 07", "message", true))).isEqualTo(503);
        register.comeUp();
        await().until(() -> smsGateway.received().stream().anyMatch(r -> "+46707771001".equals(r.to())));
        await().until(() -> platform.findByBookingId(b).isPresent());

        assertThat(captured.lines()).as("the flow was logged").isNotEmpty();
        captured.assertNoLineContains(child, mum, dad, blocked, dead, hidden, declined,
                    "777 10", "7771", "Ditt barn", "hemligt");
    }
}
