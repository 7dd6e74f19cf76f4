package se.vardnav.letter;

import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.junit.jupiter.api.Test;
import se.vardnav.fhir.Fhir;
import se.vardnav.letter.print.AdminHttp;
import se.vardnav.sim.platform.PlatformBinary;
import se.vardnav.support.TestPersons;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform leg against a platform that behaves as a standard FHIR server: searches answered from its cache,
 * storing time that grows with size, failures that repeat. What the patient (or staff) would notice.
 */
class LetterPlatformIT extends LetterTestBase {

    private static byte[] pdf(int bytes, long seed) {
        byte[] content = new byte[bytes];
        new Random(seed).nextBytes(content);
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, content, 0, 9);
        return content;
    }

    /** An e-brev with these PDFs, from a source system of this test's own (so the status report shows only ours). */
    private static CommunicationRequest ebrev(String patient, String source, List<byte[]> pdfs) {
        CommunicationRequest cr = letter(Fhir.PERSONNUMMER, patient, "Provsvar", "Hej!" + FOOTER_EBREV, null);
        cr.getIdentifierFirstRep().getAssigner().setDisplay(source);
        cr.getPayload().removeIf(p -> p.getContent() instanceof Attachment);
        for (int i = 0; i < pdfs.size(); i++) {
            cr.addPayload().setContent(new Attachment().setContentType("application/pdf").setTitle("del-" + (i + 1) + ".pdf").setData(pdfs.get(i)));
        }
        return cr;
    }

    @Test
    void routingFindsAnAccountCreatedSecondsAfterAnIdenticalSearch() throws Exception {
        String patient = TestPersons.next();
        String first = accepted(ebrev(patient));
        awaitRouted(first);
        assertThat(printReason(first)).as("no account yet: paper").isPresent();

        platform.addAccount(patient, null, null); // the patient installs the app; the platform caches searches for 60 s
        String second = accepted(ebrev(patient));

        await().until(() -> platform.findLetter(second).isPresent());
        assertThat(printReason(second)).isEmpty();
    }

    @Test
    void fourLargePdfsReachThePlatformAsBinariesWithinTimeoutsForTheirSize() throws Exception {
        String patient = TestPersons.next();
        platform.addAccount(patient, null, null);
        // storing takes 1.5 s per MB: 6 s for the letter in one request, more than the 2 s answer timeout of small requests
        platform.setStoreTimePerMegabyte(Duration.ofMillis(1500));
        List<byte[]> pdfs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pdfs.add(pdf(1024 * 1024, i));
        }

        String id = accepted(ebrev(patient, SOURCE, pdfs));

        await().atMost(Duration.ofSeconds(30)).until(() -> platform.findLetter(id).isPresent());
        Communication letter = platform.findLetter(id).orElseThrow();
        List<Attachment> refs = letter.getPayload().stream().filter(p -> p.getContent() instanceof Attachment)
                .map(p -> (Attachment) p.getContent()).toList();
        assertThat(refs).hasSize(4).allSatisfy(a -> assertThat(a.hasData()).isFalse());
        for (int i = 0; i < 4; i++) {
            PlatformBinary stored = platform.findBinary(refs.get(i).getUrl().substring("Binary/".length())).orElseThrow();
            assertThat(stored.sha256()).isEqualTo(sha256(pdfs.get(i)));
            assertThat(stored.securityContext()).isEqualTo("Patient/acc-" + patient);
        }
        assertThat(platform.binaryWriteCount()).as("each PDF sent once").isEqualTo(4);
        assertThat(printReason(id)).isEmpty();
    }

    @Test
    void aLetterSentAgainDoesNotSendItsStoredPdfsAgain() throws Exception {
        String patient = TestPersons.next();
        platform.addAccount(patient, null, null);
        platform.failNextLetterCommunications(1, 500); // both PDFs stored, then the letter itself fails once

        String id = accepted(ebrev(patient, SOURCE, List.of(pdf(2000, 1), pdf(3000, 2))));

        await().until(() -> platform.findLetter(id).isPresent());
        assertThat(platform.binaryWriteCount()).isEqualTo(2);
        assertThat(platform.letterWriteCount()).isEqualTo(1);
    }

    @Test
    void aLetterThePlatformKeepsFailingGoesToThePrintListWithTheReasonInTheStatusReport() throws Exception {
        String patient = TestPersons.next();
        platform.addAccount(patient, null, null);
        platform.failNextLetterWrites(1000, 500);
        String source = "TakeCare-" + UUID.randomUUID().toString().substring(0, 8);

        String id = accepted(ebrev(patient, source, List.of(pdf(2000, 3))));

        await().until(() -> printReason(id).isPresent());
        assertThat(printReason(id)).contains("the platform did not take the letter in 5 attempts (last: HTTP 500)");
        assertThat(deliveries(id)).containsEntry("platform", "FAILED").containsEntry("print", "PENDING");
        assertThat(platform.findLetter(id)).isEmpty();
        HttpResponseRows report = new HttpResponseRows(new AdminHttp(httpPort), "/admin/letters/report?source=" + source);
        assertThat(report.rows()).singleElement().satisfies(row -> {
            assertThat(row.get("letterId")).isEqualTo(id);
            assertThat(row.get("onPrintList")).isEqualTo(true);
            assertThat(row.get("platformStatus")).isEqualTo("NONE");
            assertThat((String) row.get("printReason")).contains("did not take the letter in 5 attempts");
        });
    }

    @Test
    void aPlatformThatIsAwayIsWaitedForAndTheLetterStillArrives() throws Exception {
        String patient = TestPersons.next();
        platform.addAccount(patient, null, null);
        platform.failNextLetterWrites(7, 503); // more failures than the cap, but an outage is not the letter's fault

        String id = accepted(ebrev(patient, SOURCE, List.of(pdf(2000, 4))));

        await().atMost(Duration.ofSeconds(30)).until(() -> platform.findLetter(id).isPresent());
        assertThat(printReason(id)).isEmpty();
    }

    private record HttpResponseRows(AdminHttp admin, String path) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows() {
            var response = admin.get(path, "application/json");
            assertThat(response.statusCode()).as(AdminHttp.text(response)).isEqualTo(200);
            return (List<Map<String, Object>>) AdminHttp.json(response).get("rows");
        }
    }
}
