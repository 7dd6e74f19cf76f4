package se.vardnav.letter.print;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import se.vardnav.document.LetterDocuments;
import se.vardnav.letter.LetterEscalations;
import se.vardnav.letter.LetterKind;
import se.vardnav.support.HubTestBase;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Utskriftslistan over HTTP: what staff see, what they print, and what the print log says. */
@ExtendWith(OutputCaptureExtension.class)
class PrintListIT extends HubTestBase {
    private static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");
    /** Each test works on a day of its own, far from the letters other tests put on the list today. */
    private static final AtomicInteger DAYS = new AtomicInteger();
    private static final String ANNA = "anna.lind@sjukhus.example";
    private static final String BO = "SE2321000016-B0K1";

    @Autowired
    LetterDocuments documents;
    @Autowired
    PrintList printList;
    @Autowired
    LetterEscalations escalations;
    LetterSeed seed;
    AdminHttp admin;
    LocalDate day;
    int added;

    @BeforeEach
    void seed() {
        seed = new LetterSeed(jdbc, documents, printList);
        admin = new AdminHttp(httpPort);
        day = LocalDate.of(2031, 1, 1).plusDays(DAYS.getAndIncrement() * 3L);
        // Letters that earlier test classes delivered to the platform are long past their 48 hours on this
        // test's day; escalate them now, the day before, so they don't land on the list the test reads.
        clock.setNow(at(day.minusDays(1), 0));
        escalations.fireDue();
    }

    private Instant at(LocalDate d, int hour) {
        return d.atTime(hour, 0).atZone(ZONE).toInstant();
    }

    /** A letter put on the print list at 10:00 on the test's day, the next one a minute later. */
    private long onList(LetterKind kind, PrintType type, int... pages) {
        clock.setNow(at(day, 10).plusSeconds(60L * added++));
        return seed.toPrintList(seed.letter().kind(kind).createdAt(at(day, 9)).pdfs(pages).save(), type, "Saknar konto och brevlåda");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> rows(String query) {
        HttpResponse<byte[]> response = admin.get("/admin/print-list?from=" + day + "&to=" + day + query, null);
        assertThat(response.statusCode()).as(AdminHttp.text(response)).isEqualTo(200);
        return (List<Map<String, Object>>) AdminHttp.json(response).get("rows");
    }

    private static List<Long> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> ((Number) r.get("id")).longValue()).toList();
    }

    private Map<String, Object> row(long id) {
        return admin.getJson("/admin/print-list/" + id);
    }

    @Test
    void listsByTypeStatusAndDayWithThePatientMasked() {
        long kallelse = onList(LetterKind.KALLELSE, PrintType.KALLELSER_INVANARE, 1);
        long brev = onList(LetterKind.EBREV, PrintType.BREV_INVANARE, 1);
        long remiss = onList(LetterKind.REMISSBEKRAFTELSE, PrintType.REMISSBEKRAFTELSER_INVANARE, 1);
        clock.setNow(at(day.plusDays(1), 10));
        long nextDay = seed.toPrintList(seed.letter().save(), PrintType.OVRIGA, "Okänd brevtyp");
        assertThat(admin.post("/admin/print-list/" + remiss + "/mark-handled", null, ANNA).statusCode()).isEqualTo(200);

        assertThat(ids(rows(""))).as("Att åtgärda is the default, newest first").containsExactly(brev, kallelse);
        assertThat(ids(rows("&status=ALL"))).containsExactlyInAnyOrder(kallelse, brev, remiss).doesNotContain(nextDay);
        assertThat(ids(rows("&status=" + enc("Historik")))).containsExactly(remiss);
        assertThat(ids(rows("&status=ALL&type=BREV_INVANARE"))).containsExactly(brev);
        assertThat(ids(rows("&status=ALL&type=" + enc("Kallelser invånare")))).containsExactly(kallelse);
        assertThat(ids(rows("&status=ALL&type=BREV_INVANARE&type=REMISSBEKRAFTELSER_INVANARE"))).containsExactlyInAnyOrder(brev, remiss);
        assertThat(ids(rows("&type=REMISSBEKRAFTELSER_INVANARE"))).as("handled, so not to handle").isEmpty();

        Map<String, Object> shown = rows("&type=BREV_INVANARE").get(0);
        String patient = jdbc.queryForObject("SELECT l.patient_id FROM letter l JOIN print_item p ON p.letter_id = l.id WHERE p.id = ?", String.class, brev);
        assertThat(shown).containsEntry("type", "BREV_INVANARE").containsEntry("typeLabel", "Brev invånare")
                .containsEntry("documentName", "Kallelse till röntgen").containsEntry("reason", "Saknar konto och brevlåda")
                .containsEntry("status", "TODO").containsEntry("statusLabel", "Att åtgärda")
                .containsEntry("patient", patient.substring(0, 8) + "****").containsEntry("handledBy", null);
        assertThat(Instant.parse((String) shown.get("createdAt"))).isBetween(at(day, 10).plusSeconds(60), at(day, 10).plusSeconds(120));
        assertThat(AdminHttp.text(admin.get("/admin/print-list?status=ALL&from=" + day + "&to=" + day, null))).doesNotContain(patient);
    }

    @Test
    void printAndMarkHandledOfSeveralRowsGivesOnePdfInTheOrderAskedAndMovesThemToHistory() throws Exception {
        long a = onList(LetterKind.KALLELSE, PrintType.KALLELSER_INVANARE, 2);
        long b = onList(LetterKind.EBREV, PrintType.BREV_INVANARE, 1, 3);
        long c = onList(LetterKind.KALLELSE, PrintType.KALLELSER_INVANARE, 1);
        Instant printedAt = at(day, 14);
        clock.setNow(printedAt);

        HttpResponse<byte[]> response = admin.post("/admin/print-list/print", Map.of("ids", List.of(c, a, b)), ANNA);

        assertThat(response.statusCode()).as(AdminHttp.text(response)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        try (PDDocument pdf = Loader.loadPDF(response.body())) {
            assertThat(pdf.getNumberOfPages()).as("2 + (1 + 3) + 1 pages").isEqualTo(7);
            assertThat(pageText(pdf, 1)).contains(letterOf(c) + " document 1 page 1");
            assertThat(pageText(pdf, 2)).contains(letterOf(a) + " document 1 page 1");
            assertThat(pageText(pdf, 3)).contains(letterOf(a) + " document 1 page 2");
            assertThat(pageText(pdf, 4)).contains(letterOf(b) + " document 1 page 1");
            assertThat(pageText(pdf, 7)).contains(letterOf(b) + " document 2 page 3");
        }
        assertThat(rows("")).isEmpty();
        List<Map<String, Object>> history = rows("&status=HISTORY");
        assertThat(ids(history)).containsExactlyInAnyOrder(a, b, c);
        for (Map<String, Object> r : history) {
            assertThat(r).containsEntry("handledBy", ANNA).containsEntry("status", "HANDLED");
            assertThat(Instant.parse((String) r.get("handledAt"))).isBetween(printedAt, printedAt.plusSeconds(60));
        }
        List<Map<String, Object>> log = log();
        assertThat(log).filteredOn(e -> "PRINTED".equals(e.get("action"))).extracting(e -> ((Number) e.get("printItemId")).longValue())
                .containsExactlyInAnyOrder(a, b, c);
        assertThat(log).allSatisfy(e -> {
            assertThat(e).containsEntry("actor", ANNA);
            assertThat(Instant.parse((String) e.get("at"))).isBetween(printedAt, printedAt.plusSeconds(60));
        });
    }

    @Test
    void printingOneRowReturnsItsLetterAndAReprintFromHistoryIsLoggedButKeepsWhoHandledIt() throws Exception {
        long id = onList(LetterKind.EBREV, PrintType.BREV_INVANARE, 2);
        clock.setNow(at(day, 11));
        HttpResponse<byte[]> first = admin.post("/admin/print-list/" + id + "/print", null, ANNA);
        assertThat(first.statusCode()).isEqualTo(200);
        try (PDDocument pdf = Loader.loadPDF(first.body())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(2);
        }
        clock.setNow(at(day, 15));
        HttpResponse<byte[]> again = admin.post("/admin/print-list/" + id + "/print", null, BO);
        assertThat(again.statusCode()).isEqualTo(200);

        assertThat(row(id)).containsEntry("status", "HANDLED").containsEntry("handledBy", ANNA);
        assertThat(log()).extracting(e -> e.get("action") + " by " + e.get("actor"))
                .containsExactly("PRINTED by " + BO, "PRINTED by " + ANNA);
    }

    @Test
    void markHandledThenUndoReturnsTheRowToAttAtgarda() {
        long id = onList(LetterKind.KALLELSE, PrintType.KALLELSER_INVANARE, 1);
        clock.setNow(at(day, 12));
        HttpResponse<byte[]> marked = admin.post("/admin/print-list/" + id + "/mark-handled", null, ANNA);
        assertThat(marked.statusCode()).isEqualTo(200);
        assertThat(AdminHttp.jsonList(marked).get(0)).containsEntry("status", "HANDLED").containsEntry("handledBy", ANNA);
        assertThat(ids(rows("&status=HISTORY"))).containsExactly(id);

        HttpResponse<byte[]> twice = admin.post("/admin/print-list/" + id + "/mark-handled", null, BO);
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(AdminHttp.json(twice).get("detail").toString()).contains("row " + id + " was handled by " + ANNA);

        clock.setNow(at(day, 13));
        HttpResponse<byte[]> undone = admin.post("/admin/print-list/" + id + "/undo-handled", null, BO);
        assertThat(undone.statusCode()).isEqualTo(200);
        assertThat(ids(rows(""))).containsExactly(id);
        assertThat(row(id)).containsEntry("status", "TODO").containsEntry("handledBy", null).containsEntry("handledAt", null);

        HttpResponse<byte[]> undoAgain = admin.post("/admin/print-list/" + id + "/undo-handled", null, BO);
        assertThat(undoAgain.statusCode()).isEqualTo(409);
        assertThat(undoAgain.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        assertThat(AdminHttp.json(undoAgain).get("detail").toString()).contains(id + " not handled");

        List<Map<String, Object>> log = log();
        assertThat(log).extracting(e -> e.get("action") + " by " + e.get("actor"))
                .containsExactly("UNDONE by " + BO, "HANDLED by " + ANNA);
        assertThat(Instant.parse((String) log.get(0).get("at"))).isBetween(at(day, 13), at(day, 13).plusSeconds(60));
        assertThat(log.get(0)).containsEntry("documentName", "Kallelse till röntgen").containsEntry("type", "KALLELSER_INVANARE");
    }

    @Test
    void massActionsAreAllOrNothing() {
        long a = onList(LetterKind.KALLELSE, PrintType.KALLELSER_INVANARE, 1);
        long b = onList(LetterKind.EBREV, PrintType.BREV_INVANARE, 1);
        long c = onList(LetterKind.KALLELSE, PrintType.KALLELSER_INVANARE, 1);

        assertThat(admin.post("/admin/print-list/mark-handled", Map.of("ids", List.of(a, b, c)), ANNA).statusCode()).isEqualTo(200);
        assertThat(ids(rows("&status=HISTORY"))).containsExactlyInAnyOrder(a, b, c);

        assertThat(admin.post("/admin/print-list/undo-handled", Map.of("ids", List.of(a, b)), BO).statusCode()).isEqualTo(200);
        assertThat(ids(rows(""))).containsExactlyInAnyOrder(a, b);
        assertThat(ids(rows("&status=HISTORY"))).containsExactly(c);

        HttpResponse<byte[]> mixed = admin.post("/admin/print-list/undo-handled", Map.of("ids", List.of(c, a)), BO);
        assertThat(mixed.statusCode()).isEqualTo(409);
        assertThat(row(c)).as("nothing was done").containsEntry("status", "HANDLED");

        HttpResponse<byte[]> unknown = admin.post("/admin/print-list/mark-handled", Map.of("ids", List.of(a, 987654321L)), ANNA);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(AdminHttp.json(unknown)).containsEntry("detail", "no print list row with id 987654321; nothing was done");
        assertThat(row(a)).as("nothing was done").containsEntry("status", "TODO");
        assertThat(log()).hasSize(5);
    }

    @Test
    void refusesClearly() {
        long id = onList(LetterKind.KALLELSE, PrintType.KALLELSER_INVANARE, 1);
        HttpResponse<byte[]> anonymous = admin.postAnonymous("/admin/print-list/" + id + "/mark-handled");
        assertThat(anonymous.statusCode()).as("no token").isEqualTo(401);
        assertThat(AdminHttp.json(anonymous).get("detail").toString()).contains("bearer token");
        assertThat(row(id)).as("nothing was done").containsEntry("status", "TODO");
        assertThat(admin.post("/admin/print-list/" + id + "/mark-handled", null, "  ").statusCode()).as("blank user").isEqualTo(400);
        assertThat(admin.post("/admin/print-list/mark-handled", Map.of("ids", List.of()), ANNA).statusCode()).isEqualTo(400);
        assertThat(admin.post("/admin/print-list/mark-handled", Map.of("ids", List.of(id, id)), ANNA).statusCode()).isEqualTo(400);
        assertThat(admin.get("/admin/print-list?status=later", null).statusCode()).isEqualTo(400);
        assertThat(admin.get("/admin/print-list?type=BREV", null).statusCode()).isEqualTo(400);
        assertThat(admin.get("/admin/print-list/987654322", null).statusCode()).isEqualTo(404);
        HttpResponse<byte[]> unknownPrint = admin.post("/admin/print-list/987654322/print", null, ANNA);
        assertThat(unknownPrint.statusCode()).isEqualTo(404);
        assertThat(AdminHttp.json(unknownPrint).get("detail").toString()).contains("987654322");
        HttpResponse<byte[]> askedForPdf = admin.post("/admin/print-list/987654322/print", null, ANNA, "application/pdf");
        assertThat(askedForPdf.statusCode()).as("a browser asking for the PDF still learns why").isEqualTo(404);
        assertThat(AdminHttp.text(askedForPdf)).contains("987654322");

        clock.setNow(at(day, 10));
        jdbc.update("INSERT INTO letter (id, source, source_letter_id, kind, document_name, patient_system, patient_id, created_at, platform_status)"
                + " VALUES ('L-nopdf-" + id + "', 'TakeCare', 'x-" + id + "', 'EBREV', 'Brev', 'p', '198001010000', CURRENT_TIMESTAMP, 'NONE')");
        printList.add("L-nopdf-" + id, PrintType.BREV_INVANARE, "Saknar styrkod");
        long noPdf = jdbc.queryForObject("SELECT id FROM print_item WHERE letter_id = ?", Long.class, "L-nopdf-" + id);
        HttpResponse<byte[]> nothingToPrint = admin.post("/admin/print-list/print", Map.of("ids", List.of(id, noPdf)), ANNA);
        assertThat(nothingToPrint.statusCode()).isEqualTo(409);
        assertThat(row(id)).as("nothing was printed, nothing marked").containsEntry("status", "TODO");
        assertThat(log()).isEmpty();
    }

    @Test
    void theBacklogPerTypeIsAGauge() {
        double before = todoGauge("OVRIGA");
        long id = onList(LetterKind.OVRIGT, PrintType.OVRIGA, 1);
        assertThat(todoGauge("OVRIGA")).isEqualTo(before + 1);
        admin.post("/admin/print-list/" + id + "/mark-handled", null, ANNA);
        assertThat(todoGauge("OVRIGA")).isEqualTo(before);
    }

    @Test
    void noPersonnummerReachesTheLogs(CapturedOutput output) {
        long a = onList(LetterKind.KALLELSE, PrintType.KALLELSER_INVANARE, 1);
        long b = onList(LetterKind.EBREV, PrintType.BREV_INVANARE, 1);
        List<String> patients = jdbc.queryForList("SELECT l.patient_id FROM letter l JOIN print_item p ON p.letter_id = l.id WHERE p.id IN (?, ?)",
                String.class, a, b);
        rows("&status=ALL");
        admin.post("/admin/print-list/print", Map.of("ids", List.of(a, b)), ANNA);
        admin.post("/admin/print-list/undo-handled", Map.of("ids", List.of(a, b)), ANNA);
        admin.post("/admin/print-list/" + a + "/undo-handled", null, ANNA);
        admin.post("/admin/print-list/mark-handled", Map.of("ids", List.of(a, b)), ANNA);
        log();
        assertThat(output.getAll()).contains("row(s) printed");
        assertThat(patients).hasSize(2).allSatisfy(p -> assertThat(output.getAll()).doesNotContain(p));
    }

    private List<Map<String, Object>> log() {
        HttpResponse<byte[]> response = admin.get("/admin/print-list/log?from=" + day + "&to=" + day, null);
        assertThat(response.statusCode()).isEqualTo(200);
        return AdminHttp.jsonList(response);
    }

    private double todoGauge(String type) {
        String metrics = AdminHttp.text(admin.get("/actuator/prometheus", null));
        Matcher m = Pattern.compile("vardnav_print_list_todo\\{type=\"" + type + "\"[^}]*} (\\S+)").matcher(metrics);
        assertThat(m.find()).as("gauge for " + type).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private String letterOf(long printItemId) {
        return jdbc.queryForObject("SELECT letter_id FROM print_item WHERE id = ?", String.class, printItemId);
    }

    private static String pageText(PDDocument pdf, int page) throws Exception {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return stripper.getText(pdf);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
