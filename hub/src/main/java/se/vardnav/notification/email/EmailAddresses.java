package se.vardnav.notification.email;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** Whether an e-mail address can be sent to: RFC 822 syntax, strictly, and a domain with a dot. */
public final class EmailAddresses {
    private EmailAddresses() {}

    public static boolean valid(String address) {
        if (address == null || address.isBlank() || address.length() > 254) {
            return false;
        }
        try {
            InternetAddress parsed = new InternetAddress(address.trim(), true);
            parsed.validate();
            String a = parsed.getAddress();
            int at = a.lastIndexOf('@');
            // a bare address only (no display name), and a domain a public mail server can route to
            return parsed.getPersonal() == null && at > 0 && a.indexOf('.', at) > at + 1 && !a.endsWith(".")
                    && a.equals(address.trim());
        } catch (AddressException e) {
            return false;
        }
    }
}
