package se.vardnav.visit;

/** The journal system answered AE: the message is wrong for it and goes to the dead-letter queue with the reason. */
public class JournalRejectedException extends Exception {
    public JournalRejectedException(String reason) {
        super(reason);
    }
}
