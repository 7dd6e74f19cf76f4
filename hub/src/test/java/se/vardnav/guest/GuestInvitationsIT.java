package se.vardnav.guest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;
import se.vardnav.fhir.Fhir;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.sim.platform.Guest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Guests the platform invites get a link of their own by SMS or e-mail, once the booking is confirmed. */
class GuestInvitationsIT extends GuestTestBase {

    @Test
    void aConfirmedBookingsTwoGuestsEachGetTheirOwnLinkBySmsAndByEmail() throws Exception {
        String id = confirmedBooking();
        Parameters answer = invite(id,
                Guest.interpreter("tolk-1", "Tolkesson", "Tove", "070-555 10 01", null),
                Guest.relative("anhorig-1", "Anhörigsson", "Arne", null, "arne.relative@example.se"));

        assertThat(status(answer)).isEqualTo("invited");
        List<String> links = guestLinks(answer);
        String general = generalLink(answer);
        assertThat(links).hasSize(2).allMatch(l -> LINK.matcher(l).matches());
        assertThat(general).matches(LINK);
        assertThat(Set.of(links.get(0), links.get(1), general)).hasSize(3);

        await().until(() -> smsTo("+46705551001").size() == 1);
        String sms = smsTo("+46705551001").get(0).text();
        assertThat(sms).contains("videomöte", "2026-12-01", "09:00", links.get(0)).doesNotContain(links.get(1), general);

        await().until(() -> mailTo("arne.relative@example.se").size() == 1);
        var email = mailTo("arne.relative@example.se").get(0);
        assertThat(email.getSubject()).contains("Inbjudan", "2026-12-01").doesNotContain("Arne", "Anhörigsson");
        assertThat(text(email)).contains("tisdag 2026-12-01 kl 09:00", links.get(1)).doesNotContain(links.get(0), general);
        assertThat(linkStatus(links.get(0))).isEqualTo(200);
        assertThat(linkStatus(general)).isEqualTo(200);

        // both recorded per booking like other notices: medium SMS and EMAILWRIT, without number, address or text
        await().until(() -> communications(id).size() == 2);
        List<Communication> sent = communications(id);
        assertThat(sent).flatExtracting(Communication::getMedium).flatExtracting(m -> m.getCoding()).extracting(Coding::getCode)
                .containsExactlyInAnyOrder("SMS", "EMAILWRIT");
        assertThat(sent).flatExtracting(Communication::getCategory).flatExtracting(c -> c.getCoding()).extracting(Coding::getCode)
                .contains("guest-invitation");
        String json = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(new Bundle().addEntry(new Bundle.BundleEntryComponent()
                .setResource(sent.get(0))).addEntry(new Bundle.BundleEntryComponent().setResource(sent.get(1))));
        assertThat(json).doesNotContain("arne.relative", "0705551001", "5551001", links.get(0).substring(LINK_BASE.length()), "Tove");
    }

    @Test
    void guestsGivenBeforeTheBookingIsConfirmedWaitForIt() throws Exception {
        String id = newBookingId();
        Parameters early = invite(id, Guest.interpreter("tolk-2", "Tolkesson", "Tage", "070-555 10 02", "tage.tolk@example.se"));
        assertThat(status(early)).isEqualTo("waiting");
        assertThat(guestLinks(early)).isEmpty();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> smsTo("+46705551002").isEmpty() && mailTo("tage.tolk@example.se").isEmpty());

        send(booking(SiuMessages.s12(), id, 0, START).build());
        await().until(() -> smsTo("+46705551002").size() == 1 && mailTo("tage.tolk@example.se").size() == 1);
        String link = link(smsTo("+46705551002").get(0).text());
        assertThat(text(mailTo("tage.tolk@example.se").get(0))).contains(link);

        // asking again tells the platform the same link, and sends nothing more
        Parameters again = invite(id, Guest.interpreter("tolk-2", "Tolkesson", "Tage", "070-555 10 02", "tage.tolk@example.se"));
        assertThat(status(again)).isEqualTo("invited");
        assertThat(guestLinks(again)).containsExactly(link);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> smsTo("+46705551002").size() == 1 && mailTo("tage.tolk@example.se").size() == 1);
    }

    @Test
    void aRescheduleSendsNewLinksAndRevokesTheOldOnes() throws Exception {
        String id = confirmedBooking();
        invite(id, Guest.interpreter("tolk-3", "Tolkesson", "Tyra", "070-555 10 03", "tyra.tolk@example.se"));
        await().until(() -> smsTo("+46705551003").size() == 1 && mailTo("tyra.tolk@example.se").size() == 1);
        String oldLink = link(smsTo("+46705551003").get(0).text());

        send(booking(SiuMessages.s13(), id, 5, START.plusDays(2).withHour(13)).build());
        await().until(() -> smsTo("+46705551003").size() == 2 && mailTo("tyra.tolk@example.se").size() == 2);
        String sms = smsTo("+46705551003").get(1).text();
        String newLink = link(sms);
        assertThat(newLink).isNotEqualTo(oldLink);
        assertThat(sms).contains("flyttat", "2026-12-03", "13:00");
        var email = mailTo("tyra.tolk@example.se").get(1);
        assertThat(text(email)).contains(newLink, "2026-12-03").doesNotContain(oldLink);
        assertThat(linkStatus(oldLink)).isEqualTo(410);
        assertThat(linkStatus(newLink)).isEqualTo(200);

        // a later change that keeps the time sends nothing new
        send(booking(SiuMessages.s14(), id, 6, START.plusDays(2).withHour(13)).comment("Ny kommentar").build());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> smsTo("+46705551003").size() == 2 && mailTo("tyra.tolk@example.se").size() == 2);
    }

    @Test
    void aCancelTellsTheInvitedGuestsAndTheirLinksStopWorking() throws Exception {
        String id = confirmedBooking();
        Parameters answer = invite(id,
                Guest.interpreter("tolk-4", "Tolkesson", "Tor", "070-555 10 04", null),
                Guest.relative("anhorig-4", "Anhörigsson", "Asta", null, "asta.relative@example.se"));
        await().until(() -> smsTo("+46705551004").size() == 1 && mailTo("asta.relative@example.se").size() == 1);

        send(booking(SiuMessages.s15(), id, 5, START).build());
        await().until(() -> smsTo("+46705551004").size() == 2 && mailTo("asta.relative@example.se").size() == 2);
        assertThat(smsTo("+46705551004").get(1).text()).contains("inställt", "2026-12-01").doesNotContain(LINK_BASE);
        assertThat(mailTo("asta.relative@example.se").get(1).getSubject()).contains("Inställt");
        for (String link : guestLinks(answer)) {
            assertThat(linkStatus(link)).isEqualTo(410);
        }
        assertThat(linkStatus(generalLink(answer))).isEqualTo(410);
        assertThat(status(invite(id, Guest.interpreter("tolk-4", "Tolkesson", "Tor", "070-555 10 04", null)))).isEqualTo("cancelled");
    }

    @Test
    void theSameGuestPostedTwiceIsInvitedOnce() {
        String id = confirmedBooking();
        Guest guest = Guest.relative("anhorig-5", "Anhörigsson", "Alva", "070-555 10 05", "alva.relative@example.se");
        Parameters first = invite(id, guest);
        Parameters second = invite(id, guest);
        assertThat(guestLinks(second)).isEqualTo(guestLinks(first));
        await().until(() -> smsTo("+46705551005").size() == 1 && mailTo("alva.relative@example.se").size() == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> smsTo("+46705551005").size() == 1 && mailTo("alva.relative@example.se").size() == 1);
    }

    private List<Communication> communications(String bookingId) {
        IGenericClient client = se.vardnav.support.TestFhirClients.hub(FhirContext.forR4Cached(), hubFhir());
        String token = URLEncoder.encode(Fhir.JOURNAL_BOOKING_ID + "|" + bookingId, StandardCharsets.UTF_8);
        Bundle b = client.search().byUrl("Communication?about:identifier=" + token).returnBundle(Bundle.class).execute();
        return b.getEntry().stream().map(e -> (Communication) e.getResource()).toList();
    }
}
