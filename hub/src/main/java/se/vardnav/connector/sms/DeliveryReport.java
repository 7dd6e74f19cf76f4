package se.vardnav.connector.sms;

import java.time.Instant;
import java.util.Objects;

/**
 * A gateway's word on one sent SMS. 46elks reports carry the gateway id only; Kannel's carry the
 * business key, which is also the gateway id the Kannel connector returned.
 */
public record DeliveryReport(String gatewayId, String businessKey, Status status, Instant at) {
    public enum Status {
        /** On the phone. */
        DELIVERED(true),
        /** Not delivered to the phone (46elks "failed", Kannel 2). */
        FAILED(true),
        /** Buffered at the operator's SMSC (Kannel 4). */
        QUEUED(false),
        /** Handed to the operator's SMSC (Kannel 8). */
        SENT_TO_SMSC(false),
        /** The SMSC would not take it (Kannel 16). */
        REJECTED(true);

        private final boolean isFinal;

        Status(boolean isFinal) {
            this.isFinal = isFinal;
        }

        /** No later report will change the outcome. */
        public boolean isFinal() {
            return isFinal;
        }
    }

    public DeliveryReport {
        if (gatewayId == null && businessKey == null) {
            throw new IllegalArgumentException("a delivery report needs a gateway id or a business key");
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
    }
}
