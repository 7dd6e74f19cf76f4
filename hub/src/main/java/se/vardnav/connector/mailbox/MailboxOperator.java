package se.vardnav.connector.mailbox;

/**
 * One mailbox operator (Kivra, Min myndighetspost, Billo, ...) as the hub delivers to it: by
 * Mina meddelanden {@code deliverSecure} to the operator's service address, or by the operator's
 * own REST API. Each operator has its own queue, so one that is down blocks no other.
 */
public interface MailboxOperator {

    /** The operator's ServiceSupplier id (its org number prefixed 16), as the Recipient service names it. */
    String id();

    /**
     * Delivers the letter once; delivering the same letter again (same letter id) must have no second effect.
     *
     * @throws MailboxUnavailableException on timeouts, 5xx, refused connections: retried
     * @throws MailboxRefusedException when the operator refuses the recipient or the content: to the print list
     */
    MailboxReceipt deliver(MailboxLetter letter);
}
