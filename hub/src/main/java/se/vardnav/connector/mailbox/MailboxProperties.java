package se.vardnav.connector.mailbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * {@code vardnav.mailbox.*}: the Recipient service, who the region is as a sender, the signing key,
 * and the mailbox operators by ServiceSupplier id with the protocol each one speaks.
 */
@Validated
@ConfigurationProperties("vardnav.mailbox")
public record MailboxProperties(@org.hibernate.validator.constraints.URL String recipientUrl, MailboxTls recipientTls, String senderOrgNr, String senderName, String language,
                                Support support, Duration connectTimeout, Duration receiveTimeout,
                                Signing signing, List<Integer> transientErrorCodes, List<Operator> operators) {

    public static final String MINA_MEDDELANDEN = "mina-meddelanden";
    public static final String KIVRA = "kivra";

    public MailboxProperties {
        language = language == null ? "sv" : language;
        support = support == null ? new Support("", null, null, null) : support;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        receiveTimeout = receiveTimeout == null ? Duration.ofSeconds(30) : receiveTimeout;
        operators = operators == null ? List.of() : List.copyOf(operators);
        transientErrorCodes = transientErrorCodes == null ? List.of() : List.copyOf(transientErrorCodes);
    }

    public MailboxFaultPolicy faultPolicy() {
        return new MailboxFaultPolicy(java.util.Set.copyOf(transientErrorCodes));
    }

    /** Supportinfo in every message: where the patient turns with questions. */
    public record Support(String text, String url, String phoneNumber, String emailAddress) {}

    /** PKCS12 key store with the key that signs deliveries. */
    public record Signing(String keyStore, String password, String alias) {
        @Override
        public String toString() {
            return "Signing[" + keyStore + ", " + alias + "]";
        }
    }

    /**
     * @param id             the ServiceSupplier id (16 + org number) as the Recipient service names the operator
     * @param protocol       {@value #MINA_MEDDELANDEN} or {@value #KIVRA}
     * @param serviceAddress optional fallback when a letter carries no ServiceAdress (mina-meddelanden only)
     * @param tls            mutual TLS towards this operator (its ServiceAdress, or Kivra's base URL)
     */
    public record Operator(String id, String name, String protocol, String serviceAddress, MailboxTls tls, Kivra kivra) {}

    /** @param bookingInfoUrl optional info_url sent in a kallelse's booking object */
    public record Kivra(String baseUrl, String tenantKey, String clientId, String clientSecret, String tokenPath,
                        String bookingInfoUrl) {
        @Override
        public String toString() {
            return "Kivra[" + baseUrl + ", tenant " + tenantKey + "]";
        }
    }
}
