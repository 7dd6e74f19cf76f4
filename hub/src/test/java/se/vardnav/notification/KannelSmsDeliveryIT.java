package se.vardnav.notification;

import io.micrometer.core.instrument.MeterRegistry;
import org.hl7.fhir.r4.model.Communication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import se.vardnav.support.AdminClient;
import se.vardnav.support.HoldingProxy;
import se.vardnav.support.kannel.FakeSmscLog;
import se.vardnav.support.kannel.RealKannel;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SMS delivery suite against a real Kannel 1.4 (bearerbox, smsbox, fakesmsc as the SMSC), started by the test
 * on loopback ports; the hub reaches smsbox through a relay that can hold Kannel's answers back. Skipped, saying
 * so, where Kannel is not installed ({@code apt-get install kannel kannel-extras}; {@code .ci/run} does).
 */
@Import(KannelSmsDeliveryIT.KannelAccount.class)
@EnabledIf(value = "se.vardnav.support.kannel.RealKannel#available",
        disabledReason = "Kannel is not installed (apt-get install kannel kannel-extras): the real-Kannel SMS suite is skipped")
class KannelSmsDeliveryIT extends SmsDeliverySuite {
    private static final String PASSWORD = "kannel-s3cret";
    private static final int MAX_SEGMENTS = 4;
    /** Full size 500; .ci/run may pass a smaller -Dkannel.burst to stay within its time. */
    private static final int BURST = Integer.getInteger("kannel.burst", 500);
    private static final RealKannel kannel = new RealKannel(PASSWORD, MAX_SEGMENTS);
    private static final HoldingProxy relay = new HoldingProxy(kannel.sendsmsPort());

    @Autowired
    MeterRegistry meters;
    @Autowired
    SmsGatewayHealth health;
    @Autowired
    se.vardnav.connector.sms.ReportSignature signature;

    /**
     * The gateway's address and account: HubTestBase's {@code @DynamicPropertySource} (run after a subclass's)
     * sets them to the HTTP simulator, and a registrar bean is applied after both.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class KannelAccount {
        @Bean
        DynamicPropertyRegistrar kannelAccount() {
            return r -> {
                r.add("vardnav.sms.base-url", () -> "http://127.0.0.1:" + relay.port());
                r.add("vardnav.sms.user", () -> RealKannel.USER);
                r.add("vardnav.sms.password", () -> PASSWORD);
            };
        }
    }

    @DynamicPropertySource
    static void kannel(DynamicPropertyRegistry r) {
        r.add("vardnav.sms.protocol", () -> "kannel");
        r.add("vardnav.sms.max-segments", () -> MAX_SEGMENTS);
        r.add("vardnav.sms.consumers", () -> 8);
        r.add("vardnav.sms.rate-per-second", () -> 400);
    }

    @BeforeAll
    static void startKannel() {
        kannel.start();
    }

    @AfterAll
    static void stopKannel() {
        relay.close();
        kannel.close();
    }

    @AfterEach
    void releaseRelay() {
        relay.release();
    }

    @Override
    protected String protocol() {
        return "kannel";
    }

    @Override
    protected List<Sent> received() {
        return kannel.received().stream().map(s -> new Sent(s.to(), s.text())).toList();
    }

    private List<FakeSmscLog.Sms> receivedText(String text) {
        return kannel.received().stream().filter(s -> s.text().equals(text)).toList();
    }

    @Override
    protected void gatewayDown() {
        kannel.stop();
    }

    @Override
    protected void gatewayUp() {
        kannel.start();
    }

    private Map<String, Object> row(String key) {
        return jdbc.queryForMap("SELECT status, segments, accepted_at, reported_at FROM sms_send WHERE business_key = ?", key);
    }

    @Test
    void swedishEmojiAndLongTextsArriveIntactWithTheSegmentCountKannelUses() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String emoji = "\uD83D\uDE00";
        // 66 + emoji + 66 UTF-16 units: Kannel cuts UCS-2 by octets, so 2 parts with the emoji's halves in both
        String straddling = "a".repeat(66 - id.length()) + id + emoji + "b".repeat(66);
        Map<String, String> texts = Map.of(
                "sv-" + id, "Hej Åsa! Din tid på vårdcentralen i Älvsjö är ändrad: tisdag 09:00. åäö ÅÄÖ " + id,
                "emoji-" + id, "Välkommen till ditt videobesök " + emoji + " " + id,
                "long-" + id, ("Påminnelse om ditt videobesök i morgon. Öppna appen tio minuter innan. " + id + " ").repeat(5).strip(),
                "straddle-" + id, straddling);
        Map<String, Integer> parts = Map.of("sv-" + id, 1, "emoji-" + id, 1, "long-" + id, 3, "straddle-" + id, 2);
        reportDeliveries();
        texts.forEach((key, text) -> enqueue(request(key, "070-123 45 67", text)));

        await().atMost(Duration.ofSeconds(30)).until(() -> texts.values().stream().allMatch(t -> receivedText(t).size() == 1));
        texts.forEach((key, text) -> {
            FakeSmscLog.Sms got = receivedText(text).get(0);
            assertThat(got.to()).isEqualTo("+46701234567");
            assertThat(got.from()).isEqualTo("Vardnav");
            assertThat(got.parts()).as(key).isEqualTo(parts.get(key));
            await().until(() -> "DELIVERED".equals(status(key)));
            assertThat(((Number) row(key).get("segments")).intValue()).as("the hub's count for " + key).isEqualTo(got.parts());
        });
    }

    @Test
    void aReportThatOvertakesKannelsAnswerIsKeptAndTheGatewaysTimeWith() {
        String key = "early-" + UUID.randomUUID();
        String text = "Rapporten kommer först " + key;
        // the hub's clock is far off, so a kept time near now can only be Kannel's own
        clock.setNow(Instant.parse("2031-01-01T00:00:00Z"));
        Instant before = Instant.now().minusSeconds(1);
        relay.hold();
        enqueue(request(key, "0701234567", text));

        // Kannel has sent it and called the dlr-url; the hub still waits for the answer to sendsms
        await().until(() -> "DELIVERED".equals(status(key)) && row(key).get("accepted_at") == null);
        assertThat(relay.held()).isPositive();
        relay.release();

        await().until(() -> row(key).get("accepted_at") != null);
        assertThat(status(key)).isEqualTo("DELIVERED");
        Instant reportedAt = ((Timestamp) row(key).get("reported_at")).toInstant();
        assertThat(reportedAt).isBetween(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), Instant.now());
        assertThat(receivedText(text)).hasSize(1);
    }

    @Test
    void anSmsTheSmscRefusesIsReportedDeadLetteredWithItsKeyAndShownAsNotDone() {
        String key = "refused-" + UUID.randomUUID();
        String booking = "B-" + UUID.randomUUID();
        String number = RealKannel.REFUSED_PREFIX + "1234";
        enqueue(request(key, number, "Till ett nummer operatören vägrar " + key, booking));

        AdminClient admin = new AdminClient(httpPort);
        await().until(() -> admin.deadLetters("DLQ.notify.sms").stream().anyMatch(r -> String.valueOf(r.get("reason")).contains(key)));
        String reason = admin.deadLetters("DLQ.notify.sms").stream().map(r -> String.valueOf(r.get("reason")))
                .filter(r -> r.contains(key)).findFirst().orElseThrow();
        assertThat(reason).contains("Not routable").doesNotContain(number.substring(1));
        // Kannel also reports 16 (rejected by the SMSC), which Kannel is asked for (dlr-mask 31)
        await().until(() -> "REJECTED".equals(status(key)));
        List<Communication> shown = communications(booking);
        assertThat(shown).singleElement().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo(Communication.CommunicationStatus.NOTDONE);
            assertThat(c.getStatusReason().getText()).contains("Not routable").doesNotContain(number.substring(1));
        });
        assertThat(kannel.received()).noneMatch(s -> s.text().contains(key));
    }

    @Test
    void aWrongPasswordMakesSmsWaitWithTheGatewayFailingAndEachIsSentOnceWhenFixed() {
        kannel.changePassword("rotated-by-the-operator");
        String key = "password-" + UUID.randomUUID();
        String text = "Vänta på rätt lösenord " + key;
        try {
            enqueue(request(key, "0701234567", text));

            await().until(() -> !health.isUp());
            assertThat(health.health().getDetails()).containsEntry("kind", "configuration");
            assertThat(meters.get("vardnav.sms.gateway.up").tag("gateway", "kannel").gauge().value()).isZero();
            await().until(() -> meters.get("vardnav.sms.gateway.failures").tags("gateway", "kannel", "kind", "configuration")
                    .counter().count() >= 2);
            assertThat(status(key)).as("waiting, not dead-lettered").isEqualTo("PENDING");
        } finally {
            kannel.changePassword(PASSWORD);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(status(key)));
        assertThat(receivedText(text)).hasSize(1);
        assertThat(health.isUp()).isTrue();
    }

    @Test
    void aReportWithoutTheTokenOfItsSmsChangesNothing() throws Exception {
        String key = "forged-" + UUID.randomUUID();
        enqueue(request(key, "0701234567", "Äkta " + key));
        await().until(() -> "DELIVERED".equals(status(key)));
        String k = URLEncoder.encode(key, StandardCharsets.UTF_8);
        double before = meters.counter("vardnav.sms.reports", "gateway", "kannel", "outcome", "forged").count();

        assertThat(callReportUrl("GET", "/sms/reports/kannel?key=" + k + "&status=2&ts=1", null)).isEqualTo(403);

        assertThat(status(key)).isEqualTo("DELIVERED");
        assertThat(meters.counter("vardnav.sms.reports", "gateway", "kannel", "outcome", "forged").count()).isEqualTo(before + 1);
        // with the token a repeat, or a late contradiction, is taken (202, what Kannel counts as success) and changes nothing
        String sig = "&sig=" + signature.sign("kannel", key);
        assertThat(callReportUrl("GET", "/sms/reports/kannel?key=" + k + sig + "&status=1&ts=1", null)).isEqualTo(202);
        assertThat(callReportUrl("GET", "/sms/reports/kannel?key=" + k + sig + "&status=2&ts=2", null)).isEqualTo(202);
        assertThat(status(key)).isEqualTo("DELIVERED");
    }

    /**
     * {@value #BURST} SMS at once through 8 consumers, Kannel's dlr-url retries off (http-request-retry = 0): each
     * reaches the SMSC once and every one's final report is applied; none is left unmatched.
     */
    @Test
    void aBurstOfParallelSendsLosesNoReport() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> keys = java.util.stream.IntStream.range(0, BURST).mapToObj(i -> "burst-" + run + "-" + i).toList();
        Instant start = Instant.now();
        keys.parallelStream().forEach(key -> enqueue(request(key, "0701234567", "Skur " + key)));

        await().atMost(Duration.ofMinutes(3)).until(() ->
                jdbc.queryForObject("SELECT COUNT(*) FROM sms_send WHERE business_key LIKE ? AND status = 'DELIVERED'", Integer.class,
                        "burst-" + run + "-%") == BURST);
        Duration took = Duration.between(start, Instant.now());
        List<String> texts = kannel.received().stream().map(FakeSmscLog.Sms::text).filter(t -> t.contains(run)).toList();
        assertThat(texts).hasSize(BURST).doesNotHaveDuplicates();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sms_report WHERE business_key LIKE ?", Integer.class, "burst-" + run + "-%"))
                .isZero();
        System.out.printf("Kannel burst: %d SMS sent and reported (delivered) in %d ms%n", BURST, took.toMillis());
    }
}
