package se.vardnav.letter;

import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;
import se.vardnav.fhir.Fhir;
import se.vardnav.support.TestPersons;

import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The letter routing table (docs/architecture.md, "Letter routing"), the routing rows that need no digital mailbox (the mailbox rows are in MailboxLetterIT). */
class LetterRoutingIT extends LetterTestBase {

    @Test
    void aPatientWithAPlatformAccountGetsTheLetterWithItsPdfAndAnSms() throws Exception {
        String patient = TestPersons.next();
        platform.addAccount(patient, "070-444 55 01", null);
        String bookingId = newBookingId();
        CommunicationRequest kallelse = letter(Fhir.PERSONNUMMER, patient, "Kallelse till mottagningen", "Välkommen på besök.", bookingId);

        String id = accepted(kallelse);

        await().until(() -> platform.findLetter(id).isPresent());
        Communication inPlatform = platform.findLetter(id).orElseThrow();
        assertThat(inPlatform.getSubject().getIdentifier().getValue()).isEqualTo(patient);
        assertThat(inPlatform.getAboutFirstRep().getIdentifier().getValue()).isEqualTo(bookingId);
        assertThat(inPlatform.getTopic().getText()).isEqualTo("Kallelse till mottagningen");
        Attachment pdf = inPlatform.getPayload().stream().filter(p -> p.getContent() instanceof Attachment)
                .map(p -> (Attachment) p.getContent()).findFirst().orElseThrow();
        assertThat(pdf.hasData()).as("the PDF is a Binary of its own, not inline").isFalse();
        var binary = platform.findBinary(pdf.getUrl().substring("Binary/".length())).orElseThrow();
        assertThat(binary.sha256()).isEqualTo(sha256(PDF));
        assertThat(binary.securityContext()).isEqualTo("Patient/acc-" + patient);
        await().until(() -> smsTo("+46704445501").size() == 1);
        assertThat(smsTo("+46704445501").get(0).text()).contains("brev i appen").doesNotContain("Kallelse till mottagningen");
        await().until(() -> "DELIVERED".equals(row(id).get("platform_status")));
        assertThat(printReason(id)).isEmpty();
        assertThat(deliveries(id)).containsOnlyKeys("platform");
    }

    @Test
    void aKallelseForABookingOnAHiddenTimeTypeIsStillDelivered() throws Exception {
        String patient = TestPersons.next();
        platform.addAccount(patient, null, null);
        String bookingId = newBookingId();
        send(se.vardnav.sim.journal.SiuMessages.s12().bookingId(bookingId).start(java.time.LocalDateTime.of(2026, 12, 2, 10, 0)).minutes(15)
                .timeType("DOLD", "Dold tid").patient(patient).staff("SE2321000016-1234", "Lind")
                .messageTime(java.time.LocalDateTime.of(2026, 11, 20, 8, 0)).build());
        await().until(() -> !jdbc.queryForList("SELECT reason FROM withheld_booking WHERE booking_id = ?", bookingId).isEmpty());

        String id = accepted(letter(Fhir.PERSONNUMMER, patient, "Kallelse", "Välkommen.", bookingId));

        await().until(() -> platform.findLetter(id).isPresent());
        assertThat(platform.findLetter(id).get().getAboutFirstRep().getIdentifier().getValue()).isEqualTo(bookingId);
        assertThat(platform.findByBookingId(bookingId)).as("the booking itself stays hidden").isEmpty();
    }

    @Test
    void aSeventeenYearOldGetsTheLetterInThePlatformOnly() throws Exception {
        String patient = bornOn(LocalDate.now().minusYears(17));
        platform.addAccount(patient, "070-444 55 02", null);

        String id = accepted(ebrev(patient));

        await().until(() -> platform.findLetter(id).isPresent());
        awaitRouted(id);
        assertThat(deliveries(id)).containsOnlyKeys("platform");
        assertThat((String) row(id).get("routing_detail")).contains("under 18");
    }

    @Test
    void aReservnummerGoesToThePrintList() throws Exception {
        String id = accepted(letter(Fhir.RESERVNUMMER, "98240301AA06", "Brev", "Text" + FOOTER_EBREV, null));

        await().until(() -> printReason(id).isPresent());
        assertThat(printReason(id).get()).contains("reservnummer");
        assertThat(platform.findLetter(id)).isEmpty();
    }

    @Test
    void noAccountAndNoMailboxGoesToThePrintList() throws Exception {
        String id = accepted(ebrev(TestPersons.next()));

        await().until(() -> printReason(id).isPresent());
        assertThat(printReason(id).get()).contains("no platform account");
        assertThat(jdbc.queryForObject("SELECT print_type FROM print_item WHERE letter_id = ?", String.class, id)).isEqualTo("BREV_INVANARE");
        assertThat(platform.findLetter(id)).isEmpty();
    }

    @Test
    void aLetterWithoutItsControlCodeIsPrintedEvenForAPatientWithAnAccount() throws Exception {
        String patient = TestPersons.next();
        platform.addAccount(patient, "070-444 55 03", null);
        CommunicationRequest missing = letter(Fhir.PERSONNUMMER, patient, "Brev", "Ingen kod här.", null);
        missing.addCategory().addCoding(new Coding(LetterFhir.LETTER_KIND, "ebrev", null));
        CommunicationRequest spaced = letter(Fhir.PERSONNUMMER, patient, "Remissbekräftelse", "Din remiss är mottagen.\n[4US: RPAT]", null);

        String missingId = accepted(missing);
        String spacedId = accepted(spaced);

        await().until(() -> printReason(missingId).isPresent() && printReason(spacedId).isPresent());
        assertThat(printReason(missingId).get()).contains("[4US:LPAT] missing");
        assertThat(printReason(spacedId).get()).contains("spaces").contains("[4US:RPAT]");
        assertThat(jdbc.queryForObject("SELECT print_type FROM print_item WHERE letter_id = ?", String.class, spacedId))
                .isEqualTo("REMISSBEKRAFTELSER_INVANARE");
        assertThat(platform.findLetter(missingId)).isEmpty();
        assertThat(platform.findLetter(spacedId)).isEmpty();
        assertThat(smsTo("+46704445503")).isEmpty();
    }

    @Test
    void aProtectedIdentityNeverReachesThePlatformButIsPrinted() throws Exception {
        String inRegister = TestPersons.next();
        platform.addAccount(inRegister, "070-444 55 04", null);
        register.markProtected(inRegister);
        String flaggedByJournal = TestPersons.next();
        platform.addAccount(flaggedByJournal, "070-444 55 05", null);
        CommunicationRequest labelled = ebrev(flaggedByJournal);
        labelled.getMeta().addSecurity(Fhir.SECURITY_LABEL, Fhir.SKYDDAD_FOLKBOKFORING, null);

        String a = accepted(ebrev(inRegister));
        String b = accepted(labelled);

        await().until(() -> printReason(a).isPresent() && printReason(b).isPresent());
        assertThat(printReason(a).get()).contains("protected identity");
        assertThat(printReason(b).get()).contains("protected identity");
        assertThat(platform.letters()).noneMatch(c -> c.getSubject().getIdentifier().getValue().equals(inRegister)
                || c.getSubject().getIdentifier().getValue().equals(flaggedByJournal));
        assertThat(smsTo("+46704445504")).isEmpty();
    }

    @Test
    void aDeceasedPatientsLetterIsNotSentAnywhere() throws Exception {
        String patient = TestPersons.next();
        platform.addAccount(patient, "070-444 55 06", null);
        register.markDeceased(patient);

        String id = accepted(ebrev(patient));

        awaitRouted(id);
        assertThat(row(id).get("routing_status")).isEqualTo("NOT_SENT");
        assertThat(printReason(id)).isEmpty();
        assertThat(platform.findLetter(id)).isEmpty();
    }

    @Test
    void aLetterWaitsWhileTheRegisterIsDownAndIsNeverRoutedUnchecked() throws Exception {
        String patient = TestPersons.next();
        platform.addAccount(patient, "070-444 55 07", null);
        register.markProtected(patient);
        register.goDown();

        String id = accepted(ebrev(patient));

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> "RECEIVED".equals(row(id).get("routing_status")));
        register.comeUp();
        await().until(() -> printReason(id).isPresent());
        assertThat(platform.findLetter(id)).isEmpty();
    }

    @Test
    void theSameLetterPostedTwiceIsDeliveredOncePerChannel() throws Exception {
        String patient = TestPersons.next();
        platform.addAccount(patient, "070-444 55 08", null);
        CommunicationRequest letter = ebrev(patient);

        String id = accepted(letter);
        await().until(() -> smsTo("+46704445508").size() == 1);
        Posted again = post(letter);

        assertThat(again.status()).isEqualTo(200);
        assertThat(letterIdOf(sourceId(letter))).isEqualTo(id);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> smsTo("+46704445508").size() == 1);
        assertThat(platform.letters()).filteredOn(c -> c.getIdentifierFirstRep().getValue().equals(id)).hasSize(1);
        assertThat(deliveries(id)).containsOnlyKeys("platform");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM letter WHERE source_letter_id = ?", Integer.class, sourceId(letter))).isEqualTo(1);
    }

    @Test
    void anInvalidLetterIsRefusedWithoutEchoingPersonalData() throws Exception {
        String patient = TestPersons.withBadCheckDigit();
        CommunicationRequest bad = ebrev(patient);
        bad.getExtension().clear();

        Posted p = post(bad);

        assertThat(p.status()).isEqualTo(422);
        assertThat(p.body()).contains("OperationOutcome").contains("document name").contains("check digit").doesNotContain(patient);
    }

    @Test
    void aBodyThatIsNotJsonOrBase64IsRefusedSayingWhereAndNothingIsKept() throws Exception {
        CommunicationRequest letter = ebrev(TestPersons.next());
        String json = FHIR.newJsonParser().encodeResourceToString(letter);
        String data = letter.getPayload().stream().filter(p -> p.hasContentAttachment()).findFirst().orElseThrow()
                .getContentAttachment().getDataElement().getValueAsString();

        Posted badBase64 = post(json.replace(data, "not*base64"));
        assertThat(badBase64.status()).isEqualTo(400);
        assertThat(badBase64.body()).contains("OperationOutcome").contains("contentAttachment.data is not valid base64");

        Posted notJson = post(json.substring(0, json.length() / 2));
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body()).contains("OperationOutcome").contains("not valid JSON");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM letter WHERE source_letter_id = ?", Integer.class, sourceId(letter))).isZero();
    }
}
