package se.vardnav.connector.mailbox;

import java.util.Set;

/**
 * Which Mina meddelanden ErrorCodes are worth retrying. The published contract (Common/v3
 * ExceptionInformation) defines ErrorCode as an int 1–9998 and lists no values, so the codes are
 * configuration ({@code vardnav.mailbox.transient-error-codes}); every other code is permanent. The table
 * and its reasoning are in connectors/mailbox/README.md ("Faults").
 */
public record MailboxFaultPolicy(Set<Integer> transientCodes) {

    public MailboxFaultPolicy {
        transientCodes = transientCodes == null ? Set.of() : Set.copyOf(transientCodes);
    }

    public static MailboxFaultPolicy allPermanent() {
        return new MailboxFaultPolicy(Set.of());
    }

    public boolean isTransient(MailboxFault fault) {
        return transientCodes.contains(fault.errorCode());
    }

    /** The exception the letter flow acts on: transient → retried with backoff; permanent → refused (paper / platform only). */
    public RuntimeException toException(String what, MailboxFault fault) {
        String message = what + ": applicationFault " + fault.summary();
        return isTransient(fault) ? new MailboxUnavailableException(message) : new MailboxRefusedException(message, fault);
    }
}
