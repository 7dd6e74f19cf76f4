package se.vardnav.guest;

/**
 * A guest of a booking (interpreter, relative, …) as the platform gave it: a stable key (a hash, never
 * the identifier or a contact detail itself), the role, and an E.164 mobile number and/or an e-mail address.
 *
 * @param participant the contained RelatedPerson's id in the posted Appointment, so the answer can point back
 * @param platformId  the platform's identifier of the guest, if it sent one (echoed in the answer)
 */
public record GuestContact(String key, String role, String phone, String email, String participant, String platformId) {

    public boolean bySms() {
        return phone != null;
    }

    public boolean byEmail() {
        return email != null;
    }

    /** Never the number, the address or a name. */
    @Override
    public String toString() {
        return "GuestContact[" + key.substring(0, Math.min(8, key.length())) + ", " + role + (bySms() ? ", sms" : "") + (byEmail() ? ", email" : "") + "]";
    }
}
