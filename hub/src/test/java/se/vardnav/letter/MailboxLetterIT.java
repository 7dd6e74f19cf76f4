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

/** The routing rows with a digital mailbox, against the Mina meddelanden simulators (SOAP, signed deliveries) and Kivra's. */
class MailboxLetterIT extends LetterTestBase {
    @org.springframework.beans.factory.annotation.Autowired
    org.apache.camel.CamelContext camel;
    @org.springframework.beans.factory.annotation.Autowired
    org.apache.camel.ProducerTemplate producer;

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
        String metrics = se.vardnav.support.HubHttp.client().send(java.net.http.HttpRequest.newBuilder(
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

    @Test
    void aKallelseReachesKivraAsABookingWithItsAppointment() throws Exception {
        String patient = TestPersons.next();
        mailboxes.reachableVia(patient, KIVRA);
        kivra.addUser(patient);
        Instant start = Instant.parse("2031-03-04T08:15:00Z");

        String id = accepted(kallelse(patient, newBookingId(), start));

        await().until(() -> "DELIVERED".equals(deliveries(id).get("mailbox:" + KIVRA)));
        KivraContent c = inKivra(patient).get(0);
        assertThat(c.type()).isEqualTo("booking");
        assertThat(c.booking().title()).isEqualTo("Besök hos sjuksköterska");
        assertThat(c.booking().startTime()).isEqualTo("2031-03-04T08:15:00Z");
        assertThat(c.booking().endTime()).isEqualTo("2031-03-04T08:45:00Z");
        assertThat(c.booking().location()).isEqualTo("Vårdcentralen Norr, Storgatan 1, Sundsvall");
        assertThat(c.booking().description()).isEqualTo("Ta med legitimation.");
        assertThat(jdbc.queryForObject("SELECT transaction_id FROM letter_delivery WHERE letter_id = ? AND channel = ?", String.class,
                id, "mailbox:" + KIVRA)).isEqualTo(c.objectKey());
    }

    @Test
    void theControlCodeIsMetadataAndNeverInTheTextThePatientReads() throws Exception {
        String viaMmp = TestPersons.next();
        mailboxes.reachableVia(viaMmp, MIN_MYNDIGHETSPOST);
        platform.addAccount(viaMmp, null, null);
        String viaKivra = TestPersons.next();
        mailboxes.reachableVia(viaKivra, KIVRA);
        kivra.addUser(viaKivra);

        String a = accepted(ebrev(viaMmp));
        String b = accepted(letter(se.vardnav.fhir.Fhir.PERSONNUMMER, viaKivra, "Remiss mottagen", "Din remiss är mottagen.\n\n[4US:RPAT]", null));

        await().until(() -> deliveredTo(minMyndighetspost, a).size() == 1 && inKivra(viaKivra).size() == 1 && platform.findLetter(a).isPresent());
        assertThat(deliveredTo(minMyndighetspost, a).get(0).bodyText()).isEqualTo("Hej! Dina provsvar är klara.");
        assertThat(inKivra(viaKivra).get(0).parts()).filteredOn(p -> p.text() != null).singleElement()
                .satisfies(p -> assertThat(p.text()).isEqualTo("Din remiss är mottagen.").doesNotContain("4US"));
        assertThat(FHIR.newJsonParser().encodeResourceToString(platform.findLetter(a).get())).doesNotContain("4US");
        assertThat(row(a).get("control_code")).isEqualTo("[4US:LPAT]");
        assertThat(row(b).get("control_code")).isEqualTo("[4US:RPAT]");
        assertThat(row(b).get("kind")).isEqualTo("REMISSBEKRAFTELSE");
    }

    @Test
    void aLetterOverKivrasOneMegabyteGoesToThePlatformOrToPaperWithTheReasonInTheReport() throws Exception {
        String withAccount = TestPersons.next();
        platform.addAccount(withAccount, null, null);
        mailboxes.reachableVia(withAccount, KIVRA);
        kivra.addUser(withAccount);
        String withoutAccount = TestPersons.next();
        mailboxes.reachableVia(withoutAccount, KIVRA);
        kivra.addUser(withoutAccount);

        String a = accepted(withPdf(ebrev(withAccount), 900_000));
        String b = accepted(withPdf(ebrev(withoutAccount), 900_000));

        await().until(() -> "DECLINED".equals(deliveries(a).get("mailbox:" + KIVRA)) && printReason(b).isPresent()
                && platform.findLetter(a).isPresent());
        assertThat(kivra.contentRequests()).as("nothing over the limit was sent").isZero();
        assertThat(printReason(a)).isEmpty();
        assertThat(printReason(b).get()).contains("over Kivra's limit of 1 MB");
        assertThat((String) row(a).get("mailbox_note")).contains("over Kivra's limit of 1 MB");
        var admin = new se.vardnav.letter.print.AdminHttp(httpPort);
        var report = se.vardnav.letter.print.AdminHttp.json(admin.get("/admin/letters/report", "application/json"));
        @SuppressWarnings("unchecked")
        var rows = (java.util.List<java.util.Map<String, Object>>) report.get("rows");
        assertThat(rows).filteredOn(r -> a.equals(r.get("letterId"))).singleElement()
                .satisfies(r -> assertThat((String) r.get("mailboxNote")).contains("1 MB"));
    }

    @Test
    void aDeliveredLetterIsNeverSentAgainWhenItsMessageComesBackAfterARestart() throws Exception {
        String viaKivra = TestPersons.next();
        mailboxes.reachableVia(viaKivra, KIVRA);
        kivra.addUser(viaKivra);
        String viaMmp = TestPersons.next();
        mailboxes.reachableVia(viaMmp, MIN_MYNDIGHETSPOST);
        String a = accepted(ebrev(viaKivra));
        String b = accepted(ebrev(viaMmp));
        await().until(() -> "DELIVERED".equals(deliveries(a).get("mailbox:" + KIVRA))
                && "DELIVERED".equals(deliveries(b).get("mailbox:" + MIN_MYNDIGHETSPOST)));
        int kivraSends = kivra.contentRequests();
        int mmpSends = minMyndighetspost.requests();

        // what the broker does with a message whose consumer died before committing: it comes back
        var done = new org.apache.camel.builder.NotifyBuilder(camel)
                .fromRoute(se.vardnav.letter.mailbox.MailboxLetterRoutes.ROUTE_PREFIX + KIVRA).whenDone(1)
                .and().fromRoute(se.vardnav.letter.mailbox.MailboxLetterRoutes.ROUTE_PREFIX + MIN_MYNDIGHETSPOST).whenDone(1).create();
        producer.sendBody("jms:queue:mailbox." + KIVRA, a);
        producer.sendBody("jms:queue:mailbox." + MIN_MYNDIGHETSPOST, b);
        assertThat(done.matches(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        assertThat(kivra.contentRequests()).isEqualTo(kivraSends);
        assertThat(minMyndighetspost.requests()).isEqualTo(mmpSends);
        assertThat(deliveredTo(minMyndighetspost, b)).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT attempts FROM letter_delivery WHERE letter_id = ? AND channel = ?", Integer.class,
                b, "mailbox:" + MIN_MYNDIGHETSPOST)).isEqualTo(1);
    }

    /** The letter with one PDF of about this size instead of the small one. */
    private static org.hl7.fhir.r4.model.CommunicationRequest withPdf(org.hl7.fhir.r4.model.CommunicationRequest cr, int bytes) {
        byte[] pdf = new byte[bytes];
        System.arraycopy(PDF, 0, pdf, 0, PDF.length);
        cr.getPayload().removeIf(p -> p.getContent() instanceof org.hl7.fhir.r4.model.Attachment);
        cr.addPayload().setContent(new org.hl7.fhir.r4.model.Attachment().setContentType("application/pdf").setTitle("stor.pdf").setData(pdf));
        return cr;
    }
}
