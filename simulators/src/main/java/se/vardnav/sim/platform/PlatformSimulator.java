package se.vardnav.sim.platform;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Patient;
import se.vardnav.fhir.Fhir;
import se.vardnav.sim.EmbeddedHttpServer;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The visit platform as a FHIR R4 server on its own loopback port, at
 * {@code http://127.0.0.1:<port>/platform/fhir}. A protocol peer, not a mock: it can be slow, down,
 * or answer with errors on request, and it behaves as a standard server (HAPI JPA) does where the hub must cope:
 * identical searches answered from a cache for a minute unless {@code Cache-Control: no-cache}, no
 * {@code :identifier} search modifier, custom SearchParameters installed by POST.
 */
public final class PlatformSimulator implements AutoCloseable {
    /** The journal system of the simulated region (the SIU simulator's default sending application). */
    public static final String DEFAULT_JOURNAL = "TAKECARE";
    /** Where the platform's token endpoint is served, below {@code /platform}. */
    public static final String TOKEN_PATH = "/oauth/token";
    /** The client the demo and the tests register with the platform (demo only). */
    public static final String DEMO_CLIENT_ID = "vardnav-hub";
    public static final String DEMO_CLIENT_SECRET = "sim-secret";
    private final PlatformState state = new PlatformState();
    private final SearchCache searchCache = new SearchCache();
    private final SearchParameters searchParameters = new SearchParameters();
    private final PatientProvider patients = new PatientProvider(searchCache);
    private final BinaryProvider binaries = new BinaryProvider(state, searchCache);
    private final LetterProvider letters = new LetterProvider(state, binaries);
    private final ReadReceipts receipts = new ReadReceipts();
    private final EmbeddedHttpServer http;
    private final HubGuests guestClient = new HubGuests();
    private final VisitProviders visits = new VisitProviders();
    private final TokenIssuer tokens = new TokenIssuer();

    /** @param port the loopback port, 0 for a free one */
    public PlatformSimulator(int port) {
        RestfulServer server = new RestfulServer(FhirContext.forR4Cached());
        server.setResourceProviders(new AppointmentProvider(state, searchParameters, searchCache), patients, binaries, letters,
                searchParameters, visits.encounterProvider, visits.subscriptionProvider,
                visits.taskProvider);
        server.registerInterceptor(new BearerGate(tokens));
        http = new EmbeddedHttpServer(port, "/platform", "/fhir/*", server)
                .addServlet("token", TOKEN_PATH, new TokenEndpoint(tokens));
    }

    /**
     * From now on every FHIR request needs a bearer token issued by {@link #tokenUrl()} to this client
     * (client credentials), valid for {@link #setTokenLifetime} unless expired or revoked.
     */
    public PlatformSimulator requireTokens(String clientId, String clientSecret) {
        tokens.require(clientId, clientSecret);
        return this;
    }

    /** {@link #requireTokens} for the demo client. */
    public PlatformSimulator requireTokens() {
        return requireTokens(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET);
    }

    /** The OAuth 2.0 token endpoint (client credentials grant). */
    public String tokenUrl() {
        return "http://127.0.0.1:" + port() + "/platform" + TOKEN_PATH;
    }

    /** The expires_in of tokens issued from now on (default 5 minutes). */
    public void setTokenLifetime(Duration lifetime) {
        tokens.setLifetime(lifetime);
    }

    /** Every token issued so far is revoked: the next call with one gets 401. */
    public void revokeTokens() {
        tokens.revokeAll();
    }

    /** Every token issued so far has expired by the platform's clock, whatever its expires_in said. */
    public void expireTokens() {
        tokens.expireAll();
    }

    /** Tokens issued by the token endpoint. */
    public int tokensIssued() {
        return tokens.issued();
    }

    /** Token requests refused for a wrong client id or secret. */
    public int tokenRequestsRefused() {
        return tokens.refusedClients();
    }

    /**
     * A FHIR client of the platform's own operator (staff, administration), past the token check: for a test or the
     * demo to install a SearchParameter or write what the platform's users would.
     */
    public ca.uhn.fhir.rest.client.api.IGenericClient operatorClient() {
        ca.uhn.fhir.rest.client.api.IGenericClient client = OperatorFhir.CONTEXT.newRestfulGenericClient(baseUrl());
        client.registerInterceptor(new ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor(tokens.operatorToken()));
        return client;
    }

    /** A context of the operator's own: no CapabilityStatement fetched before the first call (it would need the token too). */
    private static final class OperatorFhir {
        static final FhirContext CONTEXT = FhirContext.forR4();

        static {
            CONTEXT.getRestfulClientFactory().setServerValidationMode(ca.uhn.fhir.rest.client.api.ServerValidationModeEnum.NEVER);
        }
    }

    /** FHIR requests answered 401 (no token, or one that is unknown, expired or revoked). */
    public int callsRefused() {
        return tokens.refusedCalls();
    }

    public PlatformSimulator start() {
        http.start();
        return this;
    }

    public int port() {
        return http.port();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/platform/fhir";
    }

    /** Every request waits this long before it is handled (to provoke client timeouts). */
    public void setDelay(Duration delay) {
        state.setDelay(delay);
    }

    /** The port refuses connections until {@link #comeUp()}. */
    public void goDown() {
        http.goDown();
    }

    public void comeUp() {
        http.comeUp();
    }

    /**
     * A letter write (Binary or Communication) of {@code n} megabytes takes {@code n} times this before it is
     * answered, as a server storing it would (a standard server took 7.9 s for 4 × 20 MB).
     */
    public void setStoreTimePerMegabyte(Duration perMegabyte) {
        state.setStoreTimePerMegabyte(perMegabyte);
    }

    /** Answers the next {@code count} letter writes (Binary or Communication) with {@code httpStatus}. */
    public void failNextLetterWrites(int count, int httpStatus) {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("failure status must be 4xx or 5xx: " + httpStatus);
        }
        state.failNextLetterWrites(count, httpStatus);
    }

    /** Answers the next {@code count} letter Communications (not their Binaries) with {@code httpStatus}. */
    public void failNextLetterCommunications(int count, int httpStatus) {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("failure status must be 4xx or 5xx: " + httpStatus);
        }
        state.failNextCommunicationWrites(count, httpStatus);
    }

    /**
     * How long a search result is served again for an identical search (60 s, as HAPI JPA's default) unless the
     * request says {@code Cache-Control: no-cache}.
     */
    public void setSearchCacheTtl(Duration ttl) {
        searchCache.setTtl(ttl);
    }

    /** The Binaries the hub stored (a letter's PDFs): id, content type, size, SHA-256, security context. */
    public List<PlatformBinary> binaries() {
        return binaries.all();
    }

    public Optional<PlatformBinary> findBinary(String id) {
        return binaries.find(id);
    }

    /** Binary writes received, to see that a redelivery sent nothing twice. */
    public int binaryWriteCount() {
        return binaries.writeCount();
    }

    /** Answers the next {@code count} write requests with {@code httpStatus} and an OperationOutcome. */
    public void failNext(int count, int httpStatus) {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("failure status must be 4xx or 5xx: " + httpStatus);
        }
        state.failNext(count, httpStatus);
    }

    /** Every write whose Appointment matches is answered with {@code status}; {@code reason} is the diagnostics. */
    public void rejectWhen(Predicate<Appointment> when, int status, String reason) {
        state.rejectWhen(when, status, reason);
    }

    /** Copies of the stored Appointments, in id order. */
    public List<Appointment> appointments() {
        return state.all();
    }

    public Optional<Appointment> findByBookingId(String bookingId) {
        return state.all().stream().filter(a -> bookingId.equals(PlatformState.bookingId(a))).findFirst();
    }

    /** Successful writes in the order they were applied. */
    public List<PlatformWrite> writes() {
        return state.writes();
    }

    public int writeCount() {
        return state.writes().size();
    }

    /**
     * The patient has an account with this mobile number and e-mail (either may be null).
     * Returns the account's platform id.
     */
    public String addAccount(String personnummer, String mobile, String email) {
        Patient p = new Patient();
        String id = "acc-" + personnummer;
        p.setId(id);
        p.setActive(true);
        p.addIdentifier().setSystem(Fhir.PERSONNUMMER).setValue(personnummer);
        if (mobile != null) {
            p.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setUse(ContactPoint.ContactPointUse.MOBILE).setValue(mobile);
        }
        if (email != null) {
            p.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(email);
        }
        patients.put(personnummer, p);
        return id;
    }

    /** The patient blocked the account (spärrat konto): it is still found, marked inactive. */
    public void blockAccount(String personnummer) {
        Patient p = patients.get(personnummer);
        if (p == null) {
            throw new IllegalArgumentException("no account for that patient");
        }
        p.setActive(false);
    }

    /**
     * Staff invited guests to a booking: the platform tells the hub ({@code POST {hubFhirBase}/Appointment/$guests})
     * with the booking's Appointment as stored here (or a proposed one if the booking has not arrived yet) and the guests.
     */
    public HubGuests.Answer sendGuests(String hubFhirBase, String bookingId, List<Guest> guests) {
        return sendGuests(hubFhirBase, DEFAULT_JOURNAL, bookingId, guests);
    }

    /** As above; {@code journal} names the journal system of a booking the platform does not have yet (assigner.display). */
    public HubGuests.Answer sendGuests(String hubFhirBase, String journal, String bookingId, List<Guest> guests) {
        return guestClient.post(hubFhirBase, HubGuests.withGuests(findByBookingId(bookingId).orElse(null), journal, bookingId, guests));
    }

    /** As {@link #sendGuests}, with an Appointment of the caller's own (to send what a faulty platform might). */
    public HubGuests.Answer sendGuests(String hubFhirBase, Appointment appointment) {
        return guestClient.post(hubFhirBase, appointment);
    }

    /** Letters the hub delivered (Communications), one per hub letter id. */
    public List<org.hl7.fhir.r4.model.Communication> letters() {
        return letters.letters();
    }

    /** The letter with this hub letter id, if the platform has it. */
    public Optional<org.hl7.fhir.r4.model.Communication> findLetter(String hubLetterId) {
        return letters.letters().stream().filter(c -> c.getIdentifier().stream()
                .anyMatch(i -> ReadReceipts.HUB_LETTER_ID.equals(i.getSystem()) && hubLetterId.equals(i.getValue()))).findFirst();
    }

    /** Letter writes received (creates and updates), to see that a redelivery changed nothing. */
    public int letterWriteCount() {
        return letters.writeCount();
    }

    private volatile java.util.function.Supplier<String> hubToken = () -> null;

    /** The bearer token the platform shows the hub on each call, if it was given one (null otherwise). */
    public String hubToken() {
        return hubToken.get();
    }

    /** The bearer token the platform shows the hub (role platform) on each call: read receipts, guests, visits. */
    public PlatformSimulator authorizeWith(java.util.function.Supplier<String> token) {
        this.hubToken = token;
        receipts.authorizeWith(token);
        guestClient.authorizeWith(token);
        return this;
    }

    /** Where read receipts go: the hub's FHIR base, e.g. {@code http://127.0.0.1:8080/fhir}. */
    public void sendReadReceiptsTo(String hubFhirBase) {
        receipts.sendTo(hubFhirBase);
    }

    /** The patient opens the letter now: the platform sends the read receipt to the hub over HTTP. */
    public void openLetter(String hubLetterId) {
        openLetter(hubLetterId, java.time.Instant.now());
    }

    public void openLetter(String hubLetterId, java.time.Instant at) {
        if (findLetter(hubLetterId).isEmpty()) {
            throw new IllegalArgumentException("the platform has no such letter");
        }
        receipts.opened(hubLetterId, at);
    }

    /** Empty store, log and search cache, no installed SearchParameters, no delay, no injected failures or rules, and listening again. */
    /**
     * A visit is written on the platform (started, handed over, ended…): stored, and notified to every active
     * Subscription on Encounter as a standard server's rest-hook does. Returns each notification's HTTP status.
     */
    public List<Integer> writeVisit(org.hl7.fhir.r4.model.Encounter visit) {
        return visits.write(visit);
    }

    /**
     * Push mode: the platform stores the visit and sends it to the hub itself,
     * {@code PUT <hub>/Encounter?identifier=<platform-encounter-id>|<id>}. Returns the hub's HTTP status.
     */
    public int pushVisit(String hubFhirBase, org.hl7.fhir.r4.model.Encounter visit) {
        visits.write(visit);
        return VisitProviders.push(hubFhirBase, visit, hubToken());
    }

    /** The Subscriptions registered with the platform (they outlive {@link #reset()}, as a hub registers once). */
    public List<org.hl7.fhir.r4.model.Subscription> subscriptions() {
        return visits.subscriptions();
    }

    /** The staff worklist's Tasks (staff signals from the hub). */
    public List<org.hl7.fhir.r4.model.Task> tasks() {
        return visits.tasks();
    }

    /** Staff open the Tasks of this visit (its case) on the worklist. */
    public void openTasksOf(String visitId) {
        visits.openTasksOf(visitId);
    }

    /** Forgets every Subscription (a platform re-installed). */
    public void clearSubscriptions() {
        visits.clearSubscriptions();
    }

    public void reset() {
        visits.reset();
        state.reset();
        patients.reset();
        letters.reset();
        binaries.reset();
        searchCache.clear();
        searchCache.setTtl(Duration.ofSeconds(60));
        searchParameters.reset();
        http.comeUp();
    }

    @Override
    public void close() {
        http.close();
    }
}
