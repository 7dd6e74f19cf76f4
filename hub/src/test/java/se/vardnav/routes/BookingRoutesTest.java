package se.vardnav.routes;

import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import se.vardnav.broker.HubHeaders;
import se.vardnav.broker.HubRoutes;
import se.vardnav.deadletter.DeadLetters;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.support.TestPersons;

import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contracts of routes/journal-in.yaml (SIU over MLLP -> hub.appointment, refusals -> DLQ.journal.inbound),
 * routes/booking-policy.yaml (hub.appointment -> platform.appointment, or nothing when withheld) and
 * routes/platform-delivery.yaml (platform.appointment -> the platform, then notices; an older version tells nobody),
 * each route fed what the one before it sent.
 */
class BookingRoutesTest extends RouteContractTestBase {
    private static final LocalDateTime START = LocalDateTime.now().plusDays(9).withHour(10).withMinute(0).withSecond(0).withNano(0);

    private static SiuMessages booking(SiuMessages m, String id, String patient) {
        return m.bookingId(id).start(START).minutes(20).timeType("BESOK", "Besök").patient(patient).patientMobile("070-555 12 34");
    }

    /** The journal's message through journal-hl7-in: what it put on hub.appointment. */
    private Exchange intake(SiuMessages m) throws Exception {
        MockEndpoint appointments = queue("hub.appointment");
        int before = appointments.getReceivedCounter();
        appointments.expectedMinimumMessageCount(before + 1);
        assertThat(send(m.build())).contains("MSA|AA");
        appointments.assertIsSatisfied();
        return appointments.getReceivedExchanges().get(before);
    }

    /** Through booking-policy: what it put on platform.appointment. */
    private Exchange policy(Exchange fromIntake) throws Exception {
        MockEndpoint toPlatform = queue("platform.appointment");
        int before = toPlatform.getReceivedCounter();
        toPlatform.expectedMinimumMessageCount(before + 1);
        relay(fromIntake, "hub.appointment");
        toPlatform.assertIsSatisfied();
        return toPlatform.getReceivedExchanges().get(before);
    }

    @Test
    void anAcceptedBookingIsQueuedInItsGroupWithItsVersionAsDuplicateId() throws Exception {
        String id = newBookingId();
        Exchange sent = intake(booking(SiuMessages.s12(), id, TestPersons.next()));

        assertThat(sent.getMessage().getHeader(HubHeaders.BOOKING_ID, String.class)).isEqualTo(id);
        assertThat(sent.getMessage().getHeader(HubHeaders.GROUP, String.class)).contains(id);
        assertThat(sent.getMessage().getHeader(HubHeaders.DUPLICATE_ID, String.class)).isNotBlank();
        assertThat(sent.getMessage().getHeader(HubHeaders.VERSION)).isNotNull();
    }

    @Test
    void aRefusedMessageIsDeadLetteredWithItsReasonNotTheBooking() throws Exception {
        MockEndpoint appointments = queue("hub.appointment");
        appointments.expectedMessageCount(0);
        MockEndpoint dlq = deadLetters();
        dlq.expectedMessageCount(1);
        dlq.expectedHeaderReceived(HubHeaders.DEAD_LETTER_QUEUE, "DLQ.journal.inbound");
        String patient = TestPersons.withBadCheckDigit();

        send(booking(SiuMessages.s12(), newBookingId(), patient).build());

        MockEndpoint.assertIsSatisfied(appointments, dlq);
        assertThat(dlq.getReceivedExchanges().get(0).getMessage().getHeader(HubHeaders.DEAD_LETTER_REASON, String.class))
                .isNotBlank().doesNotContain(patient);
    }

    @Test
    void aDeliveredBookingGoesToThePlatformQueueAndAWithheldOneNowhere() throws Exception {
        Exchange delivered = policy(intake(booking(SiuMessages.s12(), newBookingId(), TestPersons.next())));
        assertThat(delivered.getMessage().getHeader(HubHeaders.DECISION, String.class)).isEqualTo("deliver");

        String hidden = TestPersons.next();
        register.markProtected(hidden);
        Exchange withheld = intake(booking(SiuMessages.s12(), newBookingId(), hidden));
        MockEndpoint toPlatform = queue("platform.appointment");
        int before = toPlatform.getReceivedCounter();
        NotifyBuilder decided = done(HubRoutes.BOOKING_POLICY, 1);
        relay(withheld, "hub.appointment");
        assertDone(decided);
        assertThat(toPlatform.getReceivedCounter()).isEqualTo(before);
    }

    @Test
    void theAppliedBookingTellsThePatientAndAnOlderVersionTellsNobody() throws Exception {
        String id = newBookingId();
        String patient = TestPersons.next();
        Exchange v1 = policy(intake(booking(SiuMessages.s12(), id, patient)));
        Exchange v2 = policy(intake(booking(SiuMessages.s13(), id, patient).start(START.plusHours(1))));
        MockEndpoint sms = queue("notify.sms");

        NotifyBuilder newer = done(HubRoutes.PLATFORM_DELIVERY, 1);
        relay(v2, "platform.appointment");
        assertDone(newer);
        int told = sms.getReceivedCounter();
        assertThat(told).as("the change, told to the patient").isEqualTo(1);
        assertThat(sms.getReceivedExchanges().get(0).getMessage().getHeader("vardnavPlatformOutcome", String.class)).isEqualTo("APPLIED");

        NotifyBuilder older = done(HubRoutes.PLATFORM_DELIVERY, 1);
        relay(v1, "platform.appointment"); // arrives late: the platform already shows the newer version
        assertDone(older);
        assertThat(sms.getReceivedCounter()).as("nothing for a stale version").isEqualTo(told);
    }
}
