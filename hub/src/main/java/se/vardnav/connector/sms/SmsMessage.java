package se.vardnav.connector.sms;

import se.vardnav.identity.Masking;

import java.util.Objects;

/**
 * One SMS to send. {@code businessKey} correlates delivery reports with the hub's notification;
 * {@code to} is E.164 ({@code +46…}); {@code unicode} asks for UCS-2 where the gateway needs to be told.
 */
public record SmsMessage(String businessKey, String from, String to, String text, boolean unicode) {
    public SmsMessage {
        Objects.requireNonNull(businessKey, "businessKey");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
    }

    /** Masked: a record's default toString would put the number and the text into any log line. */
    @Override
    public String toString() {
        return "SmsMessage[businessKey=" + businessKey + ", to=" + Masking.phone(to)
                + ", length=" + text.length() + ", unicode=" + unicode + "]";
    }
}
