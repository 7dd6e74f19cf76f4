package se.vardnav.connector.sms.smpp;

import org.apache.camel.Message;
import org.apache.camel.component.smpp.SmppConstants;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How the hub talks camel-smpp: endpoint URIs, the headers of a submit, and reading a receipt.
 * camel-smpp sends data_coding 0 text as ISO-8859-1 octets (its default {@code encoding}), so
 * a text goes as GSM default alphabet only if every character is both in GSM 03.38 and Latin-1;
 * anything else (emoji, €, Greek capitals) goes as UCS-2.
 */
public final class SmppCamel {
    public static final String RECEIPT_ROUTE_ID = "smpp-receipts";
    public static final byte ALPHABET_GSM = 0;
    public static final byte ALPHABET_UCS2 = 8;

    /** GSM 03.38 basic set and extension table, restricted to characters Latin-1 can carry. */
    private static final String GSM_LATIN1 = "@£$¥èéùìòÇ\nØø\rÅå_ÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà" + "\f^{}\\[~]|";

    /**
     * Reconnect pacing. Keep max finite: camel-smpp runs the reconnect loop inside start() when a
     * bind is refused, so an endless max hangs startup on a wrong password instead of failing.
     */
    public record Reconnect(long initialDelayMs, long delayMs, int max) {
        public static final Reconnect DEFAULT = new Reconnect(1_000, 5_000, 3);
    }

    /** An SMSC account; the password goes into the URI as RAW(...) so no character needs escaping. */
    public record Account(String host, int port, String systemId, String password, String systemType,
                          Reconnect reconnect) {
        public Account(String host, int port, String systemId, String password, String systemType) {
            this(host, port, systemId, password, systemType, Reconnect.DEFAULT);
        }

        @Override
        public String toString() {
            return "Account[" + host + ":" + port + ", " + systemId + "]"; // never the password
        }
    }

    private SmppCamel() {
    }

    /**
     * Producer URI. With a receipt route id the producer binds as transceiver and hands receipts
     * arriving on its own session to that route; registeredDelivery=1 asks for success and failure.
     */
    public static String producerUri(Account a, String receiptRouteId) {
        String uri = base(a) + "&registeredDelivery=1";
        return receiptRouteId == null ? uri : uri + "&messageReceiverRouteId=" + receiptRouteId;
    }

    /** Consumer URI (bind_receiver) with the same credentials; receipts and mobile-originated SMS arrive here. */
    public static String consumerUri(Account a) {
        return base(a);
    }

    private static String base(Account a) {
        return "smpp://" + enc(a.systemId()) + "@" + a.host() + ":" + a.port()
                + "?password=RAW(" + a.password() + ")"
                + "&systemType=" + enc(a.systemType())
                + "&enquireLinkTimer=30000&transactionTimer=10000"
                + "&initialReconnectDelay=" + a.reconnect().initialDelayMs()
                + "&reconnectDelay=" + a.reconnect().delayMs() + "&maxReconnect=" + a.reconnect().max();
    }

    /** Sets addresses and alphabet on the outgoing message; the body becomes the text. */
    public static void applyTo(Message m, SmppSubmit s) {
        Address from = Address.of(s.from());
        Address to = Address.of(s.to());
        m.setBody(s.text());
        m.setHeader(SmppConstants.SOURCE_ADDR, from.value);
        m.setHeader(SmppConstants.SOURCE_ADDR_TON, from.ton);
        m.setHeader(SmppConstants.SOURCE_ADDR_NPI, from.npi);
        m.setHeader(SmppConstants.DEST_ADDR, to.value);
        m.setHeader(SmppConstants.DEST_ADDR_TON, to.ton);
        m.setHeader(SmppConstants.DEST_ADDR_NPI, to.npi);
        // Without a data coding header camel-smpp uses the alphabet as data_coding too.
        m.setHeader(SmppConstants.ALPHABET, alphabet(s.text(), s.unicode()));
    }

    public static byte alphabet(String text, boolean unicode) {
        if (unicode) {
            return ALPHABET_UCS2;
        }
        return text.chars().allMatch(c -> GSM_LATIN1.indexOf(c) >= 0) ? ALPHABET_GSM : ALPHABET_UCS2;
    }

    /** The receipt carried by a consumed message, or empty for anything else (e.g. a mobile-originated SMS). */
    public static Optional<SmppReceipt> receipt(Message m) {
        if (!"DeliveryReceipt".equals(String.valueOf(m.getHeader(SmppConstants.MESSAGE_TYPE)))) {
            return Optional.empty();
        }
        Object stat = m.getHeader("CamelSmppStatus");
        return Optional.of(new SmppReceipt(m.getHeader(SmppConstants.ID, String.class),
                stat == null ? null : stat.toString(), SmppStatus.ofReceipt(stat),
                m.getHeader(SmppConstants.ERROR, String.class)));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    /** E.164 "+46..." goes as international/ISDN without the plus; a name as alphanumeric. */
    private record Address(String value, byte ton, byte npi) {
        static Address of(String a) {
            if (a.startsWith("+")) {
                return new Address(a.substring(1), (byte) 1, (byte) 1);
            }
            if (a.chars().allMatch(Character::isDigit)) {
                return new Address(a, (byte) 0, (byte) 1);
            }
            return new Address(a, (byte) 5, (byte) 0);
        }
    }
}
