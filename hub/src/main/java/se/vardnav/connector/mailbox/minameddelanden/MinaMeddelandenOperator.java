package se.vardnav.connector.mailbox.minameddelanden;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.gov.minameddelanden.schema.service.DeliveryResult;
import se.gov.minameddelanden.schema.service.DeliveryStatus;
import se.gov.minameddelanden.schema.service.v3.DeliverSecureResponse;
import se.vardnav.connector.mailbox.MailboxFaultPolicy;
import se.vardnav.connector.mailbox.MailboxLetter;
import se.vardnav.connector.mailbox.MailboxOperator;
import se.vardnav.connector.mailbox.MailboxReceipt;
import se.vardnav.connector.mailbox.MailboxRefusedException;
import se.vardnav.connector.mailbox.MailboxTls;
import se.vardnav.connector.mailbox.MailboxUnavailableException;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A mailbox operator reached by Mina meddelanden {@code deliverSecure} (SOAP 1.1, ServicePort-v3) at its
 * own ServiceAdress, which comes with each letter from the Recipient service. The signed payload is
 * posted as the bytes that were signed (a SOAP stack would re-serialise it); the answer is read with the
 * classes generated from the published Service.wsdl. Mutual TLS with this operator's key and trust store.
 * Idempotency: the letter id is the delivery's Reference, on which operators deduplicate.
 */
public final class MinaMeddelandenOperator implements MailboxOperator, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MinaMeddelandenOperator.class);
    private static final JAXBContext RESPONSE = responseContext();

    private final String id;
    private final String name;
    private final SecureDeliveryBuilder builder;
    private final String defaultServiceAddress;
    private final Duration receiveTimeout;
    private final MailboxFaultPolicy faults;
    private final HttpClient http;

    /**
     * @param defaultServiceAddress used when a letter carries no ServiceAdress (may be null)
     * @param tls                   client certificate and trusted CAs for this operator (null: the JVM's defaults)
     */
    public MinaMeddelandenOperator(String id, String name, SecureDeliveryBuilder builder, String defaultServiceAddress,
                                   Duration connectTimeout, Duration receiveTimeout, MailboxTls tls, MailboxFaultPolicy faults) {
        this.id = id;
        this.name = name;
        this.builder = builder;
        this.defaultServiceAddress = defaultServiceAddress;
        this.receiveTimeout = receiveTimeout;
        this.faults = faults == null ? MailboxFaultPolicy.allPermanent() : faults;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1);
        SSLContext ssl = tls == null ? null : tls.sslContext();
        if (ssl != null) {
            http.sslContext(ssl);
        }
        this.http = http.build();
    }

    public MinaMeddelandenOperator(String id, String name, SecureDeliveryBuilder builder, String defaultServiceAddress,
                                   Duration connectTimeout, Duration receiveTimeout) {
        this(id, name, builder, defaultServiceAddress, connectTimeout, receiveTimeout, null, null);
    }

    @Override
    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    @Override
    public MailboxReceipt deliver(MailboxLetter letter) {
        String address = letter.serviceAddress() != null && !letter.serviceAddress().isBlank()
                ? letter.serviceAddress() : defaultServiceAddress;
        if (address == null || address.isBlank()) {
            throw new MailboxRefusedException("operator " + id + " has no service address");
        }
        byte[] payload = builder.build(letter);
        HttpResponse<byte[]> response = post(address, SoapCall.envelope(payload));
        SoapCall.Answer answer = answer(response);
        if (answer.isFault()) {
            throw fault(answer);
        }
        DeliveryResult result = result(answer);
        for (DeliveryStatus status : result.getStatus()) {
            if (!status.isDelivered()) {
                throw new MailboxRefusedException("operator " + id + " did not deliver the letter (Delivered=false)");
            }
        }
        return new MailboxReceipt(id, name, result.getTransId());
    }

    private HttpResponse<byte[]> post(String address, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(address))
                .timeout(receiveTimeout)
                .header("Content-Type", SoapCall.CONTENT_TYPE)
                .header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            LOG.warn("deliverSecure to operator {} failed: {}", id, e.getClass().getSimpleName());
            throw new MailboxUnavailableException("operator " + id + " unavailable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailboxUnavailableException("interrupted while calling operator " + id, e);
        }
    }

    /**
     * 200 with a body, or 500 with a SOAP fault (SOAP 1.1 over HTTP). Anything else is classified by its
     * status: 5xx, 408 and 429 transient, other 4xx permanent. Bodies are never copied into messages.
     */
    private SoapCall.Answer answer(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status == 200 || status == 500) {
            try {
                return SoapCall.read(response.body());
            } catch (IllegalArgumentException notSoap) {
                if (status == 200) {
                    throw new MailboxUnavailableException("operator " + id + " answered something unreadable (" + notSoap.getMessage() + ")");
                }
            }
        }
        if (status >= 500 || status == 408 || status == 429) {
            throw new MailboxUnavailableException("operator " + id + " unavailable: HTTP " + status);
        }
        throw new MailboxRefusedException("operator " + id + " rejected the delivery: HTTP " + status);
    }

    /** applicationFault: by ErrorCode (see MailboxFaultPolicy); otherwise Server faults are transient, Client faults permanent. */
    RuntimeException fault(SoapCall.Answer answer) {
        if (answer.fault() != null) {
            return faults.toException("operator " + id + " refused the delivery", answer.fault());
        }
        if ("Server".equals(answer.faultCode()) || "Receiver".equals(answer.faultCode())) {
            return new MailboxUnavailableException("operator " + id + " answered a SOAP Server fault");
        }
        String code = answer.faultCode().matches("[A-Za-z0-9_.\\-]{1,40}") ? answer.faultCode() : "unspecified";
        return new MailboxRefusedException("operator " + id + " rejected the delivery: SOAP fault " + code);
    }

    private DeliveryResult result(SoapCall.Answer answer) {
        try {
            DeliverSecureResponse response = RESPONSE.createUnmarshaller()
                    .unmarshal(answer.body(), DeliverSecureResponse.class).getValue();
            DeliveryResult result = response.getReturn();
            if (result == null || result.getTransId() == null || result.getTransId().isBlank()) {
                // the contract makes TransId required: an answer without one is a broken peer, not a refusal
                throw new MailboxUnavailableException("operator " + id + " answered without a TransId");
            }
            return result;
        } catch (JAXBException e) {
            throw new MailboxUnavailableException("operator " + id + " answered something unreadable", e);
        }
    }

    private static JAXBContext responseContext() {
        try {
            return JAXBContext.newInstance(se.gov.minameddelanden.schema.service.v3.ObjectFactory.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public void close() {
        // HttpClient has no close before Java 21; its threads end with it
    }
}
