package se.vardnav.connector.register;

/**
 * The register could not answer now (refused connection, timeout, HTTP 5xx, SOAP server fault).
 * Transient: the booking waits and the lookup is retried. Messages never carry personal data.
 */
public class RegisterUnavailableException extends RuntimeException {
    public RegisterUnavailableException(String message) {
        super(message);
    }

    public RegisterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
