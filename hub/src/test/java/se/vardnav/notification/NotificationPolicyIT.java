package se.vardnav.notification;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Communication;
import org.junit.jupiter.api.Test;
import se.vardnav.fhir.Fhir;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.sim.sms.ReceivedSms;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The notification policy on every path, end to end over real sockets: who gets a booking or chat SMS
 * at the gateway and who, by the register or the platform's accounts, gets none.
 */
class NotificationPolicyIT extends HubTestBase {
    private static final LocalDateTime T0 = LocalDateTime.of(2026, 11, 20, 8, 0);
    private static final LocalDateTime START = LocalDateTime.of(2026, 12, 2, 10, 0);

    private SiuMessages booking(String id, String patient, String mobile) {
        SiuMessages m = SiuMessages.s12().bookingId(id).start(START).minutes(20).timeType("BESOK", "Besök").patient(patient)
                .staff("SE2321000016-1234", "Lind").messageTime(T0);
        return mobile == null ? m : m.patientMobile(mobile);
    }

    private List<ReceivedSms> to(String e164) {
        return smsGateway.received().stream().filter(r -> e164.equals(r.to())).toList();
    }

    /** Sends an ordinary booking to another number and waits for it: whatever was sent before it has been decided. */
    private void awaitMarker(String mobile, String e164) {
        send(booking(newBookingId(), TestPersons.next(), mobile).build());
        await().until(() -> to(e164).size() == 1);
    }


    @Test
    void aChildsBookingIsConfirmedToEachGuardianAndNotToTheChild() {
        String child = TestPersons.child(), mum = TestPersons.next(), dad = TestPersons.next(), noApp = TestPersons.next();
        register.setGuardians(child, mum, dad, noApp);
        platform.addAccount(mum, "070-555 10 01", null);
        platform.addAccount(dad, "070-555 10 02", null);
        String id = newBookingId();
        send(booking(id, child, "070-555 10 03").build());

        await().until(() -> to("+46705551001").size() == 1 && to("+46705551002").size() == 1);
        assertThat(to("+46705551001").get(0).text()).contains("Ditt barn har en bokad tid", "2026-12-02", "10:00");
        awaitMarker("070-555 10 04", "+46705551004");
        assertThat(to("+46705551003")).isEmpty();
        // each guardian's SMS has its own business key, and none carries a personnummer
        assertThat(jdbc.queryForList("SELECT business_key FROM sms_send WHERE booking_id = ?", String.class, id))
                .hasSize(2).allSatisfy(k -> assertThat(k).doesNotContain(child, mum, dad));
    }

    @Test
    void aBlockedPlatformAccountGetsNoBookingSms() {
        String patient = TestPersons.next();
        platform.addAccount(patient, "070-555 20 01", null);
        platform.blockAccount(patient);
        String id = newBookingId();
        send(booking(id, patient, "070-555 20 01").build());
        await().until(() -> platform.findByBookingId(id).isPresent());
        awaitMarker("070-555 20 02", "+46705552002");
        assertThat(to("+46705552001")).isEmpty();
    }

    @Test
    void aReservnummerPatientIsToldOnlyWhenTheJournalHasAPhone() {
        String without = newBookingId(), with = newBookingId();
        send(booking(without, "999929-013705", null).build());
        send(booking(with, "999929-013705", "070-555 30 01").build());
        await().until(() -> to("+46705553001").size() == 1);
        await().until(() -> platform.findByBookingId(without).isPresent());
        awaitMarker("070-555 30 02", "+46705553002");
        assertThat(jdbc.queryForList("SELECT 1 FROM sms_send WHERE booking_id = ?", without)).isEmpty();
    }

    @Test
    void aDeceasedPatientsChatMessageGetsNoSms() throws Exception {
        String dead = TestPersons.next();
        register.markDeceased(dead);
        assertThat(postChat(ChatNoticesIT.message(dead, "070-555 40 01", "message", true))).isEqualTo(201);
        assertThat(postChat(ChatNoticesIT.message(TestPersons.next(), "070-555 40 02", "message", true))).isEqualTo(201);
        await().until(() -> to("+46705554002").size() == 1);
        assertThat(to("+46705554001")).isEmpty();
    }

    @Test
    void protectedIdentityIsSentOnlyTemplatesTheRegionAllows() throws Exception {
        String hidden = TestPersons.next();
        register.markProtectedPopulationRecord(hidden);
        // chat-video-invitation is not marked allowed for protected identity; chat-new-message-one is
        assertThat(postChat(ChatNoticesIT.message(hidden, "070-555 50 01", "video-invitation", false))).isEqualTo(201);
        assertThat(postChat(ChatNoticesIT.message(hidden, "070-555 50 01", "message", true))).isEqualTo(201);
        await().until(() -> to("+46705555001").size() == 1);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> to("+46705555001").size() == 1);
        assertThat(to("+46705555001").get(0).text()).contains("nytt meddelande").doesNotContain("video");
    }

    @Test
    void behovsInteSuppressesTheVideoInvitationSms() throws Exception {
        Communication declined = ChatNoticesIT.message(TestPersons.next(), "070-555 60 01", "video-invitation", false);
        declined.addExtension(Fhir.EXT_NOTIFICATION_NOT_NEEDED, new BooleanType(true));
        assertThat(postChat(declined)).isEqualTo(201);
        assertThat(postChat(ChatNoticesIT.message(TestPersons.next(), "070-555 60 02", "video-invitation", false))).isEqualTo(201);
        await().until(() -> to("+46705556002").size() == 1);
        assertThat(to("+46705556001")).isEmpty();
    }

    @Test
    void aChatMessageWaitsWhileTheRegisterIsDown() throws Exception {
        register.goDown();
        assertThat(postChat(ChatNoticesIT.message(TestPersons.next(), "070-555 70 01", "message", true))).isEqualTo(503);
        register.comeUp();
        assertThat(postChat(ChatNoticesIT.message(TestPersons.next(), "070-555 70 01", "message", true))).isEqualTo(201);
        await().until(() -> to("+46705557001").size() == 1);
    }
}
