package se.vardnav.connector.sms;

/** An operator's SMS gateway. Implementations sort every failure into transient (retry) or rejected (dead-letter). */
public interface SmsGateway {
    /**
     * @throws SmsTransientException refused connection, timeout, 5xx, 408 or 429: retry with backoff
     * @throws SmsRejectedException any other 4xx: retrying the same message will not help
     */
    SmsAccepted send(SmsMessage m) throws SmsTransientException, SmsRejectedException;
}
