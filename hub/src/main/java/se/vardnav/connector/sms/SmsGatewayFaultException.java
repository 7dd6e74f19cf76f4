package se.vardnav.connector.sms;

/**
 * The gateway refuses every message until its configuration is fixed: wrong credentials (401/403), an unknown
 * account, a wrong address (404/405). Not the message's fault, so it is not dead-lettered: it waits and is
 * retried with backoff like any outage, and the gateway shows as failing in health and metrics.
 */
public class SmsGatewayFaultException extends SmsTransientException {
    public SmsGatewayFaultException(String message, int statusCode) {
        super(message, statusCode, null);
    }
}
