package se.vardnav.connector.sms.smpp;

/**
 * A delivery receipt as the hub needs it.
 *
 * @param messageId the SMSC message id, as answered to submit_sm (CamelSmppId)
 * @param stat      the receipt's stat: field, e.g. DELIVRD, UNDELIV
 * @param error     the receipt's err: field, network specific
 */
public record SmppReceipt(String messageId, String stat, SmppStatus.Outcome outcome, String error) {
}
