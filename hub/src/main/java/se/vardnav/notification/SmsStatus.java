package se.vardnav.notification;

import se.vardnav.connector.sms.DeliveryReport;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Where an SMS is, as {@code sms_send.status}. Statuses only move to a higher rank: reports arrive out of order
 * (Kannel may call "delivered" before "handed to the SMSC", a gateway may repeat a report), and a final one is
 * never replaced, except the hub's own "not sent" by the gateway's final word on the same SMS (Kannel reports
 * 16 for a message it also refused with 403, in either order).
 */
public enum SmsStatus {
    /** Recorded, about to be handed to the gateway (or a try failed and will be repeated). */
    PENDING(0),
    /** The gateway took it. */
    ACCEPTED(1),
    /** Handed to the operator's SMSC (Kannel 8). */
    SENT_TO_SMSC(2),
    /** Buffered at the SMSC, e.g. the phone is off (Kannel 4, SMPP ENROUTE/ACCEPTD). */
    QUEUED(3),
    /** The hub gave up on it: dead-lettered with a reason (invalid number, too long, refused by the gateway). */
    NOT_SENT(4),
    /** On the phone. */
    DELIVERED(5),
    /** Not delivered to the phone (Kannel 2, 46elks "failed", SMPP UNDELIV/EXPIRED). */
    FAILED(5),
    /** The SMSC would not take it (Kannel 16). */
    REJECTED(5);

    /** Statuses in which a send may be tried (again): the gateway does not have the message. */
    static final String RESENDABLE_SQL = "'PENDING', 'NOT_SENT', 'REJECTED'";
    /** Statuses the hub itself sets and an answer of the gateway may replace. */
    static final String OPEN_SQL = "'PENDING', 'NOT_SENT'";
    /** The rank of the row's current status, in SQL, so that a report is applied in one atomic UPDATE. */
    static final String RANK_SQL = Arrays.stream(values())
            .map(s -> "WHEN '" + s.name() + "' THEN " + s.rank)
            .collect(Collectors.joining(" ", "(CASE status ", " ELSE 0 END)"));

    private final int rank;

    SmsStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public boolean isFinal() {
        return rank >= NOT_SENT.rank;
    }

    /** The gateway has this message, so sending it again would send it twice. */
    public boolean taken() {
        return this != PENDING && this != NOT_SENT && this != REJECTED;
    }

    public static SmsStatus of(DeliveryReport.Status reported) {
        return switch (reported) {
            case DELIVERED -> DELIVERED;
            case FAILED -> FAILED;
            case QUEUED -> QUEUED;
            case SENT_TO_SMSC -> SENT_TO_SMSC;
            case REJECTED -> REJECTED;
        };
    }
}
