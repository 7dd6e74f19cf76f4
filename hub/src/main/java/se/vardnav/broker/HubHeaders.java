package se.vardnav.broker;

/** The names of the message headers and exchange properties that routes and beans share: one place for them all. */
public final class HubHeaders {
    private HubHeaders() {}

    /** JMS message group: one booking's events are consumed in order. */
    public static final String GROUP = "JMSXGroupID";
    /** Artemis duplicate detection: a resent message with the same id is dropped by the broker. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    public static final String BOOKING_ID = "vardnavBookingId";
    public static final String VERSION = "vardnavVersion";
    /** "deliver" or "withheld", set by the policy step. */
    public static final String DECISION = "vardnavDecision";
    /** true when a withheld event must take back what the platform already shows. */
    public static final String RETRACT = "vardnavRetract";

    // visits
    public static final String VISIT_ID = "vardnavVisitId";
    public static final String VISIT_VERSION = "vardnavVisitVersion";

    /** The journal message's kind (A04, A03, A08, T02), for the dead-letter view and the sender. */
    public static final String JOURNAL_EVENT = "vardnavJournalEvent";

    /** Whether (and whom) a booking or letter event should notify, set by the flow that decides it. */
    public static final String NOTIFY = "vardnavNotify";

    /** Exchange property: the privacy policy's decision on a booking event. */
    public static final String POLICY_DECISION_PROPERTY = "vardnavPolicyDecision";

    /** The event parsed once per exchange: HAPI parsing is the costly part of each step. */
    public static final String BOOKING_EVENT_PROPERTY = "vardnavBookingEvent";

    /** What the journal intake made of an HL7 message (accepted, duplicate, refused), for the ACK. */
    public static final String INTAKE_OUTCOME = "vardnavIntake";

    // letters: where the router sends a letter
    public static final String LETTER_TO_PLATFORM = "vardnavLetterToPlatform";
    public static final String LETTER_MAILBOX_QUEUE = "vardnavLetterMailboxQueue";
    public static final String LETTER_OPERATOR = "vardnavLetterOperator";
    public static final String LETTER_ID = "vardnavLetterId";

    // dead letters: why, from where and when (deadletter.DeadLetters)
    public static final String DEAD_LETTER_REASON = "vardnavDeadLetterReason";
    public static final String DEAD_LETTER_ORIGIN = "vardnavDeadLetterOrigin";
    public static final String DEAD_LETTER_AT = "vardnavDeadLetterAt";

    /** Where the DLQ route sends it: DLQ.<origin>. */
    public static final String DEAD_LETTER_QUEUE = "vardnavDeadLetterQueue";

    /** Survives a replay (unlike the vardnavDeadLetter* headers): ties every dead-lettering of one message together. */
    public static final String TRACE = "vardnavTrace";

    /** How often the message was tried before it was given up (1 for a refusal at intake). */
    public static final String DEAD_LETTER_ATTEMPTS = "vardnavDeadLetterAttempts";

    /** "text" or "bytes": the body is sealed (personal data at rest, atrest.QueuePayloads), and what it was before. */
    public static final String SEALED = "vardnavSealed";
    /** The id of the key a sealed body is sealed with (a rotation can see what is left under an old key). */
    public static final String KEY_ID = "vardnavKeyId";
    /** A sealed notice's business key, beside it in clear so the console finds the dead letter without opening it. */
    public static final String NOTICE_KEY = "vardnavNoticeKey";
}
