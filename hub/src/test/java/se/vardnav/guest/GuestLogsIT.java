package se.vardnav.guest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.vardnav.support.CapturedLogs;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.sim.platform.Guest;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** No guest's name, number, address or link in any log line of the hub, on the happy path and on failures. */
class GuestLogsIT extends GuestTestBase {
    @RegisterExtension
    final CapturedLogs captured = new CapturedLogs();

    @Test
    void noGuestNamePhoneEmailOrLinkInAnyLogLine() {
        String early = newBookingId();
        invite(early, Guest.relative("anhorig-7", "Lindqvist", "Ingegerd", "070-555 10 07", "ingegerd.lindqvist@example.se"));
        mail.stop();
        send(booking(SiuMessages.s12(), early, 0, START).build());
        String id = confirmedBooking();
        invite(id, Guest.interpreter("tolk-8", "Hallberg", "Gunvor", "070-555 10 08", "gunvor.hallberg@example.se"));
        await().until(() -> smsTo("+46705551007").size() == 1 && smsTo("+46705551008").size() == 1);
        mail.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> mailTo("ingegerd.lindqvist@example.se").size() == 1
                && mailTo("gunvor.hallberg@example.se").size() == 1);
        String link = link(smsTo("+46705551008").get(0).text());
        send(booking(SiuMessages.s15(), id, 5, START).build());
        await().until(() -> smsTo("+46705551008").size() == 2);
        assertThat(platform.sendGuests(hubFhir(), id, List.of(Guest.relative("x", "Hallberg", "Gunvor", "12", "gunvor@@x"))).status())
                .isEqualTo(422);

        assertThat(captured.lines()).as("the flow was logged").isNotEmpty();
        captured.assertNoLineContains("Lindqvist", "Ingegerd", "Hallberg", "Gunvor", "gunvor", "ingegerd", "example.se",
                    "0705551007", "+46705551007", "555 10 07", "0705551008", "+46705551008", "555 10 08",
                    link.substring(LINK_BASE.length()), "videomöte");
    }
}
