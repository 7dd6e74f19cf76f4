package se.vardnav.connector.mailbox;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.vardnav.connector.mailbox.kivra.KivraOperator;
import se.vardnav.connector.mailbox.minameddelanden.CxfMailboxDirectory;
import se.vardnav.connector.mailbox.minameddelanden.DeliverySignatures;
import se.vardnav.connector.mailbox.minameddelanden.MinaMeddelandenOperator;
import se.vardnav.connector.mailbox.minameddelanden.SecureDeliveryBuilder;
import se.vardnav.document.LetterDocuments;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Wires the digital mailbox connectors: {@code mailboxDirectory} and {@code mailboxOperators}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailboxProperties.class)
public class MailboxConfiguration {

    @Bean(destroyMethod = "close")
    MailboxDirectory mailboxDirectory(MailboxProperties p) {
        return new CxfMailboxDirectory(p.recipientUrl(), p.senderOrgNr(), p.connectTimeout(), p.receiveTimeout(),
                p.recipientTls(), p.faultPolicy());
    }

    @Bean
    DeliverySignatures mailboxSignatures(MailboxProperties p) {
        MailboxProperties.Signing s = p.signing();
        org.springframework.core.io.Resource keyStore = se.vardnav.config.Locations.resource(s.keyStore());
        return DeliverySignatures.fromKeyStore(keyStore::getInputStream, keyStore.getDescription(), s.password().toCharArray(), s.alias());
    }

    @Bean
    SecureDeliveryBuilder secureDeliveryBuilder(MailboxProperties p, LetterDocuments documents,
                                                DeliverySignatures mailboxSignatures, Clock clock) {
        MailboxProperties.Support support = p.support();
        return new SecureDeliveryBuilder(new SecureDeliveryBuilder.SenderInfo(CxfMailboxDirectory.orgNr16(p.senderOrgNr()),
                p.senderName(), p.language(), support.text(), support.url(), support.phoneNumber(), support.emailAddress()),
                documents, mailboxSignatures, clock);
    }

    @Bean(destroyMethod = "close")
    MailboxOperators mailboxOperators(MailboxProperties p, SecureDeliveryBuilder builder, LetterDocuments documents, Clock clock) {
        List<MailboxOperator> operators = new ArrayList<>();
        for (MailboxProperties.Operator o : p.operators()) {
            operators.add(switch (o.protocol() == null ? "" : o.protocol()) {
                case MailboxProperties.MINA_MEDDELANDEN -> new MinaMeddelandenOperator(o.id(), o.name(), builder,
                        o.serviceAddress(), p.connectTimeout(), p.receiveTimeout(), o.tls(), p.faultPolicy());
                case MailboxProperties.KIVRA -> kivra(o, p, documents, clock);
                default -> throw new IllegalArgumentException("mailbox operator " + o.id() + ": unknown protocol '"
                        + o.protocol() + "' (mina-meddelanden or kivra)");
            });
        }
        return new ConfiguredMailboxOperators(operators);
    }

    private static KivraOperator kivra(MailboxProperties.Operator o, MailboxProperties p, LetterDocuments documents, Clock clock) {
        MailboxProperties.Kivra k = o.kivra();
        if (k == null || k.baseUrl() == null) {
            throw new IllegalArgumentException("mailbox operator " + o.id() + ": kivra.base-url missing");
        }
        return new KivraOperator(o.id(), o.name(), new KivraOperator.Settings(k.baseUrl(), k.tenantKey(), k.clientId(),
                k.clientSecret(), k.tokenPath() == null ? "/v1/auth" : k.tokenPath(), k.bookingInfoUrl(),
                p.connectTimeout(), p.receiveTimeout(), o.tls()),
                documents, clock);
    }
}
