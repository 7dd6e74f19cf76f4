package se.vardnav.connector.platform;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.PreferReturnEnum;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.OperationOutcome;
import se.vardnav.fhir.Fhir;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes Appointments to the visit platform over FHIR R4 REST and sorts every failure into
 * transient (retry) or rejected (dead-letter), so a route can decide without knowing HAPI.
 */
public class PlatformClient implements AutoCloseable {
    private final ApacheRestfulClientFactory factory;
    private final IGenericClient client;
    private final String baseUrl;
    private final FhirContext ctx;

    public PlatformClient(String baseUrl) {
        this(baseUrl, Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    public PlatformClient(String baseUrl, Duration socketTimeout, Duration connectTimeout) {
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
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Creates or updates the Appointment keyed by its journal booking id (conditional update). */
    public PlatformResult upsertAppointment(Appointment appointment) {
        String bookingId = bookingId(appointment);
        MethodOutcome outcome;
        try {
            outcome = client.update().resource(appointment).conditional()
                    .where(Appointment.IDENTIFIER.exactly().systemAndCode(Fhir.JOURNAL_BOOKING_ID, bookingId))
                    .execute();
        } catch (RuntimeException e) {
            throw classify(e);
        }
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
     * so a letter delivered twice is one letter in the platform. The answer is not read back: it would
     * carry the letter's PDFs, and parsing them cost more than the send (letter benchmark).
     *
     * @return true when the platform created it, false when it already had it
     */
    public boolean upsertCommunication(Communication communication, String identifierSystem, String identifier) {
        try {
            MethodOutcome outcome = client.update().resource(communication).conditional()
                    .where(Communication.IDENTIFIER.exactly().systemAndCode(identifierSystem, identifier))
                    .prefer(PreferReturnEnum.MINIMAL)
                    .execute();
            return Boolean.TRUE.equals(outcome.getCreated());
        } catch (RuntimeException e) {
            throw classify(e);
        }
    }

    /** Writes a request body to the stream it is given (the caller streams large content, e.g. PDFs from a store). */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(java.io.OutputStream out) throws IOException;
    }

    /**
     * {@link #upsertCommunication(Communication, String, String)} with the Communication's JSON written by the
     * caller straight into the request (chunked), so a letter's PDFs need not be in memory, base64 or whole, to
     * be sent. Same conditional update, {@code Prefer: return=minimal}, and the same classification of failures.
     *
     * @param contentLength the body's length in bytes; -1 when unknown (then it is sent chunked)
     */
    public boolean upsertCommunication(String identifierSystem, String identifier, long contentLength, BodyWriter json) {
        String url = baseUrl + "/Communication?identifier=" + java.net.URLEncoder.encode(identifierSystem + "|" + identifier,
                java.nio.charset.StandardCharsets.UTF_8);
        org.apache.http.client.methods.HttpPut put = new org.apache.http.client.methods.HttpPut(url);
        put.setHeader("Content-Type", "application/fhir+json; charset=UTF-8");
        put.setHeader("Accept", "application/fhir+json");
        put.setHeader("Prefer", "return=minimal");
        org.apache.http.entity.AbstractHttpEntity entity = new org.apache.http.entity.AbstractHttpEntity() {
            @Override
            public boolean isRepeatable() {
                return true; // the writer can write it again
            }

            @Override
            public long getContentLength() {
                return contentLength;
            }

            @Override
            public java.io.InputStream getContent() {
                throw new UnsupportedOperationException("written, not read");
            }

            @Override
            public void writeTo(java.io.OutputStream out) throws IOException {
                json.writeTo(out);
            }

            @Override
            public boolean isStreaming() {
                return false;
            }
        };
        entity.setChunked(contentLength < 0);
        put.setEntity(entity);
        org.apache.http.client.HttpClient http = (org.apache.http.client.HttpClient) factory.getNativeHttpClient();
        try {
            return http.execute(put, response -> {
                int status = response.getStatusLine().getStatusCode();
                String body = response.getEntity() == null ? "" : org.apache.http.util.EntityUtils.toString(response.getEntity(),
                        java.nio.charset.StandardCharsets.UTF_8);
                if (status / 100 == 2) {
                    return status == 201;
                }
                String diagnostics = outcomeOf(body);
                throw byStatus(status, "platform answered HTTP " + status + (diagnostics.isEmpty() ? "" : ": " + diagnostics));
            });
        } catch (IOException e) {
            throw new PlatformTransientException("no answer from platform: " + e.getClass().getSimpleName(), 0, e);
        }
    }

    /** The OperationOutcome's diagnostics, without the rest of the answer (which may echo the letter). */
    private String outcomeOf(String body) {
        if (body.isBlank()) {
            return "";
        }
        try {
            var outcome = ctx.newJsonParser().parseResource(OperationOutcome.class, body);
            return outcome.getIssue().stream().map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                    .filter(d -> d != null && !d.isBlank()).collect(Collectors.joining("; "));
        } catch (RuntimeException notAnOutcome) {
            return "";
        }
    }

    /**
     * The patient's platform account, looked up by personnummer or samordningsnummer
     * ({@code GET Patient?identifier=system|value}); empty when the patient has none.
     */
    public Optional<PlatformAccount> findAccount(String identifierSystem, String identifier) {
        Bundle found;
        try {
            found = client.search().forResource(Patient.class)
                    .where(Patient.IDENTIFIER.exactly().systemAndCode(identifierSystem, identifier))
                    .returnBundle(Bundle.class).execute();
        } catch (RuntimeException e) {
            throw classify(e);
        }
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
    static RuntimeException classify(RuntimeException e) {
        if (e instanceof FhirClientConnectionException) {
            IOException io = ioCause(e);
            String what = io == null ? "connection failure" : io.getClass().getSimpleName();
            return new PlatformTransientException("no answer from platform: " + what, 0, io);
        }
        if (e instanceof BaseServerResponseException r) {
            int status = r.getStatusCode();
            return byStatus(status, "platform answered HTTP " + status + diagnostics(r));
        }
        return e;
    }

    private static RuntimeException byStatus(int status, String message) {
        if (status >= 500 || status == 408 || status == 429) {
            return new PlatformTransientException(message, status, null);
        }
        if (status >= 400) {
            return new PlatformRejectedException(message, status, null);
        }
        return new PlatformTransientException(message, status, null);
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

    private static IOException ioCause(Throwable t) {
        IOException found = null;
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof IOException io) {
                found = io; // deepest one names the real reason (refused, timed out)
            }
        }
        return found;
    }

    @Override
    public void close() {
        if (factory.getNativeHttpClient() instanceof Closeable c) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing the pool; nothing left to do
            }
        }
    }
}
