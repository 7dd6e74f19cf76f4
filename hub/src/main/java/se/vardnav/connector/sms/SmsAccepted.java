package se.vardnav.connector.sms;

import java.util.Objects;

/** The gateway took the message; {@code gatewayId} is what its delivery reports will refer to. */
public record SmsAccepted(String gatewayId) {
    public SmsAccepted {
        Objects.requireNonNull(gatewayId, "gatewayId");
    }
}
