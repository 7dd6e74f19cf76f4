package se.vardnav.connector.mailbox;

/**
 * Asks the national Recipient service (Mina meddelanden {@code isReachable}) whether a person can
 * receive digital mail from this sender, and through which mailbox operator.
 */
public interface MailboxDirectory {

    /**
     * @param personnummer the recipient, 12 digits
     * @throws MailboxUnavailableException when the service cannot be asked (the letter waits and is retried)
     */
    Reachability isReachable(String personnummer);
}
