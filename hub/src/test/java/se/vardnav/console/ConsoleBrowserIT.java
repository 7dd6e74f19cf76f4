package se.vardnav.console;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import se.vardnav.document.LetterDocuments;
import se.vardnav.letter.LetterEscalations;
import se.vardnav.letter.LetterTestBase;
import se.vardnav.letter.print.LetterSeed;
import se.vardnav.letter.print.PrintList;
import se.vardnav.letter.print.PrintType;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.support.Browser;
import se.vardnav.support.TestPersons;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operations console in a real browser (Debian's headless Chromium through chromedriver), against the whole hub
 * over real sockets: what monitoring and print staff see and do. Each test leaves screenshots in docs/console/.
 */
class ConsoleBrowserIT extends LetterTestBase {
    private static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");
    private static final LocalDateTime START = LocalDateTime.of(2026, 12, 3, 9, 0);
    private static Browser browser;
    private WebDriver web;

    @Autowired
    LetterDocuments documents;
    @Autowired
    PrintList printList;
    @Autowired
    LetterEscalations escalations;

    @BeforeAll
    static void openBrowser() {
        String why = Browser.unavailableBecause();
        Assumptions.assumeTrue(why == null, () -> "Browser tests skipped: " + why);
        browser = Browser.start();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void swedish() {
        web = browser.driver;
        open("/console?lang=sv");
    }

    private void open(String path) {
        web.get("http://127.0.0.1:" + httpPort + path);
    }

    private <T> T waitFor(Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(web, Duration.ofSeconds(30), Duration.ofMillis(200)).until(condition);
        } catch (RuntimeException e) {
            keepPage();
            throw e;
        }
    }

    /** What the browser showed when a wait failed, for the failsafe report. */
    private void keepPage() {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of("target", "console-pages");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.writeString(dir.resolve(System.nanoTime() + ".html"), web.getCurrentUrl() + "\n" + web.getPageSource());
        } catch (java.io.IOException ignored) {
            // diagnostics only
        }
    }

    private String tileState(String tile) {
        return web.findElement(By.cssSelector("[data-tile='" + tile + "']")).getAttribute("data-state");
    }

    private String videoBooking(String id, String patient, String mobile) {
        return SiuMessages.s12().bookingId(id).start(START).minutes(20).timeType("VIDEO", "Videobesök").patient(patient)
                .patientMobile(mobile).staff("SE2321000016-1234", "Lind").build();
    }

    @Test
    void theOverviewShowsAPeerRedWhileItsSimulatorIsStoppedAndGreenAgainAfter() {
        String id = newBookingId();
        platform.goDown();
        send(videoBooking(id, TestPersons.next(), "070-222 33 01"));
        open("/console");
        waitFor(d -> {
            d.navigate().refresh();
            return "WAITING_ON_RETRY".equals(tileState("peer:platform"));
        });
        assertThat(tileState("flow:bookings")).as("the flow waits with its peer").isIn("WAITING_ON_RETRY", "FAILING");

        // failing for longer than vardnav.console.red-after (2 min): red, with the last error and no personal data
        clock.setNow(Instant.now().plus(Duration.ofMinutes(3)));
        open("/console");
        assertThat(tileState("peer:platform")).isEqualTo("FAILING");
        assertThat(tileState("flow:bookings")).isEqualTo("FAILING");
        WebElement tile = web.findElement(By.cssSelector("[data-tile='peer:platform']"));
        assertThat(tile.findElement(By.cssSelector(".error .reason")).getText()).contains("PlatformTransientException");
        assertThat(tile.getText()).contains("✖ Fel", "Fel sedan");
        browser.screenshot("overview-red");

        platform.comeUp();
        clock.reset();
        await().until(() -> platform.findByBookingId(id).isPresent());
        open("/console");
        waitFor(d -> {
            d.navigate().refresh();
            return "UP".equals(tileState("peer:platform"));
        });
        assertThat(web.findElements(By.cssSelector("[data-tile='peer:platform'] .error"))).isEmpty();
        browser.screenshot("overview");
    }

    @Test
    void aDeadLetterIsFoundByBookingIdAReplayThatFailsAgainComesBackWithTheNewReasonAndTheNextReachesThePlatform() {
        String id = newBookingId();
        platform.failNext(1, 422);
        send(videoBooking(id, TestPersons.next(), "070-222 33 02"));
        await().until(() -> new se.vardnav.support.AdminClient(httpPort).deadLetters("DLQ.platform.appointment").stream()
                .anyMatch(r -> id.equals(r.get("bookingId"))));

        open("/console/dead-letters");
        WebElement key = web.findElement(By.id("key"));
        key.sendKeys(id, Keys.ENTER);
        WebElement row = waitFor(d -> d.findElement(By.cssSelector("tr[data-booking='" + id + "']")));
        assertThat(row.findElement(By.cssSelector("td.reason")).getText()).contains("422");
        assertThat(web.findElements(By.cssSelector("tbody tr[data-message]"))).hasSize(1);
        browser.screenshot("dead-letters");

        // replayed while the platform still refuses: back in the list, with the new reason
        platform.failNext(1, 400);
        row.findElement(By.cssSelector("input[type=checkbox]")).click();
        web.findElement(By.id("replay-selected")).click();
        assertThat(waitFor(d -> d.findElement(By.cssSelector(".flash.ok"))).getText()).contains("1 meddelande");
        WebElement again = waitFor(d -> {
            d.navigate().refresh();
            List<WebElement> rows = d.findElements(By.cssSelector("tr[data-booking='" + id + "']"));
            return rows.size() == 1 && rows.get(0).findElement(By.cssSelector("td.reason")).getText().contains("400") ? rows.get(0) : null;
        });

        // its history: both dead-letterings and the replay, without the content
        again.findElement(By.linkText("Visa")).click();
        List<String> history = web.findElements(By.cssSelector("table.data tbody tr")).stream().map(WebElement::getText).toList();
        assertThat(history).anyMatch(h -> h.contains("422")).anyMatch(h -> h.contains("400")).anyMatch(h -> h.contains("DLQ_REPLAY"));
        browser.screenshot("dead-letter");

        web.findElement(By.id("replay-one")).click();
        await().until(() -> platform.findByBookingId(id).isPresent());
        open("/console/dead-letters?key=" + id);
        assertThat(web.findElements(By.cssSelector("tr[data-booking='" + id + "']"))).isEmpty();
        open("/console/audit");
        assertThat(web.findElements(By.cssSelector("tr[data-action='DLQ_REPLAY']"))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(web.findElement(By.cssSelector("tr[data-action='DLQ_REPLAY']")).getText()).contains(se.vardnav.support.TestTokens.DEFAULT_USER).doesNotContain("(ej verifierad)");
        browser.screenshot("audit");
    }

    @Test
    void printAndMarkHandledOnTwoRowsMakesOnePdfAndMovesBothToHistoryAndUndoBringsOneBack() throws Exception {
        LocalDate day = LocalDate.of(2033, 3, 14);
        clock.setNow(day.minusDays(1).atStartOfDay(ZONE).toInstant());
        escalations.fireDue(); // letters of other tests past their 48 hours land on the list the day before, not today
        clock.setNow(day.atTime(10, 0).atZone(ZONE).toInstant());
        LetterSeed seed = new LetterSeed(jdbc, documents, printList);
        LetterSeed.Letter first = seed.letter().documentName("Kallelse till röntgen").pdfs(1).save();
        LetterSeed.Letter second = seed.letter().documentName("Brev till patient").pdfs(2).save();
        long a = seed.toPrintList(first, PrintType.KALLELSER_INVANARE, "ingen e-brevlåda och inget konto");
        long b = seed.toPrintList(second, PrintType.BREV_INVANARE, "ej läst inom 48 timmar");
        String list = "/console/print-list?from=" + day + "&to=" + day;

        open(list);
        assertThat(web.findElements(By.cssSelector("tr[data-row]"))).hasSize(2);
        assertThat(web.findElement(By.cssSelector("tr[data-row='" + a + "'] td.patient")).getText())
                .as("the print list row is where staff need the full number").isEqualTo(first.patient());
        browser.screenshot("print-list");
        web.findElements(By.cssSelector("tr[data-row] input[name=ids]")).forEach(WebElement::click);
        web.findElement(By.id("mass-print")).click();

        String pdfUrl = waitFor(d -> d.findElement(By.id("open-pdf"))).getAttribute("href");
        browser.screenshot("printed");
        HttpResponse<byte[]> pdf = se.vardnav.support.HubHttp.client().send(HttpRequest.newBuilder(URI.create(pdfUrl)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            assertThat(doc.getNumberOfPages()).as("one PDF with both letters").isEqualTo(3);
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains(first.id()).contains(second.id());
        }

        web.findElement(By.id("back")).click();
        assertThat(web.findElements(By.cssSelector("tr[data-row]"))).as("nothing left to handle").isEmpty();
        web.findElement(By.cssSelector("[data-tab='HISTORY']")).click();
        assertThat(web.findElements(By.cssSelector("tr[data-row][data-status='HANDLED']"))).hasSize(2);

        WebElement row = web.findElement(By.cssSelector("tr[data-row='" + b + "']"));
        row.findElement(By.cssSelector("details summary")).click();
        row.findElement(By.cssSelector("button[value='undo:" + b + "']")).click();
        assertThat(waitFor(d -> d.findElement(By.cssSelector(".flash.ok"))).getText()).contains("tillbaka");
        assertThat(web.findElements(By.cssSelector("tr[data-row]"))).extracting(r -> r.getAttribute("data-row"))
                .containsExactly(String.valueOf(a));
        web.findElement(By.cssSelector("[data-tab='TODO']")).click();
        assertThat(web.findElements(By.cssSelector("tr[data-row]"))).extracting(r -> r.getAttribute("data-row"))
                .containsExactly(String.valueOf(b));

        web.findElement(By.cssSelector("[data-tab='LOG']")).click();
        assertThat(web.findElement(By.tagName("table")).getText()).contains("Utskrivet", "Ångrat");
        assertThat(web.getPageSource()).doesNotContain(first.patient(), second.patient());
        browser.screenshot("print-log");
    }

    @Test
    void theJourneyOfABookingShowsItsAckPlatformWriteAndSmsInOrder() {
        String id = newBookingId();
        send(videoBooking(id, TestPersons.next(), "070-222 33 04"));
        await().until(() -> smsGateway.received().stream().anyMatch(s -> "+46702223304".equals(s.to())));
        await().until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM sms_send WHERE booking_id = ? AND accepted_at IS NOT NULL",
                Integer.class, id) == 1);

        open("/console/journey");
        web.findElement(By.id("journey-id")).sendKeys(id, Keys.ENTER);
        List<String> kinds = waitFor(d -> d.findElements(By.cssSelector("table.journey tbody tr"))).stream()
                .map(r -> r.getAttribute("data-kind")).toList();
        assertThat(kinds).containsSubsequence("received", "platform", "sms-planned", "sms-sent");
        assertThat(web.findElement(By.cssSelector("tr[data-kind='received']")).getText()).contains("ACK");
        assertThat(web.findElement(By.cssSelector("tr[data-kind='platform']")).getText()).contains("vårdplattformen");
        browser.screenshot("journey");
    }

    @Test
    void noPageShowsAPersonnummerExceptThePrintListRowWhereStaffNeedIt() throws Exception {
        String patient = TestPersons.next();
        String id = newBookingId();
        platform.failNext(1, 422); // its dead letter carries the patient in the payload
        send(videoBooking(id, patient, "070-222 33 05"));
        await().until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter_event WHERE booking_id = ?", Integer.class, id) == 1);
        String withheld = newBookingId();
        String protectedPatient = TestPersons.next();
        register.markProtected(protectedPatient);
        send(videoBooking(withheld, protectedPatient, "070-222 33 06"));
        String printed = TestPersons.next();
        LetterSeed seed = new LetterSeed(jdbc, documents, printList);
        LetterSeed.Letter letter = seed.letter().patient(printed).save();
        long row = seed.toPrintList(letter, PrintType.OVRIGA, "test");
        await().until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM withheld_booking WHERE booking_id = ?", Integer.class, withheld) == 1);
        String messageId = (String) new se.vardnav.support.AdminClient(httpPort).deadLetters("DLQ.platform.appointment").stream()
                .filter(r -> id.equals(r.get("bookingId"))).findFirst().orElseThrow().get("messageId");

        List<String> pages = List.of("/console", "/console/routes", "/console/dead-letters", "/console/dead-letters?key=" + id,
                "/console/dead-letters/message?queue=DLQ.platform.appointment&id=" + java.net.URLEncoder.encode(messageId, java.nio.charset.StandardCharsets.UTF_8),
                "/console/journey?id=" + id, "/console/journey?id=" + withheld, "/console/journey?id=" + letter.id(),
                "/console/print-list/log", "/console/report", "/console/audit", "/console/print-list?status=ALL",
                "/console?lang=en", "/console/print-list?status=ALL&lang=en");
        for (String path : pages) {
            open(path);
            String html = web.getPageSource();
            if (path.startsWith("/console/print-list?")) {
                assertThat(web.findElement(By.cssSelector("tr[data-row='" + row + "'] td.patient")).getText()).isEqualTo(printed);
                html = html.replace("<td class=\"patient\">" + printed + "</td>", "");
            }
            for (String person : List.of(patient, protectedPatient, printed)) {
                assertThat(html).as(path).doesNotContain(person).doesNotContain(person.substring(2, 8) + "-" + person.substring(8));
            }
        }
        open("/console/journey?id=" + withheld);
        assertThat(web.findElement(By.cssSelector("tr[data-kind='withheld']")).getText()).contains("PROTECTED");
        open("/console?lang=sv");
    }

    @Test
    void aRouteIsStoppedAfterAConfirmationByKeyboardAuditedAndStartedAgain() {
        String route = "intake-message-retention";
        open("/console/routes");
        browser.screenshot("routes");
        web.findElement(By.cssSelector("tr[data-route='" + route + "']")).findElement(By.linkText("Stoppa")).click();
        assertThat(web.findElement(By.tagName("h1")).getText()).contains(route);
        browser.screenshot("route-confirm");
        web.switchTo().activeElement().sendKeys(Keys.ENTER); // the confirmation button has the focus
        waitFor(d -> "Stopped".equals(d.findElement(By.cssSelector("tr[data-route='" + route + "']")).getAttribute("data-status")));
        assertThat(waitFor(d -> d.findElement(By.cssSelector(".flash.ok"))).getText()).contains(route);

        web.findElement(By.cssSelector("tr[data-route='" + route + "']")).findElement(By.linkText("Starta")).click();
        web.findElement(By.id("confirm")).click();
        waitFor(d -> "Started".equals(d.findElement(By.cssSelector("tr[data-route='" + route + "']")).getAttribute("data-status")));
        open("/console/audit");
        assertThat(web.findElements(By.cssSelector("tr[data-action='ROUTE_STOP']"))).isNotEmpty();
        assertThat(web.findElements(By.cssSelector("tr[data-action='ROUTE_START']"))).isNotEmpty();
    }

    @Test
    void theReportShowsLettersMaskedWithItsCsvAndTheConsoleSpeaksEnglishOnRequest() {
        open("/console/report");
        assertThat(web.findElement(By.id("csv")).getAttribute("href")).contains("/admin/letters/report.csv?from=");
        browser.screenshot("report");
        open("/console/report?lang=en");
        assertThat(web.findElement(By.tagName("h1")).getText()).isEqualTo("Care unit reports");
        open("/console");
        assertThat(web.findElement(By.tagName("h1")).getText()).as("the language is remembered").isEqualTo("Overview");
        web.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertThat(web.switchTo().activeElement().getText()).as("the first key press reaches the skip link").isEqualTo("Skip to content");
        open("/console?lang=sv");
        assertThat(web.findElement(By.tagName("h1")).getText()).isEqualTo("Översikt");
    }
}
