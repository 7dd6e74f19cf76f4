package se.vardnav.sim.platform;

/**
 * A guest staff invite to a booking in the platform ("Bjud in deltagare"): the platform's id of the guest,
 * the role (interpreter, relative, other), a name, and a mobile number and/or an e-mail address.
 */
public record Guest(String id, String role, String family, String given, String phone, String email) {

    public static Guest interpreter(String id, String family, String given, String phone, String email) {
        return new Guest(id, "interpreter", family, given, phone, email);
    }

    public static Guest relative(String id, String family, String given, String phone, String email) {
        return new Guest(id, "relative", family, given, phone, email);
    }

    /** Never the name, number or address. */
    @Override
    public String toString() {
        return "Guest[" + id + ", " + role + "]";
    }
}
