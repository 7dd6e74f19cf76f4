package se.vardnav.connector.platform;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.PreferReturnEnum;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.apache.http.client.HttpClient;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import se.vardnav.fhir.Fhir;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Talks to the visit platform over FHIR R4 REST: Appointments and letters (Communications whose PDFs are
 * Binary resources) written idempotently, accounts looked up; every failure sorted into transient (retry)
 * or rejected (dead-letter, print list), so a route can decide without knowing HAPI. Every request carries the
 * hub's access token ({@link PlatformTokens}); a 401 renews it and sends the request once more.
 * <p>
 * Every search is sent with {@code Cache-Control: no-cache}: a standard server (HAPI JPA) otherwise answers an
 * identical search from its result cache for a minute, and each search here decides something (where a letter
 * goes, who is notified) about an account that may have been created a second ago.
 */
public class PlatformClient implements AutoCloseable {
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private final ApacheRestfulClientFactory factory;
    private final IGenericClient client;
    private final FhirContext ctx;
    private final RawRequests raw;
    private final PlatformTokens tokens;

    public PlatformClient(String baseUrl) {
        this(baseUrl, Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    public PlatformClient(String baseUrl, Duration socketTimeout, Duration connectTimeout) {
        this(baseUrl, socketTimeout, connectTimeout, Duration.ofSeconds(1));
    }

    /**
     * @param socketTimeout      how long an answer may take to a small request
     * @param timeoutPerMegabyte added to it per megabyte sent: a server stores 20 MB longer than 2 kB
     */
    public PlatformClient(String baseUrl, Duration socketTimeout, Duration connectTimeout, Duration timeoutPerMegabyte) {
        this(baseUrl, socketTimeout, connectTimeout, timeoutPerMegabyte, PlatformTokens.none());
    }

    /** @param tokens the hub's access token for the platform, sent on every request ({@link PlatformTokens#none()}: none) */
    public PlatformClient(String baseUrl, Duration socketTimeout, Duration connectTimeout, Duration timeoutPerMegabyte,
                          PlatformTokens tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        // Own context, not forR4Cached(): HAPI sends each request through the context's client factory,
        // so timeouts set on the shared cached context would change every other client in the JVM.
        ctx = FhirContext.forR4();
        factory = new ApacheRestfulClientFactory(ctx);
        ctx.setRestfulClientFactory(factory);
        factory.setSocketTimeout(Math.toIntExact(socketTimeout.toMillis()));
        factory.setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()));
        factory.setConnectionRequestTimeout(Math.toIntExact(connectTimeout.toMillis()));
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        client = factory.newGenericClient(Objects.requireNonNull(baseUrl, "baseUrl"));
        client.registerInterceptor(new NoCachedSearches());
        client.registerInterceptor(new PlatformBearer(tokens));
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        raw = new RawRequests(base, (HttpClient) factory.getNativeHttpClient(), ctx, socketTimeout, connectTimeout, timeoutPerMegabyte, tokens);
    }

    /** Creates or updates the Appointment keyed by its journal booking id (conditional update). */
    public PlatformResult upsertAppointment(Appointment appointment) {
        String bookingId = bookingId(appointment);
        MethodOutcome outcome = tokens.call(() -> client.update().resource(appointment).conditional()
                .where(Appointment.IDENTIFIER.exactly().systemAndCode(Fhir.JOURNAL_BOOKING_ID, bookingId))
                .execute());
        IIdType id = outcome.getId();
        if ((id == null || !id.hasIdPart()) && outcome.getResource() != null) {
            id = outcome.getResource().getIdElement();
        }
        if (id == null || !id.hasIdPart()) {
            throw new PlatformTransientException("platform answered without a resource id", 0, null);
        }
        return new PlatformResult(id.toUnqualifiedVersionless().getIdPart(), Boolean.TRUE.equals(outcome.getCreated()));
    }

    /**
     * Creates or updates a Communication (a letter) keyed by one of its identifiers (conditional update),
     * so a letter delivered twice is one letter in the platform. Its PDFs are not in it: they are Binaries
     * ({@link #putBinary}) it refers to, so this request stays small.
     *
     * @return true when the platform created it, false when it already had it
     */
    public boolean upsertCommunication(Communication communication, String identifierSystem, String identifier) {
        MethodOutcome outcome = tokens.call(() -> client.update().resource(communication).conditional()
                .where(Communication.IDENTIFIER.exactly().systemAndCode(identifierSystem, identifier))
                .prefer(PreferReturnEnum.MINIMAL)
                .execute());
        return Boolean.TRUE.equals(outcome.getCreated());
    }

    /** Writes a request body to the stream it is given (the caller streams large content, e.g. PDFs from a store). */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Stores a document as the Binary {@code id} ({@code PUT Binary/<id>}, the raw bytes as the body, so nothing is
     * base64-encoded or held in memory): the id is the caller's, so sending it again changes nothing. The answer
     * may take {@link #timeoutFor} the size; a longer silence counts as {@link PlatformTransientException#noAnswer()}.
     *
     * @param securityContext what the platform should guard the Binary by (e.g. {@code Patient/<id>}); null if unknown
     * @return true when the platform created it
     */
    public boolean putBinary(String id, String contentType, long size, String securityContext, BodyWriter content) {
        if (id == null || !FHIR_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a FHIR id: " + id);
        }
        return tokens.call(() -> raw.put("/Binary/" + id, contentType, size, securityContext, content));
    }

    /** Whether the platform already has the Binary {@code id} ({@code Binary?_id=<id>&_summary=count}). */
    public boolean binaryExists(String id) {
        Bundle found = tokens.call(() -> client.search().forResource(Binary.class).where(IAnyResource.RES_ID.exactly().code(id))
                .summaryMode(SummaryEnum.COUNT).returnBundle(Bundle.class).execute());
        return found.getTotal() > 0 || !found.getEntry().isEmpty();
    }

    /** How long the platform may take to answer a request of {@code bytes}: the socket timeout plus the per-megabyte allowance. */
    public Duration timeoutFor(long bytes) {
        return raw.timeoutFor(bytes);
    }

    /**
     * The patient's platform account, looked up by personnummer or samordningsnummer
     * ({@code GET Patient?identifier=system|value}); empty when the patient has none.
     */
    public Optional<PlatformAccount> findAccount(String identifierSystem, String identifier) {
        Bundle found = tokens.call(() -> client.search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(identifierSystem, identifier))
                .returnBundle(Bundle.class).execute());
        return found.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Patient.class::isInstance).map(Patient.class::cast).findFirst()
                .map(PlatformClient::account);
    }

    private static PlatformAccount account(Patient p) {
        String mobile = p.getTelecom().stream().filter(c -> c.getSystem() == ContactPoint.ContactPointSystem.PHONE
                        || c.getSystem() == ContactPoint.ContactPointSystem.SMS)
                .map(ContactPoint::getValue).findFirst().orElse(null);
        String email = p.getTelecom().stream().filter(c -> c.getSystem() == ContactPoint.ContactPointSystem.EMAIL)
                .map(ContactPoint::getValue).findFirst().orElse(null);
        boolean active = !p.hasActive() || p.getActive();
        return new PlatformAccount(p.getIdElement().getIdPart(), active, mobile, email);
    }

    /** The Appointment's one journal booking id; anything else is a programming error upstream. */
    static String bookingId(Appointment appointment) {
        Objects.requireNonNull(appointment, "appointment");
        List<Identifier> ids = appointment.getIdentifier().stream()
                .filter(i -> Fhir.JOURNAL_BOOKING_ID.equals(i.getSystem()))
                .toList();
        if (ids.size() != 1 || !ids.get(0).hasValue() || ids.get(0).getValue().isBlank()) {
            throw new IllegalArgumentException("Appointment must carry exactly one identifier with system "
                    + Fhir.JOURNAL_BOOKING_ID + " and a value, found " + ids.size());
        }
        return ids.get(0).getValue();
    }

    /**
     * Maps HAPI failures. Messages carry the status and OperationOutcome diagnostics only, and the
     * HAPI exception is not kept as cause: its message and response body may echo the resource.
     */
    public static RuntimeException classify(RuntimeException e) {
        if (e instanceof FhirClientConnectionException) {
            return RawRequests.noAnswerFrom(e, false);
        }
        if (e instanceof BaseServerResponseException r) {
            int status = r.getStatusCode();
            return RawRequests.byStatus(status, "platform answered HTTP " + status + diagnostics(r));
        }
        return e;
    }

    private static String diagnostics(BaseServerResponseException e) {
        if (!(e.getOperationOutcome() instanceof OperationOutcome oo)) {
            return "";
        }
        String text = oo.getIssue().stream()
                .map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                .filter(d -> d != null && !d.isBlank())
                .collect(Collectors.joining("; "));
        return text.isEmpty() ? "" : ": " + text;
    }

    /** Searches decide routing and policy: never from a server's cache of an earlier identical search. */
    static final class NoCachedSearches implements IClientInterceptor {
        @Override
        public void interceptRequest(IHttpRequest request) {
            if ("GET".equals(request.getHttpVerbName())) {
                request.removeHeaders("Cache-Control");
                request.addHeader("Cache-Control", "no-cache");
            }
        }

        @Override
        public void interceptResponse(IHttpResponse response) {
            // nothing to do with the answer
        }
    }

    @Override
    public void close() {
        raw.close();
        if (factory.getNativeHttpClient() instanceof Closeable c) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing the pool; nothing left to do
            }
        }
    }
}
