package se.vardnav.atrest;

import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;
import se.vardnav.fhir.Fhir;
import se.vardnav.letter.LetterTestBase;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.support.AdminClient;
import se.vardnav.support.TestPersons;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bookings, a reminder, a letter and dead letters run end to end; then the hub's routes and broker are stopped (the
 * broker journal closed) and H2 checkpointed, so nothing is left in a buffer, and every file it wrote (the broker journal, the H2 file, the document store) is
 * searched byte by byte for the personnummer and phone numbers used, as UTF-8 and as UTF-16 (how Artemis stores
 * text): none is there in clear. So that "none found" means something, the booking ids, which are kept in clear, are
 * found in the same files. On PostgreSQL every text column of every table is searched by SQL instead of the H2 file.
 * A context of its own (its broker is stopped by the test), with H2 in a file.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ContextConfiguration(initializers = PersonalDataAtRestIT.OwnFiles.class)
class PersonalDataAtRestIT extends LetterTestBase {
    private static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");
    private static Path dataDir;

    /**
     * A data folder of this context's own, and H2 in a file there (the other tests' H2 is in memory): put first, above
     * the test base's dynamic properties.
     */
    static class OwnFiles implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            try {
                dataDir = Files.createTempDirectory("vardnav-at-rest");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Map<String, Object> files = new LinkedHashMap<>();
            files.put("vardnav.data-dir", dataDir.toString());
            if (!postgres()) {
                files.put("spring.datasource.url", "jdbc:h2:file:" + dataDir.resolve("db/vardnav") + ";WRITE_DELAY=0");
            }
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("at-rest-files", files));
        }
    }

    private static boolean postgres() {
        return String.valueOf(System.getProperty("spring.profiles.active")).contains("postgres");
    }

    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    org.apache.camel.CamelContext camel;
    @Autowired
    se.vardnav.broker.EmbeddedBroker broker;
    @Value("${vardnav.data-dir}")
    String configuredDataDir;

    @Test
    void noPersonnummerOrPhoneNumberIsStoredInClear() throws Exception {
        assertThat(Path.of(configuredDataDir)).isEqualTo(dataDir);
        if (!postgres()) {
            assertThat(context.getEnvironment().getProperty("spring.datasource.url")).startsWith("jdbc:h2:file:");
        }
        AdminClient admin = new AdminClient(httpPort);
        String booked = TestPersons.next(), refusedByPlatform = TestPersons.next(), badCheckDigit = TestPersons.withBadCheckDigit();
        String letterPatient = bornOn(LocalDate.of(1961, 3, 14));
        String bookedMobile = "070-555 41 17", letterMobile = "+46705554118", refusedMobile = "070-555 41 19";
        LocalDateTime start = LocalDateTime.of(2027, 2, 3, 10, 0);

        // a video booking: on the platform, a confirmation SMS, a reminder planned
        String bookingId = newBookingId();
        send(SiuMessages.s12().bookingId(bookingId).start(start).minutes(20).timeType("VIDEO", "Videobesök").patient(booked)
                .patientName("Ekström", "Vendela").patientMobile(bookedMobile).staff("SE2321000016-1234", "Lind").build());
        await().until(() -> platform.findByBookingId(bookingId).isPresent());
        await().until(() -> !jdbc.queryForList("SELECT 1 FROM reminder WHERE booking_id = ? AND status = 'PENDING'", bookingId).isEmpty());

        // the reminder fires
        clock.setNow(start.minusMinutes(15).atZone(SWEDEN).toInstant());
        await().until(() -> smsGateway.received().stream().anyMatch(s -> "+46705554117".equals(s.to()) && s.text().startsWith("Påminnelse")));

        // refused by the platform (DLQ.platform.appointment), then replayed: a sealed dead letter still replays
        String refusedId = newBookingId();
        platform.failNext(1, 422);
        send(SiuMessages.s12().bookingId(refusedId).start(start.plusHours(1)).minutes(20).timeType("VIDEO", "Videobesök")
                .patient(refusedByPlatform).patientMobile(refusedMobile).staff("SE2321000016-1234", "Lind").build());
        await().until(() -> admin.deadLetters("DLQ.platform.appointment").stream().anyMatch(r -> refusedId.equals(r.get("bookingId"))));
        String messageId = (String) admin.deadLetters("DLQ.platform.appointment").stream()
                .filter(r -> refusedId.equals(r.get("bookingId"))).findFirst().orElseThrow().get("messageId");
        assertThat(admin.replay("DLQ.platform.appointment", messageId)).isEqualTo(200);
        await().until(() -> platform.findByBookingId(refusedId).isPresent());
        await().until(() -> smsGateway.received().stream().anyMatch(s -> "+46705554119".equals(s.to())));

        // refused at intake (DLQ.journal.inbound: the raw HL7, sealed)
        send(SiuMessages.s12().bookingId(newBookingId()).start(start).minutes(20).timeType("VIDEO", "Videobesök")
                .patient(badCheckDigit).patientMobile(bookedMobile).build());
        await().until(() -> admin.deadLetters("DLQ.journal.inbound").stream().anyMatch(r -> String.valueOf(r.get("reason")).contains("check digit")));

        // a letter with a PDF that names the patient, to the platform, and the SMS that it arrived
        platform.addAccount(letterPatient, letterMobile, null);
        CommunicationRequest letter = letter(Fhir.PERSONNUMMER, letterPatient, "Provsvar", "Hej! Provsvar för " + letterPatient + ".\n\n[4US:LPAT]", null);
        byte[] pdf = ("%PDF-1.4\n% patient " + letterPatient + " mobil " + letterMobile + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
        letter.getPayload().stream().filter(p -> p.getContent() instanceof Attachment).forEach(p -> ((Attachment) p.getContent()).setData(pdf));
        String letterId = accepted(letter);
        awaitRouted(letterId);
        await().until(() -> smsTo(letterMobile).size() == 1);

        List<String> personal = forms(booked, refusedByPlatform, badCheckDigit, letterPatient, "0705554117", "0705554118", "0705554119");
        if (postgres()) {
            assertThat(textColumnsContaining(personal)).as("text columns holding personal data in clear").isEmpty();
            assertThat(textColumnsContaining(List.of(bookingId))).as("the search finds what is kept in clear").isNotEmpty();
        }

        // everything the hub wrote into its files, without waiting: routes stopped, the broker stopped (its journal
        // closed), H2's checkpoint written
        camel.stop();
        broker.close();
        if (!postgres()) {
            jdbc.execute("CHECKPOINT SYNC");
        }

        Map<String, List<String>> found = search(dataDir, personal);
        assertThat(found).as("files holding personal data in clear (file -> what)").isEmpty();
        Map<String, List<String>> control = search(dataDir, List.of(bookingId));
        assertThat(control.keySet()).as("the booking id (kept in clear) is found: the files were written and searched")
                .anyMatch(f -> f.contains("artemis"));
        if (!postgres()) {
            assertThat(control.keySet()).anyMatch(f -> f.endsWith(".mv.db"));
        }
        try (Stream<Path> docs = Files.walk(dataDir.resolve("letters"))) {
            assertThat(docs.filter(Files::isRegularFile).count()).as("the letter's PDF is in the document store").isPositive();
        }
    }

    /** Each number as written in the messages and as the hub normalises it (10 and 12 digits, +46). */
    private static List<String> forms(String... values) {
        List<String> forms = new ArrayList<>();
        for (String v : values) {
            String digits = v.replaceAll("\\D", "");
            forms.add(digits.length() == 12 ? digits.substring(2) : digits.substring(1)); // in every longer form too
        }
        return forms;
    }

    /** file -> the values found in it, as UTF-8/ASCII or UTF-16 (either byte order). */
    private static Map<String, List<String>> search(Path dir, List<String> values) throws IOException {
        Map<String, List<String>> found = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(f);
                for (String v : values) {
                    if (contains(content, v.getBytes(StandardCharsets.UTF_8)) || contains(content, v.getBytes(StandardCharsets.UTF_16LE))
                            || contains(content, v.getBytes(StandardCharsets.UTF_16BE))) {
                        found.computeIfAbsent(dir.relativize(f).toString(), k -> new ArrayList<>()).add(v);
                    }
                }
            }
        }
        return found;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** "table.column" of every text column of the hub's schema holding any of the values. */
    private List<String> textColumnsContaining(List<String> values) {
        List<String> hits = new ArrayList<>();
        List<Map<String, Object>> columns = jdbc.queryForList("SELECT table_name, column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND data_type IN ('character varying', 'text', 'character')");
        for (Map<String, Object> c : columns) {
            String table = (String) c.get("table_name"), column = (String) c.get("column_name");
            for (String v : values) {
                Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE " + column + " LIKE ?", Integer.class, "%" + v + "%");
                if (n > 0) {
                    hits.add(table + "." + column + " has " + v);
                }
            }
        }
        return hits;
    }
}
