package se.vardnav.broker;

/**
 * Names of the routes in {@code routes/*.yaml} and of the in-process endpoints between them, for the Java
 * that calls a route and for the route-contract tests. The YAML defines each once; Java names it only here.
 */
public final class HubRoutes {
    private HubRoutes() {}

    /** A list of notices (SMS and e-mail, mixed): each to the route of its queue. */
    public static final String NOTIFY = "direct:notify";
    /** One {@code SmsRequest} -> notify.sms: the only writer of that queue. */
    public static final String NOTIFY_SMS = "direct:notify-sms";
    /** Stored reminder SMS, a batch in one broker transaction -> notify.sms (the reminders' measured faster path). */
    public static final String NOTIFY_SMS_BATCH = "direct:notify-sms-batch";
    /** One {@code EmailRequest} -> notify.email: the only writer of that queue. */
    public static final String NOTIFY_EMAIL = "direct:notify-email";
    /** Due reminders, a batch at a time, to notify.sms (what the reminders timer runs). */
    public static final String REMINDERS_FIRE = "direct:reminders-fire";
    /** One {@code EmailRequest} -> the region's SMTP server. */
    public static final String SMTP = "direct:smtp";
    /** An accepted booking event (from any intake) -> hub.appointment: the only writer of that queue. */
    public static final String ENQUEUE_APPOINTMENT = "direct:enqueue-appointment";
    /** The booking events of one resync ("Uppdatera nu"), in one broker transaction -> enqueue-appointment. */
    public static final String ENQUEUE_APPOINTMENTS_BATCH = "direct:enqueue-appointments-batch";
    /** "Uppdatera nu" over HL7: one SQM^S25 to the journal's MLLP listener; its SQR^S25 comes back as the acknowledgement. */
    public static final String JOURNAL_SCHEDULE_QUERY = "direct:journal-schedule-query";
    /** A staff signal id (a patient wrote in an asynchronous case) -> the staff-signal queue: its only writer. */
    public static final String ENQUEUE_STAFF_SIGNAL = "direct:enqueue-staff-signal";
    /** A failed exchange -> DLQ.&lt;queue&gt; with the reason. */
    public static final String DEAD_LETTER = "direct:dead-letter";

    // route ids, as in routes/*.yaml
    public static final String BOOKING_POLICY = "booking-policy";
    public static final String INTAKE_MESSAGE_RETENTION = "intake-message-retention";
    public static final String EMAIL_DELIVERY = "email-delivery";
    public static final String NOTIFY_EMAIL_ROUTE = "notify-email";
    public static final String SMTP_SEND = "smtp-send";
    public static final String DEAD_LETTER_ROUTE = "dead-letter";
    public static final String JOURNAL_HL7_IN = "journal-hl7-in";
    public static final String JOURNAL_REPLAY = "journal-replay";
    public static final String JOURNAL_FHIR_IN = "journal-fhir-in";
    public static final String LETTER_INTAKE = "letter-intake";
    public static final String LETTER_DROP = "letter-drop";
    public static final String LETTER_ROUTING = "letter-routing";
    public static final String LETTER_PLATFORM = "letter-platform";
    public static final String LETTER_ESCALATIONS = "letter-escalations";
    public static final String PLATFORM_DELIVERY = "platform-delivery";
    public static final String REMINDERS = "reminders";
    public static final String REMINDER_RECHECKS = "reminder-rechecks";
    public static final String CHAT_NOTICES = "chat-notices";
    public static final String CHAT_NOTICE_FIRE = "chat-notice-fire";
    public static final String SMS_DELIVERY = "sms-delivery";
    public static final String NOTIFY_ROUTE = "notify";
    public static final String NOTIFY_SMS_ROUTE = "notify-sms";
    public static final String NOTIFY_SMS_BATCH_ROUTE = "notify-sms-batch";
    public static final String ENQUEUE_APPOINTMENTS_BATCH_ROUTE = "enqueue-appointments-batch";
    public static final String VISIT_IN = "visit-in";
    public static final String VISIT_JOURNAL = "visit-journal";
    public static final String VISIT_JOURNAL_DELIVERY = "visit-journal-delivery";
    public static final String VISIT_STAFF_SIGNAL = "visit-staff-signal";
    public static final String JOURNAL_VISIT_SEND = "journal-visit-send";
    public static final String JOURNAL_SCHEDULE_QUERY_ROUTE = "journal-schedule-query";
    public static final String ENQUEUE_STAFF_SIGNAL_ROUTE = "enqueue-staff-signal";
    public static final String DATA_RETENTION = "data-retention";
}
