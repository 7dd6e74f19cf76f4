package se.vardnav.letter;

import org.junit.jupiter.api.Test;
import se.vardnav.sim.mailbox.KivraContent;
import se.vardnav.sim.mailbox.ReceivedDelivery;
import se.vardnav.support.TestPersons;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The DOMAIN.md routing rows with a digital mailbox, against the Mina meddelanden simulators (SOAP, signed deliveries). */
class MailboxLetterIT extends LetterTestBase {

    private static java.util.List<ReceivedDelivery> deliveredTo(se.vardnav.sim.mailbox.OperatorSimulator operator, String letterId) {
        return operator.deliveries().stream().filter(d -> letterId.equals(d.reference())).toList();
    }

    private static java.util.List<KivraContent> inKivra(String patient) {
        return kivra.contents().stream().filter(c -> patient.equals(c.ssn())).toList();
    }

    @Test
    void anAdultWithAccountAndMailboxGetsItInBothAndAnSmsAndNoPaperAfter48Hours() throws Exception {
        Instant start = clock.instant();
        String patient = TestPersons.next();
        platform.addAccount(patient, "070-555 66 01", null);
        mailboxes.reachableVia(patient, KIVRA);
        kivra.addUser(patient);

        String id = accepted(ebrev(patient));

        await().until(() -> platform.findLetter(id).isPresent() && inKivra(patient).size() == 1);
        KivraContent d = inKivra(patient).get(0);
        assertThat(d.parts()).anySatisfy(p -> assertThat(p.contentType()).isEqualTo("application/pdf"));
        assertThat(d.subject()).doesNotContain("Provsvar");
        await().until(() -> smsTo("+46705556601").size() == 1);
        await().until(() -> "Kivra".equals(row(id).get("mailbox")));
        assertThat(deliveries(id)).containsEntry("platform", "DELIVERED").containsEntry("mailbox:" + KIVRA, "DELIVERED");

        clock.setNow(start.plus(Duration.ofHours(49)));
        await().until(() -> "SKIPPED".equals(jdbc.queryForObject("SELECT status FROM letter_escalation WHERE letter_id = ?", String.class, id)));
        assertThat(printReason(id)).isEmpty();
    }

    @Test
    void aSeventeenYearOldWithAMailboxGetsThePlatformOnly() throws Exception {
        String patient = bornOn(LocalDate.now().minusYears(17));
        platform.addAccount(patient, null, null);
        mailboxes.reachableVia(patient, KIVRA);
        int asked = mailboxes.recipientRequests();

        String id = accepted(ebrev(patient));

        await().until(() -> platform.findLetter(id).isPresent());
        awaitRouted(id);
        assertThat(deliveries(id)).containsOnlyKeys("platform");
        assertThat(inKivra(patient)).isEmpty();
        assertThat(mailboxes.recipientRequests()).isEqualTo(asked);
    }

    @Test
    void aMailboxThatDeclinesTheSenderLeavesThePlatformOnlyOrPaper() throws Exception {
        String withAccount = TestPersons.next();
        platform.addAccount(withAccount, null, null);
        mailboxes.senderNotAccepted(withAccount, KIVRA);
        String withoutAccount = TestPersons.next();
        mailboxes.senderNotAccepted(withoutAccount, KIVRA);

        String a = accepted(ebrev(withAccount));
        String b = accepted(ebrev(withoutAccount));

        await().until(() -> platform.findLetter(a).isPresent() && printReason(b).isPresent());
        assertThat(deliveries(a)).containsOnlyKeys("platform");
        assertThat(printReason(a)).isEmpty();
        assertThat(printReason(b).get()).contains("does not accept this sender");
        assertThat(inKivra(withAccount)).isEmpty();
        assertThat(inKivra(withoutAccount)).isEmpty();
    }

    @Test
    void anOperatorThatRefusesTheRecipientSendsTheLetterToPaper() throws Exception {
        String patient = TestPersons.next();
        mailboxes.reachableVia(patient, MIN_MYNDIGHETSPOST);
        minMyndighetspost.refuseRecipient(patient);

        String id = accepted(ebrev(patient));

        await().until(() -> printReason(id).isPresent());
        assertThat(printReason(id).get()).contains("digital mailbox refused");
        assertThat(deliveries(id)).containsEntry("mailbox:" + MIN_MYNDIGHETSPOST, "DECLINED");
        assertThat(row(id).get("mailbox")).isNull();
    }

    @Test
    void aProtectedIdentityGetsNothingInTheMailbox() throws Exception {
        String patient = TestPersons.next();
        mailboxes.reachableVia(patient, KIVRA);
        register.markProtectedPopulationRecord(patient);
        int asked = mailboxes.recipientRequests();

        String id = accepted(ebrev(patient));

        await().until(() -> printReason(id).isPresent());
        assertThat(printReason(id).get()).contains("protected identity");
        assertThat(inKivra(patient)).isEmpty();
        assertThat(mailboxes.recipientRequests()).isEqualTo(asked);
    }

    @Test
    void anOperatorDownIsRetriedWhileTheOtherOperatorStillDelivers() throws Exception {
        String viaKivra = TestPersons.next();
        mailboxes.reachableVia(viaKivra, KIVRA);
        kivra.addUser(viaKivra);
        String viaMmp = TestPersons.next();
        mailboxes.reachableVia(viaMmp, MIN_MYNDIGHETSPOST);
        kivra.goDown();

        String waiting = accepted(ebrev(viaKivra));
        String other = accepted(ebrev(viaMmp));

        await().until(() -> deliveredTo(minMyndighetspost, other).size() == 1);
        await().until(() -> "PENDING".equals(deliveries(waiting).get("mailbox:" + KIVRA)));
        assertThat(printReason(waiting)).isEmpty();
        // monitoring sees the waiting operator's backlog on its own queue
        String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + httpPort + "/actuator/prometheus")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("vardnav_queue_depth{queue=\"mailbox." + KIVRA + "\"}")
                .contains("vardnav_queue_depth{queue=\"DLQ.mailbox." + MIN_MYNDIGHETSPOST + "\"}");
        kivra.comeUp();
        await().until(() -> inKivra(viaKivra).size() == 1);
        await().until(() -> "DELIVERED".equals(deliveries(waiting).get("mailbox:" + KIVRA)));
        assertThat(printReason(waiting)).isEmpty();
    }

    @Test
    void theSameLetterPostedTwiceReachesEachChannelOnce() throws Exception {
        String patient = TestPersons.next();
        platform.addAccount(patient, "070-555 66 02", null);
        mailboxes.reachableVia(patient, KIVRA);
        kivra.addUser(patient);
        var letter = ebrev(patient);

        String id = accepted(letter);
        await().until(() -> "DELIVERED".equals(deliveries(id).get("mailbox:" + KIVRA)) && smsTo("+46705556602").size() == 1);
        assertThat(post(letter).status()).isEqualTo(200);

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> inKivra(patient).size() == 1);
        assertThat(kivra.contentRequests()).as("the second post reached no operator").isEqualTo(1);
        assertThat(platform.letters()).filteredOn(c -> c.getIdentifierFirstRep().getValue().equals(id)).hasSize(1);
        assertThat(smsTo("+46705556602")).hasSize(1);
        assertThat(deliveries(id)).containsOnlyKeys("platform", "mailbox:" + KIVRA);
    }
}
