package se.vardnav.audit;

/** What a person did with a patient's data, as the audit log names it. */
public enum AuditAction {
    /** the print list (JSON or console page) showed the patient's row */
    PRINT_LIST_VIEW,
    /** one print list row was read */
    PRINT_ITEM_VIEW,
    /** the print log showed an entry about the patient */
    PRINT_LOG_VIEW,
    /** the patient's letter was printed */
    PRINT,
    /** the patient's print list row was marked handled, or the mark undone */
    PRINT_MARK_HANDLED,
    PRINT_UNDO_HANDLED,
    /** the letters' status report (JSON, CSV or console page) showed the patient's letter */
    REPORT_ROW,
    /** a dead letter about the patient was shown, replayed or discarded */
    DEAD_LETTER_VIEW,
    DEAD_LETTER_REPLAY,
    DEAD_LETTER_DISCARD,
    /** the console's journey of a booking or letter of the patient was looked up */
    JOURNEY_VIEW,
    /** the notifications (FHIR Communication) of the patient's booking were read */
    COMMUNICATION_READ
}
