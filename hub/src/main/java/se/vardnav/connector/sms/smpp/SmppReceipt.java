package se.vardnav.connector.sms.smpp;

import se.vardnav.connector.sms.DeliveryReport;

/**
 * A delivery receipt as the hub needs it.
 *
 * @param messageId the SMSC message id, as answered to submit_sm (CamelSmppId)
 * @param stat      the receipt's stat: field, e.g. DELIVRD, UNDELIV
 * @param error     the receipt's err: field, network specific
 */
public record SmppReceipt(String messageId, String stat, SmppStatus.Outcome outcome, String error) {

    /** As a delivery report: ACCEPTD, ENROUTE and the like are "still queued at the SMSC". */
    public DeliveryReport.Status status() {
        return switch (outcome) {
            case DELIVERED -> DeliveryReport.Status.DELIVERED;
            case FAILED -> DeliveryReport.Status.FAILED;
            case PENDING -> DeliveryReport.Status.QUEUED;
        };
    }
}
