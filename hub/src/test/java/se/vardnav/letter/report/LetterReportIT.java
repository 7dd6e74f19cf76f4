package se.vardnav.letter.report;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import se.vardnav.document.LetterDocuments;
import se.vardnav.letter.LetterKind;
import se.vardnav.letter.print.AdminHttp;
import se.vardnav.letter.print.LetterSeed;
import se.vardnav.letter.print.PrintList;
import se.vardnav.letter.print.PrintType;
import se.vardnav.support.HubTestBase;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Vårdenhetens rapporter over HTTP: where each letter went, filtered by day and source, as JSON and CSV. */
@ExtendWith(OutputCaptureExtension.class)
class LetterReportIT extends HubTestBase {
    private static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");
    private static final AtomicInteger DAYS = new AtomicInteger();

    @Autowired
    LetterDocuments documents;
    @Autowired
    PrintList printList;
    LetterSeed seed;
    AdminHttp admin;
    LocalDate day;
    String takeCare;
    String sectra;

    @BeforeEach
    void seed() {
        seed = new LetterSeed(jdbc, documents, printList);
        admin = new AdminHttp(httpPort);
        day = LocalDate.of(2032, 1, 1).plusDays(DAYS.getAndIncrement() * 5L);
        String run = UUID.randomUUID().toString().substring(0, 8);
        takeCare = "TakeCare-" + run;
        sectra = "Sectra-" + run;
    }

    private Instant at(LocalDate d, int hour, int minute) {
        return d.atTime(hour, minute).atZone(ZONE).toInstant();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> rows(String query) {
        HttpResponse<byte[]> response = admin.get("/admin/letters/report?" + query, "application/json");
        assertThat(response.statusCode()).as(AdminHttp.text(response)).isEqualTo(200);
        return (List<Map<String, Object>>) AdminHttp.json(response).get("rows");
    }

    private static List<Object> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> r.get("letterId")).toList();
    }

    @Test
    void filtersByDayAndSourceAndShowsWhereEachLetterWent() {
        LetterSeed.Letter opened = seed.letter().source(takeCare).createdAt(at(day, 9, 33))
                .openedInPlatform(at(day, 9, 34), at(day, 10, 13)).save();
        LetterSeed.Letter mailbox = seed.letter().source(takeCare).kind(LetterKind.EBREV).documentName("Brev till patient")
                .createdAt(at(day, 11, 0)).deliveredToPlatform(at(day, 11, 1)).receivedByMailbox("Kivra", at(day, 11, 2)).save();
        LetterSeed.Letter fromSectra = seed.letter().source(sectra).documentName("Information från röntgenavdelningen")
                .createdAt(at(day.plusDays(1), 8, 0)).save();
        clock.setNow(at(day.plusDays(1), 8, 5));
        seed.toPrintList(fromSectra, PrintType.KALLELSER_INVANARE, "Saknar konto och brevlåda");
        LetterSeed.Letter dayBefore = seed.letter().source(takeCare).createdAt(at(day.minusDays(1), 23, 59)).save();
        String both = "&source=" + takeCare + "&source=" + sectra;

        assertThat(ids(rows("from=" + day + "&to=" + day + both))).as("newest first").containsExactly(mailbox.id(), opened.id());
        assertThat(ids(rows("from=" + day.minusDays(1) + "&to=" + day.plusDays(1) + "&source=" + sectra))).containsExactly(fromSectra.id());
        assertThat(ids(rows("from=" + day.minusDays(1) + "&to=" + day.plusDays(1) + both)))
                .containsExactly(fromSectra.id(), mailbox.id(), opened.id(), dayBefore.id());
        assertThat(ids(rows("from=" + day + "&to=" + day.plusDays(1) + both + "&kind=EBREV"))).containsExactly(mailbox.id());

        Map<String, Object> first = rows("from=" + day + "&to=" + day + both).get(1);
        assertThat(first).containsEntry("patient", opened.patient().substring(0, 8) + "****").containsEntry("platformStatus", "OPENED")
                .containsEntry("mailbox", null).containsEntry("onPrintList", false).containsEntry("source", takeCare)
                .containsEntry("documentName", "Kallelse till röntgen");
        assertThat(Instant.parse((String) first.get("platformOpenedAt"))).isEqualTo(at(day, 10, 13));
        Map<String, Object> printed = rows("from=" + day.plusDays(1) + "&to=" + day.plusDays(1) + "&source=" + sectra).get(0);
        assertThat(printed).containsEntry("onPrintList", true).containsEntry("printStatus", "TODO").containsEntry("platformStatus", "NONE");
    }

    @Test
    void defaultsToTheLast30Days() {
        clock.setNow(at(day, 12, 0));
        LetterSeed.Letter recent = seed.letter().source(takeCare).createdAt(at(day.minusDays(29), 0, 1)).save();
        seed.letter().source(takeCare).createdAt(at(day.minusDays(30), 23, 59)).save();
        assertThat(ids(rows("source=" + takeCare))).containsExactly(recent.id());
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeats() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // two letters per minute: the same created_at, told apart by id
            created.add(seed.letter().source(takeCare).createdAt(at(day, 8, i / 2)).save().id());
        }
        List<Object> seen = new ArrayList<>();
        String next = null;
        do {
            HttpResponse<byte[]> response = admin.get("/admin/letters/report?from=" + day + "&to=" + day + "&source=" + takeCare
                    + "&limit=3" + (next == null ? "" : "&after=" + next), null);
            Map<String, Object> page = AdminHttp.json(response);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) page.get("rows");
            seen.addAll(ids(rows));
            next = (String) page.get("next");
        } while (next != null);
        assertThat(seen).hasSize(7).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        assertThat(admin.get("/admin/letters/report?after=nonsense", null).statusCode()).isEqualTo(400);
        assertThat(admin.get("/admin/letters/report?from=2032-02-02&to=2032-02-01", null).statusCode()).isEqualTo(400);
    }

    @Test
    void csvExportHasSwedishHeadersMaskedPatientsAndQuotedFields(CapturedOutput output) {
        LetterSeed.Letter tricky = seed.letter().source(takeCare).documentName("Svar på remiss, \"akut\"")
                .createdAt(at(day, 9, 33)).openedInPlatform(at(day, 9, 34), at(day, 10, 13, 1)).save();
        LetterSeed.Letter kivra = seed.letter().source(takeCare).documentName("Kallelse till röntgen")
                .createdAt(at(day, 10, 0)).deliveredToPlatform(at(day, 10, 0)).receivedByMailbox("Kivra", at(day, 10, 1)).save();
        String query = "?from=" + day + "&to=" + day + "&source=" + takeCare;

        for (HttpResponse<byte[]> response : List.of(admin.get("/admin/letters/report" + query, "text/csv"),
                admin.get("/admin/letters/report.csv" + query, null))) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
            assertThat(response.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment", ".csv");
            String csv = new String(response.body(), StandardCharsets.UTF_8);
            assertThat(csv).startsWith("\uFEFF");
            String[] lines = csv.substring(1).split("\r\n");
            assertThat(lines[0]).isEqualTo(String.join(",", ReportCsv.HEADERS));
            assertThat(lines).hasSize(3);
            assertThat(lines[1]).isEqualTo(kivra.id() + "," + day + " 10:00:00," + kivra.patient().substring(0, 8) + "****,"
                    + "Kallelse till röntgen,Kallelse,Ej läst,Kivra,," + takeCare + ",Nej");
            assertThat(lines[2]).isEqualTo(tricky.id() + "," + day + " 09:33:00," + tricky.patient().substring(0, 8) + "****,"
                    + "\"Svar på remiss, \"\"akut\"\"\",Kallelse," + day + " 10:13:01,Nej," + day + " 10:13:01," + takeCare + ",Nej");
            assertThat(csv).doesNotContain(tricky.patient()).doesNotContain(kivra.patient());
        }
        assertThat(output.getAll()).doesNotContain(tricky.patient()).doesNotContain(kivra.patient());
    }

    @Test
    void csvExportStreamsMoreThanOneBatch() {
        int n = LetterReport.BATCH + 5;
        jdbc.batchUpdate("""
                INSERT INTO letter (id, source, source_letter_id, kind, document_name, patient_system, patient_id, created_at, platform_status)
                VALUES (?, ?, ?, 'KALLELSE', 'Kallelse', 'http://electronichealth.se/identifier/personnummer', '198001011234', ?, 'NONE')""",
                java.util.stream.IntStream.range(0, n).mapToObj(i -> new Object[] {"L-bulk-" + takeCare + "-" + i, takeCare, "S-" + i,
                        java.sql.Timestamp.from(at(day, 8, 0).plusSeconds(i))}).toList());
        String csv = AdminHttp.text(admin.get("/admin/letters/report.csv?from=" + day + "&to=" + day + "&source=" + takeCare, null));
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(n + 1);
        assertThat(java.util.Arrays.stream(lines).skip(1).map(l -> l.split(",")[0]).distinct().count()).isEqualTo(n);
        assertThat(csv).doesNotContain("198001011234");
    }

    private Instant at(LocalDate d, int hour, int minute, int second) {
        return d.atTime(hour, minute, second).atZone(ZONE).toInstant();
    }
}
