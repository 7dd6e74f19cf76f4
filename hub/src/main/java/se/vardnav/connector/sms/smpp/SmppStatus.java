package se.vardnav.connector.sms.smpp;

import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;

import java.io.IOException;
import java.util.Locale;
import java.util.OptionalInt;

/** Pure mapping of SMPP receipt states and command_status errors to what the hub does next. */
public final class SmppStatus {
    public enum Outcome { DELIVERED, FAILED, PENDING }

    public static final int ESME_RSYSERR = 0x08;
    public static final int ESME_RINVSRCADR = 0x0A;
    public static final int ESME_RBINDFAIL = 0x0D;
    public static final int ESME_RINVPASWD = 0x0E;
    public static final int ESME_RINVSYSID = 0x0F;
    public static final int ESME_RINVDSTADR = 0x0B;
    public static final int ESME_RMSGQFUL = 0x14;
    public static final int ESME_RTHROTTLED = 0x58;

    private SmppStatus() {
    }

    /**
     * The stat: of a delivery receipt (CamelSmppStatus). ACCEPTD, UNKNOWN and ENROUTE are not a
     * final answer about the handset, so they stay PENDING until the hub's own timeout.
     */
    public static Outcome ofReceipt(Object stat) {
        if (stat == null) {
            return Outcome.PENDING;
        }
        return switch (stat.toString().trim().toUpperCase(Locale.ROOT)) {
            case "DELIVRD" -> Outcome.DELIVERED;
            case "EXPIRED", "DELETED", "UNDELIV", "REJECTD" -> Outcome.FAILED;
            default -> Outcome.PENDING;
        };
    }

    /** Throttling, SMSC system error and a full queue pass; everything else fails the same way again. */
    public static boolean isTransient(int commandStatus) {
        return commandStatus == ESME_RTHROTTLED || commandStatus == ESME_RSYSERR || commandStatus == ESME_RMSGQFUL;
    }

    /** A refused bind (wrong system_id or password, bind not allowed): no message gets through until it is fixed. */
    public static boolean isConfigurationFault(int commandStatus) {
        return commandStatus == ESME_RBINDFAIL || commandStatus == ESME_RINVPASWD || commandStatus == ESME_RINVSYSID;
    }

    /** The command_status of the first negative SMPP response in the cause chain. */
    public static OptionalInt commandStatusOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NegativeResponseException nre) {
                return OptionalInt.of(nre.getCommandStatus());
            }
        }
        return OptionalInt.empty();
    }

    /**
     * Whether a failed send may be retried: by command_status if the SMSC answered, otherwise
     * transient for timeouts and I/O (SMSC down, no session), permanent for anything else.
     */
    public static boolean isTransient(Throwable failure) {
        OptionalInt status = commandStatusOf(failure);
        if (status.isPresent()) {
            return isTransient(status.getAsInt());
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException || t instanceof ResponseTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
