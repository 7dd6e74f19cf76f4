package se.vardnav.connector.mailbox;

import java.util.regex.Pattern;

/**
 * A Mina meddelanden {@code applicationFault} ({@code Common/v3} ExceptionInformation): ErrorCode (int),
 * Description and CallId. The description is the peer's text and may echo a personnummer or a name, so
 * only {@link #summary()}, with digit runs masked and its length bounded, ever reaches a log, a print
 * reason or a dead letter.
 */
public record MailboxFault(int errorCode, String description, String callId) {
    private static final Pattern DIGITS = Pattern.compile("\\d[\\d -]{4,}\\d");
    private static final int MAX_DESCRIPTION = 120;

    /** "ErrorCode 1234 (description, numbers masked) CallId ..." */
    public String summary() {
        String d = description == null ? "" : DIGITS.matcher(description.strip()).replaceAll("***");
        d = d.replaceAll("[\\r\\n\\t]+", " ");
        if (d.length() > MAX_DESCRIPTION) {
            d = d.substring(0, MAX_DESCRIPTION) + "…";
        }
        String call = callId == null ? "" : DIGITS.matcher(callId).replaceAll("***");
        return "ErrorCode " + errorCode + (d.isEmpty() ? "" : " (" + d + ")") + (call.isEmpty() ? "" : " CallId " + call);
    }

    @Override
    public String toString() {
        return "MailboxFault[" + summary() + "]";
    }
}
