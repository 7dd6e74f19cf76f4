package se.vardnav.sim.mailbox;

import java.util.List;

/**
 * A deliverSecure an operator simulator accepted (duplicates by Reference are not recorded twice).
 *
 * @param signedDeliveryVerified the sender's signature over SignedDelivery verified
 * @param sealVerified           the signature over SealedDelivery verified
 */
public record ReceivedDelivery(String transId, String senderId, String recipient, String reference, String correlationId,
                               String subject, String bodyText, List<ReceivedAttachment> attachments,
                               boolean signedDeliveryVerified, boolean sealVerified) {

    /**
     * @param checksum    the Checksum the sender declared
     * @param checksumOk  it equals the MD5 of the decoded body
     */
    public record ReceivedAttachment(String filename, String contentType, String checksum, boolean checksumOk, int size) {}

    @Override
    public String toString() {
        return "ReceivedDelivery[" + reference + ", " + transId + "]";
    }
}
