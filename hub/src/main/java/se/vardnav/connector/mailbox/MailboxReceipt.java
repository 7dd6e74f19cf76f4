package se.vardnav.connector.mailbox;

/** The operator took the letter: which operator, and its transaction id or object key. */
public record MailboxReceipt(String operatorId, String operatorName, String transactionId) {
}
