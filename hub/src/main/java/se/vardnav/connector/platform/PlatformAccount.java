package se.vardnav.connector.platform;

import java.util.Optional;

/**
 * A patient's account in the visit platform, as the platform reports it. {@code active == false}
 * is a patient-blocked account (spärrat konto): it sees nothing, and nothing is sent about it.
 * The contact details are what the patient registered in the app; either may be absent.
 */
public record PlatformAccount(String platformId, boolean active, String mobile, String email) {

    public Optional<String> mobileNumber() {
        return Optional.ofNullable(mobile).filter(m -> !m.isBlank());
    }

    public Optional<String> emailAddress() {
        return Optional.ofNullable(email).filter(m -> !m.isBlank());
    }

    /** Never the contact details. */
    @Override
    public String toString() {
        return "PlatformAccount[" + platformId + ", active=" + active + "]";
    }
}
