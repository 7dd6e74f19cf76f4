package se.vardnav.console.deadletter;

import se.vardnav.audit.AccessLog;
import se.vardnav.audit.AuditAction;

/**
 * Dead letters in the PDL audit log. A view is logged for a message whose keys (booking, letter) point to a patient;
 * a replay or discard always, as it acts on content that may hold personal data even when no key names the patient.
 */
public final class DeadLetterAudit {
    private DeadLetterAudit() {
    }

    public static void record(AccessLog log, AuditAction action, DeadLetter d) {
        boolean keyed = d.keys().bookingId() != null || d.keys().letterId() != null;
        if (keyed || action != AuditAction.DEAD_LETTER_VIEW) {
            log.keys(action, d.keys().bookingId(), d.keys().letterId(), "dead letter " + d.queue() + " " + d.messageId());
        }
    }
}
