package se.vardnav.bench;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import se.vardnav.fhir.Fhir;
import se.vardnav.identity.Personnummer;
import se.vardnav.letter.LetterFhir;
import se.vardnav.sim.mailbox.KivraSimulator;
import se.vardnav.sim.mailbox.MinaMeddelandenSimulator;
import se.vardnav.sim.platform.PlatformSimulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The letters of the benchmark: a mix of recipients set up in the simulators (platform account,
 * a mailbox via Kivra or Min myndighetspost, both, neither, reservnummer), and e-brev with a distinct,
 * incompressible ~100 KiB PDF each, posted as the journal system does ({@code POST /fhir/CommunicationRequest})
 * by several client threads.
 *
 * <p>The PDF is cheap to make: a unique 48-byte header line, then one of a few pre-encoded random blocks
 * (base64 of concatenated 3-byte-aligned parts is the concatenation of their base64), so the client
 * encodes only a few bytes per letter and its CPU stays off the hub's.
 */
final class LetterLoad {
    static final String SOURCE = "BENCH";
    static final String KIVRA = "165568402266";
    static final String MIN_MYNDIGHETSPOST = "162021005448";
    static final String RESERVNUMMER = "98240301AA06";
    private static final String DATA_TOKEN = "QkVOQ0hEQVRB"; // "BENCHDATA"
    private static final int BLOCKS = 16;

    /** Who a letter is for, and the channels it must end in (docs/architecture.md, "Letter routing"). */
    enum Recipient {
        PLATFORM(Set.of("platform")),
        PLATFORM_KIVRA(Set.of("platform", "mailbox:" + KIVRA)),
        PLATFORM_MM(Set.of("platform", "mailbox:" + MIN_MYNDIGHETSPOST)),
        KIVRA_ONLY(Set.of("mailbox:" + KIVRA)),
        MM_ONLY(Set.of("mailbox:" + MIN_MYNDIGHETSPOST)),
        NOWHERE(Set.of("print")),
        RESERV(Set.of("print"));

        final Set<String> channels;

        Recipient(Set<String> channels) {
            this.channels = channels;
        }
    }

    /** Of every 20 letters: 12 platform only, 2 + 2 platform and a mailbox, 1 + 1 mailbox only, 1 + 1 print list. */
    private static final Recipient[] MIX = {
            Recipient.PLATFORM, Recipient.PLATFORM, Recipient.PLATFORM_KIVRA, Recipient.PLATFORM, Recipient.PLATFORM_MM,
            Recipient.PLATFORM, Recipient.KIVRA_ONLY, Recipient.PLATFORM, Recipient.NOWHERE, Recipient.PLATFORM,
            Recipient.PLATFORM, Recipient.PLATFORM_KIVRA, Recipient.PLATFORM, Recipient.MM_ONLY, Recipient.PLATFORM,
            Recipient.PLATFORM_MM, Recipient.PLATFORM, Recipient.RESERV, Recipient.PLATFORM, Recipient.PLATFORM,
    };

    private final Map<Recipient, List<String>> patients = new EnumMap<>(Recipient.class);
    private final String[] blocks = new String[BLOCKS];
    private final String[] template; // the CommunicationRequest JSON split around the placeholders
    private final int pdfBytes;
    private final String runId;

    LetterLoad(int pdfKiB, int patientsPerKind, String runId) {
        this.runId = runId;
        SplittableRandom random = new SplittableRandom(42);
        int blockBytes = (pdfKiB * 1024 - 48 - 8) / 3 * 3;
        for (int i = 0; i < BLOCKS; i++) {
            byte[] b = new byte[blockBytes];
            random.nextBytes(b);
            blocks[i] = Base64.getEncoder().encodeToString(b);
        }
        pdfBytes = 48 + blockBytes + 8;
        LocalDate born = LocalDate.of(1950, 1, 1);
        int serial = 0;
        for (Recipient r : Recipient.values()) {
            List<String> list = new ArrayList<>();
            for (int i = 0; i < (r == Recipient.RESERV ? 1 : patientsPerKind); i++) {
                if (r == Recipient.RESERV) {
                    list.add(RESERVNUMMER);
                    continue;
                }
                serial++;
                String nine = born.plusDays(serial / 900).format(java.time.format.DateTimeFormatter.ofPattern("yyMMdd"))
                        + String.format("%03d", serial % 900 + 10);
                list.add("19" + nine + Personnummer.luhn(nine));
            }
            patients.put(r, list);
        }
        template = template();
    }

    int pdfBytes() {
        return pdfBytes;
    }

    static Recipient recipientOf(int letter) {
        return MIX[letter % MIX.length];
    }

    static String sourceLetterId(String runId, int letter) {
        return "L-" + runId + "-" + letter;
    }

    /** Accounts, mailboxes and Kivra users in the simulators; people not set up have neither. */
    void setUp(PlatformSimulator platform, MinaMeddelandenSimulator mailboxes, KivraSimulator kivra) {
        int phone = 0;
        for (Recipient r : Recipient.values()) {
            for (String p : patients.get(r)) {
                if (r.channels.contains("platform")) {
                    platform.addAccount(p, String.format("070-%07d", 1_000_000 + phone++), null);
                }
                if (r.channels.contains("mailbox:" + KIVRA)) {
                    mailboxes.reachableVia(p, KIVRA);
                    kivra.addUser(p);
                }
                if (r.channels.contains("mailbox:" + MIN_MYNDIGHETSPOST)) {
                    mailboxes.reachableVia(p, MIN_MYNDIGHETSPOST);
                }
            }
        }
    }

    /** Accounts with a mobile number: every letter to the platform plans one SMS. */
    static boolean smsExpected(Recipient r) {
        return r.channels.contains("platform");
    }

    /** The JSON body of letter {@code i}: its own id, patient and PDF. */
    String body(int i) {
        Recipient r = recipientOf(i);
        List<String> pool = patients.get(r);
        String patient = pool.get((i / MIX.length) % pool.size());
        String system = r == Recipient.RESERV ? Fhir.RESERVNUMMER : Fhir.PERSONNUMMER;
        // 48 bytes, unique per letter: base64 of it stays aligned with the random block behind it
        String head = String.format("%%PDF-1.4\n%%%-36s\n", runId + "-" + i);
        byte[] headBytes = head.substring(0, Math.min(head.length(), 47)).concat("\n").getBytes(StandardCharsets.US_ASCII);
        String data = Base64.getEncoder().encodeToString(headBytes) + blocks[i % BLOCKS]
                + Base64.getEncoder().encodeToString("\n%%EOF\n\n".getBytes(StandardCharsets.US_ASCII));
        return template[0] + sourceLetterId(runId, i) + template[1] + system + template[2] + patient + template[3] + data + template[4];
    }

    private static String[] template() {
        CommunicationRequest cr = new CommunicationRequest();
        Identifier id = new Identifier().setSystem(LetterFhir.JOURNAL_LETTER_ID).setValue("@@ID@@");
        id.setAssigner(new Reference().setDisplay(SOURCE));
        cr.addIdentifier(id);
        cr.setStatus(CommunicationRequest.CommunicationRequestStatus.ACTIVE);
        cr.addExtension(LetterFhir.EXT_DOCUMENT_NAME, new StringType("Provsvar blodprov"));
        cr.setSubject(new Reference().setType("Patient").setIdentifier(new Identifier().setSystem("@@SYS@@").setValue("@@PAT@@")));
        cr.addPayload().setContent(new StringType("Hej! Dina provsvar är klara. Se bifogat brev.\n\n[4US:LPAT]"));
        cr.addPayload().setContent(new Attachment().setContentType("application/pdf").setTitle("brev.pdf")
                .setData("BENCHDATA".getBytes(StandardCharsets.US_ASCII)));
        String json = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(cr);
        String[] parts = new String[5];
        int a = json.indexOf("@@ID@@"), b = json.indexOf("@@SYS@@"), c = json.indexOf("@@PAT@@"), d = json.indexOf(DATA_TOKEN);
        if (a < 0 || b < a || c < b || d < c) {
            throw new IllegalStateException("unexpected template order: " + json);
        }
        parts[0] = json.substring(0, a);
        parts[1] = json.substring(a + 6, b);
        parts[2] = json.substring(b + 7, c);
        parts[3] = json.substring(c + 7, d);
        parts[4] = json.substring(d + DATA_TOKEN.length());
        return parts;
    }

    /** What the posting clients saw: per letter the latency (µs, -1 if never accepted) and the HTTP status. */
    record Posted(long[] latencyMicros, int[] status, long startNanos, long endNanos, int retries) {}

    /** Posts letters {@code from} ..< {@code to} with {@code clients} threads; a failed request is tried again up to 3 times. */
    Posted post(String fhirBase, int from, int to, int clients) throws InterruptedException {
        HttpClient http = se.vardnav.support.HubHttp.wrap(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build());
        URI uri = URI.create(fhirBase + "/CommunicationRequest");
        int n = to - from;
        long[] latency = new long[n];
        int[] status = new int[n];
        AtomicInteger next = new AtomicInteger(from);
        AtomicLong retries = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < clients; t++) {
            Thread thread = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
                    String body = body(i);
                    int code = -1;
                    long t0 = System.nanoTime();
                    for (int attempt = 0; attempt < 4 && code != 201 && code != 200; attempt++) {
                        if (attempt > 0) {
                            retries.incrementAndGet();
                        }
                        t0 = System.nanoTime();
                        try {
                            code = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/fhir+json")
                                            .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                    HttpResponse.BodyHandlers.discarding()).statusCode();
                        } catch (java.io.IOException e) {
                            code = -1;
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    latency[i - from] = code == 201 || code == 200 ? (System.nanoTime() - t0) / 1_000 : -1;
                    status[i - from] = code;
                }
            }, "letter-client-" + t);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return new Posted(latency, status, start, System.nanoTime(), (int) retries.get());
    }
}
