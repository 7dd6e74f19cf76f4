package se.vardnav.connector.sms.smpp;

/** One SMS to send over SMPP; mirrors the shared SmsMessage so the lead can map one to the other. */
public record SmppSubmit(String businessKey, String from, String to, String text, boolean unicode) {
}
