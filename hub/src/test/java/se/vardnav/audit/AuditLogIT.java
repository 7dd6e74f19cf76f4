package se.vardnav.audit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import se.vardnav.document.LetterDocuments;
import se.vardnav.letter.print.LetterSeed;
import se.vardnav.letter.print.PrintList;
import se.vardnav.letter.print.PrintType;
import se.vardnav.security.HubRole;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestTokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The PDL audit log end to end: a print user's view of the print list and a print are logged per patient, with who,
 * role, from where and why, the number never in clear; an auditor lists them per patient (JSON and CSV, giving the
 * personnummer) and per user; anyone else is refused; the hub's own database user cannot change or remove a row.
 */
class AuditLogIT extends HubTestBase {
    private static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");
    /** Days of their own, far from the print list days other tests use. */
    private static final AtomicInteger DAYS = new AtomicInteger();
    private static final String PRINT_USER = "maria.print@sjukhus.example";
    private static final String PURPOSE = "administration av vårdärende";
    private final HttpClient http = HttpClient.newHttpClient();
    @Autowired
    LetterDocuments documents;
    @Autowired
    PrintList printList;
    @Autowired
    PatientKeys keys;
    LetterSeed seed;
    LocalDate day;

    @BeforeEach
    void seed() {
        seed = new LetterSeed(jdbc, documents, printList);
        day = LocalDate.of(2036, 3, 2).plusDays(DAYS.getAndIncrement() * 3L);
        clock.setNow(day.atTime(10, 0).atZone(ZONE).toInstant());
    }

    private static String printToken() {
        return TestTokens.withClaims(PRINT_USER, Map.of("roles", List.of("print"), "purpose", PURPOSE), Duration.ofMinutes(10));
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<Map<String, Object>> rowsFor(String personnummer) {
        return jdbc.queryForList("SELECT * FROM pdl_audit WHERE patient_key = ? ORDER BY id", keys.of(personnummer));
    }

    @Test
    void aPrintListViewByAPrintUserIsLoggedForThePatientAndListedToTheAuditor() throws Exception {
        LetterSeed.Letter letter = seed.letter().save();
        long row = seed.toPrintList(letter, PrintType.KALLELSER_INVANARE, "Saknar konto och brevlåda");

        HttpResponse<String> list = get("/admin/print-list?from=" + day + "&to=" + day, printToken());
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(list.body()).contains("\"id\":" + row);

        List<Map<String, Object>> logged = rowsFor(letter.patient());
        assertThat(logged).as("one row for the patient's print list view").hasSize(1);
        Map<String, Object> entry = logged.get(0);
        assertThat(entry.get("user_id")).isEqualTo(PRINT_USER);
        assertThat(logged.toString()).contains("PRINT_LIST_VIEW", "print item " + row, PURPOSE, "127.0.0.1", "print")
                .as("the number is stored protected only").doesNotContain(letter.patient()).doesNotContain(letter.patient().substring(2));

        // the auditor gives the number in its 10-digit written form; the hub finds the same protected form
        String tenDigits = letter.patient().substring(2, 8) + "-" + letter.patient().substring(8);
        HttpResponse<String> csv = post("/admin/audit/patient.csv", "{\"personnummer\":\"" + tenDigits + "\"}",
                TestTokens.withRoles("revisor.anna", HubRole.AUDITOR));
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).contains(AuditCsv.HEADER)
                .contains(PRINT_USER + ";print;PRINT_LIST_VIEW;" + keys.of(letter.patient()) + ";print item " + row + ";127.0.0.1;" + PURPOSE)
                .doesNotContain(letter.patient());

        HttpResponse<String> json = post("/admin/audit/patient", "{\"personnummer\":\"" + letter.patient() + "\"}",
                TestTokens.withRoles("revisor.anna", HubRole.AUDITOR));
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).contains("\"userId\":\"" + PRINT_USER + "\"", "\"action\":\"PRINT_LIST_VIEW\"");

        HttpResponse<String> byUser = get("/admin/audit/user/" + PRINT_USER + "/csv?from=" + day + "&to=" + day,
                TestTokens.withRoles("revisor.anna", HubRole.AUDITOR));
        assertThat(byUser.statusCode()).isEqualTo(200);
        assertThat(byUser.body()).contains("PRINT_LIST_VIEW;" + keys.of(letter.patient()));
    }

    @Test
    void aPrintIsLoggedInTheSameTransactionAsTheAction() throws Exception {
        LetterSeed.Letter letter = seed.letter().save();
        long row = seed.toPrintList(letter, PrintType.KALLELSER_INVANARE, "Saknar konto och brevlåda");

        HttpResponse<String> printed = post("/admin/print-list/" + row + "/print", "", printToken());
        assertThat(printed.statusCode()).isEqualTo(200);
        assertThat(rowsFor(letter.patient())).extracting(r -> String.valueOf(r.get("action")))
                .containsExactly("PRINT");

        // marking it handled again is refused: the action rolls back, and so does its audit row
        HttpResponse<String> again = post("/admin/print-list/" + row + "/mark-handled", "", printToken());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(rowsFor(letter.patient())).hasSize(1);
    }

    @Test
    void onlyAnAuditorReadsTheLog() throws Exception {
        String everyOtherRole = TestTokens.withRoles("not-an-auditor",
                EnumSet.complementOf(EnumSet.of(HubRole.AUDITOR)).toArray(HubRole[]::new));
        assertThat(post("/admin/audit/patient.csv", "{\"personnummer\":\"198001019999\"}", everyOtherRole).statusCode()).isEqualTo(403);
        assertThat(post("/admin/audit/patient", "{\"personnummer\":\"198001019999\"}", everyOtherRole).statusCode()).isEqualTo(403);
        assertThat(get("/admin/audit/user/" + PRINT_USER, everyOtherRole).statusCode()).isEqualTo(403);
        assertThat(post("/admin/audit/patient", "{}", TestTokens.withRoles("revisor.anna", HubRole.AUDITOR)).statusCode())
                .as("no personnummer: a clear error").isEqualTo(400);
    }

    @Test
    void theHubsDatabaseUserCannotUpdateOrDeleteAuditRows() throws Exception {
        LetterSeed.Letter letter = seed.letter().save();
        seed.toPrintList(letter, PrintType.KALLELSER_INVANARE, "Saknar konto och brevlåda");
        assertThat(get("/admin/print-list?from=" + day + "&to=" + day, printToken()).statusCode()).isEqualTo(200);
        String key = keys.of(letter.patient());

        assertThatThrownBy(() -> jdbc.update("UPDATE pdl_audit SET user_id = 'someone-else' WHERE patient_key = ?", key))
                .isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(((DataAccessException) e).getMostSpecificCause().getMessage()).contains("append-only"));
        assertThatThrownBy(() -> jdbc.update("DELETE FROM pdl_audit WHERE patient_key = ?", key))
                .isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(((DataAccessException) e).getMostSpecificCause().getMessage()).contains("append-only"));
        assertThat(jdbc.queryForObject("SELECT user_id FROM pdl_audit WHERE patient_key = ?", String.class, key)).isEqualTo(PRINT_USER);
    }

    @Test
    void reportExportsJourneysAndAPersonsCommunicationReadsAreLogged() throws Exception {
        String source = "TakeCare-audit-" + DAYS.get();
        LetterSeed.Letter letter = seed.letter().source(source).createdAt(day.atTime(9, 0).atZone(ZONE).toInstant()).save();

        HttpResponse<String> csv = get("/admin/letters/report.csv?from=" + day + "&to=" + day + "&source=" + source,
                TestTokens.withClaims("rapport.ulla", Map.of("roles", List.of("report")), Duration.ofMinutes(10)));
        assertThat(csv.statusCode()).isEqualTo(200);
        HttpResponse<String> journey = get("/console/journey?id=" + letter.id(), TestTokens.withRoles("drift.olle", HubRole.OPERATIONS));
        assertThat(journey.statusCode()).isEqualTo(200);
        assertThat(rowsFor(letter.patient())).extracting(r -> r.get("user_id") + " " + r.get("user_role") + " " + r.get("action"))
                .containsExactly("rapport.ulla report REPORT_ROW", "drift.olle operations JOURNEY_VIEW");

        // the platform reading a booking's notifications for itself is not a person's access; on behalf of a person it is
        String booking = newBookingId();
        String path = "/fhir/Communication?about:identifier=" + se.vardnav.fhir.Fhir.JOURNAL_BOOKING_ID + "%7C" + booking;
        assertThat(get(path, TestTokens.withRoles("platform-system", HubRole.PLATFORM)).statusCode()).isEqualTo(200);
        assertThat(get(path, TestTokens.withClaims("sköterska.eva", Map.of("roles", List.of("platform"), "purpose", PURPOSE),
                Duration.ofMinutes(10))).statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForList("SELECT user_id FROM pdl_audit WHERE target = ?", String.class, "booking " + booking))
                .containsExactly("sköterska.eva");
    }
}
