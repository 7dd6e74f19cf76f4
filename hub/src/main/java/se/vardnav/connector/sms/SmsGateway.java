package se.vardnav.connector.sms;

/** An operator's SMS gateway. Implementations sort every failure into transient (retry) or rejected (dead-letter). */
public interface SmsGateway {
    /**
     * @throws SmsGatewayFaultException the gateway refuses every message until its configuration is fixed
     *                                  (credentials, account): retry with backoff, the gateway shows as failing
     * @throws SmsTransientException    refused connection, timeout, 5xx, 408 or 429: retry with backoff
     * @throws SmsRejectedException     this message cannot be sent (bad number, refused content): dead-letter
     */
    SmsAccepted send(SmsMessage m) throws SmsTransientException, SmsRejectedException;

    /** How this gateway cuts long texts; the hub counts segments the same way. */
    default Splitting splitting() {
        return Splitting.WHOLE_CHARACTERS;
    }
}
