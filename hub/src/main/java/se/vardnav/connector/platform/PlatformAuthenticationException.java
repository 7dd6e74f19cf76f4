package se.vardnav.connector.platform;

/**
 * The hub could not sign in to the platform: its token endpoint refused the client credentials, or the platform
 * refused a token fetched a moment ago. A setting to fix, not the message's fault: it is retried like an
 * unavailable platform (the message waits on its queue, the reason in the log and on the console) and flows
 * once the credentials are right.
 */
public class PlatformAuthenticationException extends PlatformTransientException {
    public PlatformAuthenticationException(String message, int statusCode) {
        super(message, statusCode, null);
    }
}
